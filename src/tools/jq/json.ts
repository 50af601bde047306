/**
 * JSON as jq 1.6 reads and writes it: a stream of values with "parse error ... at line L,
 * column C" messages, and output with jq's number format (shortest digits; exponent form past 17
 * significant places or below 1e-4) and string escapes (\u007f included).
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class JsonParseError extends Error {}

/** Parses whitespace-separated JSON values; throws JsonParseError on bad input. */
export function parseJsonStream(text: string): Json[] {
  const r = parseJsonStreamPartial(text);
  if (r.error !== undefined) throw new JsonParseError(r.error);
  return r.values;
}

/** The values before a parse error, and the error's message (jq processes the former first). */
export function parseJsonStreamPartial(text: string): { values: Json[]; error?: string } {
  const p = new StreamParser(text);
  const values: Json[] = [];
  try {
    for (;;) {
      p.ws();
      if (p.done()) return { values };
      values.push(p.value());
    }
  } catch (e) {
    if (e instanceof JsonParseError) return { values, error: e.message };
    throw e;
  }
}

class StreamParser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  private where(): string {
    const before = this.s.slice(0, this.i);
    const line = before.split('\n').length;
    // jq counts columns from 1 inside the text, and reports the end of input one column earlier.
    const col = this.i - before.lastIndexOf('\n') - (this.done() ? 1 : 0);
    return `at line ${line}, column ${col}`;
  }

  private fail(what: string): never {
    if (this.done()) throw new JsonParseError(`Unfinished JSON term at EOF ${this.where()}`);
    throw new JsonParseError(`${what} ${this.where()}`);
  }

  ws(): void {
    while (!this.done() && /\s/.test(this.s[this.i]!)) this.i++;
  }

  value(): Json {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|nan)/.exec(this.s.slice(this.i));
    if (!m) {
      // Consume the offending token, as jq reports the column after it.
      while (!this.done() && !/[\s,\]}:]/.test(this.s[this.i]!)) this.i++;
      this.fail('Invalid literal');
    }
    const after = this.s[this.i + m[0].length];
    if (after !== undefined && /[A-Za-z0-9_.+-]/.test(after)) {
      this.i += m[0].length;
      while (!this.done() && /[A-Za-z0-9_.+-]/.test(this.s[this.i]!)) this.i++;
      this.fail(/^[-\d]/.test(m[0]) ? 'Invalid numeric literal' : 'Invalid literal');
    }
    this.i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    if (m[0] === 'nan') return NaN;
    return Number(m[0]);
  }

  private string(): string {
    let out = '';
    this.i++;
    for (;;) {
      if (this.done()) this.fail('Unfinished string');
      const c = this.s[this.i++]!;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e === 'u') {
        const hex = this.s.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += 4;
      } else if (e !== undefined && map[e] !== undefined) out += map[e];
      else this.fail('Invalid escape');
    }
  }

  private array(): Json[] {
    this.i++;
    const out: Json[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') {
        this.i--;
        this.fail("Expected separator between values");
      }
    }
  }

  private object(): { [k: string]: Json } {
    this.i++;
    const out: { [k: string]: Json } = {};
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('Object keys must be strings');
      const k = this.string();
      this.ws();
      if (this.s[this.i++] !== ':') {
        this.i--;
        this.fail('Objects must consist of key:value pairs');
      }
      out[k] = this.value();
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') {
        this.i--;
        this.fail('Expected separator between values');
      }
    }
  }
}

/** jq 1.6's number text (jvp_dtoa_fmt). */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'null';
  if (!Number.isFinite(n)) return n > 0 ? '1.7976931348623157e+308' : '-1.7976931348623157e+308';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expText] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const decpt = Number(expText) + 1;
  const sign = n < 0 ? '-' : '';
  if (decpt <= -4 || decpt > digits.length + 15) {
    const e = decpt - 1;
    const exp = `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return sign + digits + '0'.repeat(decpt - digits.length);
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

export function formatString(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

export interface DumpOptions {
  indent: string;
  sortKeys: boolean;
}

/** jq's output: pretty with the given indent, or compact when indent is ''. */
export function dump(v: Json, o: DumpOptions, depth = 0): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return formatString(v);
  const pretty = o.indent !== '';
  const pad = (d: number): string => o.indent.repeat(d);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((x) => dump(x, o, depth + 1));
    return pretty ? `[\n${items.map((x) => pad(depth + 1) + x).join(',\n')}\n${pad(depth)}]` : `[${items.join(',')}]`;
  }
  let keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  if (o.sortKeys) keys = keys.sort();
  const items = keys.map((k) => `${formatString(k)}${pretty ? ': ' : ':'}${dump(v[k]!, o, depth + 1)}`);
  return pretty ? `{\n${items.map((x) => pad(depth + 1) + x).join(',\n')}\n${pad(depth)}}` : `{${items.join(',')}}`;
}
