/**
 * Practice mode's helpers, printed into the terminal like command output: `check` (grade now,
 * the exam goes on), `hint` (the next hint of the current task) and `solution`.
 */
import type { BundleTask } from '../scenario/bundle.js';
import type { Report } from '../grading/grade.js';

export const PRACTICE_WORDS = ['check', 'hint', 'solution'] as const;
export type PracticeWord = (typeof PRACTICE_WORDS)[number];

export function practiceWord(line: string): PracticeWord | undefined {
  const w = line.trim();
  return (PRACTICE_WORDS as readonly string[]).includes(w) ? (w as PracticeWord) : undefined;
}

const pct = (n: number) => `${n.toFixed(1)} %`;

export function checkText(report: Report): string {
  const out = [`check: ${pct(report.score)} so far (pass mark ${report.passMark} %); the session goes on`];
  for (const t of report.tasks) {
    out.push(`Task ${t.number}: ${t.title}  ${pct(100 * t.score)}`);
    for (const c of t.checks) {
      out.push(`  ${c.passed ? '✓' : '✗'} ${c.title}`);
      if (!c.passed) out.push(`      expected: ${c.expected}`, `      found:    ${c.found}`);
    }
  }
  return out.join('\n') + '\n';
}

/** The `shown`-th hint (0-based) of a task: its grader hints, then its checks' hints. */
export function hintText(task: BundleTask, shown: number): { text: string; last: boolean } {
  const hints = [...(task.grader?.hints ?? []), ...(task.grader?.checks ?? []).flatMap((c) => (c.hint ? [c.hint] : []))];
  if (hints.length === 0) return { text: `hint: task ${task.number} has no hints\n`, last: true };
  if (shown >= hints.length) return { text: `hint: no more hints for task ${task.number} (${hints.length} shown); \`solution\` shows the reference solution\n`, last: true };
  return { text: `hint ${shown + 1}/${hints.length} for task ${task.number}: ${hints[shown]}\n`, last: shown + 1 >= hints.length };
}

export function solutionText(task: BundleTask): string {
  const solution = task.grader?.solution;
  if (!solution) return `solution: task ${task.number} has no reference solution\n`;
  const lines = [`solution for task ${task.number} (${task.title}):`, ...solution.replace(/\n$/, '').split('\n').map((l) => `  ${l}`)];
  if (task.grader?.explanation) lines.push('why:', ...task.grader.explanation.replace(/\n$/, '').split('\n').map((l) => `  ${l}`));
  return lines.join('\n') + '\n';
}
