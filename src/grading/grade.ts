/**
 * Grading a session: every check of every task evaluated against the final state, task scores
 * as the weighted share of passed checks, the exam score as the weighted mean of tasks, and a
 * per-domain breakdown. A check that cannot run (a bad reference) fails with its reason rather
 * than crashing the report.
 */
import type { Bundle, BundleTask } from '../scenario/bundle.js';
import type { Check } from '../scenario/types.js';
import { CHECK_KINDS } from './checks/index.js';
import type { GradingContext } from './context.js';

export interface CheckResult {
  title: string;
  weight: number;
  passed: boolean;
  expected: string;
  found: string;
  hint?: string;
}

export interface TaskResult {
  number: number;
  scenario: string;
  id: string;
  title: string;
  domain: string;
  weight: number;
  /** 0..1 */
  score: number;
  checks: CheckResult[];
  solution?: string;
  explanation?: string;
}

export interface DomainResult {
  domain: string;
  weight: number;
  /** 0..100 */
  score: number;
}

export interface Report {
  name: string;
  title: string;
  /** 0..100, rounded to one decimal. */
  score: number;
  passMark: number;
  passed: boolean;
  tasks: TaskResult[];
  domains: DomainResult[];
  /** The virtual instant of grading. */
  gradedAt: string;
}

/** Seconds of virtual time between the last command and grading, as in an exam's grader run. */
export const GRADE_DELAY_SECONDS = 60;

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function gradeCheck(check: Check, ctx: GradingContext): Promise<CheckResult> {
  const body = check as unknown as Record<string, unknown>;
  const kind = Object.keys(CHECK_KINDS).find((k) => k in body);
  const base = { title: check.title, weight: check.weight ?? 1, hint: check.hint };
  if (!kind) return { ...base, passed: false, expected: 'a known check kind', found: Object.keys(body).join(', ') };
  try {
    const v = await CHECK_KINDS[kind]!.evaluate(body[kind] as never, ctx, body);
    return { ...base, ...v };
  } catch (e) {
    return { ...base, passed: false, expected: 'the check to run', found: `error: ${(e as Error).message}` };
  }
}

export async function gradeTask(task: BundleTask, ctx: GradingContext): Promise<TaskResult> {
  const checks: CheckResult[] = [];
  for (const c of task.grader?.checks ?? []) checks.push(await gradeCheck(c, ctx));
  const total = checks.reduce((s, c) => s + c.weight, 0);
  const got = checks.reduce((s, c) => s + (c.passed ? c.weight : 0), 0);
  return {
    number: task.number,
    scenario: task.scenario,
    id: task.id,
    title: task.title,
    domain: task.domain,
    weight: task.weight,
    score: total > 0 ? got / total : 0,
    checks,
    solution: task.grader?.solution,
    explanation: task.grader?.explanation,
  };
}

export async function gradeBundle(bundle: Bundle, ctx: GradingContext, passMark = bundle.passMark): Promise<Report> {
  const tasks: TaskResult[] = [];
  for (const t of bundle.tasks) tasks.push(await gradeTask(t, ctx));
  const weight = tasks.reduce((s, t) => s + t.weight, 0);
  const score = weight > 0 ? (100 * tasks.reduce((s, t) => s + t.weight * t.score, 0)) / weight : 0;
  const domains = [...new Set(tasks.map((t) => t.domain))].map((domain) => {
    const ts = tasks.filter((t) => t.domain === domain);
    const w = ts.reduce((s, t) => s + t.weight, 0);
    return { domain, weight: w, score: round1(w > 0 ? (100 * ts.reduce((s, t) => s + t.weight * t.score, 0)) / w : 0) };
  });
  return { name: bundle.name, title: bundle.title, score: round1(score), passMark, passed: round1(score) >= passMark, tasks, domains, gradedAt: ctx.world.clock.iso() };
}
