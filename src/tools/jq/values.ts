/** jq values: types, ordering, arithmetic, indexing, and path get/set/delete. */
import { JqError } from './ast.js';
import { dump, type Json } from './json.js';

export function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** A value as jq shows it inside error messages (truncated to 11 characters and "..."). */
export function errValue(v: Json): string {
  const s = dump(v, { indent: '', sortKeys: false });
  return `${typeOf(v)} (${s.length > 14 ? `${s.slice(0, 11)}...` : s})`;
}

const ORDER = ['null', 'boolean', 'number', 'string', 'array', 'object'];

export function compare(a: Json, b: Json): number {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb) {
    if (ta === 'boolean' && tb === 'boolean') return 0;
    return ORDER.indexOf(ta) - ORDER.indexOf(tb);
  }
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  if (typeof a === 'number') return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    for (let i = 0; i < Math.min(a.length, bb.length); i++) {
      const c = compare(a[i]!, bb[i]!);
      if (c !== 0) return c;
    }
    return a.length - bb.length;
  }
  if (a === null) return 0;
  const oa = a as Record<string, Json>;
  const ob = b as Record<string, Json>;
  const ka = Object.keys(oa).sort();
  const kb = Object.keys(ob).sort();
  const kc = compare(ka, kb);
  if (kc !== 0) return kc;
  for (const k of ka) {
    const c = compare(oa[k]!, ob[k]!);
    if (c !== 0) return c;
  }
  return 0;
}

export const truthy = (v: Json): boolean => v !== null && v !== false;

export function add(a: Json, b: Json): Json {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (typeOf(a) === 'object' && typeOf(b) === 'object') return { ...(a as object), ...(b as object) } as Json;
  throw new JqError(`${errValue(a)} and ${errValue(b)} cannot be added`);
}

function deepMerge(a: Record<string, Json>, b: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = typeOf(cur ?? null) === 'object' && typeOf(v) === 'object' ? deepMerge(cur as Record<string, Json>, v as Record<string, Json>) : v;
  }
  return out;
}

export function arith(op: string, a: Json, b: Json): Json {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compare(x, y) === 0));
      throw new JqError(`${errValue(a)} and ${errValue(b)} cannot be subtracted`);
    case '*':
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      if (typeof a === 'string' && typeof b === 'number') return b <= 0 ? null : a.repeat(Math.max(1, Math.floor(b)));
      if (typeof b === 'string' && typeof a === 'number') return a <= 0 ? null : b.repeat(Math.max(1, Math.floor(a)));
      if (typeOf(a) === 'object' && typeOf(b) === 'object') return deepMerge(a as Record<string, Json>, b as Record<string, Json>);
      throw new JqError(`${errValue(a)} and ${errValue(b)} cannot be multiplied`);
    case '/':
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) throw new JqError(`${errValue(a)} and ${errValue(b)} cannot be divided because the divisor is zero`);
        return a / b;
      }
      if (typeof a === 'string' && typeof b === 'string') return a.split(b);
      throw new JqError(`${errValue(a)} and ${errValue(b)} cannot be divided`);
    case '%':
      if (typeof a === 'number' && typeof b === 'number') {
        if (Math.trunc(b) === 0) throw new JqError(`${errValue(a)} and ${errValue(b)} cannot be divided because the divisor is zero`);
        return Math.trunc(a) % Math.trunc(b);
      }
      throw new JqError(`${errValue(a)} and ${errValue(b)} cannot be divided`);
  }
  const c = compare(a, b);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

export function index(t: Json, i: Json): Json {
  if (t === null) {
    if (typeof i === 'string' || typeof i === 'number' || i === null) return null;
  }
  if (typeof i === 'string') {
    if (typeOf(t) === 'object') return (t as Record<string, Json>)[i] ?? null;
    throw new JqError(`Cannot index ${typeOf(t)} with string "${i}"`);
  }
  if (typeof i === 'number' && Array.isArray(t)) {
    const k = Math.floor(i < 0 ? t.length + i : i);
    return t[k] ?? null;
  }
  if (Array.isArray(i) && Array.isArray(t)) {
    const out: Json[] = [];
    for (let s = 0; s + i.length <= t.length && i.length > 0; s++) if (i.every((x, j) => compare(x, t[s + j]!) === 0)) out.push(s);
    return out;
  }
  throw new JqError(`Cannot index ${typeOf(t)} with ${typeOf(i)}`);
}

