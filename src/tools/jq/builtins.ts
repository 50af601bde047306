/** jq's builtin functions, by name and arity. */
import { JqError, JqSyntaxError, type Node } from './ast.js';
import type { Env, Evaluator } from './eval.js';
import { dump, type Json, parseJsonStream } from './json.js';
import { add, compare, errValue, index, iterate, recurseValues, truthy, typeOf } from './values.js';

function keysOf(v: Json, sorted: boolean): Json[] {
  if (Array.isArray(v)) return v.map((_, i) => i);
  if (v !== null && typeof v === 'object') return sorted ? Object.keys(v).sort() : Object.keys(v);
  throw new JqError(`${errValue(v)} has no keys`);
}

function lengthOf(v: Json): Json {
  if (v === null) return 0;
  if (typeof v === 'boolean') throw new JqError(`${errValue(v)} has no length`);
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'string') return [...v].length;
  return Array.isArray(v) ? v.length : Object.keys(v).length;
}

function toNumberJq(v: Json): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  throw new JqError(`${errValue(v)} cannot be parsed as a number`);
}

function flatten(v: Json[], depth: number): Json[] {
  return v.flatMap((x) => (Array.isArray(x) && depth > 0 ? flatten(x, depth - 1) : [x]));
}

function regexFlags(f: Json): string {
  const s = typeof f === 'string' ? f : '';
  return (s.includes('i') ? 'i' : '') + (s.includes('x') ? '' : '') + (s.includes('g') ? 'g' : '') + (s.includes('s') ? 's' : '') + 'u';
}

function need<T extends Json>(v: Json, type: string, what: string): T {
  if (typeOf(v) !== type) throw new JqError(`${errValue(v)} ${what}`);
  return v as T;
}

