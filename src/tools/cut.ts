/** cut (coreutils 9.1): -b, -c (bytes, as GNU's -c), -f with -d, -s, --complement, --output-delimiter. */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, readOperand, reasonOf, usageError } from './common/io.js';
import { quote, quotef } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'b', long: 'bytes', arg: 'required' },
  { short: 'c', long: 'characters', arg: 'required' },
  { short: 'd', long: 'delimiter', arg: 'required' },
  { short: 'f', long: 'fields', arg: 'required' },
  { short: 'n' },
  { long: 'complement' },
  { short: 's', long: 'only-delimited' },
  { long: 'output-delimiter', arg: 'required' },
  { short: 'z', long: 'zero-terminated' },
  { long: 'help' },
  { long: 'version' },
];

type Range = [number, number];

class ListError extends Error {}

/** Parses `1,3-5,7-` into sorted, merged 1-based inclusive ranges. */
function parseList(list: string, fields: boolean): Range[] {
  const ranges: Range[] = [];
  for (const part of list.split(/[,\s]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' && part !== '-') || part === '') {
      if (part === '-' || part === '') throw new ListError(`invalid range with no endpoint: -`);
      const bad = part.replace(/^[\d-]*/, '');
      throw new ListError(fields ? `invalid field value ${quote(bad || part)}` : `invalid byte/character position ${quote(bad || part)}`);
    }
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo === 0 || hi === 0) throw new ListError(fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1');
    if (hi < lo) throw new ListError('invalid decreasing range');
    ranges.push([lo, hi]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function selected(ranges: Range[], i: number, complement: boolean): boolean {
  const inside = ranges.some(([lo, hi]) => i >= lo && i <= hi);
  return inside !== complement;
}

export function cut(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let mode: 'bytes' | 'fields' | undefined;
  let list = '';
  let delim: string | undefined;
  let complement = false;
  let onlyDelimited = false;
  let outDelim: string | undefined;
  let eol = '\n';
  for (const { key, value } of parsed.opts) {
    if (key === 'bytes' || key === 'characters' || key === 'fields') {
      if (mode !== undefined) return usageError(ctx, 'only one list may be specified');
      mode = key === 'fields' ? 'fields' : 'bytes';
      list = value!;
    } else if (key === 'delimiter') {
      if ([...value!].length > 1) return usageError(ctx, 'the delimiter must be a single character');
      delim = value === '' ? '\0' : value;
    } else if (key === 'complement') complement = true;
    else if (key === 'only-delimited') onlyDelimited = true;
    else if (key === 'output-delimiter') outDelim = value;
    else if (key === 'zero-terminated') eol = '\0';
  }
  if (mode === undefined) return usageError(ctx, 'you must specify a list of bytes, characters, or fields');
  if (mode === 'bytes' && delim !== undefined) return usageError(ctx, 'an input delimiter may be specified only when operating on fields');
  if (mode === 'bytes' && onlyDelimited) return usageError(ctx, 'suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  let ranges: Range[];
  try {
    ranges = parseList(list, mode === 'fields');
  } catch (e) {
    return usageError(ctx, (e as Error).message);
  }
  const d = delim ?? '\t';
  const od = outDelim ?? d;
  let status = 0;
  for (const name of parsed.operands.length ? parsed.operands : ['-']) {
    const r = readOperand(ctx, name);
    if (!r.ok) {
      ctx.stderr.write(`${prog}: ${quotef(name)}: ${reasonOf(r.error)}\n`);
      status = 1;
      continue;
    }
    const text = r.text;
    const body = text.endsWith(eol) ? text.slice(0, -1) : text;
    if (text === '') continue;
    let out = '';
    for (const line of body.split(eol)) {
      if (mode === 'fields') {
        if (!line.includes(d)) {
          if (!onlyDelimited) out += line + eol;
          continue;
        }
        const parts = line.split(d);
        out += parts.filter((_, i) => selected(ranges, i + 1, complement)).join(od) + eol;
      } else {
        const bytes = Buffer.from(line, 'utf8');
        const pieces: Buffer[] = [];
        let runStart = -1;
        for (let i = 0; i <= bytes.length; i++) {
          const on = i < bytes.length && selected(ranges, i + 1, complement);
          if (on && runStart < 0) runStart = i;
          if (!on && runStart >= 0) {
            pieces.push(bytes.subarray(runStart, i));
            runStart = -1;
          }
        }
        out += pieces.map((p) => p.toString('utf8')).join(outDelim ?? '') + eol;
      }
    }
    ctx.stdout.write(out);
  }
  return status;
}