export function iterate(v: Json): Json[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') return Object.values(v);
  throw new JqError(`Cannot iterate over ${errValue(v)}`);
}

export function slice(v: Json, from: Json, to: Json): Json {
  if (v === null) return null;
  if (typeof v !== 'string' && !Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with object`);
  const len = v.length;
  const norm = (x: Json, d: number): number => {
    if (x === null) return d;
    const n = Math.floor(x as number);
    return Math.min(len, Math.max(0, n < 0 ? len + n : n));
  };
  const a = norm(from, 0);
  const b = norm(to, len);
  return v.slice(a, Math.max(a, b)) as Json;
}

export function recurseValues(v: Json): Json[] {
  const out: Json[] = [v];
  if (Array.isArray(v) || (v !== null && typeof v === 'object')) for (const c of iterate(v)) out.push(...recurseValues(c));
  return out;
}

export type Path = (string | number | { start: number | null; end: number | null })[];

export function getPath(v: Json, p: Path): Json {
  let cur = v;
  for (const k of p) {
    if (cur === null) return null;
    cur = typeof k === 'object' ? slice(cur, k.start, k.end) : index(cur, k);
  }
  return cur;
}

export function setPath(v: Json, p: Path, value: Json): Json {
  if (p.length === 0) return value;
  const [k, ...rest] = p;
  if (typeof k === 'string') {
    if (v !== null && typeOf(v) !== 'object') throw new JqError(`Cannot index ${typeOf(v)} with "${k}"`);
    const o = { ...((v ?? {}) as Record<string, Json>) };
    o[k] = setPath(o[k] ?? null, rest, value);
    return o;
  }
  if (typeof k === 'number') {
    if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with number`);
    const a = [...((v ?? []) as Json[])];
    const i = k < 0 ? a.length + k : k;
    if (i < 0) throw new JqError('Out of bounds negative array index');
    while (a.length <= i) a.push(null);
    a[i] = setPath(a[i]!, rest, value);
    return a;
  }
  const a = (v ?? []) as Json[];
  const s = slice(a, k!.start, k!.end) as Json[];
  const start = a.indexOf(s[0]!) >= 0 ? Math.max(0, k!.start ?? 0) : 0;
  const replaced = setPath(s, rest, value);
  if (!Array.isArray(replaced)) throw new JqError('A slice of an array can only be assigned another array');
  return [...a.slice(0, start), ...replaced, ...a.slice(start + s.length)];
}

export function deletePaths(v: Json, paths: Path[]): Json {
  const sorted = [...paths].sort((a, b) => compare(b as Json, a as Json));
  let out = v;
  for (const p of sorted) out = deletePath(out, p);
  return out;
}

function deletePath(v: Json, p: Path): Json {
  if (p.length === 0) return null;
  if (v === null) return null;
  const [k, ...rest] = p;
  if (rest.length === 0) {
    if (typeof k === 'string' && typeOf(v) === 'object') {
      const o = { ...(v as Record<string, Json>) };
      delete o[k];
      return o;
    }
    if (typeof k === 'number' && Array.isArray(v)) {
      const i = k < 0 ? v.length + k : k;
      return v.filter((_, j) => j !== i);
    }
    if (typeof k === 'object' && Array.isArray(v)) {
      const s = slice(v, k.start, k.end) as Json[];
      const start = Math.max(0, k.start === null ? 0 : k.start < 0 ? v.length + k.start : k.start);
      return [...v.slice(0, start), ...v.slice(start + s.length)];
    }
    throw new JqError(`Cannot delete field at ${typeOf(v)} index`);
  }
  const child = typeof k === 'object' ? slice(v, k.start, k.end) : index(v, k!);
  return setPath(v, [k!], deletePath(child, rest));
}

