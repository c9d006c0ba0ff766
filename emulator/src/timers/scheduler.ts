/**
 * Fires timer triggers on the emulator's virtual clock.
 *
 * Two things make time pass: real time (the ticker, only once `start()`ed) and clock jumps (`clock.set/advance`,
 * watched from creation on, so tests can jump without a ticker). Either way a trigger whose next fire time has
 * been reached fires ONCE, for its latest due slot, however many slots were skipped: after jumping a week
 * ahead, a daily settlement job runs once, not seven times. Runs of one trigger may overlap, as on the
 * platform, so the ticker does not wait for invocations; a jump does, so the caller of `clock.set` sees the
 * effects of the timers it caused.
 */
import type { VirtualClock } from '../clock';
import type { FunctionInfo, FunctionRunner, InvokeOutcome, TimerTrigger } from '../types';
import { latestFireAtOrBefore, nextFireAfter } from './cron';

export interface TimerSchedulerOptions {
  clock: VirtualClock;
  functions: () => FunctionInfo[];
  invoke: FunctionRunner['invoke'];
  log?: (line: string) => void;
  tickMs?: number;
}

export interface TimerScheduler {
  /** Starts firing triggers in real time. */
  start(): void;
  /** Stops the ticker and stops watching clock jumps. */
  stop(): void;
  /** Fires a trigger now, regardless of its schedule (the event's Time is the current virtual second). */
  fire(functionName: string, triggerName: string): Promise<InvokeOutcome>;
  /** Forgets every schedule; they are recomputed from the clock's current time. */
  reset(): void;
}

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
  Message: string;
}

interface Schedule {
  config: string;
  /** undefined: the expression has no future run (or is invalid). */
  nextFireMs: number | undefined;
}

interface DueFire {
  functionName: string;
  trigger: TimerTrigger;
  scheduledMs: number;
}

/** `2019-02-21T11:49:00Z`: the platform's Time has no milliseconds. */
export function timerEventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function timerEvent(triggerName: string, scheduledMs: number): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: timerEventTime(scheduledMs), Message: '' };
}

export function createTimerScheduler(options: TimerSchedulerOptions): TimerScheduler {
  const { clock, functions, invoke } = options;
  const log = options.log ?? (() => undefined);
  const schedules = new Map<string, Schedule>();
  let ticker: NodeJS.Timeout | undefined;

  const keyOf = (functionName: string, triggerName: string) => `${functionName}\u0000${triggerName}`;

  function computeNext(functionName: string, trigger: TimerTrigger, afterMs: number): number | undefined {
    try {
      return nextFireAfter(trigger.config, afterMs);
    } catch (error) {
      log(`timer ${functionName}/${trigger.name} never fires: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** The schedule of every configured trigger; a trigger seen for the first time counts from `firstSeenSinceMs`. */
  function currentSchedules(
    firstSeenSinceMs: number,
  ): { functionName: string; trigger: TimerTrigger; schedule: Schedule }[] {
    const current = [];
    const live = new Set<string>();
    for (const fn of functions()) {
      for (const trigger of fn.triggers) {
        const key = keyOf(fn.name, trigger.name);
        live.add(key);
        let schedule = schedules.get(key);
        if (!schedule || schedule.config !== trigger.config) {
          schedule = { config: trigger.config, nextFireMs: computeNext(fn.name, trigger, firstSeenSinceMs) };
          schedules.set(key, schedule);
        }
        current.push({ functionName: fn.name, trigger, schedule });
      }
    }
    for (const key of schedules.keys()) if (!live.has(key)) schedules.delete(key);
    return current;
  }

  /** Claims every due trigger, advancing its schedule past `nowMs` before anything is invoked (so no double fire). */
  function claimDue(nowMs: number, firstSeenSinceMs: number): DueFire[] {
    const due: DueFire[] = [];
    for (const { functionName, trigger, schedule } of currentSchedules(firstSeenSinceMs)) {
      if (schedule.nextFireMs === undefined || schedule.nextFireMs > nowMs) continue;
      const scheduledMs = latestFireAtOrBefore(trigger.config, nowMs) ?? schedule.nextFireMs;
      schedule.nextFireMs = computeNext(functionName, trigger, nowMs);
      due.push({ functionName, trigger, scheduledMs });
    }
    return due;
  }

  async function run({ functionName, trigger, scheduledMs }: DueFire): Promise<InvokeOutcome> {
    const outcome = await invoke(functionName, timerEvent(trigger.name, scheduledMs), { source: 'wx_trigger' });
    if (!outcome.ok) log(`timer ${functionName}/${trigger.name} failed: ${outcome.code} ${outcome.message}`);
    return outcome;
  }

  function runLogged(due: DueFire): Promise<unknown> {
    return run(due).catch((error: Error) =>
      log(`timer ${due.functionName}/${due.trigger.name} threw: ${error.message}`),
    );
  }

  function tick(): void {
    const now = clock.now();
    for (const due of claimDue(now, now)) void runLogged(due);
  }

  async function onClockChange(previousMs: number, nowMs: number): Promise<void> {
    // Without a ticker, schedules go stale between jumps: only slots inside this jump count. Going back in
    // time, old fire times are meaningless. Either way every schedule restarts from the pre-jump time.
    if (!ticker || nowMs < previousMs) schedules.clear();
    await Promise.all(claimDue(nowMs, Math.min(previousMs, nowMs)).map(runLogged));
  }

  let detachClock: (() => void) | undefined = clock.onChange(onClockChange);

  return {
    start() {
      if (ticker) return;
      // Slots that passed while nothing watched real time are not owed a run.
      schedules.clear();
      currentSchedules(clock.now());
      ticker = setInterval(tick, options.tickMs ?? 500);
      ticker.unref();
      detachClock ??= clock.onChange(onClockChange);
    },
    stop() {
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      detachClock?.();
      detachClock = undefined;
    },
    async fire(functionName, triggerName) {
      const trigger = functions()
        .find((fn) => fn.name === functionName)
        ?.triggers.find((candidate) => candidate.name === triggerName);
      if (!trigger) {
        return {
          ok: false,
          code: 'FUNCTION_NOT_FOUND',
          message: `no timer trigger "${triggerName}" on function "${functionName}"`,
          requestId: '',
        };
      }
      return run({ functionName, trigger, scheduledMs: clock.now() });
    },
    reset() {
      schedules.clear();
    },
  };
}
