/**
 * Go's value formatting, as kubectl's printers inherit it: strconv.Quote, float formatting,
 * fmt's %v and %#v of decoded JSON (map[string]interface{}), and encoding/json's output with its
 * HTML escaping. Objects here are plain JSON values; an integral number is Go's int64, any other
 * number float64 (how apimachinery decodes JSON).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A float literal that must stay a float64 even when integral (jsonpath `1.0`). */
export class GoFloat {
  constructor(readonly value: number) {}
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (ch === ' ' || !NON_PRINTABLE.test(ch)) {
      out += ch;
    } else if (cp < 0x80) {
      out += '\\x' + cp.toString(16).padStart(2, '0');
    } else if (cp < 0x10000) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else {
      out += '\\U' + cp.toString(16).padStart(8, '0');
    }
  }
  return out + '"';
}

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, %e when exp < -4 || exp >= 6 (1e+06). */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  return String(f);
}

/** fmt's %v for a float64 (the same as 'g' shortest). */
export function formatFloatV(f: number): string {
  return formatFloatG(f);
}

/** fmt.Sprint of a decoded-JSON value whose numbers are float64 (text/template's view). */
export function sprintV(v: unknown, numbersAreFloats = false): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof GoFloat) return formatFloatV(v.value);
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return numbersAreFloats || !Number.isInteger(v) ? formatFloatV(v) : String(v);
  }
  if (Array.isArray(v)) return '[' + v.map((x) => sprintV(x, numbersAreFloats)).join(' ') + ']';
  const obj = v as Record<string, unknown>;
  return 'map[' + Object.keys(obj).sort(goStringLess).map((k) => `${k}:${sprintV(obj[k], numbersAreFloats)}`).join(' ') + ']';
}

/** fmt's %#v of a decoded-JSON value (map[string]interface {}, int64 and float64 numbers). */
export function sprintSharpV(v: unknown, inInterface = false): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (v instanceof GoFloat) return formatFloatV(v.value);
  switch (typeof v) {
    case 'string':
      return goQuote(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isInteger(v) ? String(v) : formatFloatV(v);
  }
  void inInterface;
  if (Array.isArray(v)) return '[]interface {}{' + v.map((x) => sprintSharpV(x, true)).join(', ') + '}';
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).sort(goStringLess);
  return 'map[string]interface {}{' + keys.map((k) => `${goQuote(k)}:${sprintSharpV(obj[k], true)}`).join(', ') + '}';
}

/** Go compares strings bytewise (UTF-8); for BMP text this matches UTF-16 order except surrogates. */
export function goStringLess(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca < 0xd800 && cb < 0xd800) return ca - cb;
    return Buffer.compare(Buffer.from(a.slice(i), 'utf8'), Buffer.from(b.slice(i), 'utf8'));
  }
  return a.length - b.length;
}

// ---- encoding/json ----------------------------------------------------------------------

const HEX = '0123456789abcdef';

/** encoding/json string encoding with HTML escaping (json.Marshal's default). */
export function jsonString(s: string, escapeHTML = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      switch (c) {
        case 0x0a:
          out += '\\n';
          break;
        case 0x0d:
          out += '\\r';
          break;
        case 0x09:
          out += '\\t';
          break;
        case 0x08:
          out += '\\b';
          break;
        case 0x0c:
          out += '\\f';
          break;
        default:
          out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
      }
    } else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    else if (c === 0x2028 || c === 0x2029) out += '\\u202' + HEX[c & 0xf];
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else out += '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\ufffd';
    else out += s[i];
  }
  return out + '"';
}

/** encoding/json number output: integers as is; floats shortest, %e outside [1e-6, 1e21). */
export function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${formatFloatG(n)}`);
  return String(n);
}

export interface JsonOptions {
  /** Sort object keys (Go maps); false keeps insertion order (Go structs). */
  sortKeys?: boolean;
  escapeHTML?: boolean;
}

/** json.Marshal: compact. */
export function goJsonCompact(v: unknown, opts: JsonOptions = {}): string {
  return encode(v, opts, null, '');
}

/** json.MarshalIndent(v, "", indent). */
export function goJsonIndent(v: unknown, indent = '    ', opts: JsonOptions = {}): string {
  return encode(v, opts, indent, '');
}

function encode(v: unknown, opts: JsonOptions, indent: string | null, cur: string): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoFloat) return jsonNumber(v.value);
  switch (typeof v) {
    case 'string':
      return jsonString(v, opts.escapeHTML ?? true);
    case 'number':
      return jsonNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  const next = indent === null ? '' : cur + indent;
  const nl = indent === null ? '' : '\n';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const parts = v.map((x) => (indent === null ? '' : next) + encode(x, opts, indent, next));
    return '[' + nl + parts.join(',' + nl) + nl + (indent === null ? '' : cur) + ']';
  }
  const obj = v as Record<string, unknown>;
  let keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (opts.sortKeys ?? true) keys = keys.sort(goStringLess);
  if (keys.length === 0) return '{}';
  const sep = indent === null ? ':' : ': ';
  const parts = keys.map((k) => (indent === null ? '' : next) + jsonString(k, opts.escapeHTML ?? true) + sep + encode(obj[k], opts, indent, next));
  return '{' + nl + parts.join(',' + nl) + nl + (indent === null ? '' : cur) + '}';
}
