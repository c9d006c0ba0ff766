import { VirtualClock } from '../../src/clock';
import { createTimerScheduler, type TimerScheduler } from '../../src/timers';
import type { Caller, FunctionInfo, InvokeOutcome } from '../../src/types';

interface Invocation {
  name: string;
  event: { Type: string; TriggerName: string; Time: string; Message: string };
  caller: Caller;
  finishedAt?: number;
}

function functionWith(name: string, triggers: Array<[string, string]>): FunctionInfo {
  return {
    name,
    timeoutMs: 3000,
    triggers: triggers.map(([triggerName, config]) => ({ name: triggerName, type: 'timer' as const, config })),
    openapiPermissions: [],
    envVariables: {},
  };
}

/** 2024-03-01 09:00:00 in Shanghai. */
const START = Date.parse('2024-03-01T01:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

describe('timer scheduler', () => {
  let clock: VirtualClock;
  let functions: FunctionInfo[];
  let invocations: Invocation[];
  let logLines: string[];
  let scheduler: TimerScheduler;

  beforeEach(async () => {
    clock = new VirtualClock();
    await clock.set(START);
    functions = [
      functionWith('settle', [['daily', '0 0 2 * * * *']]),
      functionWith('heartbeat', [['every5s', '*/5 * * * * * *']]),
      functionWith('newYear', [['once', '0 0 0 1 1 * 2030']]),
    ];
    invocations = [];
    logLines = [];
    scheduler = createTimerScheduler({
      clock,
      functions: () => functions,
      log: (line) => logLines.push(line),
      invoke: async (name, event, caller): Promise<InvokeOutcome> => {
        const invocation: Invocation = { name, event: event as Invocation['event'], caller };
        invocations.push(invocation);
        await new Promise((resolve) => setTimeout(resolve, 20));
        invocation.finishedAt = Date.now();
        return { ok: true, result: null, requestId: `r${invocations.length}` };
      },
    });
  });

  afterEach(() => scheduler.stop());

  it('fires each trigger whose schedule passed during a jump exactly once, and awaits the runs', async () => {
    await clock.advance(3 * DAY);

    expect(invocations.map((i) => i.name).sort()).toEqual(['heartbeat', 'settle']);
    expect(invocations.every((i) => i.finishedAt !== undefined)).toBe(true);
    const settle = invocations.find((i) => i.name === 'settle');
    // The latest due slot: 02:00 Shanghai on 2024-03-04.
    expect(settle?.event).toEqual({ Type: 'Timer', TriggerName: 'daily', Time: '2024-03-03T18:00:00Z', Message: '' });
    expect(settle?.caller).toEqual({ source: 'wx_trigger' });
  });

  it('does not fire again until the next slot passes', async () => {
    await clock.advance(3 * DAY);
    invocations = [];
    await clock.advance(5000);
    expect(invocations.map((i) => i.name)).toEqual(['heartbeat']);
    invocations = [];
    await clock.advance(DAY);
    expect(invocations.map((i) => i.name).sort()).toEqual(['heartbeat', 'settle']);
  });

  it('restarts schedules from the new present after a jump back in time', async () => {
    await clock.advance(DAY);
    invocations = [];
    await clock.set(START - DAY);
    expect(invocations).toEqual([]);
    await clock.advance(DAY);
    expect(invocations.map((i) => i.name).sort()).toEqual(['heartbeat', 'settle']);
  });

  it('counts a trigger that appeared before a jump from the pre-jump time', async () => {
    functions.push(functionWith('report', [['weekly', '0 0 8 * * MON *']]));
    await clock.advance(7 * DAY);
    expect(invocations.map((i) => i.name)).toContain('report');
  });

  it('logs an invalid expression and keeps firing the others', async () => {
    functions.push(functionWith('broken', [['bad', '0 0 0 L * * *']]));
    await clock.advance(DAY);
    expect(invocations.map((i) => i.name).sort()).toEqual(['heartbeat', 'settle']);
    expect(logLines.join('\n')).toMatch(/broken\/bad never fires/);
  });

  it('without the ticker, fires only the slots inside the jump', async () => {
    // 09:00 Shanghai + 1 h: the 02:00 settlement slot is not inside the jump.
    await clock.advance(60 * 60 * 1000);
    expect(invocations.map((i) => i.name)).toEqual(['heartbeat']);
  });

  it('with the ticker running, a jump still fires each passed trigger once', async () => {
    // A long tick: a real-time tick crossing a 5 s boundary would add a heartbeat run.
    const ticking = createTimerScheduler({
      clock,
      functions: () => functions,
      tickMs: 60_000,
      invoke: async (name, event, caller) => {
        invocations.push({ name, event: event as Invocation['event'], caller });
        return { ok: true, result: null, requestId: 'r' };
      },
    });
    scheduler.stop();
    ticking.start();
    try {
      await clock.advance(2 * DAY);
      expect(invocations.map((i) => i.name).sort()).toEqual(['heartbeat', 'settle']);
    } finally {
      ticking.stop();
    }
  });

  it('stops watching the clock when stopped', async () => {
    scheduler.stop();
    await clock.advance(DAY);
    expect(invocations).toEqual([]);
  });

  it('fires a trigger by hand with the current virtual second as Time', async () => {
    const outcome = await scheduler.fire('settle', 'daily');
    expect(outcome.ok).toBe(true);
    expect(invocations[0]?.event.Time).toMatch(/^2024-03-01T01:00:0\dZ$/);
    const missing = await scheduler.fire('settle', 'nope');
    expect(missing).toMatchObject({ ok: false, code: 'FUNCTION_NOT_FOUND' });
  });

  it('fires on schedule in real time from the ticker', async () => {
    scheduler.stop();
    functions = [functionWith('tick', [['everySecond', '* * * * * * *']])];
    scheduler = createTimerScheduler({
      clock,
      functions: () => functions,
      tickMs: 25,
      invoke: async (name, event, caller) => {
        invocations.push({ name, event: event as Invocation['event'], caller });
        return { ok: true, result: null, requestId: 'r' };
      },
    });
    scheduler.start();
    const deadline = Date.now() + 2500;
    while (invocations.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(invocations[0]?.name).toBe('tick');
    expect(invocations[0]?.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
