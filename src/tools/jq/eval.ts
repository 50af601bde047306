/**
 * The jq evaluator: every filter maps one input to an array of outputs; paths are evaluated
 * separately for assignment and del().
 */
import { JqError, JqSyntaxError, type Node } from './ast.js';
import { builtin } from './builtins.js';
import { dump, formatNumber, type Json } from './json.js';
import { arith, deletePaths, errValue, getPath, index, iterate, recurseValues, setPath, slice, truthy, typeOf, type Path } from './values.js';

interface FuncDef {
  params: string[];
  body: Node;
  env: Env;
}

export class Env {
  constructor(
    private readonly vars: Map<string, Json>,
    private readonly funcs: Map<string, FuncDef>,
    private readonly parent?: Env,
  ) {}

  getVar(name: string): Json | undefined {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.getVar(name);
  }
  getFunc(key: string): FuncDef | undefined {
    return this.funcs.get(key) ?? this.parent?.getFunc(key);
  }
  withVar(name: string, v: Json): Env {
    return new Env(new Map([[name, v]]), new Map(), this);
  }
  withFunc(key: string, f: FuncDef): Env {
    return new Env(new Map(), new Map([[key, f]]), this);
  }
}

export interface Host {
  env: Record<string, string>;
  stderr(text: string): void;
}

export class Evaluator {
  constructor(private readonly host: Host) {}

  rootEnv(vars: Record<string, Json>): Env {
    const env: Record<string, Json> = { ...this.host.env };
    return new Env(new Map(Object.entries({ ...vars, ENV: env })), new Map());
  }

  run(node: Node, input: Json, env: Env): Json[] {
    return this.ev(node, input, env);
  }

