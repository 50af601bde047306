/**
 * A process model's fixed plan (the control-plane binaries) driven like a live process: start-up
 * log lines, an optional exit after some seconds, side effects when it starts and stops.
 * SIGTERM ends these components at once with status 0, as they handle it.
 */
import type { Endpoint } from '../net/types.js';
import type { ProcessPlan, RunningProcess } from '../process.js';

export class StaticProcess implements RunningProcess {
  exit?: { at: number; code: number; reason?: string };
  readonly servers = new Map<number, Endpoint>();
  private readonly exitAt: number;

  constructor(
    private readonly plan: ProcessPlan,
    start: number,
    private readonly log: (at: number, line: string) => void,
  ) {
    this.exitAt = plan.exit ? start + plan.exit.afterSeconds * 1000 : Infinity;
    for (const l of plan.logs) log(start, l);
  }

  advance(t: number): void {
    if (this.exit || t < this.exitAt) return;
    for (const l of this.plan.exit?.logs ?? []) this.log(this.exitAt, l);
    this.exit = { at: this.exitAt, code: this.plan.exit!.code, reason: this.plan.exit!.reason };
  }

  nextExitCheck(): number {
    return this.exit ? Infinity : this.exitAt;
  }

  terminate(t: number): void {
    this.advance(t);
    if (!this.exit) this.exit = { at: t, code: 0 };
  }

  settleTerm(): void {}

  kill(t: number): void {
    this.advance(t);
    if (!this.exit) this.exit = { at: t, code: 137 };
  }
}
