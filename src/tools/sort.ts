/**
 * sort (coreutils 9.1) in the C.UTF-8 locale (code point order): -n -g -h -V -M -f -d -i -b -r,
 * -k POS1[,POS2] with per-key options, -t, -u, -s, -c/-C, -o, -z. Equal keys fall back to a
 * whole-line comparison unless -s or -u, as GNU's "last resort" does.
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { quote } from './common/quote.js';
import { VfsError } from '../vfs/fs.js';

const OPTIONS: OptDef[] = [
  { short: 'b', long: 'ignore-leading-blanks' },
  { short: 'd', long: 'dictionary-order' },
  { short: 'f', long: 'ignore-case' },
  { short: 'g', long: 'general-numeric-sort' },
  { short: 'i', long: 'ignore-nonprinting' },
  { short: 'M', long: 'month-sort' },
  { short: 'h', long: 'human-numeric-sort' },
  { short: 'n', long: 'numeric-sort' },
  { short: 'R', long: 'random-sort' },
  { long: 'random-source', arg: 'required' },
  { short: 'r', long: 'reverse' },
  { long: 'sort', arg: 'required' },
  { short: 'V', long: 'version-sort' },
  { long: 'batch-size', arg: 'required' },
  { short: 'c', long: 'check', arg: 'optional' },
  { short: 'C', key: 'check-quiet' },
  { long: 'compress-program', arg: 'required' },
  { long: 'debug' },
  { long: 'files0-from', arg: 'required' },
  { short: 'k', long: 'key', arg: 'required' },
  { short: 'm', long: 'merge' },
  { short: 'o', long: 'output', arg: 'required' },
  { short: 's', long: 'stable' },
  { short: 'S', long: 'buffer-size', arg: 'required' },
  { short: 't', long: 'field-separator', arg: 'required' },
  { short: 'T', long: 'temporary-directory', arg: 'required' },
  { long: 'parallel', arg: 'required' },
  { short: 'u', long: 'unique' },
  { short: 'z', long: 'zero-terminated' },
  { long: 'help' },
  { long: 'version' },
];

interface KeyOpts {
  blanksStart: boolean;
  blanksEnd: boolean;
  dictionary: boolean;
  fold: boolean;
  general: boolean;
  human: boolean;
  nonprinting: boolean;
  month: boolean;
  numeric: boolean;
  reverse: boolean;
  version: boolean;
}

interface Key extends KeyOpts {
  sField: number;
  sChar: number;
  eField: number | undefined;
  eChar: number;
}

const NO_OPTS: KeyOpts = { blanksStart: false, blanksEnd: false, dictionary: false, fold: false, general: false, human: false, nonprinting: false, month: false, numeric: false, reverse: false, version: false };

function applyFlags(o: KeyOpts, flags: string, end: boolean): void {
  for (const c of flags) {
    if (c === 'b') {
      if (end) o.blanksEnd = true;
      else o.blanksStart = true;
    } else if (c === 'd') o.dictionary = true;
    else if (c === 'f') o.fold = true;
    else if (c === 'g') o.general = true;
    else if (c === 'h') o.human = true;
    else if (c === 'i') o.nonprinting = true;
    else if (c === 'M') o.month = true;
    else if (c === 'n') o.numeric = true;
    else if (c === 'r') o.reverse = true;
    else if (c === 'V') o.version = true;
  }
}

class KeyError extends Error {}

function parseKey(spec: string): Key {
  const m = /^(\d*)(?:\.(\d*))?([bdfghiMnRrV]*)(?:,(\d*)(?:\.(\d*))?([bdfghiMnRrV]*))?$/.exec(spec);
  if (!m || m[1] === '') {
    const bad = /^\d/.test(spec) ? spec : spec;
    throw new KeyError(`invalid number at field start: invalid count at start of ${quote(bad)}`);
  }
  const sField = Number(m[1]);
  if (sField === 0) throw new KeyError(`field number is zero: invalid field specification ${quote(spec)}`);
  if (m[2] === '0') throw new KeyError(`character offset is zero: invalid field specification ${quote(spec)}`);
  const key: Key = { ...NO_OPTS, sField, sChar: m[2] ? Number(m[2]) : 1, eField: undefined, eChar: 0 };
  applyFlags(key, m[3]!, false);
  if (m[4] !== undefined) {
    if (m[4] === '' || Number(m[4]) === 0) throw new KeyError(`field number is zero: invalid field specification ${quote(spec)}`);
    key.eField = Number(m[4]);
    key.eChar = m[5] ? Number(m[5]) : 0;
    applyFlags(key, m[6]!, true);
  }
  return key;
}

function hasOwnOptions(k: KeyOpts): boolean {
  return (Object.keys(NO_OPTS) as (keyof KeyOpts)[]).some((name) => k[name]);
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Start offsets of each field: after -t, or at each blank run that precedes a non-blank. */
function fieldStarts(line: string, tab: string | undefined): number[] {
  const starts = [0];
  if (tab !== undefined) {
    for (let i = line.indexOf(tab); i >= 0; i = line.indexOf(tab, i + 1)) starts.push(i + 1);
    return starts;
  }
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isBlank(line[i])) i++;
    while (i < line.length && !isBlank(line[i])) i++;
    if (i < line.length) starts.push(i);
  }
  return starts;
}

