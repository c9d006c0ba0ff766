import { startRunner, resultOf, type Harness } from './runner-harness';

interface CounterResult {
  instanceId: string;
  invocations: number;
  startedAt: number;
  endedAt: number;
}

interface ClockResult {
  loadedAt: number;
  dateNow: number;
  newDate: number;
  dateCall: string;
  explicit: string;
  fromParts: number;
  utc: number;
  parsed: number;
  isDate: boolean;
  constructorIsDate: boolean;
  tag: string;
}

const EIGHT_DAYS_MS = 8 * 24 * 3600 * 1000;
let harness: Harness;

beforeAll(async () => {
  harness = await startRunner({ maxInstancesPerFunction: 2 });
});
afterAll(() => harness.close());

const invokeCounter = async (delayMs = 0): Promise<CounterResult> =>
  resultOf<CounterResult>(await harness.runner.invoke('counter', { delayMs }, { source: 'scf' }));

describe('instance pool', () => {
  it('keeps an instance warm: module scope runs once and its state persists between invocations', async () => {
    const first = await invokeCounter();
    const second = await invokeCounter();
    expect(second.instanceId).toBe(first.instanceId);
    expect(second.invocations).toBe(first.invocations + 1);
  });

  it('runs one invocation per instance: 6 concurrent calls on a pool of 2 never overlap within an instance', async () => {
    await Promise.all([invokeCounter(50), invokeCounter(50)]);
    const results = await Promise.all(Array.from({ length: 6 }, () => invokeCounter(200)));
    const byInstance = new Map<string, CounterResult[]>();
    for (const result of results)
      byInstance.set(result.instanceId, [...(byInstance.get(result.instanceId) ?? []), result]);
    // The pool grew to its limit and no further.
    expect(byInstance.size).toBe(2);
    for (const runs of byInstance.values()) {
      const ordered = [...runs].sort((a, b) => a.startedAt - b.startedAt);
      // One at a time: each invocation on an instance starts after the previous one there ended.
      for (let i = 1; i < ordered.length; i++)
        expect(ordered[i]!.startedAt).toBeGreaterThanOrEqual(ordered[i - 1]!.endedAt);
    }
    // And the two instances did work side by side.
    const [first, second] = [...byInstance.values()].map((runs) => runs[0]!);
    expect(first!.startedAt < second!.endedAt && second!.startedAt < first!.endedAt).toBe(true);
  });
});

describe('virtual clock inside instances', () => {
  afterEach(() => harness.clock.resetToRealTime());

  it('moves Date.now(), new Date() and Date() with the clock and keeps explicit dates intact', async () => {
    await harness.runner.invoke('clock', {}, { source: 'scf' });
    const target = Date.now() + EIGHT_DAYS_MS;
    await harness.clock.set(target);
    const result = resultOf<ClockResult>(await harness.runner.invoke('clock', {}, { source: 'scf' }));
    expect(Math.abs(result.dateNow - target)).toBeLessThan(1000);
    expect(Math.abs(result.newDate - target)).toBeLessThan(1000);
    expect(Math.abs(Date.parse(result.dateCall) - target)).toBeLessThan(2000);
    expect(result).toMatchObject({
      explicit: '1970-01-01T00:00:00.000Z',
      fromParts: 2024,
      utc: Date.UTC(2024, 0, 1),
      parsed: Date.UTC(2024, 0, 1),
      isDate: true,
      constructorIsDate: true,
      tag: '[object Date]',
    });
  });

  it('follows the clock back to real time in a warm instance', async () => {
    await harness.clock.set(Date.now() + EIGHT_DAYS_MS);
    await harness.runner.invoke('clock', {}, { source: 'scf' });
    harness.clock.resetToRealTime();
    const result = resultOf<ClockResult>(await harness.runner.invoke('clock', {}, { source: 'scf' }));
    expect(Math.abs(result.dateNow - Date.now())).toBeLessThan(1000);
  });

  it('shows virtual time to module-scope code of an instance started after a jump', async () => {
    await harness.runner.reload('clock');
    const target = Date.now() + EIGHT_DAYS_MS;
    await harness.clock.set(target);
    const result = resultOf<ClockResult>(await harness.runner.invoke('clock', {}, { source: 'scf' }));
    expect(Math.abs(result.loadedAt - target)).toBeLessThan(2000);
  });
});
