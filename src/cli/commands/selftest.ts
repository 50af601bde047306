/**
 * `kubedrill selftest [SCENARIO|EXAM...]`: proves each answer key discriminates. For every task
 * the untouched broken state must score 0 % and the reference solution 100 %; an exam stands for
 * the tasks it bundles. Prints a table, exits 1 on any miss. `npm test` runs it for every
 * shipped scenario.
 */
import { parseArgs } from '../args.js';
import { openCatalog } from '../catalog.js';
import type { CliIO } from '../io.js';
import type { Catalog } from '../../scenario/loader.js';
import { table } from './list.js';
import { selftestScenario, type SelftestRow } from '../../session/selftest.js';

export async function selftestCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [{ name: 'dir', value: true, repeat: true }, { name: 'verbose', short: 'v' }]);
  const { catalog, errors } = openCatalog({ dirs: args.options.get('dir') ?? [], builtin: true });
  if (errors.length) {
    for (const e of errors) io.stderr.write(`${e.message}\n`);
    return 2;
  }
  const wanted = args.positionals.length ? args.positionals : [...catalog.scenarios.keys()].sort();
  const rows: SelftestRow[] = [];
  for (const name of wanted) {
    const targets = targetsOf(catalog, name);
    if (!targets) {
      io.stderr.write(`kubedrill selftest: unknown scenario or exam "${name}"\n`);
      return 2;
    }
    for (const t of targets) {
      const got = await selftestScenario(catalog, t.scenario, args.options.has('verbose') ? io : undefined);
      rows.push(...got.filter((r) => !t.tasks || t.tasks.includes(r.task)));
    }
  }
  const header = ['SCENARIO', 'TASK', 'UNTOUCHED', 'SOLUTION', 'RESULT'];
  io.stdout.write(table([header, ...rows.map((r) => [r.scenario, r.task, `${r.untouched.toFixed(0)} %`, `${r.solved.toFixed(0)} %`, r.ok ? 'ok' : 'FAIL'])]));
  for (const r of rows.filter((x) => !x.ok)) {
    io.stdout.write(`\n${r.scenario}/${r.task}:\n`);
    for (const line of r.details) io.stdout.write(`  ${line}\n`);
  }
  return rows.every((r) => r.ok) ? 0 : 1;
}

/** The scenarios (and, for an exam that picks tasks, which of their tasks) a name stands for. */
export function targetsOf(catalog: Catalog, name: string): { scenario: string; tasks?: string[] }[] | undefined {
  if (catalog.scenarios.has(name)) return [{ scenario: name }];
  const exam = catalog.exams.get(name);
  if (!exam) return undefined;
  const byScenario = new Map<string, string[] | undefined>();
  for (const t of exam.doc.spec.tasks) {
    const picked = byScenario.has(t.scenario) ? byScenario.get(t.scenario) : [];
    byScenario.set(t.scenario, t.task && picked ? [...picked, t.task] : undefined);
  }
  return [...byScenario].map(([scenario, tasks]) => ({ scenario, tasks }));
}