function extractKey(line: string, k: Key, tab: string | undefined): string {
  const starts = fieldStarts(line, tab);
  const fieldEnd = (f: number): number => {
    if (f >= starts.length) return line.length;
    const next = starts[f];
    if (next === undefined) return line.length;
    return tab !== undefined ? next - 1 : next;
  };
  let from: number;
  if (k.sField - 1 >= starts.length) from = line.length;
  else {
    from = starts[k.sField - 1]!;
    if (k.blanksStart) while (from < line.length && isBlank(line[from])) from++;
    from = Math.min(from + k.sChar - 1, fieldEnd(k.sField));
  }
  let to = line.length;
  if (k.eField !== undefined) {
    if (k.eField - 1 >= starts.length) to = line.length;
    else if (k.eChar === 0) to = fieldEnd(k.eField);
    else {
      let s = starts[k.eField - 1]!;
      if (k.blanksEnd) while (s < line.length && isBlank(line[s])) s++;
      to = Math.min(s + k.eChar, fieldEnd(k.eField));
    }
  }
  return to > from ? line.slice(from, to) : '';
}

function numericValue(s: string): number {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  if (m[2] === '' && (m[3] === undefined || m[3] === '')) return 0;
  return Number(`${m[1]}${m[2] || '0'}.${m[3] ?? '0'}`);
}

const SUFFIXES = 'KMGTPEZYRQ';
function humanValue(s: string): [number, number] {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?([kKMGTPEZYRQ]?)/.exec(s)!;
  const n = numericValue(s);
  const unit = m[4] ? SUFFIXES.indexOf(m[4].toUpperCase()) + 1 : 0;
  const sign = n < 0 ? -1 : n > 0 ? 1 : 0;
  return [sign * unit, n];
}

function generalValue(s: string): number {
  const m = /^[ \t]*([-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|inf(?:inity)?|nan))/i.exec(s);
  if (!m) return -Infinity - 1;
  return Number(m[1]!.replace(/^([-+]?)inf(inity)?$/i, '$1Infinity'));
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
function monthValue(s: string): number {
  return MONTHS.indexOf(s.trimStart().slice(0, 3).toUpperCase()) + 1;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** dpkg/filevercmp-style comparison: digit runs numerically, the rest character by character. */
export function versionCompare(a: string, b: string): number {
  const order = (c: string | undefined): number => {
    if (c === undefined) return 0;
    if (c === '~') return -1;
    if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
    return c.charCodeAt(0) + 256;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/\d/.test(a[i]!)) || (j < b.length && !/\d/.test(b[j]!))) {
      const ca = i < a.length && !/\d/.test(a[i]!) ? a[i] : undefined;
      const cb = j < b.length && !/\d/.test(b[j]!) ? b[j] : undefined;
      const d = order(ca) - order(cb);
      if (d !== 0) return d < 0 ? -1 : 1;
      if (ca !== undefined) i++;
      if (cb !== undefined) j++;
    }
    let na = '';
    let nb = '';
    while (i < a.length && /\d/.test(a[i]!)) na += a[i++];
    while (j < b.length && /\d/.test(b[j]!)) nb += b[j++];
    na = na.replace(/^0+/, '');
    nb = nb.replace(/^0+/, '');
    if (na.length !== nb.length) return na.length < nb.length ? -1 : 1;
    const c = cmpStr(na, nb);
    if (c !== 0) return c;
  }
  return 0;
}

