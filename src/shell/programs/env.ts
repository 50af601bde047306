/**
 * env (coreutils) and which (debianutils): they depend on how the shell finds commands, so the
 * shell provides them; a host table may still install its own.
 */
import type { Program } from '../types.js';

export const env: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const vars = new Map(ctx.env);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '-' || a === '--ignore-environment') vars.clear();
    else if (a === '-u' || a === '--unset') vars.delete(args[++i] ?? '');
    else if (a === '--') {
      i++;
      break;
    } else if (/^[^=]+=/.test(a)) {
      const eq = a.indexOf('=');
      vars.set(a.slice(0, eq), a.slice(eq + 1));
    } else break;
  }
  const command = args.slice(i);
  if (command.length === 0) {
    for (const [k, v] of vars) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  if (ctx.lookPath && ctx.lookPath(command[0]!) === undefined) {
    ctx.stderr.write(`env: ‘${command[0]}’: No such file or directory\n`);
    return 127;
  }
  return ctx.spawn(command, { stdin: ctx.stdin, env: vars });
};

export const which: Program = (ctx) => {
  let status = 0;
  for (const name of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = ctx.lookPath?.(name);
    if (path === undefined) status = 1;
    else ctx.stdout.write(path + '\n');
  }
  return status;
};
