/**
 * /usr/bin/echo (coreutils 9.1). The shell's builtin echo takes precedence when typed; this is
 * the program that xargs, find -exec and env run, as on a real host.
 */
import type { ProcessContext } from '../shell/types.js';
import { helpOrVersion } from './common/io.js';

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** echo -e escapes; returns the text and whether \c cut the output short. */
export function interpretEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1]!;
    if (n === 'c') return { text: out, stop: true };
    if (ESCAPES[n]) {
      out += ESCAPES[n];
      i++;
    } else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(m || '0', 8));
      i += 1 + m.length;
    } else if (n === 'x' && /^[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(m, 16));
      i += 1 + m.length;
    } else out += c;
  }
  return { text: out, stop: false };
}

export function echo(ctx: ProcessContext): number {
  const info = helpOrVersion(ctx);
  if (info !== undefined) return info;
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0]!)) {
    for (const f of args.shift()!.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const r = interpretEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  ctx.stdout.write(newline ? `${text}\n` : text);
  return 0;
}
