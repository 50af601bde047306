/**
 * /usr/bin/printf (coreutils 9.1), the program xargs and find -exec run (the shell's builtin
 * printf, where it exists, takes precedence when typed). The format is reused while arguments
 * remain; numeric arguments accept 0x.., 0.. and 'c forms, with GNU's warnings and status 1 for
 * bad numbers. `formatPrintf` is exported for a shell builtin to reuse.
 */
import type { ProcessContext } from '../shell/types.js';
import { helpOrVersion, progName, usageError } from './common/io.js';
import { sprintf } from './common/printf.js';
import { quote, quotef } from './common/quote.js';

const ESC: Record<string, string> = { '"': '"', '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Backslash escapes of the format (and of %b arguments); `stop` is set by \c. */
function unescape(s: string, i: number, inB: boolean): { text: string; next: number; stop?: boolean } {
  const c = s[i + 1];
  if (c === undefined) return { text: '\\', next: i + 1 };
  if (c === 'c') return { text: '', next: i + 2, stop: true };
  if (ESC[c] !== undefined && !(c === '"' && inB)) return { text: ESC[c]!, next: i + 2 };
  const oct = inB ? /^0[0-7]{0,3}|^[1-7][0-7]{0,2}/.exec(s.slice(i + 1)) : /^[0-7]{1,3}/.exec(s.slice(i + 1));
  if (oct) {
    const digits = inB && oct[0].startsWith('0') ? oct[0].slice(1) || '0' : oct[0];
    return { text: String.fromCharCode(parseInt(digits, 8) & 0xff), next: i + 1 + oct[0].length };
  }
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1));
  if (hex) return { text: String.fromCharCode(parseInt(hex[1]!, 16)), next: i + 1 + hex[0].length };
  const uni = /^u([0-9a-fA-F]{4})|^U([0-9a-fA-F]{8})/.exec(s.slice(i + 1));
  if (uni) return { text: String.fromCodePoint(parseInt(uni[1] ?? uni[2]!, 16)), next: i + 1 + uni[0].length };
  return { text: `\\${c}`, next: i + 2 };
}

/** bash-style %q quoting, as coreutils' shell-escape style. */
function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_.\/:,+@%=-]+$/.test(s)) return s;
  return quotef(s);
}

interface Warn {
  (message: string): void;
}

function parseInteger(arg: string, warn: Warn): number {
  if (/^['"]/.test(arg)) return arg.length > 1 ? arg.codePointAt(1)! : 0;
  const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(arg);
  if (!m) {
    warn(`${quote(arg)}: expected a numeric value`);
    return 0;
  }
  const body = m[2]!;
  const n = body.startsWith('0x') || body.startsWith('0X') ? parseInt(body.slice(2), 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : Number(body);
  if (m[0].length !== arg.length) warn(`${quote(arg)}: value not completely converted`);
  return m[1] === '-' ? -n : n;
}

function parseFloatArg(arg: string, warn: Warn): number {
  if (/^['"]/.test(arg)) return arg.length > 1 ? arg.codePointAt(1)! : 0;
  const m = /^\s*[-+]?(?:inf(?:inity)?|nan|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/i.exec(arg);
  if (!m) {
    warn(`${quote(arg)}: expected a numeric value`);
    return 0;
  }
  if (m[0].length !== arg.length) warn(`${quote(arg)}: value not completely converted`);
  const t = m[0].trim().toLowerCase();
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  if (t.includes('nan')) return NaN;
  if (/0x/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[-+]?0x/, ''), 16);
  return Number(t);
}

/**
 * Formats like coreutils printf. Returns the output, the warnings (without the program prefix)
 * and whether the format was bad (status 1 and output cut short).
 */
export function formatPrintf(format: string, args: readonly string[]): { out: string; warnings: string[]; invalid?: string } {
  const warnings: string[] = [];
  const warn: Warn = (m) => warnings.push(m);
  let out = '';
  let ai = 0;
  const next = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  for (;;) {
    const before = ai;
    for (let i = 0; i < format.length; ) {
      const c = format[i]!;
      if (c === '\\') {
        const u = unescape(format, i, false);
        out += u.text;
        if (u.stop) return { out, warnings };
        i = u.next;
        continue;
      }
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const m = /^%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d*))?([hlLjzt]*)([diouxXfFeEgGaAcsbq])?/.exec(format.slice(i))!;
      const conv = m[5];
      if (!conv || (conv === 'q' && (m[2] || m[3] !== undefined))) {
        return { out, warnings, invalid: format.slice(i, i + m[0].length + (conv ? 0 : 1)) };
      }
      i += m[0].length;
      let width = m[2];
      let precision = m[3];
      if (width === '*') width = String(parseInteger(next() ?? '0', warn));
      if (precision === '*') precision = String(parseInteger(next() ?? '0', warn));
      const spec = `%${m[1]!.replace("'", '')}${width ?? ''}${precision !== undefined ? `.${precision}` : ''}`;
      const arg = next();
      const one = (conversion: string, value: number | string): string =>
        sprintf(`${spec}${conversion}`, { values: [value], toNumber: (v) => Number(v), toString: String, isNumber: (v) => typeof v === 'number' });
      switch (conv) {
        case 'd':
        case 'i':
          out += one('d', parseInteger(arg ?? '0', warn));
          break;
        case 'o':
        case 'u':
        case 'x':
        case 'X':
          out += one(conv, parseInteger(arg ?? '0', warn));
          break;
        case 'c':
          out += one('s', [...(arg ?? '')][0] ?? '\0');
          break;
        case 's':
          out += one('s', arg ?? '');
          break;
        case 'q':
          out += shellQuote(arg ?? '');
          break;
        case 'b': {
          let text = '';
          const a = arg ?? '';
          for (let j = 0; j < a.length; ) {
            if (a[j] === '\\') {
              const u = unescape(a, j, true);
              text += u.text;
              if (u.stop) return { out: out + one('s', text), warnings };
              j = u.next;
            } else text += a[j++];
          }
          out += one('s', text);
          break;
        }
        default:
          out += one(conv === 'F' ? 'f' : conv === 'a' || conv === 'A' ? 'e' : conv, parseFloatArg(arg ?? '0', warn));
      }
    }
    // The format is reused while it consumes arguments and some remain.
    if (ai >= args.length || ai === before) break;
  }
  if (ai < args.length) warnings.push(`warning: ignoring excess arguments, starting with ${quote(args[ai]!)}`);
  return { out, warnings };
}

export function printf(ctx: ProcessContext): number {
  const info = helpOrVersion(ctx);
  if (info !== undefined) return info;
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) return usageError(ctx, 'missing operand');
  const r = formatPrintf(args[0]!, args.slice(1));
  ctx.stdout.write(r.out);
  const prog = progName(ctx);
  for (const w of r.warnings) ctx.stderr.write(`${prog}: ${w}\n`);
  if (r.invalid !== undefined) {
    ctx.stderr.write(`${prog}: ${r.invalid}: invalid conversion specification\n`);
    return 1;
  }
  return r.warnings.some((w) => !w.startsWith('warning:')) ? 1 : 0;
}
