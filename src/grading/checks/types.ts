/** A check kind: its key in the grader file and how it evaluates (house rule 7: kinds are data). */
import type { Verdict } from '../expect.js';
import type { GradingContext } from '../context.js';

export interface CheckKind<Body = unknown> {
  readonly kind: string;
  evaluate(body: Body, ctx: GradingContext, whole: Record<string, unknown>): Verdict | Promise<Verdict>;
}