/** A key reduced once per line to what comparisons need (sorting compares each line many times). */
type Prepared = number | string | [number, number];

function prepareKey(text: string, o: KeyOpts): Prepared {
  if (o.numeric) return numericValue(text);
  if (o.general) return generalValue(text);
  if (o.human) return humanValue(text);
  if (o.month) return monthValue(text);
  if (o.version) return text;
  let x = text;
  if (o.dictionary) x = x.replace(/[^ \t0-9A-Za-z]/g, '');
  else if (o.nonprinting) x = x.replace(/[^\x20-\x7e]/g, '');
  return o.fold ? x.toUpperCase() : x;
}

function comparePrepared(a: Prepared, b: Prepared, o: KeyOpts): number {
  if (o.version) return versionCompare(a as string, b as string);
  if (Array.isArray(a)) {
    const [ua, na] = a;
    const [ub, nb] = b as [number, number];
    return ua !== ub ? Math.sign(ua - ub) : Math.sign(na - nb);
  }
  if (typeof a === 'number') {
    const y = b as number;
    return a < y ? -1 : a > y ? 1 : 0;
  }
  return cmpStr(a, b as string);
}

interface SortConfig {
  keys: Key[];
  global: KeyOpts;
  tab: string | undefined;
  stable: boolean;
  unique: boolean;
}

interface Comparator {
  (a: string, b: string): number;
  /** Lines decorated with their prepared keys, for sorting without re-extracting them. */
  decorate(line: string): { line: string; keys: Prepared[] };
  compareDecorated(a: { line: string; keys: Prepared[] }, b: { line: string; keys: Prepared[] }): number;
}

function makeComparator(c: SortConfig): Comparator {
  // A key with no options of its own takes the global ones.
  const keys = c.keys.map((k) => (hasOwnOptions(k) ? k : { ...k, ...c.global }));
  const prepared = (line: string): Prepared[] =>
    keys.length ? keys.map((k) => prepareKey(extractKey(line, k, c.tab), k)) : [prepareKey(c.global.blanksStart ? line.replace(/^[ \t]+/, '') : line, c.global)];
  const opts = keys.length ? keys : [c.global];
  const compareDecorated = (a: { line: string; keys: Prepared[] }, b: { line: string; keys: Prepared[] }): number => {
    for (let i = 0; i < opts.length; i++) {
      const r = comparePrepared(a.keys[i]!, b.keys[i]!, opts[i]!);
      if (r !== 0) return opts[i]!.reverse ? -r : r;
    }
    if (c.stable || c.unique) return 0;
    const r = cmpStr(a.line, b.line);
    return c.global.reverse ? -r : r;
  };
  const decorate = (line: string): { line: string; keys: Prepared[] } => ({ line, keys: prepared(line) });
  const cmp = ((a: string, b: string) => compareDecorated(decorate(a), decorate(b))) as Comparator;
  cmp.decorate = decorate;
  cmp.compareDecorated = compareDecorated;
  return cmp;
}