export function builtin(e: Evaluator, name: string, args: Node[], input: Json, env: Env): Json[] {
  const arg = (i: number): Json[] => e.evalArg(args[i]!, input, env);
  const one = (i: number): Json => arg(i)[0] ?? null;
  const f = (node: Node, v: Json): Json[] => e.evalArg(node, v, env);
  const sig = `${name}/${args.length}`;
  switch (sig) {
    case 'empty/0':
      return [];
    case 'error/0':
      throw new JqError(input);
    case 'error/1':
      throw new JqError(one(0));
    case 'not/0':
      return [!truthy(input)];
    case 'length/0':
      return [lengthOf(input)];
    case 'utf8bytelength/0':
      return [Buffer.byteLength(need<string>(input, 'string', 'only strings have UTF-8 byte length'))];
    case 'keys/0':
      return [keysOf(input, true)];
    case 'keys_unsorted/0':
      return [keysOf(input, false)];
    case 'values/0':
      return input === null ? [] : [input];
    case 'has/1':
      return arg(0).map((k) => {
        if (Array.isArray(input) && typeof k === 'number') return k >= 0 && k < input.length;
        if (typeOf(input) === 'object' && typeof k === 'string') return k in (input as object);
        throw new JqError(`Cannot check whether ${typeOf(input)} has a ${typeOf(k)} key`);
      });
    case 'in/1':
      return arg(0).map((o) => {
        if (Array.isArray(o) && typeof input === 'number') return input >= 0 && input < o.length;
        if (typeOf(o) === 'object' && typeof input === 'string') return input in (o as object);
        throw new JqError(`Cannot check whether ${typeOf(o)} has a ${typeOf(input)} key`);
      });
    case 'map/1':
      return [iterate(input).flatMap((v) => f(args[0]!, v))];
    case 'map_values/1': {
      if (Array.isArray(input)) return [input.flatMap((v) => f(args[0]!, v).slice(0, 1))];
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(need<Record<string, Json>>(input, 'object', 'has no keys'))) {
        const r = f(args[0]!, v);
        if (r.length) out[k] = r[0]!;
      }
      return [out];
    }
    case 'select/1':
      return arg(0).filter(truthy).map(() => input);
    case 'recurse/0':
      return recurseValues(input);
    case 'recurse/1': {
      const out: Json[] = [];
      const walk = (v: Json): void => {
        out.push(v);
        for (const c of f(args[0]!, v)) walk(c);
      };
      walk(input);
      return out;
    }
    case 'env/0':
      return [e.rootEnv({}).getVar('ENV') ?? {}];
    case 'type/0':
      return [typeOf(input)];
    case 'add/0': {
      const items = iterate(input);
      return [items.reduce<Json>((a, b) => add(a, b), null)];
    }
    case 'any/0':
      return [iterate(input).some(truthy)];
    case 'all/0':
      return [iterate(input).every(truthy)];
    case 'any/1':
      return [iterate(input).some((v) => f(args[0]!, v).some(truthy))];
    case 'all/1':
      return [iterate(input).every((v) => f(args[0]!, v).every(truthy))];
    case 'flatten/0':
      return [flatten(need<Json[]>(input, 'array', 'cannot be flattened'), Infinity)];
    case 'flatten/1':
      return arg(0).map((d) => flatten(need<Json[]>(input, 'array', 'cannot be flattened'), d as number));
    case 'range/1':
      return arg(0).flatMap((n) => Array.from({ length: Math.max(0, Math.ceil(n as number)) }, (_, i) => i));
    case 'range/2': {
      const out: Json[] = [];
      for (const a of arg(0)) for (const b of arg(1)) for (let i = a as number; i < (b as number); i++) out.push(i);
      return out;
    }
    case 'floor/0':
      return [Math.floor(need<number>(input, 'number', 'number required'))];
    case 'ceil/0':
      return [Math.ceil(need<number>(input, 'number', 'number required'))];
    case 'round/0':
      return [Math.round(need<number>(input, 'number', 'number required'))];
    case 'fabs/0':
      return [Math.abs(need<number>(input, 'number', 'number required'))];
    case 'sqrt/0':
      return [Math.sqrt(need<number>(input, 'number', 'number required'))];
    case 'tostring/0':
      return [typeof input === 'string' ? input : dump(input, { indent: '', sortKeys: false })];
    case 'tonumber/0':
      return [toNumberJq(input)];
    case 'tojson/0':
      return [dump(input, { indent: '', sortKeys: false })];
    case 'fromjson/0':
      return [parseJsonStream(need<string>(input, 'string', 'only strings can be parsed'))[0] ?? null];
    case 'ascii_downcase/0':
      return [need<string>(input, 'string', 'cannot be lowercased').replace(/[A-Z]/g, (c) => c.toLowerCase())];
    case 'ascii_upcase/0':
      return [need<string>(input, 'string', 'cannot be uppercased').replace(/[a-z]/g, (c) => c.toUpperCase())];
    case 'infinite/0':
      return [Infinity];
    case 'nan/0':
      return [NaN];
    case 'isnan/0':
      return [Number.isNaN(input)];
    case 'isinfinite/0':
      return [typeof input === 'number' && !Number.isFinite(input) && !Number.isNaN(input)];
    case 'sort/0':
      return [[...need<Json[]>(input, 'array', 'cannot be sorted, as it is not an array')].sort(compare)];
    case 'sort_by/1': {
      const a = need<Json[]>(input, 'array', 'cannot be sorted, as it is not an array');
      return [a.map((v) => ({ v, k: f(args[0]!, v) as Json })).sort((x, y) => compare(x.k, y.k)).map((x) => x.v)];
    }
    case 'group_by/1': {
      const a = need<Json[]>(input, 'array', 'cannot be grouped, as it is not an array');
      const sorted = a.map((v) => ({ v, k: f(args[0]!, v) as Json })).sort((x, y) => compare(x.k, y.k));
      const groups: Json[][] = [];
      sorted.forEach((x, i) => {
        if (i === 0 || compare(sorted[i - 1]!.k, x.k) !== 0) groups.push([]);
        groups[groups.length - 1]!.push(x.v);
      });
      return [groups];
    }
    case 'unique/0': {
      const s = [...need<Json[]>(input, 'array', 'cannot be sorted, as it is not an array')].sort(compare);
      return [s.filter((v, i) => i === 0 || compare(s[i - 1]!, v) !== 0)];
    }
    case 'unique_by/1': {
      const a = need<Json[]>(input, 'array', 'cannot be sorted, as it is not an array');
      const sorted = a.map((v) => ({ v, k: f(args[0]!, v) as Json })).sort((x, y) => compare(x.k, y.k));
      return [sorted.filter((x, i) => i === 0 || compare(sorted[i - 1]!.k, x.k) !== 0).map((x) => x.v)];
    }
    case 'min/0':
    case 'max/0': {
      const a = [...need<Json[]>(input, 'array', 'cannot be sorted, as it is not an array')].sort(compare);
      return [a.length ? (name === 'min' ? a[0]! : a[a.length - 1]!) : null];
    }
    case 'min_by/1':
    case 'max_by/1': {
      const a = need<Json[]>(input, 'array', 'cannot be sorted, as it is not an array');
      const sorted = a.map((v) => ({ v, k: f(args[0]!, v) as Json })).sort((x, y) => compare(x.k, y.k));
      return [sorted.length ? (name === 'min_by' ? sorted[0]!.v : sorted[sorted.length - 1]!.v) : null];
    }
    case 'reverse/0':
      return [typeof input === 'string' ? [...input].reverse().join('') : input === null ? [] : [...need<Json[]>(input, 'array', 'cannot be reversed, as it is not an array')].reverse()];
    case 'contains/1':
      return arg(0).map((b) => contains(input, b));
    case 'inside/1':
      return arg(0).map((b) => contains(b, input));
    case 'startswith/1':
      return arg(0).map((s) => {
        if (typeof input !== 'string' || typeof s !== 'string') throw new JqError('startswith() requires string inputs');
        return input.startsWith(s);
      });
    case 'endswith/1':
      return arg(0).map((s) => {
        if (typeof input !== 'string' || typeof s !== 'string') throw new JqError('endswith() requires string inputs');
        return input.endsWith(s);
      });
    case 'ltrimstr/1':
      return arg(0).map((s) => (typeof input === 'string' && typeof s === 'string' && input.startsWith(s) ? input.slice(s.length) : input));
    case 'rtrimstr/1':
      return arg(0).map((s) => (typeof input === 'string' && typeof s === 'string' && input.endsWith(s) && s !== '' ? input.slice(0, -s.length) : input));
    case 'explode/0':
      return [[...need<string>(input, 'string', 'cannot be exploded')].map((c) => c.codePointAt(0)!)];
    case 'implode/0':
      return [String.fromCodePoint(...(need<Json[]>(input, 'array', 'cannot be imploded') as number[]))];
    case 'split/1':
      return arg(0).map((s) => {
        if (typeof input !== 'string' || typeof s !== 'string') throw new JqError('split input and separator must be strings');
        return input === '' ? [] : input.split(s);
      });
    case 'split/2':
      return arg(0).map((re) => need<string>(input, 'string', 'cannot be matched, as it is not a string').split(new RegExp(re as string, regexFlags(one(1)).replace('g', ''))));
    case 'join/1':
      return arg(0).map((sep) =>
        iterate(input)
          .map((x) => {
            if (x === null) return '';
            if (typeof x === 'object') throw new JqError(`Cannot join with ${typeOf(x)}`);
            return typeof x === 'string' ? x : dump(x, { indent: '', sortKeys: false });
          })
          .join(sep as string),
      );
    case 'test/1':
    case 'test/2':
      return arg(0).map((re) => new RegExp(re as string, regexFlags(args[1] ? one(1) : null).replace('g', '')).test(need<string>(input, 'string', 'cannot be matched, as it is not a string')));
    case 'match/1':
    case 'match/2': {
      const s = need<string>(input, 'string', 'cannot be matched, as it is not a string');
      return arg(0).flatMap((re) => {
        const flags = regexFlags(args[1] ? one(1) : null);
        const r = new RegExp(re as string, flags.includes('g') ? flags : flags + 'd');
        const ms = flags.includes('g') ? [...s.matchAll(new RegExp(r.source, r.flags + 'd'))] : [r.exec(s)].filter((m): m is RegExpExecArray => m !== null);
        return ms.map((m) => ({
          offset: m.index,
          length: m[0].length,
          string: m[0],
          captures: m.slice(1).map((c) => ({ offset: c === undefined ? -1 : s.indexOf(c, m.index), length: c?.length ?? 0, string: c ?? null, name: null })),
        }));
      });
    }
    case 'capture/1':
    case 'capture/2': {
      const s = need<string>(input, 'string', 'cannot be matched, as it is not a string');
      return arg(0).flatMap((re) => {
        const m = new RegExp(re as string, regexFlags(args[1] ? one(1) : null).replace('g', '')).exec(s);
        return m ? [{ ...(m.groups ?? {}) } as Json] : [];
      });
    }
    case 'sub/2':
    case 'gsub/2':
    case 'sub/3':
    case 'gsub/3': {
      const s = need<string>(input, 'string', 'cannot be matched, as it is not a string');
      const flags = regexFlags(args[2] ? one(2) : null) + (name === 'gsub' ? 'g' : '');
      return arg(0).map((re) => {
        const r = new RegExp(re as string, [...new Set(flags)].join(''));
        return s.replace(r, (...m: unknown[]) => {
          const groups = (typeof m[m.length - 1] === 'object' ? m[m.length - 1] : {}) as Record<string, string>;
          const out = e.evalArg(args[1]!, { ...groups } as Json, env)[0];
          return typeof out === 'string' ? out : dump(out ?? null, { indent: '', sortKeys: false });
        });
      });
    }
    case 'ascii/0':
      return [String.fromCharCode(input as number)];
    case 'to_entries/0':
      return [Object.entries(need<Record<string, Json>>(input, 'object', 'has no keys')).map(([key, value]) => ({ key, value }))];
    case 'from_entries/0':
      return [
        Object.fromEntries(
          iterate(input).map((x) => {
            const o = x as Record<string, Json>;
            const k = o.key ?? o.k ?? o.name ?? o.Name ?? o.Key ?? o.K ?? null;
            const v = 'value' in o ? o.value : 'v' in o ? o.v : 'Value' in o ? o.Value : null;
            return [typeof k === 'string' ? k : dump(k, { indent: '', sortKeys: false }), v ?? null];
          }),
        ),
      ];
    case 'with_entries/1': {
      const entries = Object.entries(need<Record<string, Json>>(input, 'object', 'has no keys')).map(([key, value]) => ({ key, value }) as Json);
      const mapped = entries.flatMap((x) => f(args[0]!, x));
      return builtin(e, 'from_entries', [], mapped, env);
    }
    case 'paths/0': {
      const out: Json[] = [];
      const walk = (v: Json, p: Json[]): void => {
        if (p.length) out.push(p);
        if (Array.isArray(v)) v.forEach((c, i) => walk(c, [...p, i]));
        else if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
      };
      walk(input, []);
      return out;
    }
    case 'leaf_paths/0':
      return builtin(e, 'paths', [], input, env).filter((p) => {
        const v = e.getpath(input, p);
        return v === null || typeof v !== 'object';
      });
    case 'path/1':
      return e.paths(args[0]!, input, env) as Json[];
    case 'getpath/1':
      return arg(0).map((p) => e.getpath(input, p));
    case 'setpath/2':
      return arg(0).flatMap((p) => arg(1).map((v) => e.setpath(input, p, v)));
    case 'delpaths/1':
      return arg(0).map((ps) => e.delpaths(input, ps));
    case 'del/1':
      return [e.delpaths(input, e.paths(args[0]!, input, env) as Json)];
    case 'to_array/0':
      return [Array.isArray(input) ? input : [input]];
    case 'first/0':
      return [index(input, 0)];
    case 'last/0':
      return [index(input, -1)];
    case 'first/1':
      return arg(0).slice(0, 1);
    case 'last/1': {
      const r = arg(0);
      return r.length ? [r[r.length - 1]!] : [];
    }
    case 'nth/1':
      return arg(0).map((n) => index(input, n));
    case 'limit/2':
      return arg(0).flatMap((n) => arg(1).slice(0, Math.max(0, n as number)));
    case 'indices/1':
    case 'index/1':
    case 'rindex/1':
      return arg(0).map((x) => {
        let found: number[];
        if (typeof input === 'string' && typeof x === 'string') {
          found = [];
          if (x !== '') for (let i = input.indexOf(x); i >= 0; i = input.indexOf(x, i + 1)) found.push(i);
        } else found = (Array.isArray(x) ? index(input, x) : index(input, [x])) as number[];
        if (name === 'indices') return found;
        return found.length ? (name === 'index' ? found[0]! : found[found.length - 1]!) : null;
      });
    case 'splits/1':
      return builtin(e, 'split', [args[0]!, { k: 'literal', v: null }], input, env).flatMap((a) => a as Json[]);
    case 'tostream/0':
      return builtin(e, 'paths', [], input, env).map((p) => [p, e.getpath(input, p)]);
    case 'input_line_number/0':
      return [0];
    case 'debug/0':
      e.stderr(`["DEBUG:",${dump(input, { indent: '', sortKeys: false })}]\n`);
      return [input];
    case 'stderr/0':
      e.stderr(dump(input, { indent: '', sortKeys: false }));
      return [input];
    case 'arrays/0':
      return Array.isArray(input) ? [input] : [];
    case 'objects/0':
      return typeOf(input) === 'object' ? [input] : [];
    case 'iterables/0':
      return typeOf(input) === 'object' || Array.isArray(input) ? [input] : [];
    case 'booleans/0':
      return typeof input === 'boolean' ? [input] : [];
    case 'numbers/0':
      return typeof input === 'number' ? [input] : [];
    case 'strings/0':
      return typeof input === 'string' ? [input] : [];
    case 'nulls/0':
      return input === null ? [input] : [];
    case 'scalars/0':
      return input === null || typeof input !== 'object' ? [input] : [];
    case 'builtins/0':
      return [['length/0', 'keys/0', 'map/1', 'select/1']];
  }
  throw new JqSyntaxError(`${name}/${args.length} is not defined`);
}

function contains(a: Json, b: Json): boolean {
  if (typeOf(a) !== typeOf(b)) throw new JqError(`${errValue(a)} and ${errValue(b)} cannot have their containment checked`);
  if (typeof a === 'string') return a.includes(b as string);
  if (Array.isArray(a)) return (b as Json[]).every((x) => a.some((y) => typeOf(x) === typeOf(y) && contains(y, x)));
  if (a !== null && typeof a === 'object') {
    return Object.entries(b as Record<string, Json>).every(([k, v]) => k in a && typeOf((a as Record<string, Json>)[k]!) === typeOf(v) && contains((a as Record<string, Json>)[k]!, v));
  }
  return compare(a, b) === 0;
}
