/**
 * which (Debian's debianutils 5.7 script): prints the path of each command found through the
 * host's programs; prints nothing for a missing one and exits 1 if any was missing.
 */
import type { ProcessContext } from '../shell/types.js';

export function which(ctx: ProcessContext): number {
  const args = ctx.argv.slice(1);
  let all = false;
  let status = 0;
  const names: string[] = [];
  for (const a of args) {
    if (a === '-a') all = true;
    else if (a === '-s') continue;
    else if (a.startsWith('-') && names.length === 0) {
      ctx.stderr.write(`Illegal option -${a.slice(1, 2)}\nUsage: /usr/bin/which [-as] args\n`);
      return 2;
    } else names.push(a);
  }
  if (names.length === 0) return 1;
  for (const name of names) {
    const path = name.includes('/') ? (ctx.host.fs.isFile(ctx.resolve(name), ctx.cred) ? name : undefined) : ctx.host.programs.pathOf(name);
    if (path === undefined) {
      status = 1;
      continue;
    }
    ctx.stdout.write(`${path}\n`);
    // Debian's merged /usr also finds /bin/x with -a.
    if (all && path.startsWith('/usr/bin/')) ctx.stdout.write(`${path.slice(4)}\n`);
  }
  return status;
}
