/**
 * tr (coreutils 9.1): translate, delete (-d), squeeze (-s), complement (-c/-C), truncate (-t).
 * Sets understand ranges, escapes, [:class:], [=c=], and [c*n] / [c*] in SET2. Characters are
 * code points (GNU works on bytes; the two agree on ASCII).
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, usageError } from './common/io.js';
import { quote } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'c', long: 'complement' },
  { short: 'C', key: 'complement' },
  { short: 'd', long: 'delete' },
  { short: 's', long: 'squeeze-repeats' },
  { short: 't', long: 'truncate-set1' },
  { long: 'help' },
  { long: 'version' },
];

const range = (a: string, b: string): string[] => {
  const out: string[] = [];
  for (let c = a.codePointAt(0)!; c <= b.codePointAt(0)!; c++) out.push(String.fromCodePoint(c));
  return out;
};

const CLASSES: Record<string, () => string[]> = {
  alnum: () => [...range('0', '9'), ...range('A', 'Z'), ...range('a', 'z')],
  alpha: () => [...range('A', 'Z'), ...range('a', 'z')],
  blank: () => ['\t', ' '],
  cntrl: () => [...range('\0', '\x1f'), '\x7f'],
  digit: () => range('0', '9'),
  graph: () => range('!', '~'),
  lower: () => range('a', 'z'),
  print: () => range(' ', '~'),
  punct: () => range('!', '~').filter((c) => !/[0-9A-Za-z]/.test(c)),
  space: () => ['\t', '\n', '\v', '\f', '\r', ' '],
  upper: () => range('A', 'Z'),
  xdigit: () => [...range('0', '9'), ...range('A', 'F'), ...range('a', 'f')],
};

class SetError extends Error {}

interface Token {
  chars: string[];
  /** [c*n]: repeat count (0 means fill). */
  repeat?: { c: string; n: number };
  cls?: string;
}

function unescape(s: string, i: number): [string, number] {
  const n = s[i + 1];
  if (n === undefined) return ['\\', i + 1];
  const map: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (map[n]) return [map[n]!, i + 2];
  const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1));
  if (oct) return [String.fromCharCode(parseInt(oct[0], 8) & 0xff), i + 1 + oct[0].length];
  return [n, i + 2];
}

function tokenize(s: string, isSet2: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readChar = (): string => {
    if (s[i] === '\\') {
      const [c, next] = unescape(s, i);
      i = next;
      return c;
    }
    const c = String.fromCodePoint(s.codePointAt(i)!);
    i += c.length;
    return c;
  };
  while (i < s.length) {
    if (s[i] === '[') {
      const cls = /^\[:([a-z]+):\]/.exec(s.slice(i));
      if (cls) {
        const f = CLASSES[cls[1]!];
        if (!f) throw new SetError(`invalid character class ${quote(cls[1]!)}`);
        tokens.push({ chars: f(), cls: cls[1] });
        i += cls[0].length;
        continue;
      }
      const eq = /^\[=(.)=\]/u.exec(s.slice(i));
      if (eq) {
        tokens.push({ chars: [eq[1]!] });
        i += eq[0].length;
        continue;
      }
      const rep = /^\[(\\?.)\*(\d*)\]/u.exec(s.slice(i));
      if (rep && isSet2) {
        const c = rep[1]!.startsWith('\\') ? unescape(rep[1]!, 0)[0] : rep[1]!;
        const n = rep[2] === '' ? 0 : rep[2]!.startsWith('0') ? parseInt(rep[2]!, 8) : Number(rep[2]);
        tokens.push({ chars: [], repeat: { c, n } });
        i += rep[0].length;
        continue;
      }
    }
    const start = i;
    const c = readChar();
    if (s[i] === '-' && i + 1 < s.length) {
      i++;
      const end = readChar();
      if (end.codePointAt(0)! < c.codePointAt(0)!) {
        throw new SetError(`range-endpoints of '${s.slice(start, i)}' are in reverse collating sequence order`);
      }
      tokens.push({ chars: range(c, end) });
      continue;
    }
    tokens.push({ chars: [c] });
  }
  return tokens;
}

function expand(tokens: Token[], fillTo = 0): string[] {
  const fixed = tokens.reduce((n, t) => n + (t.repeat ? t.repeat.n : t.chars.length), 0);
  const out: string[] = [];
  for (const t of tokens) {
    if (t.repeat) out.push(...Array<string>(t.repeat.n || Math.max(fillTo - fixed, 0)).fill(t.repeat.c));
    else out.push(...t.chars);
  }
  return out;
}

export function tr(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  const complement = keys.has('complement');
  const del = keys.has('delete');
  const squeeze = keys.has('squeeze-repeats');
  const truncate = keys.has('truncate-set1');
  const ops = parsed.operands;
  const translating = !del && ops.length > 0 && !(squeeze && ops.length === 1);
  if (ops.length === 0) return usageError(ctx, 'missing operand');
  if (translating && ops.length === 1) {
    ctx.stderr.write(`${prog}: missing operand after ${quote(ops[0]!)}\nTwo strings must be given when translating.\n`);
    return usageError(ctx, undefined);
  }
  if (del && !squeeze && ops.length > 1) {
    ctx.stderr.write(`${prog}: extra operand ${quote(ops[1]!)}\nOnly one string may be given when deleting without squeezing repeats.\n`);
    return usageError(ctx, undefined);
  }
  if (ops.length > 2) return usageError(ctx, `extra operand ${quote(ops[2]!)}`);
  if (del && squeeze && ops.length === 1) {
    ctx.stderr.write(`${prog}: missing operand after ${quote(ops[0]!)}\nTwo strings must be given when both deleting and squeezing repeats.\n`);
    return usageError(ctx, undefined);
  }
  let set1: string[];
  let set2: string[] = [];
  try {
    set1 = expand(tokenize(ops[0]!, false));
    if (ops.length > 1) {
      const t2 = tokenize(ops[1]!, true);
      if (translating && t2.some((t) => t.cls && t.cls !== 'upper' && t.cls !== 'lower')) {
        throw new SetError("when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'");
      }
      set2 = expand(t2, set1.length);
    }
  } catch (e) {
    ctx.stderr.write(`${prog}: ${(e as Error).message}\n`);
    return 1;
  }
  if (translating && set2.length === 0 && !complement) {
    ctx.stderr.write(`${prog}: when not truncating set1, string2 must be non-empty\n`);
    return 1;
  }
  const in1 = new Set(set1);
  const member1 = (c: string): boolean => in1.has(c) !== complement;
  const map = new Map<string, string>();
  if (translating) {
    if (complement) {
      const comp = range('\0', '\xff').filter((c) => !in1.has(c));
      comp.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)]!));
    } else {
      const n = truncate ? Math.min(set1.length, set2.length) : set1.length;
      for (let i = 0; i < n; i++) map.set(set1[i]!, set2[Math.min(i, set2.length - 1)]!);
    }
  }
  const squeezeSet = new Set(translating || del ? set2 : set1);
  const squeezeMember = (c: string): boolean => (translating || del ? squeezeSet.has(c) : member1(c));
  let out = '';
  let last: string | undefined;
  for (const ch of ctx.stdin) {
    let c = ch;
    if (del && member1(c)) continue;
    if (translating) c = map.get(c) ?? (complement && !in1.has(c) ? set2[set2.length - 1]! : c);
    if (squeeze && c === last && squeezeMember(c)) continue;
    out += c;
    last = c;
  }
  ctx.stdout.write(out);
  return 0;
}
