import { startRunner, resultOf, type Harness } from './runner-harness';

interface CounterResult {
  instanceId: string;
  invocations: number;
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

  it('runs one invocation per instance: 6 concurrent 400 ms calls on 2 instances take about 3 rounds', async () => {
    await Promise.all([invokeCounter(50), invokeCounter(50)]);
    const startedAt = Date.now();
    const results = await Promise.all(Array.from({ length: 6 }, () => invokeCounter(400)));
    const elapsed = Date.now() - startedAt;
    expect(new Set(results.map((result) => result.instanceId)).size).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(1150);
    // 1 instance would need 2400 ms; 3 or more, or shared instances, would finish in 800 ms or less.
    expect(elapsed).toBeLessThan(2300);
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
