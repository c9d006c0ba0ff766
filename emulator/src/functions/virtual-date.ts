/**
 * Makes `Date` in a function instance follow the emulator's virtual clock: `Date.now()`, `new Date()` and
 * `Date()` read real time plus an offset, while `new Date(x)`, `Date.UTC`, `Date.parse` and `instanceof Date` keep
 * their meaning. A plain function (not a class) replaces Date because `Date()` without `new` must still work.
 */
export interface VirtualDateControl {
  setOffset(offsetMs: number): void;
}

export function installVirtualDate(scope: { Date: DateConstructor } = globalThis): VirtualDateControl {
  const RealDate = scope.Date;
  let offsetMs = 0;
  const virtualNow = (): number => RealDate.now() + offsetMs;

  function VirtualDate(this: unknown, ...args: unknown[]): Date | string {
    if (new.target === undefined) return new RealDate(virtualNow()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [virtualNow()] : args, new.target) as Date;
  }
  Object.setPrototypeOf(VirtualDate, RealDate);
  // Sharing the prototype keeps `instanceof Date` true for dates made before and after the swap alike.
  VirtualDate.prototype = RealDate.prototype;
  VirtualDate.now = virtualNow;
  Object.defineProperty(RealDate.prototype, 'constructor', {
    value: VirtualDate,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  scope.Date = VirtualDate as unknown as DateConstructor;

  return {
    setOffset(nextOffsetMs) {
      offsetMs = nextOffsetMs;
    },
  };
}
