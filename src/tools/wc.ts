/**
 * wc (coreutils 9.1): -l -w -c -m -L, a total line for several files, and GNU's column width:
 * the digits of the summed sizes of the regular files (7 when stdin or a non-regular file takes
 * part), or no padding for a single count of a single file.
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf } from './common/io.js';
import { quotef } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'c', long: 'bytes' },
  { short: 'm', long: 'chars' },
  { short: 'l', long: 'lines' },
  { long: 'files0-from', arg: 'required' },
  { short: 'L', long: 'max-line-length' },
  { short: 'w', long: 'words' },
  { long: 'help' },
  { long: 'version' },
];

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

export function countText(text: string): Counts {
  let lines = 0;
  let words = 0;
  let chars = 0;
  let maxLine = 0;
  let col = 0;
  let inWord = false;
  for (const c of text) {
    chars++;
    const code = c.codePointAt(0)!;
    if (code === 10) {
      lines++;
      maxLine = Math.max(maxLine, col);
      col = 0;
    } else if (code === 9) col += 8 - (col % 8);
    else if (code !== 13 && code !== 12 && code !== 11) col += code < 0x7f ? (code < 32 ? 0 : 1) : displayWidth(c);
    const space = code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(c));
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  maxLine = Math.max(maxLine, col);
  return { lines, words, chars, bytes: Buffer.byteLength(text, 'utf8'), maxLine };
}

function displayWidth(c: string): number {
  const cp = c.codePointAt(0)!;
  if (cp < 32 || cp === 127) return 0;
  // Wide East Asian ranges count two columns.
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0x1f300 && cp <= 0x1faff)) return 2;
  return 1;
}

export function wc(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  let want = { lines: keys.has('lines'), words: keys.has('words'), chars: keys.has('chars'), bytes: keys.has('bytes'), maxLine: keys.has('max-line-length') };
  if (!Object.values(want).some(Boolean)) want = { lines: true, words: true, chars: false, bytes: true, maxLine: false };
  const operands = parsed.operands.length ? parsed.operands : [];
  const names = operands.length ? operands : ['-'];
  const fs = ctx.host.fs;
  interface Row {
    name: string | undefined;
    counts: Counts;
  }
  const rows: Row[] = [];
  let status = 0;
  let regularTotal = 0;
  let minWidth = 1;
  let firstFailed = false;
  names.forEach((name, i) => {
    let text: string;
    if (name === '-') {
      text = ctx.stdin;
      minWidth = 7;
    } else {
      const path = ctx.resolve(name);
      try {
        const st = fs.stat(path, ctx.cred);
        if (st.type === 'dir') {
          ctx.stderr.write(`${prog}: ${quotef(name)}: Is a directory\n`);
          status = 1;
          minWidth = 7;
          rows.push({ name, counts: { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 } });
          return;
        }
        text = fs.readFile(path, ctx.cred);
        regularTotal += st.size;
      } catch (e) {
        ctx.stderr.write(`${prog}: ${quotef(name)}: ${reasonOf(e)}\n`);
        status = 1;
        if (i === 0) firstFailed = true;
        return;
      }
    }
    rows.push({ name: operands.length ? name : undefined, counts: countText(text) });
  });
  const selected = Object.values(want).filter(Boolean).length;
  let width = 1;
  if (!(names.length === 1 && selected === 1) && !firstFailed) {
    width = Math.max(String(regularTotal).length, minWidth);
  }
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  for (const r of rows) {
    for (const k of ['lines', 'words', 'chars', 'bytes'] as const) total[k] += r.counts[k];
    total.maxLine = Math.max(total.maxLine, r.counts.maxLine);
  }
  const line = (c: Counts, name: string | undefined): string => {
    const cols: number[] = [];
    if (want.lines) cols.push(c.lines);
    if (want.words) cols.push(c.words);
    if (want.chars) cols.push(c.chars);
    if (want.bytes) cols.push(c.bytes);
    if (want.maxLine) cols.push(c.maxLine);
    const body = cols.map((n) => String(n).padStart(width)).join(' ');
    return name === undefined ? `${body}\n` : `${body} ${name}\n`;
  };
  for (const r of rows) ctx.stdout.write(line(r.counts, r.name));
  if (names.length > 1) ctx.stdout.write(line(total, 'total'));
  return status;
}
