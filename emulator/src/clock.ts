/**
 * The one virtual clock of the emulator. serverDate, timers and `Date` inside function instances all read it,
 * so a test can jump days ahead and watch the settlement timer fire.
 * It is an offset from real time: between jumps it runs at real speed. A persistent emulator keeps the offset in
 * its data folder (`clock.json`), so a restart does not put the clock back and leave data dated in the future.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type ClockListener = (previousNow: number, now: number) => void | Promise<void>;

export class VirtualClock {
  private offsetMs = 0;
  private readonly listeners = new Set<ClockListener>();

  /** `file`: where the offset is kept across restarts (read now, written on every jump and reset). */
  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const saved = (JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown }).offsetMs;
      if (typeof saved === 'number' && Number.isFinite(saved)) this.offsetMs = saved;
    }
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    // Written aside and renamed, so a crash mid-write never leaves a half file that would fail the next start.
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ offsetMs: this.offsetMs })}\n`);
    renameSync(temporary, this.file);
  }

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
    this.save();
    const current = this.now();
    for (const listener of this.listeners) await listener(previous, current);
    return current;
  }

  /** Back to real time without notifying listeners (a reset is not a jump). */
  resetToRealTime(): void {
    this.offsetMs = 0;
    this.save();
  }

  onChange(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
