/**
 * `kubedrill run [SCENARIO] [--script FILE | -c LINE]`: command lines in the simulation, output
 * exactly as a terminal shows it, exit status of the last line. Without a scenario the default
 * cluster is used. Lines come from -c, a script file, or stdin.
 */
import { readFileSync } from 'node:fs';
import { flag, opt, parseArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { loadSession } from '../load-session.js';
import { splitScript } from '../../session/script.js';

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [
    { name: 'script', short: 'f', value: true },
    { name: 'command', short: 'c', value: true, repeat: true },
    { name: 'seed', value: true },
    { name: 'dir', value: true, repeat: true },
    { name: 'echo' },
    { name: 'healthy' },
  ]);
  const session = loadSession(args.positionals[0], { seed: opt(args, 'seed'), dirs: args.options.get('dir') ?? [], healthy: flag(args, 'healthy') }, io);
  if (typeof session === 'number') return session;
  let text: string;
  const script = opt(args, 'script');
  if (args.options.has('command')) text = args.options.get('command')!.join('\n');
  else if (script) {
    try {
      text = readFileSync(script, 'utf8');
    } catch (e) {
      io.stderr.write(`kubedrill run: cannot read ${script}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
      return 2;
    }
  } else text = await io.readStdin();
  let status = 0;
  for (const line of splitScript(text, (t) => session.shell.isComplete(t))) {
    if (flag(args, 'echo')) io.stdout.write(`${session.shell.prompt()}${line}\n`);
    status = await session.run(line, { stdout: io.stdout, stderr: io.stderr });
    if (session.shell.ended) break;
  }
  return status;
}
