import { installVirtualDate } from '../../src/functions/virtual-date';

const DAY_MS = 24 * 3600 * 1000;

/** A private copy of Date so the test never swaps jest's own global. */
function isolatedScope(): { Date: DateConstructor } {
  const RealDate = Date;
  class IsolatedDate extends RealDate {}
  return { Date: IsolatedDate as DateConstructor };
}

describe('installVirtualDate', () => {
  it('shifts the current time only', () => {
    const scope = isolatedScope();
    const OriginalDate = scope.Date;
    const before = new OriginalDate(1234);
    const control = installVirtualDate(scope);
    control.setOffset(8 * DAY_MS);
    const VirtualDate = scope.Date;

    expect(VirtualDate.now() - Date.now()).toBeGreaterThanOrEqual(8 * DAY_MS - 50);
    expect(new VirtualDate().getTime() - Date.now()).toBeGreaterThanOrEqual(8 * DAY_MS - 50);
    expect(Date.parse((VirtualDate as unknown as () => string)()) - Date.now()).toBeGreaterThan(7 * DAY_MS);
    expect(new VirtualDate(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new VirtualDate('2024-05-06T07:08:09Z').getTime()).toBe(Date.UTC(2024, 4, 6, 7, 8, 9));
    expect(new VirtualDate(2024, 1, 29).getDate()).toBe(29);
    expect(VirtualDate.UTC(2024, 0, 1)).toBe(Date.UTC(2024, 0, 1));
    expect(VirtualDate.parse('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
    expect(before).toBeInstanceOf(VirtualDate);
    expect(new VirtualDate()).toBeInstanceOf(OriginalDate);
    expect(new VirtualDate().constructor).toBe(VirtualDate);

    control.setOffset(0);
    expect(Math.abs(VirtualDate.now() - Date.now())).toBeLessThan(50);
  });

  it('lets code subclass the swapped Date', () => {
    const scope = isolatedScope();
    installVirtualDate(scope).setOffset(DAY_MS);
    class Stamp extends scope.Date {
      label(): string {
        return `stamp@${this.getTime()}`;
      }
    }
    const now = new Stamp();
    expect(now).toBeInstanceOf(scope.Date);
    expect(now.getTime() - Date.now()).toBeGreaterThanOrEqual(DAY_MS - 50);
    expect(new Stamp(7).label()).toBe('stamp@7');
  });
});
