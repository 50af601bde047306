/**
 * tail (coreutils 9.1): -n [+]N, -c [+]N, -NUM/+NUM, -q, -v. -f and -F are accepted and bounded:
 * the file is printed once and tail returns, since a simulated host has no writers to wait for.
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { runHeadTail } from './common/head-tail.js';
import { legacyCount } from './head.js';

const OPTIONS: OptDef[] = [
  { short: 'c', long: 'bytes', arg: 'required' },
  { short: 'f', long: 'follow', arg: 'optional' },
  { short: 'F', key: 'follow-retry' },
  { short: 'n', long: 'lines', arg: 'required' },
  { long: 'max-unchanged-stats', arg: 'required' },
  { long: 'pid', arg: 'required' },
  { short: 'q', long: 'quiet' },
  { long: 'silent', key: 'quiet' },
  { long: 'retry' },
  { short: 's', long: 'sleep-interval', arg: 'required' },
  { short: 'v', long: 'verbose' },
  { short: 'z', long: 'zero-terminated' },
  { long: 'help' },
  { long: 'version' },
];

export function tail(ctx: ProcessContext): number {
  return runHeadTail(ctx, [ctx.argv[0]!, ...legacyCount(ctx.argv, true)], OPTIONS, '+', (text, s) =>
    s.bytes ? tailBytes(text, s.count, s.signed) : tailLines(text, s.count, s.signed, s.eol),
  );
}

function tailBytes(text: string, n: number, fromStart: boolean): string {
  const buf = Buffer.from(text, 'utf8');
  const start = fromStart ? Math.max(n - 1, 0) : Math.max(buf.length - n, 0);
  return buf.subarray(Math.min(start, buf.length)).toString('utf8');
}

function tailLines(text: string, n: number, fromStart: boolean, eol: string): string {
  const starts = [0];
  for (let i = text.indexOf(eol); i >= 0 && i + 1 < text.length; i = text.indexOf(eol, i + 1)) starts.push(i + 1);
  const total = text === '' ? 0 : starts.length;
  if (fromStart) {
    const idx = Math.max(n, 1) - 1;
    return idx >= total ? '' : text.slice(starts[idx]);
  }
  if (n === 0) return '';
  return n >= total ? text : text.slice(starts[total - n]);
}
