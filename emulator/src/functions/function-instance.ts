/**
 * One warm instance of a function: a worker thread with its own process.env, running one invocation at a time.
 * It enforces the time limit by terminating the thread, and turns a crash (uncaught exception in a timer,
 * process.exit, out of memory) into a failed invocation instead of taking the emulator down.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { describeError } from './describe-error';
import type { InstanceMessage, InstanceWorkerData, InvokeMessage } from './worker-protocol';

export type InstanceOutcome =
  | { ok: true; resultJson: string }
  | { ok: false; code: 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_TIME_LIMIT_EXCEEDED'; message: string };

export interface InstanceOptions {
  workerScript: string;
  bundleFile: string;
  env: Record<string, string>;
  memorySizeMb: number;
  clockOffsetMs: number;
  /** Loading the bundle is not an invocation and gets its own, generous limit (SCF has a separate init timeout). */
  initTimeoutMs: number;
  onLog(requestId: string, text: string): void;
  onExit(instance: FunctionInstance): void;
}

interface PendingInvocation {
  requestId: string;
  timer: NodeJS.Timeout;
  settle(outcome: InstanceOutcome): void;
}

export class FunctionInstance {
  private readonly worker: Worker;
  private pending: PendingInvocation | undefined;
  private lastRequestId = '-';
  private isAlive = true;

  private constructor(private readonly options: InstanceOptions) {
    const workerData: InstanceWorkerData = { bundleFile: options.bundleFile, clockOffsetMs: options.clockOffsetMs };
    this.worker = new Worker(options.workerScript, {
      workerData,
      env: options.env,
      // The worker script and bundles are plain JavaScript: the emulator's own loader flags (tsx under
      // `npm start`, jest's hooks) would only slow every require of an instance's cold start.
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: options.memorySizeMb },
    });
    this.worker.on('message', (message: InstanceMessage) => this.onMessage(message));
    this.worker.on('error', (error) => this.die(`Function instance crashed: ${describeError(error)}`));
    this.worker.on('exit', (code) => {
      this.die(`Function instance exited with code ${code} during the invocation`);
      options.onExit(this);
    });
    this.forwardLines(this.worker.stdout);
    this.forwardLines(this.worker.stderr);
  }

  /** Starts a worker and resolves once the function's module has loaded; rejects with the load error. */
  static start(options: InstanceOptions): Promise<FunctionInstance> {
    const instance = new FunctionInstance(options);
    const { worker } = instance;
    return new Promise((resolve, reject) => {
      const onMessage = (message: InstanceMessage): void => {
        if (message.type === 'ready') {
          stopListening();
          resolve(instance);
        } else if (message.type === 'loadFailed') {
          fail(message.error);
        }
      };
      const onError = (error: unknown): void => fail(describeError(error));
      const onExit = (code: number): void => fail(`Function instance exited with code ${code} while loading`);
      const timer = setTimeout(
        () => fail(`Loading the function timed out after ${options.initTimeoutMs} ms`),
        options.initTimeoutMs,
      );
      const stopListening = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const fail = (reason: string): void => {
        stopListening();
        void instance.terminate();
        reject(new Error(reason));
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  }

  get alive(): boolean {
    return this.isAlive;
  }

  run(message: InvokeMessage, timeoutMs: number): Promise<InstanceOutcome> {
    if (this.pending) throw new Error('A function instance runs one invocation at a time');
    this.lastRequestId = message.requestId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle({
          ok: false,
          code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
          message: `Invoking task timed out after ${timeoutMs / 1000} seconds`,
        });
        void this.terminate();
      }, timeoutMs);
      this.pending = { requestId: message.requestId, timer, settle: resolve };
      this.worker.postMessage(message);
    });
  }

  async terminate(): Promise<void> {
    this.isAlive = false;
    await this.worker.terminate();
  }

  /** Stops the instance in the middle of its invocation, as a crash of the host would (fault injection). */
  kill(reason: string): void {
    this.die(reason);
    void this.terminate();
  }

  get runningRequestId(): string | undefined {
    return this.pending?.requestId;
  }

  private onMessage(message: InstanceMessage): void {
    if (message.type === 'log') this.options.onLog(message.requestId, message.text);
    if (message.type !== 'result' || message.requestId !== this.pending?.requestId) return;
    this.settle(
      message.ok
        ? { ok: true, resultJson: message.resultJson }
        : { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: message.error },
    );
  }

  private die(reason: string): void {
    this.isAlive = false;
    this.settle({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: reason });
  }

  private settle(outcome: InstanceOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.settle(outcome);
  }

  /** Output written around console (process.stdout.write, console.table) belongs to the latest invocation. */
  private forwardLines(stream: Readable): void {
    createInterface({ input: stream }).on('line', (line) => this.options.onLog(this.lastRequestId, line));
  }
}
