/**
 * The warm instances of one function: up to `maxInstances`, each running one invocation at a time (SCF event
 * functions do not share an instance between concurrent requests); further invocations wait for a free one.
 * `recycle()` starts a new generation: idle instances stop now, busy ones when their invocation ends.
 */
import type { FunctionInstance, InstanceOutcome } from './function-instance';
import type { InvokeMessage } from './worker-protocol';

export type StartInstance = (onExit: (instance: FunctionInstance) => void) => Promise<FunctionInstance>;

export class InstancePool {
  private readonly instances = new Set<FunctionInstance>();
  private readonly idle: FunctionInstance[] = [];
  private readonly generationOf = new WeakMap<FunctionInstance, number>();
  private readonly waiters: Array<() => void> = [];
  private starting = 0;
  private generation = 0;
  private closed = false;

  constructor(
    private readonly startInstance: StartInstance,
    private readonly maxInstances: number,
  ) {}

  async run(message: InvokeMessage, timeoutMs: number): Promise<InstanceOutcome> {
    let instance: FunctionInstance;
    try {
      instance = await this.acquire();
    } catch (error) {
      return {
        ok: false,
        code: 'FUNCTIONS_EXECUTE_FAIL',
        message: error instanceof Error ? error.message : String(error),
      };
    }
    try {
      return await instance.run(message, timeoutMs);
    } finally {
      this.release(instance);
    }
  }

  /** Kills the instance running `requestId`, if any; its caller gets FUNCTIONS_EXECUTE_FAIL. */
  kill(requestId: string, reason: string): boolean {
    const instance = [...this.instances].find((candidate) => candidate.runningRequestId === requestId);
    instance?.kill(reason);
    return instance !== undefined;
  }

  recycle(): void {
    this.generation += 1;
    for (const instance of this.idle.splice(0)) void instance.terminate();
  }

  /** Stops every instance; queued invocations fail instead of waiting forever. */
  async close(): Promise<void> {
    this.closed = true;
    this.idle.length = 0;
    for (const wake of this.waiters.splice(0)) wake();
    await Promise.all([...this.instances].map((instance) => instance.terminate()));
  }

  private async acquire(): Promise<FunctionInstance> {
    for (;;) {
      if (this.closed) throw new Error('The function was shut down');
      const idle = this.idle.pop();
      if (idle) return idle;
      if (this.instances.size + this.starting < this.maxInstances) return this.startNew();
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  private async startNew(): Promise<FunctionInstance> {
    const generation = this.generation;
    this.starting += 1;
    let instance: FunctionInstance;
    try {
      instance = await this.startInstance((exited) => this.forget(exited));
    } catch (error) {
      this.starting -= 1;
      this.wakeOne();
      throw error;
    }
    this.starting -= 1;
    if (this.closed) {
      await instance.terminate();
      throw new Error('The function was shut down');
    }
    this.instances.add(instance);
    this.generationOf.set(instance, generation);
    return instance;
  }

  private release(instance: FunctionInstance): void {
    if (!instance.alive) return;
    if (this.generationOf.get(instance) !== this.generation) {
      void instance.terminate();
      return;
    }
    this.idle.push(instance);
    this.wakeOne();
  }

  private forget(instance: FunctionInstance): void {
    this.instances.delete(instance);
    const idleIndex = this.idle.indexOf(instance);
    if (idleIndex >= 0) this.idle.splice(idleIndex, 1);
    this.wakeOne();
  }

  private wakeOne(): void {
    this.waiters.shift()?.();
  }
}
