/**
 * du (coreutils 9.1): disk usage in 1K blocks (4K per non-empty file block, 4K per directory,
 * as ext4), -s, -a, -c, -h, -d/--max-depth, -k, -m, -b.
 */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { blocksK, humanSize, joinPath } from './common/fileinfo.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf } from './common/io.js';
import { quote, quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: '0', long: 'null' },
  { short: 'a', long: 'all' },
  { long: 'apparent-size' },
  { short: 'B', long: 'block-size', arg: 'required' },
  { short: 'b', long: 'bytes' },
  { short: 'c', long: 'total' },
  { short: 'D', long: 'dereference-args' },
  { short: 'd', long: 'max-depth', arg: 'required' },
  { short: 'h', long: 'human-readable' },
  { long: 'inodes' },
  { short: 'k' },
  { short: 'L', long: 'dereference' },
  { short: 'l', long: 'count-links' },
  { short: 'm' },
  { short: 'P', long: 'no-dereference' },
  { short: 'S', long: 'separate-dirs' },
  { long: 'si' },
  { short: 's', long: 'summarize' },
  { short: 't', long: 'threshold', arg: 'required' },
  { long: 'time', arg: 'optional' },
  { short: 'x', long: 'one-file-system' },
  { long: 'exclude', arg: 'required' },
  { long: 'help' },
  { long: 'version' },
];

export function du(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  const all = keys.has('all');
  const summarize = keys.has('summarize');
  const total = keys.has('total');
  const human = keys.has('human-readable') || keys.has('si');
  const bytes = keys.has('bytes') || keys.has('apparent-size');
  const mega = keys.has('m');
  let maxDepth = summarize ? 0 : Infinity;
  const depthOpt = parsed.opts.find((o) => o.key === 'max-depth');
  if (depthOpt) {
    if (!/^\d+$/.test(depthOpt.value!)) {
      ctx.stderr.write(`${prog}: invalid maximum depth ${quote(depthOpt.value!)}\n`);
      return 1;
    }
    if (summarize && Number(depthOpt.value) !== 0) {
      ctx.stderr.write(`${prog}: warning: summarizing conflicts with --max-depth=${depthOpt.value}\n`);
      return 1;
    }
    maxDepth = Number(depthOpt.value);
  }
  const fs = ctx.host.fs;
  const size = (st: Stat): number => (bytes ? st.size : blocksK(st) * 1024);
  const show = (n: number): string => {
    if (human) return humanSize(n);
    if (bytes) return String(n);
    if (mega) return String(Math.ceil(n / 1048576));
    return String(Math.ceil(n / 1024));
  };
  let status = 0;
  let grand = 0;
  const eol = keys.has('null') ? '\0' : '\n';
  const walk = (shown: string, path: string, st: Stat, depth: number): number => {
    let sum = size(st);
    if (st.type === 'dir') {
      let names: string[] = [];
      try {
        names = fs.readdir(path, ctx.cred);
      } catch (e) {
        ctx.stderr.write(`${prog}: cannot read directory ${quoteaf(shown)}: ${reasonOf(e)}\n`);
        status = 1;
      }
      for (const n of names) {
        const p = joinPath(path, n);
        sum += walk(joinPath(shown, n), p, fs.lstat(p, ctx.cred), depth + 1);
      }
      if (depth <= maxDepth) ctx.stdout.write(`${show(sum)}\t${shown}${eol}`);
    } else if ((all || depth === 0) && depth <= maxDepth) ctx.stdout.write(`${show(sum)}\t${shown}${eol}`);
    return sum;
  };
  for (const name of parsed.operands.length ? parsed.operands : ['.']) {
    const path = ctx.resolve(name);
    let st: Stat;
    try {
      st = fs.lstat(path, ctx.cred);
    } catch (e) {
      ctx.stderr.write(`${prog}: cannot access ${quoteaf(name)}: ${reasonOf(e)}\n`);
      status = 1;
      continue;
    }
    grand += walk(name.length > 1 ? name.replace(/\/+$/, '') : name, path, st, 0);
  }
  if (total) ctx.stdout.write(`${show(grand)}\ttotal${eol}`);
  return status;
}
