/**
 * chown and chgrp (coreutils 9.1): OWNER[:GROUP], OWNER:, :GROUP, numeric ids, -R -v -c -f,
 * --reference. Only root may change ownership ("Operation not permitted" otherwise). Group
 * names resolve through /etc/group, then the host's accounts.
 */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import type { OptDef } from './common/getopt.js';
import { groupName, joinPath, userName } from './common/fileinfo.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { quote, quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'c', long: 'changes' },
  { short: 'f', long: 'silent' },
  { long: 'quiet', key: 'silent' },
  { short: 'v', long: 'verbose' },
  { long: 'dereference' },
  { short: 'h', long: 'no-dereference' },
  { long: 'from', arg: 'required' },
  { long: 'no-preserve-root' },
  { long: 'preserve-root' },
  { long: 'reference', arg: 'required' },
  { short: 'R', long: 'recursive' },
  { short: 'H' },
  { short: 'L' },
  { short: 'P' },
  { long: 'help' },
  { long: 'version' },
];

function lookupGroup(ctx: ProcessContext, name: string): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  const etc = ctx.host.fs.readFileIfExists('/etc/group');
  for (const line of (etc ?? '').split('\n')) {
    const [g, , gid] = line.split(':');
    if (g === name && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  const acct = ctx.host.account(name);
  if (acct && ctx.host.groupName(acct.gid) === name) return acct.gid;
  return undefined;
}

function lookupUser(ctx: ProcessContext, name: string): { uid: number; gid: number } | undefined {
  const acct = ctx.host.account(name);
  if (acct) return { uid: acct.uid, gid: acct.gid };
  if (/^\d+$/.test(name)) return { uid: Number(name), gid: ctx.host.accountById(Number(name))?.gid ?? -1 };
  return undefined;
}

interface Change {
  uid?: number;
  gid?: number;
}

function parseSpec(ctx: ProcessContext, spec: string, chgrp: boolean): Change | string {
  if (chgrp) {
    const gid = lookupGroup(ctx, spec);
    return gid === undefined ? `invalid group: ${quote(spec)}` : { gid };
  }
  const m = /^([^:.]*)(?:([:.])(.*))?$/.exec(spec);
  if (!m) return `invalid user: ${quote(spec)}`;
  const [, user, sep, group] = m;
  const change: Change = {};
  if (user) {
    const u = lookupUser(ctx, user);
    if (!u) return `invalid user: ${quote(spec)}`;
    change.uid = u.uid;
    if (sep !== undefined && group === '') {
      if (u.gid < 0) return `invalid spec: ${quote(spec)}`;
      change.gid = u.gid;
    }
  }
  if (group) {
    if (group.includes(':')) return `invalid user: ${quote(spec)}`;
    const gid = lookupGroup(ctx, group);
    if (gid === undefined) return `invalid group: ${quote(spec)}`;
    change.gid = gid;
  }
  return change;
}

function ownerText(ctx: ProcessContext, st: { uid: number; gid: number }, c: Change, chgrp: boolean): string {
  if (chgrp) return groupName(ctx.host, st.gid);
  const u = userName(ctx.host, st.uid);
  return c.gid !== undefined ? `${u}:${groupName(ctx.host, st.gid)}` : u;
}

function run(ctx: ProcessContext, chgrp: boolean): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  const verbose = keys.has('verbose');
  const changes = keys.has('changes');
  const silent = keys.has('silent');
  const recursive = keys.has('recursive');
  const fs = ctx.host.fs;
  const operands = [...parsed.operands];
  const reference = parsed.opts.find((o) => o.key === 'reference')?.value;
  let change: Change;
  if (reference !== undefined) {
    try {
      const st = fs.stat(ctx.resolve(reference), ctx.cred);
      change = chgrp ? { gid: st.gid } : { uid: st.uid, gid: st.gid };
    } catch (e) {
      ctx.stderr.write(`${prog}: failed to get attributes of ${quoteaf(reference)}: ${reasonOf(e)}\n`);
      return 1;
    }
  } else {
    const spec = operands.shift();
    if (spec === undefined) return usageError(ctx, 'missing operand');
    if (operands.length === 0) return usageError(ctx, `missing operand after ${quote(spec)}`);
    const c = parseSpec(ctx, spec, chgrp);
    if (typeof c === 'string') {
      ctx.stderr.write(`${prog}: ${c}\n`);
      return 1;
    }
    change = c;
  }
  if (operands.length === 0) return usageError(ctx, 'missing operand');
  let status = 0;
  const apply = (shown: string, path: string, st: Stat): void => {
    const uid = change.uid ?? st.uid;
    const gid = change.gid ?? st.gid;
    const what = chgrp ? 'group' : 'ownership';
    try {
      if (ctx.cred.uid !== 0 && (uid !== st.uid || gid !== st.gid || st.uid !== ctx.cred.uid)) throw new Error('Operation not permitted');
      if (ctx.cred.uid === 0) fs.chown(path, uid, gid, ctx.cred);
    } catch (e) {
      if (!silent) ctx.stderr.write(`${prog}: changing ${what} of ${quoteaf(shown)}: ${e instanceof Error && !('code' in e) ? e.message : reasonOf(e)}\n`);
      status = 1;
      return;
    }
    const changed = uid !== st.uid || gid !== st.gid;
    if (verbose || (changes && changed)) {
      const before = ownerText(ctx, st, change, chgrp);
      const after = ownerText(ctx, { uid, gid }, change, chgrp);
      ctx.stdout.write(changed ? `changed ${what} of ${quoteaf(shown)} from ${before} to ${after}\n` : `${what} of ${quoteaf(shown)} retained as ${after}\n`);
    }
  };
  const walk = (shown: string, path: string, top: boolean): void => {
    let st: Stat;
    try {
      st = top ? fs.stat(path, ctx.cred) : fs.lstat(path, ctx.cred);
    } catch (e) {
      if (!silent) ctx.stderr.write(`${prog}: cannot access ${quoteaf(shown)}: ${reasonOf(e)}\n`);
      status = 1;
      return;
    }
    apply(shown, path, st);
    if (recursive && st.type === 'dir') {
      for (const n of fs.readdir(path, ctx.cred)) walk(joinPath(shown, n), joinPath(path, n), false);
    }
  };
  for (const name of operands) walk(name, ctx.resolve(name), true);
  return status;
}

export function chown(ctx: ProcessContext): number {
  return run(ctx, false);
}

export function chgrp(ctx: ProcessContext): number {
  return run(ctx, true);
}
