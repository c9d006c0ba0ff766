import { CronSyntaxError, latestFireAtOrBefore, nextFireAfter, validateCron } from '../../src/timers/cron';

/** Expected instants are written as China Standard Time wall clocks and converted here, by hand: minus 8 h. */
const cst = (wallClock: string) => Date.parse(`${wallClock}+08:00`);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Friday 2024-03-01 09:02:03.500 in Shanghai (01:02:03.500 UTC). */
const FRIDAY_MORNING = cst('2024-03-01T09:02:03.500');

function nextRuns(expression: string, afterMs: number, count: number): string[] {
  const runs: string[] = [];
  let cursor = afterMs;
  for (let i = 0; i < count; i++) {
    const next = nextFireAfter(expression, cursor);
    if (next === undefined) break;
    runs.push(new Date(next).toISOString());
    cursor = next;
  }
  return runs;
}

describe('nextFireAfter: the examples of the CloudBase trigger docs, in UTC+8', () => {
  it('*/5 * * * * * * fires every 5 seconds', () => {
    expect(nextRuns('*/5 * * * * * *', FRIDAY_MORNING, 3)).toEqual([
      '2024-03-01T01:02:05.000Z',
      '2024-03-01T01:02:10.000Z',
      '2024-03-01T01:02:15.000Z',
    ]);
  });

  it('0 */10 * * * * * fires every 10 minutes', () => {
    expect(nextRuns('0 */10 * * * * *', FRIDAY_MORNING, 2)).toEqual([
      iso(cst('2024-03-01T09:10:00')),
      iso(cst('2024-03-01T09:20:00')),
    ]);
  });

  it('0 0 2 1 * * * fires at 02:00 Shanghai on the 1st, i.e. 18:00 UTC the day before', () => {
    expect(nextRuns('0 0 2 1 * * *', FRIDAY_MORNING, 2)).toEqual([
      '2024-03-31T18:00:00.000Z',
      '2024-04-30T18:00:00.000Z',
    ]);
  });

  it('0 15 10 * * MON-FRI * skips the weekend', () => {
    expect(nextRuns('0 15 10 * * MON-FRI *', FRIDAY_MORNING, 2)).toEqual([
      iso(cst('2024-03-01T10:15:00')),
      iso(cst('2024-03-04T10:15:00')),
    ]);
  });

  it("0 0 10,14,16 * * * * fires at 10, 14 and 16 o'clock", () => {
    expect(nextRuns('0 0 10,14,16 * * * *', FRIDAY_MORNING, 4)).toEqual([
      '2024-03-01T02:00:00.000Z',
      '2024-03-01T06:00:00.000Z',
      '2024-03-01T08:00:00.000Z',
      '2024-03-02T02:00:00.000Z',
    ]);
  });

  it('0 */30 9-17 * * * * fires every half hour from 9:00 to 17:30', () => {
    expect(nextRuns('0 */30 9-17 * * * *', FRIDAY_MORNING, 2)).toEqual([
      iso(cst('2024-03-01T09:30:00')),
      iso(cst('2024-03-01T10:00:00')),
    ]);
    expect(iso(nextFireAfter('0 */30 9-17 * * * *', cst('2024-03-01T17:30:00')))).toBe(iso(cst('2024-03-02T09:00:00')));
  });

  it('0 0 12 * * WED * fires at noon on Wednesdays', () => {
    expect(nextRuns('0 0 12 * * WED *', FRIDAY_MORNING, 2)).toEqual([
      '2024-03-06T04:00:00.000Z',
      '2024-03-13T04:00:00.000Z',
    ]);
  });
});

describe('nextFireAfter: dialect details', () => {
  it('is strictly after the given instant', () => {
    expect(iso(nextFireAfter('*/5 * * * * * *', Date.parse('2024-03-01T01:02:05.000Z')))).toBe(
      '2024-03-01T01:02:10.000Z',
    );
  });

  it('reads weekday 0 as Sunday', () => {
    expect(iso(nextFireAfter('0 0 0 * * 0 *', FRIDAY_MORNING))).toBe(iso(cst('2024-03-03T00:00:00')));
  });

  it('ORs day and weekday when both are restricted', () => {
    expect(nextRuns('0 0 0 13 * FRI *', FRIDAY_MORNING, 3)).toEqual([
      iso(cst('2024-03-08T00:00:00')),
      iso(cst('2024-03-13T00:00:00')),
      iso(cst('2024-03-15T00:00:00')),
    ]);
  });

  it('reads a/b as "from a, every b"', () => {
    expect(nextRuns('0 1/10 * * * * *', FRIDAY_MORNING, 2)).toEqual([
      iso(cst('2024-03-01T09:11:00')),
      iso(cst('2024-03-01T09:21:00')),
    ]);
  });

  it('accepts month names in any case and honours the year field', () => {
    expect(iso(nextFireAfter('0 0 0 1 jan,JUL * *', FRIDAY_MORNING))).toBe(iso(cst('2024-07-01T00:00:00')));
    expect(iso(nextFireAfter('0 0 0 1 1 * 2030', FRIDAY_MORNING))).toBe(iso(cst('2030-01-01T00:00:00')));
    expect(nextFireAfter('0 0 0 1 1 * 2020', FRIDAY_MORNING)).toBeUndefined();
  });

  it('finds the latest fire time at or before an instant', () => {
    expect(iso(latestFireAtOrBefore('0 0 2 * * * *', cst('2024-03-04T09:00:00')))).toBe(
      iso(cst('2024-03-04T02:00:00')),
    );
    expect(iso(latestFireAtOrBefore('0 0 2 * * * *', cst('2024-03-04T02:00:00')))).toBe(
      iso(cst('2024-03-04T02:00:00')),
    );
  });
});

describe('validateCron', () => {
  it.each([
    ['* * * * * *', /7/],
    ['* * * * * * * *', /7/],
    ['61 * * * * * *', /second/],
    ['0 0 24 * * * *', /hour/],
    ['0 0 0 0 * * *', /day/],
    ['0 0 0 * 13 * *', /month/],
    ['0 0 0 * * 7 *', /weekday/],
    ['0 0 0 * * * 1969', /year/],
    ['0 0 0 L * * *', /day/],
    ['0 0 0 ? * * *', /day/],
    ['0 0 0 * * MON#2 *', /weekday/],
    ['*/0 * * * * * *', /step/],
    ['0 0 17-9 * * * *', /descending/],
    ['0 0 0 * * FOO *', /weekday/],
  ])('refuses %s', (expression, why) => {
    expect(() => validateCron(expression)).toThrow(CronSyntaxError);
    expect(() => validateCron(expression)).toThrow(why);
  });

  it('accepts every documented example', () => {
    for (const expression of [
      '*/5 * * * * * *',
      '0 */10 * * * * *',
      '0 0 2 1 * * *',
      '0 15 10 * * MON-FRI *',
      '0 0 10,14,16 * * * *',
      '0 */30 9-17 * * * *',
      '0 0 12 * * WED *',
      '0 0 3 * * * *',
    ]) {
      expect(() => validateCron(expression)).not.toThrow();
    }
  });
});
