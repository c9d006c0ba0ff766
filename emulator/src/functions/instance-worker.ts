/**
 * The entry of one function instance (a worker thread, bundled by instance-worker-script.ts). It loads the
 * function's bundle once (module scope runs once per instance, as in SCF), then runs one invocation at a time:
 * sets that invocation's identity variables in this thread's own process.env (where wx-server-sdk reads them),
 * moves the virtual clock, calls `main(event, context)` and posts back the JSON of the result.
 */
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from './describe-error';
import { installVirtualDate } from './virtual-date';
import {
  PER_INVOCATION_ENV_KEYS,
  type InstanceMessage,
  type InstanceWorkerData,
  type InvokeMessage,
} from './worker-protocol';

type Handler = (event: unknown, context: unknown, callback?: (error: unknown, value?: unknown) => void) => unknown;

if (!parentPort) throw new Error('instance-worker must run in a worker thread');
const port = parentPort;
const { bundleFile, clockOffsetMs } = workerData as InstanceWorkerData;
const post = (message: InstanceMessage): void => port.postMessage(message);

process.setSourceMapsEnabled(true);
process.env = inThreadEnvironment(process.env);
const clock = installVirtualDate();
clock.setOffset(clockOffsetMs);

// Log lines carry the request id explicitly: worker stdout reaches the runner on another channel than messages,
// so a line printed just before returning could otherwise be attributed to the next invocation.
let currentRequestId = '-';
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[method] = (...args: unknown[]) => post({ type: 'log', requestId: currentRequestId, text: format(...args) });
}

const main = loadMain();
if (main) {
  port.on('message', (message: InvokeMessage) => void invoke(message, main));
  post({ type: 'ready' });
}

/**
 * A worker thread's own process.env is a native store: every read crosses into C++ (~0.5 µs), and node-sdk reads
 * some thirty variables per request. An SCF instance is a process whose env reads are cheap, so the instance gets
 * a plain JS copy with the same semantics: values are stored as strings, deletes and enumeration work as usual.
 */
function inThreadEnvironment(native: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return new Proxy({ ...native } as NodeJS.ProcessEnv, {
    set(target, key, value: unknown) {
      if (typeof key === 'string') target[key] = String(value);
      return true;
    },
    defineProperty(target, key, descriptor) {
      if (typeof key !== 'string' || !('value' in descriptor)) return false;
      target[key] = String(descriptor.value);
      return true;
    },
  });
}

function loadMain(): Handler | undefined {
  try {
    // The bundle's path is known only at run time, and a worker loads it as CommonJS, as SCF does.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(bundleFile) as { main?: unknown };
    if (typeof exported.main !== 'function') throw new Error('The function does not export `main`');
    return exported.main as Handler;
  } catch (error) {
    post({ type: 'loadFailed', error: describeError(error) });
    return undefined;
  }
}

async function invoke(message: InvokeMessage, handler: Handler): Promise<void> {
  currentRequestId = message.requestId;
  for (const key of PER_INVOCATION_ENV_KEYS) delete process.env[key];
  Object.assign(process.env, message.invocationEnv);
  clock.setOffset(message.clockOffsetMs);
  try {
    const value = await callHandler(handler, JSON.parse(message.eventJson), message.context);
    post({ type: 'result', requestId: message.requestId, ok: true, resultJson: JSON.stringify(value) ?? 'null' });
  } catch (error) {
    post({ type: 'result', requestId: message.requestId, ok: false, error: describeError(error) });
  }
}

/** SCF accepts async handlers and the older `(event, context, callback)` form. */
function callHandler(handler: Handler, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
    const usesCallback = handler.length >= 3;
    if (isThenable(returned)) returned.then(resolve, reject);
    else if (!usesCallback) resolve(returned);
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
