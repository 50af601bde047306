/**
 * Grading and validation budgets (DESIGN.md): grade a 17-task exam (< 100 ms) and validate
 * every shipped file (< 1 s). Run: npx tsx bench/grading.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { openCatalog } from '../src/cli/catalog.js';
import { resolveBundle, type Bundle } from '../src/scenario/bundle.js';
import { Session } from '../src/session/session.js';
import { gradeBundle } from '../src/grading/grade.js';
import { main } from '../src/cli/main.js';

const { catalog } = openCatalog({ dirs: [], builtin: true });
const base = resolveBundle(catalog, 'dead-scheduler');
// Seventeen tasks, as a CKA exam has, each with the dead-scheduler task's checks.
const exam: Bundle = { ...base, name: 'bench-17', tasks: Array.from({ length: 17 }, (_, i) => ({ ...base.tasks[0]!, number: i + 1 })) };
const session = new Session(exam);
const ctx = session.gradingContext();
await gradeBundle(exam, ctx);
const times: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  await gradeBundle(exam, ctx);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`grade a 17-task exam (${17 * (base.tasks[0]!.grader?.checks.length ?? 0)} checks): median ${times[10]!.toFixed(1)} ms, max ${times[19]!.toFixed(1)} ms  [budget 100 ms]`);

const sink = { write: () => {} };
const t0 = performance.now();
await main(['validate', '--quick'], { stdout: sink, stderr: sink, readStdin: async () => '', isTTY: false });
const quick = performance.now() - t0;
const t1 = performance.now();
await main(['validate'], { stdout: sink, stderr: sink, readStdin: async () => '', isTTY: false });
const full = performance.now() - t1;
console.log(`validate every shipped file: ${quick.toFixed(0)} ms (schemas and references), ${full.toFixed(0)} ms (with a build of each scenario)  [budget 1 s]`);
