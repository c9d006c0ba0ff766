/**
 * The one virtual clock of the emulator. serverDate, timers and `Date` inside function instances all read it,
 * so a test can jump days ahead and watch the settlement timer fire.
 * It is an offset from real time: between jumps it runs at real speed.
 */
export type ClockListener = (previousNow: number, now: number) => void | Promise<void>;

export class VirtualClock {
  private offsetMs = 0;
  private readonly listeners = new Set<ClockListener>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Milliseconds to add to the real clock: what a function instance needs to patch its `Date`. */
  get offset(): number {
    return this.offsetMs;
  }

  async advance(ms: number): Promise<number> {
    return this.set(this.now() + ms);
  }

  async set(nowMs: number): Promise<number> {
    const previous = this.now();
    this.offsetMs = nowMs - Date.now();
    const current = this.now();
    for (const listener of this.listeners) await listener(previous, current);
    return current;
  }

  /** Back to real time without notifying listeners (a reset is not a jump). */
  resetToRealTime(): void {
    this.offsetMs = 0;
  }

  onChange(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
