/**
 * `kubedrill grade SCENARIO --transcript FILE [--format text|json|junit] [--pass 66] [--seed N]`:
 * replays a candidate's transcript in a fresh simulation and grades the final state. Exit 0 at
 * or above the pass mark, 1 below, 2 for bad input. Same inputs, same seed: identical report.
 */
import { readFileSync } from 'node:fs';
import { opt, parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { loadSession } from '../load-session.js';
import { splitScript } from '../../session/script.js';
import { textReport } from '../../grading/report/text.js';
import { jsonReport } from '../../grading/report/json.js';
import { junitReport } from '../../grading/report/junit.js';
import { BufferSink } from '../../shell/types.js';

const FORMATS = { text: (r: Parameters<typeof textReport>[0]) => textReport(r), json: jsonReport, junit: junitReport };

export async function gradeCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [
    { name: 'transcript', short: 't', value: true },
    { name: 'format', value: true },
    { name: 'pass', value: true },
    { name: 'seed', value: true },
    { name: 'dir', value: true, repeat: true },
    { name: 'output', short: 'o', value: true },
  ]);
  const name = args.positionals[0];
  if (!name) throw new UsageError('a scenario or exam name is required');
  const format = (opt(args, 'format') ?? 'text') as keyof typeof FORMATS;
  if (!(format in FORMATS)) throw new UsageError(`unknown format "${format}" (text, json, junit)`);
  const pass = opt(args, 'pass');
  const passMark = pass === undefined ? undefined : Number(pass);
  if (passMark !== undefined && (!Number.isFinite(passMark) || passMark < 0 || passMark > 100)) throw new UsageError(`--pass must be a number from 0 to 100, found "${pass}"`);
  const transcriptPath = opt(args, 'transcript');
  let text = '';
  if (transcriptPath) {
    try {
      text = readFileSync(transcriptPath, 'utf8');
    } catch {
      io.stderr.write(`kubedrill grade: cannot read transcript ${transcriptPath}\n`);
      return 2;
    }
  } else if (!io.isTTY) {
    text = await io.readStdin();
  }
  const session = loadSession(name, { seed: opt(args, 'seed'), dirs: args.options.get('dir') ?? [] }, io);
  if (typeof session === 'number') return session;
  const sink = new BufferSink();
  for (const line of splitScript(text, (t) => session.shell.isComplete(t))) {
    await session.run(line, { stdout: sink, stderr: sink });
    if (session.shell.ended) break;
  }
  const report = await session.grade(passMark);
  const out = FORMATS[format](report);
  const file = opt(args, 'output');
  if (file) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, out);
  } else io.stdout.write(out);
  return report.passed ? 0 : 1;
}
