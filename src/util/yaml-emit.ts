/**
 * `kubectl -o yaml`: sigs.k8s.io/yaml.Marshal, which is go-yaml v2 (2.4) emitting the JSON form
 * of the object. This is a port of the libyaml emitter's block style as go-yaml drives it, so
 * the same choices fall out: keys in go-yaml's natural order, sequences not indented under their
 * key, strings quoted only when they would read back as something else ("80", "true", "y",
 * timestamps) or cannot be plain ('*', leading/trailing space), double quotes for control
 * characters, `|`/`|-`/`|+` for multi-line strings, and plain or quoted scalars folded at
 * column 80.
 */

import { formatFloatG } from './gofmt.js';

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** sigs.k8s.io/yaml.Marshal of a JSON value. */
export function toYaml(value: unknown): string {
  const e = new Emitter();
  e.emitNode(value as Value, { root: true, sequence: false, mapping: false, simpleKey: false });
  e.documentEnd();
  return e.text();
}

/**
 * JSONToYAML re-reads the JSON with the YAML parser, which takes a raw NEL (U+0085, the one
 * line break json.Marshal leaves unescaped) as a line break inside a double-quoted scalar and
 * folds it: one break becomes a space, n breaks n-1 newlines, blanks around them dropped.
 */
function foldNextLines(s: string): string {
  return s.replace(/[ \t]*(?:\u0085[ \t]*)+/g, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

// ---- scalar classification (encode.go stringv, resolve.go) --------------------------------

type Style = 'plain' | 'single' | 'double' | 'literal';

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Would `s`, written plain, read back as something other than a string? */
export function resolvesToNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const c = s[0]!;
  if (c === '.') return goParseFloat(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParseInt(plain)) return true;
    if (YAML_FLOAT.test(plain) && goParseFloat(plain)) return true;
    if (plain.startsWith('0b') && /^[01]+$/.test(plain.slice(2))) return true;
    if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) return true;
  }
  return false;
}

/** strconv.ParseInt(s, 0, 64) (or ParseUint) succeeds: 0x.., 0o.., 0b.., 0.., decimal. */
function goParseInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*|0)$/.exec(s);
  if (!m) return false;
  const body = m[2]!;
  let big: bigint;
  if (/^0[xX]/.test(body)) big = BigInt(body);
  else if (/^0[bB]/.test(body)) big = BigInt(body);
  else if (/^0[oO]/.test(body)) big = BigInt('0o' + body.slice(2));
  else if (body.length > 1 && body[0] === '0') big = BigInt('0o' + body.slice(1));
  else big = BigInt(body);
  if (m[1] === '-') return big <= 2n ** 63n;
  return big <= 2n ** 64n - 1n;
}

/** strconv.ParseFloat(s, 64) succeeds (including "inf", "nan", hex floats, underscores not). */
function goParseFloat(s: string): boolean {
  if (/^[+-]?(inf|infinity|nan)$/i.test(s)) return true;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return true;
  return /^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/.test(s);
}

/** go-yaml's timestamp check: YYYY-M-D, optionally with a time (RFC 3339-ish). */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  const date = '(\\d{4})-(\\d{1,2})-(\\d{1,2})';
  const time = '(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d{1,9})?';
  const zone = '(Z|[+-]\\d{2}:\\d{2})';
  const forms = [new RegExp(`^${date}[Tt]${time}${zone}$`), new RegExp(`^${date} ${time}$`), new RegExp(`^${date}$`)];
  for (const re of forms) {
    const m = re.exec(s);
    if (!m) continue;
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(m[1]), month)) continue;
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) continue;
    return true;
  }
  return false;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---- character classes (yamlprivateh.go) ------------------------------------------------

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined): boolean => c === ' ';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === '\0' || isBlank(c) || isBreak(c);

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if (cp === 0x0a) return true;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return true;
  if (cp >= 0xe000 && cp <= 0xfffd) return cp !== 0xfeff;
  return cp >= 0x10000;
}

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** Results for short strings repeat (keys, enum values): memoized, pure functions of the text. */
const MEMO_LIMIT = 20000;
const analysisMemo = new Map<string, Analysis>();
const styleMemo = new Map<string, Style>();

function memo<T>(cache: Map<string, T>, key: string, compute: (s: string) => T): T {
  if (key.length > 64) return compute(key);
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= MEMO_LIMIT) cache.clear();
    v = compute(key);
    cache.set(key, v);
  }
  return v;
}

function analyze(value: string): Analysis {
  return memo(analysisMemo, value, analyzeScalar);
}

