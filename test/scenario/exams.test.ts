/**
 * Every shipped exam holds together as one session: its clusters boot side by side with every
 * bundled scenario's objects and faults, the untouched exam scores 0 %, and a candidate who
 * types every task's reference solution, one after the other in the same terminal, scores
 * 100 %. (Each task alone is proven by the scenario self-tests.)
 */
import { describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/cli/catalog.js';
import { resolveBundle } from '../../src/scenario/bundle.js';
import { Session } from '../../src/session/session.js';
import { splitScript } from '../../src/session/script.js';
import { GRADE_DELAY_SECONDS, gradeBundle } from '../../src/grading/grade.js';

const { catalog } = openCatalog({ dirs: [], builtin: true });

describe('shipped exams', () => {
  for (const name of [...catalog.exams.keys()].sort()) {
    it(`${name}: untouched 0 %, every solution in one session 100 %`, async () => {
      const bundle = resolveBundle(catalog, name);
      const untouched = new Session(bundle);
      untouched.world.loop.advance(GRADE_DELAY_SECONDS);
      const before = await gradeBundle(bundle, untouched.gradingContext());
      expect(before.tasks.map((t) => [t.id, t.score])).toEqual(bundle.tasks.map((t) => [t.id, 0]));

      const session = new Session(bundle);
      for (const task of bundle.tasks) {
        for (const line of splitScript(task.grader?.solution ?? '', (t) => session.shell.isComplete(t))) await session.capture(line);
      }
      const after = await session.grade();
      const failed = after.tasks.flatMap((t) => t.checks.filter((c) => !c.passed).map((c) => `${t.id}: ${c.title}: expected ${c.expected}, found ${c.found}`));
      expect(failed).toEqual([]);
      expect(after.score).toBe(100);
    }, 120_000);
  }
});
