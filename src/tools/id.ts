/** id (coreutils 9.1): `uid=0(root) gid=0(root) groups=0(root)`, -u -g -G -n -r, id USER. */
import type { Account, ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, usageError } from './common/io.js';
import { quote } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'a' },
  { short: 'Z', long: 'context' },
  { short: 'g', long: 'group' },
  { short: 'G', long: 'groups' },
  { short: 'n', long: 'name' },
  { short: 'r', long: 'real' },
  { short: 'u', long: 'user' },
  { short: 'z', long: 'zero' },
  { long: 'help' },
  { long: 'version' },
];

export function id(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  let account: Account | undefined = ctx.host.accountById(ctx.cred.uid) ?? ctx.account;
  if (parsed.operands.length > 1) return usageError(ctx, `extra operand ${quote(parsed.operands[1]!)}`);
  if (parsed.operands.length === 1) {
    const who = parsed.operands[0]!;
    account = ctx.host.account(who) ?? (/^\d+$/.test(who) ? ctx.host.accountById(Number(who)) : undefined);
    if (!account) {
      ctx.stderr.write(`${prog}: ${quote(who)}: no such user\n`);
      return 1;
    }
  }
  const only = ['user', 'group', 'groups'].filter((k) => keys.has(k));
  if (only.length > 1) return usageError(ctx, 'cannot print "only" of more than one choice');
  if ((keys.has('name') || keys.has('real')) && only.length === 0) {
    ctx.stderr.write(`${prog}: cannot print only names or real IDs in default format\n`);
    return 1;
  }
  const names = keys.has('name');
  const group = (gid: number): string => ctx.host.groupName(gid) ?? String(gid);
  const groups = [account.gid, ...account.groups.filter((g) => g !== account!.gid)];
  const sep = keys.has('zero') ? '\0' : '\n';
  if (keys.has('user')) ctx.stdout.write(`${names ? account.name : account.uid}${sep}`);
  else if (keys.has('group')) ctx.stdout.write(`${names ? group(account.gid) : account.gid}${sep}`);
  else if (keys.has('groups')) ctx.stdout.write(`${groups.map((g) => (names ? group(g) : String(g))).join(keys.has('zero') ? '\0' : ' ')}${sep}`);
  else {
    const list = groups.map((g) => `${g}(${group(g)})`).join(',');
    ctx.stdout.write(`uid=${account.uid}(${account.name}) gid=${account.gid}(${group(account.gid)}) groups=${list}\n`);
  }
  return 0;
}
