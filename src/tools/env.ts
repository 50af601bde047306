/** env (coreutils 9.1): print the environment, or run a command with NAME=VALUE, -i, -u, -C. */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, withArgv } from './common/io.js';
import { quote } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'i', long: 'ignore-environment' },
  { short: '0', long: 'null' },
  { short: 'u', long: 'unset', arg: 'required' },
  { short: 'C', long: 'chdir', arg: 'required' },
  { short: 'S', long: 'split-string', arg: 'required' },
  { short: 'v', long: 'debug' },
  { long: 'help' },
  { long: 'version' },
];

export async function env(ctx: ProcessContext): Promise<number> {
  const prog = progName(ctx);
  // A lone "-" means -i, as POSIX env.
  const argv = ctx.argv.map((a, i) => (i > 0 && a === '-' ? '-i' : a));
  const parsed = parseArgs(withArgv(ctx, argv), OPTIONS, 125, { stopAtOperand: true });
  if (typeof parsed === 'number') return parsed;
  const vars = new Map(ctx.env);
  let nul = false;
  const rest = [...parsed.operands];
  for (const { key, value } of parsed.opts) {
    if (key === 'ignore-environment') vars.clear();
    else if (key === 'unset') vars.delete(value!);
    else if (key === 'null') nul = true;
    else if (key === 'split-string') rest.unshift(...value!.split(/\s+/).filter(Boolean));
  }
  while (rest.length && /^[^=]+=/.test(rest[0]!)) {
    const a = rest.shift()!;
    const eq = a.indexOf('=');
    vars.set(a.slice(0, eq), a.slice(eq + 1));
  }
  if (rest.length === 0) {
    ctx.stdout.write([...vars].map(([k, v]) => `${k}=${v}${nul ? '\0' : '\n'}`).join(''));
    return 0;
  }
  const name = rest[0]!;
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (!ctx.host.programs.get(base)) {
    ctx.stderr.write(`${prog}: ${quote(name)}: No such file or directory\n`);
    return 127;
  }
  return ctx.spawn(rest, { stdin: ctx.stdin, env: vars });
}