export function sort(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS, 2);
  if (typeof parsed === 'number') return parsed;
  const global: KeyOpts = { ...NO_OPTS };
  const config: SortConfig = { keys: [], global, tab: undefined, stable: false, unique: false };
  let check: 'no' | 'loud' | 'quiet' = 'no';
  let output: string | undefined;
  let eol = '\n';
  for (const { key, value } of parsed.opts) {
    switch (key) {
      case 'ignore-leading-blanks':
        global.blanksStart = global.blanksEnd = true;
        break;
      case 'dictionary-order':
        global.dictionary = true;
        break;
      case 'ignore-case':
        global.fold = true;
        break;
      case 'general-numeric-sort':
        global.general = true;
        break;
      case 'ignore-nonprinting':
        global.nonprinting = true;
        break;
      case 'month-sort':
        global.month = true;
        break;
      case 'human-numeric-sort':
        global.human = true;
        break;
      case 'numeric-sort':
        global.numeric = true;
        break;
      case 'reverse':
        global.reverse = true;
        break;
      case 'version-sort':
        global.version = true;
        break;
      case 'sort': {
        const map: Record<string, keyof KeyOpts> = { general: 'general', human: 'human', month: 'month', numeric: 'numeric', version: 'version' };
        if (map[value!]) global[map[value!]!] = true;
        break;
      }
      case 'check':
        check = value === 'quiet' || value === 'silent' ? 'quiet' : 'loud';
        break;
      case 'check-quiet':
        check = 'quiet';
        break;
      case 'key':
        try {
          config.keys.push(parseKey(value!));
        } catch (e) {
          ctx.stderr.write(`${prog}: ${(e as Error).message}\n`);
          return 2;
        }
        break;
      case 'output':
        output = value;
        break;
      case 'stable':
        config.stable = true;
        break;
      case 'field-separator': {
        const t = value === '\\0' ? '\0' : value!;
        if ([...t].length !== 1) {
          if (t === '') {
            ctx.stderr.write(`${prog}: empty tab\n`);
            return 2;
          }
          ctx.stderr.write(`${prog}: multi-character tab ${quote(t)}\n`);
          return 2;
        }
        config.tab = t;
        break;
      }
      case 'unique':
        config.unique = true;
        break;
      case 'zero-terminated':
        eol = '\0';
        break;
    }
  }
  const operands = parsed.operands.length ? parsed.operands : ['-'];
  const lines: string[] = [];
  const sources: { name: string; lines: string[] }[] = [];
  for (const name of operands) {
    let text: string;
    if (name === '-') text = ctx.stdin;
    else {
      try {
        text = ctx.host.fs.readFile(ctx.resolve(name), ctx.cred);
      } catch (e) {
        if (e instanceof VfsError && e.code === 'EISDIR') ctx.stderr.write(`${prog}: read failed: ${name}: Is a directory\n`);
        else ctx.stderr.write(`${prog}: cannot read: ${name}: ${reasonOf(e)}\n`);
        return 2;
      }
    }
    const body = text.endsWith(eol) ? text.slice(0, -1) : text;
    const ls = text === '' ? [] : body.split(eol);
    sources.push({ name, lines: ls });
    lines.push(...ls);
  }
  const cmp = makeComparator(config);
  if (check !== 'no') return checkSorted(ctx, sources, cmp, config.unique, check === 'quiet');
  const sorted = lines
    .map(cmp.decorate)
    .sort(cmp.compareDecorated)
    .map((d) => d.line);
  const out: string[] = [];
  for (const l of sorted) {
    if (config.unique && out.length > 0 && cmp(out[out.length - 1]!, l) === 0) continue;
    out.push(l);
  }
  const text = out.map((l) => l + eol).join('');
  if (output !== undefined) {
    try {
      ctx.host.fs.writeFile(ctx.resolve(output), text, {}, ctx.cred);
    } catch (e) {
      ctx.stderr.write(`${prog}: open failed: ${output}: ${reasonOf(e)}\n`);
      return 2;
    }
    return 0;
  }
  ctx.stdout.write(text);
  return 0;
}

function checkSorted(ctx: ProcessContext, sources: { name: string; lines: string[] }[], cmp: (a: string, b: string) => number, unique: boolean, quiet: boolean): number {
  if (sources.length > 1) return usageError(ctx, `extra operand ${quote(sources[1]!.name)} not allowed with -c`, 2);
  const { name, lines } = sources[0]!;
  for (let i = 1; i < lines.length; i++) {
    const r = cmp(lines[i - 1]!, lines[i]!);
    if (r > 0 || (unique && r === 0)) {
      if (!quiet) ctx.stderr.write(`${progName(ctx)}: ${name}:${i + 1}: disorder: ${lines[i]}\n`);
      return 1;
    }
  }
  return 0;
}
