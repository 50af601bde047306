/**
 * `kubedrill selftest [SCENARIO...]`: proves each answer key discriminates. For every task the
 * untouched broken state must score 0 % and the reference solution 100 %. Prints a table, exits
 * 1 on any miss. `npm test` runs it for every shipped scenario.
 */
import { parseArgs } from '../args.js';
import { openCatalog } from '../catalog.js';
import type { CliIO } from '../io.js';
import { table } from './list.js';
import { selftestScenario, type SelftestRow } from '../../session/selftest.js';

export async function selftestCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [{ name: 'dir', value: true, repeat: true }, { name: 'verbose', short: 'v' }]);
  const { catalog, errors } = openCatalog({ dirs: args.options.get('dir') ?? [], builtin: true });
  if (errors.length) {
    for (const e of errors) io.stderr.write(`${e.message}\n`);
    return 2;
  }
  const names = args.positionals.length ? args.positionals : [...catalog.scenarios.keys()].sort();
  const rows: SelftestRow[] = [];
  for (const name of names) {
    if (!catalog.scenarios.has(name)) {
      io.stderr.write(`kubedrill selftest: unknown scenario "${name}"\n`);
      return 2;
    }
    rows.push(...(await selftestScenario(catalog, name, args.options.has('verbose') ? io : undefined)));
  }
  const header = ['SCENARIO', 'TASK', 'UNTOUCHED', 'SOLUTION', 'RESULT'];
  io.stdout.write(table([header, ...rows.map((r) => [r.scenario, r.task, `${r.untouched.toFixed(0)} %`, `${r.solved.toFixed(0)} %`, r.ok ? 'ok' : 'FAIL'])]));
  for (const r of rows.filter((x) => !x.ok)) {
    io.stdout.write(`\n${r.scenario}/${r.task}:\n`);
    for (const line of r.details) io.stdout.write(`  ${line}\n`);
  }
  return rows.every((r) => r.ok) ? 0 : 1;
}
