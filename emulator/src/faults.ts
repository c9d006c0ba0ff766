/**
 * Fault injection for tests of retry safety: "kill the function instance that sends the next `<action>` on
 * `<collection>`". The instance dies before that request runs, exactly between two of its writes, as when a host
 * fails mid-function; the platform then retries (a payment callback is redelivered, the shopper taps again).
 */
export interface FaultSpec {
  /** A wire action, e.g. `database.modifyDocument`. */
  action: string;
  collection?: string;
  /** Only requests sent by this function. */
  functionName?: string;
  /** How many matching requests to kill (default 1). */
  times?: number;
}

export class FaultRegistry {
  private armed: Array<Required<Pick<FaultSpec, 'action' | 'times'>> & FaultSpec> = [];

  arm(spec: FaultSpec): void {
    this.armed.push({ ...spec, times: spec.times ?? 1 });
  }

  /** Whether this request should kill its sender; consumes one use of the first matching fault. */
  take(action: string, collection: unknown, functionName: string | undefined): boolean {
    const fault = this.armed.find(
      (f) =>
        f.action === action &&
        (f.collection === undefined || f.collection === collection) &&
        (f.functionName === undefined || f.functionName === functionName),
    );
    if (!fault) return false;
    fault.times -= 1;
    if (fault.times <= 0) this.armed = this.armed.filter((f) => f !== fault);
    return true;
  }

  list(): FaultSpec[] {
    return this.armed.map((fault) => ({ ...fault }));
  }

  reset(): void {
    this.armed = [];
  }
}