/** yaml_emitter_analyze_scalar. */
function analyzeScalar(value: string): Analysis {
  if (value.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  const chars = [...value];
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWhitespace = i + 1 >= chars.length || isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(c)) {
      flowIndicators = true;
    } else if (c === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

// ---- the emitter ---------------------------------------------------------------------

interface Ctx {
  root: boolean;
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

const PRINTABLE_ASCII_WORD = /^[\x21-\x7e]*$/;
const BEST_INDENT = 2;
const BEST_WIDTH = 80;

class Emitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;

  text(): string {
    return this.out;
  }

  documentEnd(): void {
    this.writeIndent();
  }

  /** Undefined (a member json.Marshal would omit, or null in a list) is tolerated anywhere. */
  emitNode(v: Value | undefined, ctx: Ctx): void {
    if (v === undefined) v = null;
    if (Array.isArray(v)) return this.emitSequence(v, ctx);
    if (v !== null && typeof v === 'object') return this.emitMapping(v, ctx);
    const [text, style] = scalarOf(v);
    this.emitScalar(text, style, ctx);
  }

  private emitSequence(items: Value[], ctx: Ctx): void {
    if (this.flowLevel > 0 || items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
      // only empty sequences reach flow style here
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private emitMapping(map: { [key: string]: Value }, _ctx: Ctx): void {
    let keys = sortedKeys(Object.keys(map));
    if (keys.some((k) => map[k] === undefined)) keys = keys.filter((k) => map[k] !== undefined);
    if (this.flowLevel > 0 || keys.length === 0) {
      this.writeIndicator('{', true, true, false);
      this.increaseIndent(true, false);
      this.popIndent();
      this.writeIndicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      const analysis = analyze(key);
      const simple = !analysis.multiline && Buffer.byteLength(key, 'utf8') <= 128;
      if (simple) {
        this.emitScalar(key, 'key', { root: false, sequence: false, mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitScalar(key, 'key', { root: false, sequence: false, mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(map[key]!, { root: false, sequence: false, mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  /** `requested` is the encoder's choice; 'key' means a map key string (stringv too). */
  private emitScalar(value: string, requested: Style | 'key', ctx: Ctx): void {
    let style: Style = requested === 'key' ? stringStyle(value) : requested;
    const a = analyze(value);
    if (ctx.simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = 'single';
      if (value.length === 0 && (this.flowLevel > 0 || ctx.simpleKey)) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || this.flowLevel > 0 || ctx.simpleKey)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    switch (style) {
      case 'plain':
        this.writePlain(value, allowBreaks);
        break;
      case 'single':
        this.writeSingleQuoted(value, allowBreaks);
        break;
      case 'double':
        this.writeDoubleQuoted(value, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(value);
        break;
    }
    this.popIndent();
  }

  // ---- low-level writers (emitterc.go) --------------------------------------------------

  private put(s: string): void {
    this.out += s;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.out += indicator; // indicators are ASCII: one column each
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    if (PRINTABLE_ASCII_WORD.test(value)) {
      // no spaces or breaks: nothing to fold, one column per character
      this.out += value;
      this.column += value.length;
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(chars[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && !isSpace(chars[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    if (PRINTABLE_ASCII_WORD.test(value) && !/["\\]/.test(value)) {
      // nothing to escape or fold (a timestamp, "80", "true")
      this.out += value;
      this.column += value.length;
      this.writeIndicator('"', false, false, false);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const chars = [...value];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\');
        this.put(escapeFor(c));
        this.column += escapeFor(c).length - 1;
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (isSpace(chars[i + 1])) this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockScalarHints(value);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of value) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeBlockScalarHints(value: string): void {
    const chars = [...value];
    if (isSpace(chars[0]) || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (chars.length === 0) chomp = '-';
    else if (!isBreak(chars[chars.length - 1])) chomp = '-';
    else if (chars.length === 1) chomp = '+';
    else if (isBreak(chars[chars.length - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
  }
}

/** The escape after the backslash, as yaml_emitter_write_double_quoted_scalar writes it. */
function escapeFor(c: string): string {
  const named: Record<string, string> = {
    '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r',
    '\x1b': 'e', '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
  };
  if (named[c] !== undefined) return named[c]!;
  const cp = c.codePointAt(0)!;
  if (cp <= 0xff) return 'x' + cp.toString(16).toUpperCase().padStart(2, '0');
  if (cp <= 0xffff) return 'u' + cp.toString(16).toUpperCase().padStart(4, '0');
  return 'U' + cp.toString(16).toUpperCase().padStart(8, '0');
}

/** encode.go stringv: literal for multi-line, plain if it reads back as a string, else double. */
function stringStyle(s: string): Style {
  return memo(styleMemo, s, computeStringStyle);
}

function computeStringStyle(s: string): Style {
  if (s.includes('\n')) return 'literal';
  const canUsePlain = !resolvesToNonString(s) && !(BASE60_FLOAT.test(s) && /^[-+0-9]/.test(s) && s.includes(':'));
  return canUsePlain ? 'plain' : 'double';
}

function scalarOf(v: null | boolean | number | string): [string, Style] {
  if (v === null) return ['null', 'plain'];
  if (typeof v === 'boolean') return [v ? 'true' : 'false', 'plain'];
  if (typeof v === 'number') return [Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? intText(v) : yamlFloat(v), 'plain'];
  if (v.includes('\u0085')) v = foldNextLines(v);
  return [v, stringStyle(v)];
}

function intText(v: number): string {
  return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
}

function yamlFloat(v: number): string {
  const s = formatFloatG(v);
  if (s === '+Inf') return '.inf';
  if (s === '-Inf') return '-.inf';
  if (s === 'NaN') return '.nan';
  return s;
}

/** Maps of one kind share their key sets (containers, ports, conditions): sort each set once. */
const keyOrderMemo = new Map<string, string[]>();

function sortedKeys(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  const signature = keys.join('\0');
  if (signature.length > 512 || signature.split('\0').length !== keys.length) return keys.sort(naturalLess);
  let sorted = keyOrderMemo.get(signature);
  if (!sorted) {
    if (keyOrderMemo.size >= MEMO_LIMIT) keyOrderMemo.clear();
    sorted = [...keys].sort(naturalLess);
    keyOrderMemo.set(signature, sorted);
  }
  return sorted;
}

/** go-yaml's keyList.Less for string keys: letters by code point, digit runs by value. */
export function naturalLess(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! - br[i]!.codePointAt(0)!;
    if (al || bl) return bl ? -1 : 1;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai - bi;
    return ar[i]!.codePointAt(0)! - br[i]!.codePointAt(0)!;
  }
  return ar.length - br.length;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const isLetter = (c: string): boolean => LETTER.test(c);
const isDigit = (c: string): boolean => DIGIT.test(c);
