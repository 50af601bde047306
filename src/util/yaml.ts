/**
 * YAML as Kubernetes tools write it: sigs.k8s.io/yaml, i.e. go-yaml v2's encoder over JSON
 * values. Keys sorted, lists flush with their key, strings plain when they read back as
 * strings, "double-quoted" when they would read back as another type ("true", "80", dates),
 * 'single-quoted' when an indicator forbids plain ('*'), `|` blocks for multi-line text, and
 * long plain lines folded at 80 columns. kubeadm's manifests, kubeconfigs and `kubectl -o yaml`
 * all come out of this, so candidates' sed and grep patterns match what a real node holds.
 */
import { load, loadAll } from 'js-yaml';

const BEST_WIDTH = 80;

export function parseYaml(text: string): unknown {
  return load(text);
}

export function parseYamlAll(text: string): unknown[] {
  return loadAll(text).filter((d) => d !== null && d !== undefined);
}

export function toYaml(value: unknown): string {
  const out: string[] = [];
  emitValue(value, 0, out, 'top');
  return out.join('');
}

type Place = 'top' | 'map' | 'seq';

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function emitValue(v: unknown, indent: number, out: string[], place: Place, column = indent): void {
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push(place === 'top' ? '[]\n' : ' []\n');
    if (place === 'map') out.push('\n');
    emitSeq(v, place === 'map' ? indent - 2 : indent, out, place === 'seq');
    return;
  }
  if (isMap(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
    if (keys.length === 0) return void out.push(place === 'top' ? '{}\n' : ' {}\n');
    if (place === 'map') out.push('\n');
    emitMap(v, keys, indent, out, place === 'seq');
    return;
  }
  const text = scalar(v, indent, place === 'top' ? 0 : column);
  out.push(place === 'top' ? `${text}\n` : ` ${text}\n`);
}

function emitMap(m: Record<string, unknown>, keys: string[], indent: number, out: string[], inlineFirst: boolean): void {
  keys.forEach((k, i) => {
    const pad = i === 0 && inlineFirst ? '' : ' '.repeat(indent);
    const key = keyText(k);
    out.push(`${pad}${key}:`);
    emitValue(m[k], indent + 2, out, 'map', indent + key.length + 2);
  });
}

function emitSeq(items: unknown[], indent: number, out: string[], inlineFirst: boolean): void {
  items.forEach((item, i) => {
    const pad = i === 0 && inlineFirst ? '' : ' '.repeat(indent);
    if (isMap(item)) {
      const keys = Object.keys(item).filter((k) => item[k] !== undefined).sort();
      if (keys.length === 0) return void out.push(`${pad}- {}\n`);
      out.push(`${pad}- `);
      emitMap(item, keys, indent + 2, out, true);
    } else if (Array.isArray(item)) {
      if (item.length === 0) return void out.push(`${pad}- []\n`);
      out.push(`${pad}- `);
      emitSeq(item, indent + 2, out, true);
    } else {
      out.push(`${pad}- ${scalar(item, indent + 2, indent + 2)}\n`);
    }
  });
}

function keyText(k: string): string {
  return stringScalar(k, 0, 0, true);
}

function scalar(v: unknown, indent: number, column: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  return stringScalar(String(v), indent, column, false);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  // Go's strconv.FormatFloat(f, 'g', -1, 64): exponent form past 1e21 or below 1e-4.
  const abs = Math.abs(n);
  if (abs >= 1e21 || abs < 1e-4) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

// ---- strings -----------------------------------------------------------------------------

const BOOL_OR_NULL = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', '']);
const INT_RE = /^[-+]?(0|[1-9][0-9_]*)$|^[-+]?0b[01_]+$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?0[0-7_]+$/;
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;
const BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP_RE = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

/** Would go-yaml read this string back as something other than a string? */
function resolvesToNonString(s: string): boolean {
  return BOOL_OR_NULL.has(s) || INT_RE.test(s) || FLOAT_RE.test(s) || BASE60_RE.test(s) || TIMESTAMP_RE.test(s);
}

const START_INDICATORS = new Set(['#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** libyaml's analysis of whether a string may be written plain in block context. */
function plainAllowed(s: string, isKey: boolean): boolean {
  if (s.length === 0) return false;
  if (/^\s|\s$/.test(s)) return false;
  const first = s[0]!;
  const second = s[1];
  if (START_INDICATORS.has(first)) return false;
  if ((first === '-' || first === '?' || first === ':') && (second === undefined || second === ' ' || second === '\t')) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':') || s.includes(':\t') || s.includes('\t#')) return false;
  if (/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(s)) return false;
  if (isKey && s.length > 128) return false;
  return true;
}

/** Tabs and other non-printable characters leave only double quotes, as libyaml decides. */
function singleAllowed(s: string): boolean {
  return !/[\x00-\x09\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(s);
}

function stringScalar(s: string, indent: number, column: number, isKey: boolean): string {
  if (!isKey && s.includes('\n') && literalAllowed(s)) return literal(s, indent);
  if (resolvesToNonString(s)) return doubleQuoted(s);
  if (plainAllowed(s, isKey)) return isKey ? s : fold(s, indent, column);
  if (!s.includes('\n') && singleAllowed(s)) return isKey ? `'${s.replace(/'/g, "''")}'` : fold(`'${s.replace(/'/g, "''")}'`, indent, column);
  return doubleQuoted(s);
}

function literalAllowed(s: string): boolean {
  // Trailing spaces on a line and control characters force double quotes, as libyaml does.
  return !/[ \t]\n/.test(s) && !/[\x00-\x08\x0b-\x1f\x7f]/.test(s) && !s.startsWith(' ');
}

function literal(s: string, indent: number): string {
  const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing > 0 ? s.slice(0, -1) : s;
  const pad = ' '.repeat(Math.max(indent, 2));
  return `|${chomp}\n` + body.split('\n').map((l) => (l === '' ? '' : pad + l)).join('\n');
}

/** Folds a plain or single-quoted scalar at spaces once past the best width, as go-yaml does. */
function fold(text: string, indent: number, column: number): string {
  if (column + text.length <= BEST_WIDTH || !text.includes(' ')) return text;
  const pad = ' '.repeat(indent);
  let out = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && col > BEST_WIDTH && i + 1 < text.length && text[i + 1] !== ' ' && text[i - 1] !== ' ') {
      out += `\n${pad}`;
      col = indent;
      continue;
    }
    out += ch;
    col++;
  }
  return out;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code === 0) out += '\\0';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (code === 0xfeff) out += '\\uFEFF';
    else out += ch;
  }
  return out + '"';
}
