/** bash's builtin echo: `-n`, `-e`, `-E` (only when every letter is one of them), escapes with -e. */
import type { Builtin } from '../interpreter/runtime.js';

export const echo: Builtin = {
  binary: '/usr/bin/echo',
  run(ctx) {
    const args = [...ctx.args];
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0]!)) {
      for (const c of args.shift()!.slice(1)) {
        if (c === 'n') newline = false;
        else if (c === 'e') escapes = true;
        else escapes = false;
      }
    }
    let text = args.join(' ');
    if (escapes) {
      const { text: decoded, stop } = decodeEscapes(text, true);
      text = decoded;
      if (stop) newline = false;
    }
    ctx.stdout.write(newline ? text + '\n' : text);
    return 0;
  },
};

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/**
 * Backslash escapes of `echo -e` and printf's %b (`echoStyle`: octal is \0NNN) or of a printf
 * format (octal is \NNN, and \" is a quote). `\c` stops all output.
 */
export function decodeEscapes(text: string, echoStyle: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i]!;
    if (SIMPLE[n] !== undefined) out += SIMPLE[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === '"' && !echoStyle) out += '"';
    else if ((echoStyle && n === '0') || (!echoStyle && /[0-7]/.test(n))) {
      const digits = /^[0-7]{0,3}/.exec(text.slice(echoStyle ? i + 1 : i))![0];
      out += String.fromCharCode(parseInt(digits || '0', 8) & 255);
      i += echoStyle ? digits.length : digits.length - 1;
    } else if (n === 'x' && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(digits, 16));
      i += digits.length;
    } else if ((n === 'u' || n === 'U') && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const digits = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(text.slice(i + 1))![0];
      out += String.fromCodePoint(Math.min(parseInt(digits, 16), 0x10ffff));
      i += digits.length;
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}