  private ev(n: Node, input: Json, env: Env): Json[] {
    switch (n.k) {
      case 'identity':
        return [input];
      case 'recurse':
        return recurseValues(input);
      case 'field':
        return this.ev(n.target, input, env).map((t) => index(t, n.name));
      case 'index':
        return this.ev(n.target, input, env).flatMap((t) => this.ev(n.index, input, env).map((i) => index(t, i)));
      case 'slice':
        return this.ev(n.target, input, env).flatMap((t) =>
          (n.from ? this.ev(n.from, input, env) : [null]).flatMap((f) => (n.to ? this.ev(n.to, input, env) : [null]).map((to) => slice(t, f, to))),
        );
      case 'iterate':
        return this.ev(n.target, input, env).flatMap(iterate);
      case 'pipe':
        return this.ev(n.a, input, env).flatMap((v) => this.ev(n.b, v, env));
      case 'comma':
        return [...this.ev(n.a, input, env), ...this.ev(n.b, input, env)];
      case 'literal':
        return [n.v];
      case 'string':
        return this.interpolate(n.parts, input, env, n.format);
      case 'format':
        return [this.format(n.name, input)];
      case 'array':
        return [n.e ? this.ev(n.e, input, env) : []];
      case 'object':
        return this.object(n.entries, input, env);
      case 'neg':
        return this.ev(n.e, input, env).map((v) => {
          if (typeof v !== 'number') throw new JqError(`${errValue(v)} cannot be negated`);
          return -v;
        });
      case 'binop':
        return this.ev(n.b, input, env).flatMap((b) => this.ev(n.a, input, env).map((a) => arith(n.op, a, b)));
      case 'and':
        return this.ev(n.a, input, env).flatMap((a) => (truthy(a) ? this.ev(n.b, input, env).map(truthy) : [false]));
      case 'or':
        return this.ev(n.a, input, env).flatMap((a) => (truthy(a) ? [true] : this.ev(n.b, input, env).map(truthy)));
      case 'alt': {
        let vals: Json[] = [];
        try {
          vals = this.ev(n.a, input, env).filter(truthy);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        return vals.length ? vals : this.ev(n.b, input, env);
      }
      case 'if':
        return this.ev(n.cond, input, env).flatMap((c) => (truthy(c) ? this.ev(n.then, input, env) : n.else ? this.ev(n.else, input, env) : [input]));
      case 'try': {
        try {
          return this.ev(n.body, input, env);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
          return n.catch ? this.ev(n.catch, e.value, env) : [];
        }
      }
      case 'var': {
        const v = env.getVar(n.name);
        if (v === undefined) throw new JqSyntaxError(`$${n.name} is not defined`);
        return [v];
      }
      case 'as':
        return this.ev(n.source, input, env).flatMap((v) => this.ev(n.body, input, env.withVar(n.name, v)));
      case 'reduce': {
        let acc = this.ev(n.init, input, env);
        for (const v of this.ev(n.source, input, env)) {
          const e = env.withVar(n.name, v);
          acc = acc.flatMap((a) => this.ev(n.update, a, e));
        }
        return acc;
      }
      case 'assign':
        return this.assign(n, input, env);
      case 'def':
        return this.ev(n.rest, input, env.withFunc(`${n.name}/${n.params.length}`, { params: n.params, body: n.body, env }));
      case 'call':
        return this.call(n.name, n.args, input, env);
    }
  }

  private interpolate(parts: (string | Node)[], input: Json, env: Env, format?: string): Json[] {
    let results: string[] = [''];
    for (const p of parts) {
      if (typeof p === 'string') {
        results = results.map((r) => r + p);
        continue;
      }
      const vals = this.ev(p, input, env).map((v) => (format ? this.format(format, v) : typeof v === 'string' ? v : dump(v, { indent: '', sortKeys: false })));
      results = results.flatMap((r) => vals.map((v) => r + v));
    }
    return results;
  }

  private object(entries: { key: Node; value: Node }[], input: Json, env: Env): Json[] {
    let results: Record<string, Json>[] = [{}];
    for (const { key, value } of entries) {
      const keys = this.ev(key, input, env);
      const values = this.ev(value, input, env);
      const next: Record<string, Json>[] = [];
      for (const r of results)
        for (const k of keys) {
          if (typeof k !== 'string') throw new JqError(`Object keys must be strings`);
          for (const v of values) next.push({ ...r, [k]: v });
        }
      results = next;
    }
    return results;
  }

  format(name: string, v: Json): string {
    const text = (x: Json): string => (typeof x === 'string' ? x : dump(x, { indent: '', sortKeys: false }));
    switch (name) {
      case 'text':
        return text(v);
      case 'json':
        return dump(v, { indent: '', sortKeys: false });
      case 'base64':
        return Buffer.from(text(v), 'utf8').toString('base64');
      case 'base64d':
        return Buffer.from(text(v), 'base64').toString('utf8');
      case 'uri':
        return [...Buffer.from(text(v), 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
      case 'html':
        return text(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);
      case 'sh': {
        const q = (x: Json): string => {
          if (typeof x === 'string') return `'${x.replace(/'/g, "'\\''")}'`;
          if (Array.isArray(x) || (x !== null && typeof x === 'object')) throw new JqError(`${errValue(x)} can not be escaped for shell`);
          return text(x);
        };
        return Array.isArray(v) ? v.map(q).join(' ') : q(v);
      }
      case 'csv':
      case 'tsv': {
        if (!Array.isArray(v)) throw new JqError(`${errValue(v)} cannot be ${name}-formatted, only an array can be`);
        return v
          .map((x) => {
            if (typeof x === 'number') return formatNumber(x);
            if (typeof x === 'boolean') return String(x);
            if (x === null) return '';
            if (typeof x !== 'string') throw new JqError(`${errValue(x)} is not valid in a csv row`);
            return name === 'csv' ? `"${x.replace(/"/g, '""')}"` : x.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
          })
          .join(name === 'csv' ? ',' : '\t');
      }
    }
    throw new JqSyntaxError(`${name} is not a valid format`);
  }

  private assign(n: Extract<Node, { k: 'assign' }>, input: Json, env: Env): Json[] {
    const paths = this.paths(n.lhs, input, env);
    if (n.op === '|=') {
      let out = input;
      for (const p of paths) {
        const results = this.ev(n.rhs, getPath(out, p), env);
        out = results.length ? setPath(out, p, results[0]!) : deletePaths(out, [p]);
      }
      return [out];
    }
    return this.ev(n.rhs, input, env).map((rhs) => {
      let out = input;
      for (const p of paths) {
        const cur = getPath(out, p);
        let v: Json;
        if (n.op === '=') v = rhs;
        else if (n.op === '//=') v = truthy(cur) ? cur : rhs;
        else v = arith(n.op[0]!, cur, rhs);
        out = setPath(out, p, v);
      }
      return out;
    });
  }

  /** The paths a path expression designates in `input`. */
  paths(n: Node, input: Json, env: Env): Path[] {
    switch (n.k) {
      case 'identity':
        return [[]];
      case 'recurse': {
        const out: Path[] = [];
        const walk = (v: Json, p: Path): void => {
          out.push(p);
          if (Array.isArray(v)) v.forEach((c, i) => walk(c, [...p, i]));
          else if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
        };
        walk(input, []);
        return out;
      }
      case 'field':
        return this.paths(n.target, input, env).map((p) => {
          index(getPath(input, p), n.name);
          return [...p, n.name];
        });
      case 'index':
        return this.paths(n.target, input, env).flatMap((p) =>
          this.ev(n.index, input, env).map((i) => {
            if (typeof i !== 'string' && typeof i !== 'number') throw new JqError(`Cannot update field at object index of ${typeOf(getPath(input, p))}`);
            index(getPath(input, p), i);
            return [...p, i];
          }),
        );
      case 'slice':
        return this.paths(n.target, input, env).flatMap((p) =>
          (n.from ? this.ev(n.from, input, env) : [null]).flatMap((f) => (n.to ? this.ev(n.to, input, env) : [null]).map((t) => [...p, { start: f as number | null, end: t as number | null }])),
        );
      case 'iterate':
        return this.paths(n.target, input, env).flatMap((p) => {
          const v = getPath(input, p);
          if (v === null) return [];
          if (Array.isArray(v)) return v.map((_, i) => [...p, i]);
          if (typeof v === 'object') return Object.keys(v).map((k) => [...p, k]);
          throw new JqError(`Cannot iterate over ${errValue(v)}`);
        });
      case 'pipe':
        return this.paths(n.a, input, env).flatMap((p) => this.paths(n.b, getPath(input, p), env).map((q) => [...p, ...q]));
      case 'comma':
        return [...this.paths(n.a, input, env), ...this.paths(n.b, input, env)];
      case 'try': {
        try {
          return this.paths(n.body, input, env);
        } catch (e) {
          if (e instanceof JqError) return [];
          throw e;
        }
      }
      case 'if':
        return this.ev(n.cond, input, env).flatMap((c) => (truthy(c) ? this.paths(n.then, input, env) : n.else ? this.paths(n.else, input, env) : [[]]));
      case 'alt': {
        const a = this.paths(n.a, input, env).filter((p) => truthy(getPath(input, p)));
        return a.length ? a : this.paths(n.b, input, env);
      }
      case 'call': {
        if (n.name === 'select' && n.args.length === 1) return this.ev(n.args[0]!, input, env).filter(truthy).map(() => []);
        if (n.name === 'empty') return [];
        if (n.name === 'recurse' && n.args.length === 0) return this.paths({ k: 'recurse' }, input, env);
        if ((n.name === 'first' || n.name === 'last') && n.args.length === 0) return [[n.name === 'first' ? 0 : -1]];
        if (n.name === 'getpath' && n.args.length === 1) return this.ev(n.args[0]!, input, env).map((p) => p as Path);
        const f = env.getFunc(`${n.name}/${n.args.length}`);
        if (f && f.params.length === 0) return this.paths(f.body, input, f.env);
        break;
      }
      case 'literal':
        if (n.v === null) return [[]];
        break;
    }
    throw new JqError(`Invalid path expression with result ${errValue(this.ev(n, input, env)[0] ?? null)}`);
  }

  private call(name: string, args: Node[], input: Json, env: Env): Json[] {
    const user = env.getFunc(`${name}/${args.length}`);
    if (user) {
      let fenv = user.env.withFunc(`${name}/${args.length}`, user);
      const valueParams: [string, Node][] = [];
      user.params.forEach((p, i) => {
        if (p.startsWith('$')) valueParams.push([p.slice(1), args[i]!]);
        else fenv = fenv.withFunc(`${p}/0`, { params: [], body: args[i]!, env });
      });
      if (valueParams.length === 0) return this.ev(user.body, input, fenv);
      // $params bind every combination of their argument's outputs.
      let envs = [fenv];
      for (const [pname, arg] of valueParams) {
        const vals = this.ev(arg, input, env);
        envs = envs.flatMap((e) => vals.map((v) => e.withVar(pname, v).withFunc(`${pname}/0`, { params: [], body: { k: 'literal', v }, env })));
      }
      return envs.flatMap((e) => this.ev(user.body, input, e));
    }
    return builtin(this, name, args, input, env);
  }

  evalArg(n: Node, input: Json, env: Env): Json[] {
    return this.ev(n, input, env);
  }

  getpath(v: Json, p: Json): Json {
    if (!Array.isArray(p)) throw new JqError('Path must be specified as an array');
    try {
      return getPath(v, p as Path);
    } catch {
      return null;
    }
  }
  setpath(v: Json, p: Json, value: Json): Json {
    if (!Array.isArray(p)) throw new JqError('Path must be specified as an array');
    return setPath(v, p as Path, value);
  }
  delpaths(v: Json, ps: Json): Json {
    if (!Array.isArray(ps)) throw new JqError('Paths must be specified as an array');
    return deletePaths(v, ps as Path[]);
  }
  stderr(text: string): void {
    this.host.stderr(text);
  }
}

