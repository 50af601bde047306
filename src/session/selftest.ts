/**
 * The discrimination proof of an answer key: for every task, grading the untouched broken
 * state gives 0 % and grading after the reference solution gives 100 %. Each task's solution
 * runs in a fresh session, so tasks cannot mask each other.
 */
import type { CliIO } from '../cli/io.js';
import type { Catalog } from '../scenario/loader.js';
import { resolveBundle } from '../scenario/bundle.js';
import { gradeTask } from '../grading/grade.js';
import { GRADE_DELAY_SECONDS } from '../grading/grade.js';
import { BufferSink } from '../shell/types.js';
import { Session } from './session.js';
import { splitScript } from './script.js';

export interface SelftestRow {
  scenario: string;
  task: string;
  /** Percent. */
  untouched: number;
  solved: number;
  ok: boolean;
  details: string[];
}

export async function selftestScenario(catalog: Catalog, name: string, verbose?: CliIO): Promise<SelftestRow[]> {
  const bundle = resolveBundle(catalog, name);
  const untouched = new Session(bundle);
  untouched.world.loop.advance(GRADE_DELAY_SECONDS);
  const rows: SelftestRow[] = [];
  for (const task of bundle.tasks) {
    const before = await gradeTask(task, untouched.gradingContext());
    const session = new Session(bundle);
    const out = new BufferSink();
    for (const line of splitScript(task.grader?.solution ?? '', (t) => session.shell.isComplete(t))) {
      if (verbose) verbose.stdout.write(`${session.shell.prompt()}${line}\n`);
      await session.run(line, { stdout: verbose?.stdout ?? out, stderr: verbose?.stderr ?? out });
    }
    session.world.loop.advance(GRADE_DELAY_SECONDS);
    const after = await gradeTask(task, session.gradingContext());
    const details = [
      ...before.checks.filter((c) => c.passed).map((c) => `untouched state already passes: ${c.title} (found ${c.found})`),
      ...after.checks.filter((c) => !c.passed).map((c) => `solution fails: ${c.title}: expected ${c.expected}, found ${c.found}`),
    ];
    if (!task.grader) details.push('no answer key for this task');
    rows.push({ scenario: name, task: task.id, untouched: 100 * before.score, solved: 100 * after.score, ok: before.score === 0 && after.score === 1 && !!task.grader, details });
  }
  return rows;
}
