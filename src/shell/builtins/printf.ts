/**
 * bash's printf: the format is reused while arguments remain; %s %b %q %c %d %i %u %o %x %X
 * %f %e %g with flags, width and precision (also `*`); `-v var` assigns instead of printing.
 */
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { printfQuote } from '../interpreter/quote.js';
import { decodeEscapes } from './echo.js';
import { NAME_RE } from './options.js';

const USAGE = 'printf [-v var] format [arguments]';

export const printf: Builtin = {
  binary: '/usr/bin/printf',
  run(ctx) {
    const args = [...ctx.args];
    let target: string | undefined;
    if (args[0] === '-v') {
      target = args[1];
      args.splice(0, 2);
      if (target === undefined || !NAME_RE.test(target)) {
        ctx.error(target === undefined ? '-v: option requires an argument' : `\`${target}': not a valid identifier`);
        return target === undefined ? 2 : 1;
      }
    }
    if (args[0] === '--') args.shift();
    const format = args.shift();
    if (format === undefined) {
      ctx.stderr.write(`printf: usage: ${USAGE}\n`);
      return 2;
    }
    const state = { status: 0 };
    const out = formatAll(format, args, ctx, state);
    if (target !== undefined) ctx.shell.set(target, out);
    else ctx.stdout.write(out);
    return state.status;
  },
};

function formatAll(format: string, args: string[], ctx: BuiltinContext, state: { status: number }): string {
  let out = '';
  let index = 0;
  do {
    const before = index;
    const r = formatOnce(format, args, index, ctx, state);
    out += r.text;
    index = r.index;
    if (r.stop || index === before) break;
  } while (index < args.length);
  return out;
}

const SPEC = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)([diouxXfFeEgGcsbqaA%])/;

function formatOnce(format: string, args: string[], start: number, ctx: BuiltinContext, state: { status: number }) {
  let out = '';
  let index = start;
  const next = (): string | undefined => (index < args.length ? args[index++] : undefined);
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '\\') {
      const end = escapeEnd(format, i);
      const { text, stop } = decodeEscapes(format.slice(i, end), false);
      out += text;
      if (stop) return { text: out, index, stop: true };
      i = end - 1;
      continue;
    }
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = SPEC.exec(format.slice(i));
    if (!m) {
      ctx.error(`${format.slice(i, i + 2)}: invalid format character`);
      state.status = 1;
      return { text: out, index, stop: true };
    }
    i += m[0].length - 1;
    const conv = m[5]!;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const width = m[2] === '*' ? Number(toInteger(next() ?? '0', ctx, state)) : m[2] ? Number(m[2]) : undefined;
    const precision = m[3] === '*' ? Number(toInteger(next() ?? '0', ctx, state)) : m[3] !== undefined ? Number(m[3] || 0) : undefined;
    const arg = next();
    const piece = convert(conv, m[1]!, precision, arg, ctx, state);
    if (piece.stop) return { text: out + piece.text, index, stop: true };
    out += pad(piece.text, m[1]!, width, /[diouxXfFeEgG]/.test(conv));
  }
  return { text: out, index, stop: false };
}

function escapeEnd(format: string, i: number): number {
  const rest = format.slice(i + 1);
  const m = /^(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|.)/s.exec(rest);
  return i + 1 + (m ? m[0].length : 0);
}

function convert(conv: string, flags: string, precision: number | undefined, arg: string | undefined, ctx: BuiltinContext, state: { status: number }): { text: string; stop?: boolean } {
  const a = arg ?? '';
  switch (conv) {
    case 's':
      return { text: precision !== undefined ? a.slice(0, precision) : a };
    case 'b': {
      const { text, stop } = decodeEscapes(a, true);
      return { text: precision !== undefined ? text.slice(0, precision) : text, stop };
    }
    case 'q':
      return { text: printfQuote(a) };
    case 'c':
      return { text: a.charAt(0) };
    case 'd':
    case 'i':
      return { text: signed(toInteger(arg ?? '0', ctx, state).toString(), flags, precision) };
    case 'u':
      return { text: BigInt.asUintN(64, toInteger(arg ?? '0', ctx, state)).toString() };
    case 'o':
      return { text: (flags.includes('#') ? '0' : '') + BigInt.asUintN(64, toInteger(arg ?? '0', ctx, state)).toString(8) };
    case 'x':
    case 'X': {
      let s = BigInt.asUintN(64, toInteger(arg ?? '0', ctx, state)).toString(16);
      if (flags.includes('#') && s !== '0') s = '0x' + s;
      return { text: conv === 'X' ? s.toUpperCase() : s };
    }
    default:
      return { text: floating(conv, flags, precision, toFloat(arg ?? '0', ctx, state)) };
  }
}

function signed(digits: string, flags: string, precision: number | undefined): string {
  const negative = digits.startsWith('-');
  let body = negative ? digits.slice(1) : digits;
  if (precision !== undefined) body = body.padStart(Math.min(precision, MAX_WIDTH), '0');
  const sign = negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + body;
}

function floating(conv: string, flags: string, precision: number | undefined, v: number): string {
  const p = Math.min(precision ?? 6, 100);
  let s: string;
  switch (conv.toLowerCase()) {
    case 'e':
      s = v.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
      break;
    case 'g': {
      const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
      const sig = p === 0 ? 1 : p;
      s = exp < -4 || exp >= sig ? v.toExponential(sig - 1).replace(/e([+-])(\d)$/, 'e$10$2') : v.toFixed(Math.max(0, sig - 1 - exp));
      if (!flags.includes('#')) s = s.replace(/\.?0+(?=e|$)/, '');
      break;
    }
    default:
      s = v.toFixed(p);
  }
  if (conv === conv.toUpperCase()) s = s.toUpperCase();
  if (v >= 0 && flags.includes('+')) s = '+' + s;
  else if (v >= 0 && flags.includes(' ')) s = ' ' + s;
  return s;
}

/** Widths beyond this are clamped: a typo like %999999999s must not exhaust memory. */
const MAX_WIDTH = 1_000_000;

function pad(text: string, flags: string, width: number | undefined, numeric: boolean): string {
  if (width === undefined || text.length >= Math.abs(width)) return text;
  const w = Math.min(Math.abs(width), MAX_WIDTH);
  if (flags.includes('-') || width < 0) return text.padEnd(w);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+ ]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(w - sign.length, '0');
  }
  return text.padStart(w);
}

/** A numeric argument as bash reads it: decimal, 0x hex, 0 octal, or 'c for a character code. */
function toInteger(arg: string, ctx: BuiltinContext, state: { status: number }): bigint {
  const s = arg.trim();
  if (/^['"]/.test(s)) return BigInt(s.length > 1 ? s.codePointAt(1)! : 0);
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) {
    if (s !== '') {
      ctx.error(`${arg}: invalid number`);
      state.status = 1;
    }
    return 0n;
  }
  const digits = m[2]!;
  const v = /^0[xX]/.test(digits) ? BigInt(digits) : /^0[0-7]+$/.test(digits) ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  if (m[0].length !== s.length) {
    ctx.error(`${arg}: invalid number`);
    state.status = 1;
  }
  return m[1] === '-' ? -v : v;
}

function toFloat(arg: string, ctx: BuiltinContext, state: { status: number }): number {
  const s = arg.trim();
  if (/^['"]/.test(s)) return s.length > 1 ? s.codePointAt(1)! : 0;
  const v = Number(s);
  if (s !== '' && Number.isNaN(v)) {
    ctx.error(`${arg}: invalid number`);
    state.status = 1;
    return 0;
  }
  return Number.isNaN(v) ? 0 : v;
}
