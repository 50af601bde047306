/**
 * `kubedrill validate [FILES...]`: every schema and cross-reference problem with its file, line
 * and column; then each scenario is built once (boot, objects, files, breakages) so that a
 * breakage aimed at a file or object that does not exist is caught too. Exit 1 on any problem.
 */
import { parseArgs } from '../args.js';
import { openCatalog } from '../catalog.js';
import type { CliIO } from '../io.js';
import { buildWorld } from '../../scenario/build.js';
import { SourceError } from '../../scenario/source.js';
import { defaultBootHooks } from '../../cluster/assemble.js';
import { certificateReissuer } from '../../cluster/assemble.js';

export async function validateCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [{ name: 'dir', value: true, repeat: true }, { name: 'quick' }]);
  const files = args.positionals;
  const { catalog, errors } = openCatalog({ dirs: args.options.get('dir') ?? [], builtin: files.length === 0 }, files);
  const problems = [...errors];
  if (!args.options.has('quick')) {
    for (const s of catalog.scenarios.values()) {
      if (problems.some((p) => p.file === s.file)) continue;
      try {
        buildWorld([s], { hooks: defaultBootHooks(), reissueCertificate: certificateReissuer(), noSettle: true });
      } catch (e) {
        if (e instanceof SourceError) problems.push(e);
        else problems.push(new SourceError(s.file, { line: 1, column: 1 }, `building the scenario failed: ${(e as Error).message}`));
      }
    }
  }
  for (const p of problems) io.stderr.write(`${p.message}\n`);
  const count = catalog.scenarios.size + catalog.graders.size + catalog.exams.size;
  if (problems.length) {
    io.stderr.write(`${problems.length} problem(s) found.\n`);
    return 1;
  }
  io.stdout.write(`${count} file(s) valid: ${catalog.scenarios.size} scenario(s), ${catalog.graders.size} grader(s), ${catalog.exams.size} exam(s).\n`);
  return 0;
}
