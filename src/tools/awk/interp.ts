/**
 * The awk interpreter: the syntax tree is compiled once into closures, then run over the input.
 * Statements return a completion (normal, break, continue, return); next, nextfile and exit are
 * exceptions since they cross function calls.
 *
 * Output goes into an ordered list of chunks so that `print | "cmd"` and system() can run their
 * commands (asynchronously, through spawn) at the point where they were closed, in order, once
 * the program has finished; `cmd | getline` cannot wait for a command and returns -1.
 */
import { FormatError, sprintf } from '../common/printf.js';
import { RegexSyntaxError, translate } from '../common/regex.js';
import type { Expr, FuncDef, LValue, Program, Rule, Stmt } from './ast.js';
import { AwkArray, fromInput, isNumeric, numToStr, StrNum, strtod, toNum, truthy, type Cell, type Scalar } from './values.js';

export class AwkRuntimeError extends Error {}

class NextSignal {}
class NextFileSignal {}
class ExitSignal {
  constructor(readonly code: number | undefined) {}
}

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Completion = 0 | 1 | 2 | 3;

type Ev = () => Scalar;
type Exec = () => Completion;

interface LRef {
  get(): Scalar;
  set(v: Scalar): void;
}

/** What the interpreter needs from its host. */
export interface AwkHost {
  readFile(path: string): { ok: true; text: string } | { ok: false; reason: string };
  writeFile(path: string, text: string, append: boolean): string | undefined;
  stdin: string;
  env: Map<string, string>;
  now(): number;
}

export type OutChunk = { kind: 'text'; text: string } | { kind: 'cmd'; cmd: string; input: string; system: boolean } | { kind: 'stderr'; text: string };

/** Reads records from one text according to RS. */
class RecordReader {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly rt: Interp,
  ) {}

  next(): string | undefined {
    const rs = this.rt.getStr('RS');
    const t = this.text;
    if (rs === '') return this.paragraph();
    if (this.pos >= t.length) return undefined;
    if (rs.length === 1) {
      const i = t.indexOf(rs, this.pos);
      const end = i < 0 ? t.length : i;
      const rec = t.slice(this.pos, end);
      this.pos = i < 0 ? t.length : i + 1;
      return rec;
    }
    const re = this.rt.regex(rs, true);
    re.lastIndex = this.pos;
    const m = re.exec(t);
    if (!m || m[0] === '') {
      const rec = t.slice(this.pos);
      this.pos = t.length;
      return rec;
    }
    const rec = t.slice(this.pos, m.index);
    this.pos = m.index + m[0].length;
    return rec;
  }

  private paragraph(): string | undefined {
    const t = this.text;
    while (this.pos < t.length && t[this.pos] === '\n') this.pos++;
    if (this.pos >= t.length) return undefined;
    const m = /\n\n+/g;
    m.lastIndex = this.pos;
    const r = m.exec(t);
    const end = r ? r.index : t.length;
    let rec = t.slice(this.pos, end);
    this.pos = r ? r.index + r[0].length : t.length;
    if (!r) rec = rec.replace(/\n+$/, '');
    return rec;
  }
}

export class Interp {
  readonly globals = new Map<string, Cell>();
  private frame: Cell[] = [];
  private record = '';
  private fields: string[] | null = [];
  private nf = 0;
  private recordDirty = false;
  private readonly regexCache = new Map<string, RegExp>();
  private readonly funcs = new Map<string, { def: FuncDef; body: Exec[]; arity: number }>();
  readonly out: OutChunk[] = [];
  private readonly files = new Map<string, { text: string; append: boolean }>();
  private readonly pipes = new Map<string, string>();
  private readonly readers = new Map<string, RecordReader>();
  private returnValue: Scalar;
  private rngState = 0;
  private seed = 0;
  private prevSeed = 0;
  private mainReader: RecordReader | undefined;
  private argIndex = 1;
  private usedStdin = false;
  private rangeActive = new Map<Rule, boolean>();

  constructor(
    private readonly prog: Program,
    private readonly host: AwkHost,
  ) {
    const g = this.globals;
    for (const [k, v] of Object.entries({ FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g', FILENAME: '' })) g.set(k, v);
    for (const k of ['NR', 'FNR', 'RSTART']) g.set(k, 0);
    g.set('RLENGTH', -1);
    const env = new AwkArray();
    for (const [k, v] of host.env) env.map.set(k, fromInput(v));
    g.set('ENVIRON', env);
    this.srand(0);
    for (const f of prog.funcs.values()) this.funcs.set(f.name, { def: f, body: [], arity: f.params.length });
    for (const f of prog.funcs.values()) {
      const scope = new Map(f.params.map((p, i) => [p, i]));
      this.funcs.get(f.name)!.body = f.body.map((s) => this.stmt(s, scope));
    }
  }

  // ---- conversions -------------------------------------------------------------------------

  getStr(name: string): string {
    return this.str(this.globals.get(name) as Scalar);
  }

  str(v: Scalar): string {
    if (typeof v === 'string') return v;
    if (v === undefined) return '';
    if (v instanceof StrNum) return v.s;
    return numToStr(v, this.getStr('CONVFMT'));
  }

  outStr(v: Scalar): string {
    if (typeof v === 'number') return numToStr(v, this.getStr('OFMT'));
    return this.str(v);
  }

  compare(a: Scalar, b: Scalar): number {
    if (isNumeric(a) && isNumeric(b)) {
      const x = toNum(a);
      const y = toNum(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
    }
    const x = this.str(a);
    const y = this.str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  regex(src: string, global = false): RegExp {
    const key = (global ? 'g' : '') + src;
    let re = this.regexCache.get(key);
    if (!re) {
      try {
        re = new RegExp(translate(src, 'awk').source, global ? 'gsu' : 'su');
      } catch (e) {
        const why = e instanceof RegexSyntaxError ? e.message : 'bad regular expression';
        throw new AwkRuntimeError(`regular expression compile failed (${why})\n${src}`);
      }
      this.regexCache.set(key, re);
    }
    return re;
  }

  // ---- records and fields ------------------------------------------------------------------

  setRecord(text: string): void {
    this.record = text;
    this.fields = null;
    this.recordDirty = false;
  }

  private split(): string[] {
    if (this.fields === null) {
      this.fields = this.splitWith(this.record, this.globals.get('FS') as Scalar, this.getStr('RS') === '');
      this.nf = this.fields.length;
    }
    return this.fields;
  }

  splitWith(s: string, fsValue: Scalar | RegExp, paragraph = false): string[] {
    if (fsValue instanceof RegExp) return s === '' ? [] : this.regexSplit(s, fsValue);
    const fs = this.str(fsValue);
    if (fs === ' ') {
      const t = s.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return t === '' ? [] : t.split(/[ \t\n]+/);
    }
    if (s === '') return [];
    if (fs === '') return [...s];
    if (fs.length === 1 && fs !== '\\' && !paragraph) return s.split(fs);
    const src = fs.length === 1 ? escapeForRegex(fs) : fs;
    return this.regexSplit(s, this.regex(paragraph ? `${src}|\n` : src, true));
  }

  private regexSplit(s: string, re: RegExp): string[] {
    const g = re.global ? re : this.regex(re.source, true);
    const out: string[] = [];
    let pos = 0;
    g.lastIndex = 0;
    for (;;) {
      const m = g.exec(s);
      if (!m) break;
      if (m[0] === '') {
        g.lastIndex++;
        if (g.lastIndex > s.length) break;
        continue;
      }
      out.push(s.slice(pos, m.index));
      pos = m.index + m[0].length;
    }
    out.push(s.slice(pos));
    return out;
  }

  getRecord(): string {
    if (this.recordDirty) {
      this.record = this.fields!.join(this.getStr('OFS'));
      this.recordDirty = false;
    }
    return this.record;
  }

  getField(i: number): Scalar {
    if (i === 0) return fromInput(this.getRecord());
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    const f = this.split();
    // mawk: a field past NF is an empty string, not the uninitialised value ($1 == 0 is false).
    return i <= f.length ? fromInput(f[i - 1]!) : '';
  }

  setField(i: number, v: string): void {
    if (i === 0) return this.setRecord(v);
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    const f = this.split();
    while (f.length < i) f.push('');
    f[i - 1] = v;
    this.nf = f.length;
    this.recordDirty = true;
  }

  getNF(): number {
    this.split();
    return this.nf;
  }

  setNF(n: number): void {
    const f = this.split();
    const want = Math.max(0, Math.trunc(n));
    while (f.length < want) f.push('');
    f.length = want;
    this.nf = want;
    this.recordDirty = true;
  }

  // ---- variables ----------------------------------------------------------------------------

  private arrayOf(name: string, scope: Map<string, number> | undefined): () => AwkArray {
    const local = scope?.get(name);
    if (local !== undefined) {
      return () => {
        let c = this.frame[local];
        if (c === undefined) c = this.frame[local] = new AwkArray();
        if (!(c instanceof AwkArray)) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
        c.provisional = false;
        return c;
      };
    }
    return () => {
      let c = this.globals.get(name);
      if (c === undefined) {
        c = new AwkArray();
        this.globals.set(name, c);
      }
      if (!(c instanceof AwkArray)) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
      return c;
    };
  }

  private subscript(subs: Ev[]): () => string {
    if (subs.length === 1) {
      const s = subs[0]!;
      return () => this.str(s());
    }
    return () => subs.map((s) => this.str(s())).join(this.getStr('SUBSEP'));
  }

  private lref(lv: LValue, scope: Map<string, number> | undefined): LRef {
    if (lv.k === 'field') {
      const idx = this.expr(lv.e, scope);
      return { get: () => this.getField(Math.trunc(toNum(idx()))), set: (v) => this.setField(Math.trunc(toNum(idx())), this.str(v)) };
    }
    if (lv.k === 'idx') {
      const arr = this.arrayOf(lv.name, scope);
      const key = this.subscript(lv.subs.map((s) => this.expr(s, scope)));
      return {
        get: () => {
          const a = arr();
          const k = key();
          if (!a.map.has(k)) a.map.set(k, undefined);
          return a.map.get(k);
        },
        set: (v) => {
          arr().map.set(key(), v);
        },
      };
    }
    const name = lv.name;
    const local = scope?.get(name);
    if (local !== undefined) {
      return {
        get: () => {
          const c = this.frame[local];
          if (c instanceof AwkArray) {
            if (c.provisional) return undefined;
            throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
          }
          return c;
        },
        set: (v) => {
          this.frame[local] = v;
        },
      };
    }
    if (name === 'NF') return { get: () => this.getNF(), set: (v) => this.setNF(toNum(v)) };
    return {
      get: () => {
        const c = this.globals.get(name);
        if (c instanceof AwkArray) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
        return c;
      },
      set: (v) => {
        if (this.globals.get(name) instanceof AwkArray) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
        this.globals.set(name, v);
      },
    };
  }

  // ---- expressions -------------------------------------------------------------------------

  private regexArg(e: Expr, scope: Map<string, number> | undefined): () => RegExp {
    if (e.k === 're') {
      const re = this.regex(e.src);
      return () => re;
    }
    const v = this.expr(e, scope);
    return () => this.regex(this.str(v()));
  }

  expr(e: Expr, scope: Map<string, number> | undefined): Ev {
    switch (e.k) {
      case 'num': {
        const v = e.v;
        return () => v;
      }
      case 'str': {
        const v = e.v;
        return () => v;
      }
      case 're': {
        const re = this.regex(e.src);
        return () => (re.test(this.getRecord()) ? 1 : 0);
      }
      case 'group':
        return this.expr(e.e, scope);
      case 'var':
      case 'idx':
      case 'field': {
        const r = this.lref(e, scope);
        return r.get;
      }
      case 'assign':
        return this.assign(e.op, this.lref(e.target, scope), this.expr(e.value, scope));
      case 'cond': {
        const c = this.expr(e.c, scope);
        const a = this.expr(e.a, scope);
        const b = this.expr(e.b, scope);
        return () => (truthy(c()) ? a() : b());
      }
      case 'or': {
        const a = this.expr(e.a, scope);
        const b = this.expr(e.b, scope);
        return () => (truthy(a()) || truthy(b()) ? 1 : 0);
      }
      case 'and': {
        const a = this.expr(e.a, scope);
        const b = this.expr(e.b, scope);
        return () => (truthy(a()) && truthy(b()) ? 1 : 0);
      }
      case 'in': {
        const arr = this.arrayOf(e.name, scope);
        const key = this.subscript(e.subs.map((s) => this.expr(s, scope)));
        return () => (arr().map.has(key()) ? 1 : 0);
      }
      case 'match': {
        const a = this.expr(e.a, scope);
        const re = this.regexArg(e.re, scope);
        const neg = e.neg;
        return () => (re().test(this.str(a())) !== neg ? 1 : 0);
      }
      case 'cmp': {
        const a = this.expr(e.a, scope);
        const b = this.expr(e.b, scope);
        const test = CMP[e.op]!;
        return () => (test(this.compare(a(), b())) ? 1 : 0);
      }
      case 'concat': {
        const a = this.expr(e.a, scope);
        const b = this.expr(e.b, scope);
        return () => this.str(a()) + this.str(b());
      }
      case 'bin': {
        const a = this.expr(e.a, scope);
        const b = this.expr(e.b, scope);
        const op = ARITH[e.op]!;
        return () => op(toNum(a()), toNum(b()));
      }
      case 'unary': {
        const v = this.expr(e.e, scope);
        if (e.op === '!') return () => (truthy(v()) ? 0 : 1);
        if (e.op === '-') return () => -toNum(v());
        return () => toNum(v());
      }
      case 'incdec': {
        const r = this.lref(e.target, scope);
        const d = e.op === '++' ? 1 : -1;
        if (e.prefix) {
          return () => {
            const n = toNum(r.get()) + d;
            r.set(n);
            return n;
          };
        }
        return () => {
          const n = toNum(r.get());
          r.set(n + d);
          return n;
        };
      }
      case 'call':
        return this.call(e.name, e.args, scope);
      case 'builtin':
        return this.builtin(e.name, e.args, scope);
      case 'getline':
        return this.getline(e, scope);
    }
  }

  private assign(op: string, r: LRef, value: Ev): Ev {
    if (op === '=') {
      return () => {
        let v = value();
        if (v === undefined) v = '';
        r.set(v);
        return v;
      };
    }
    const f = ARITH[op[0]!]!;
    return () => {
      const n = f(toNum(r.get()), toNum(value()));
      r.set(n);
      return n;
    };
  }

  private call(name: string, args: Expr[], scope: Map<string, number> | undefined): Ev {
    const argEvs = args.map((a) => {
      if (a.k === 'var') {
        const local = scope?.get(a.name);
        const read = (): Cell => (local !== undefined ? this.frame[local] : this.globals.get(a.name));
        const bind = (arr: AwkArray): void => {
          if (local !== undefined) this.frame[local] = arr;
          else this.globals.set(a.name, arr);
        };
        return { byName: true as const, read, bind };
      }
      return { byName: false as const, ev: this.expr(a, scope) };
    });
    return () => {
      const f = this.funcs.get(name);
      if (!f) throw new AwkRuntimeError(`function ${name} never defined`);
      const frame: Cell[] = new Array(f.arity).fill(undefined);
      const pending: { arr: AwkArray; bind: (a: AwkArray) => void }[] = [];
      argEvs.forEach((a, i) => {
        if (i >= f.arity) return;
        if (!a.byName) {
          frame[i] = a.ev();
          return;
        }
        const c = a.read();
        if (c === undefined) {
          const arr = new AwkArray();
          arr.provisional = true;
          frame[i] = arr;
          pending.push({ arr, bind: a.bind });
        } else frame[i] = c;
      });
      const saved = this.frame;
      this.frame = frame;
      this.returnValue = undefined;
      try {
        for (const s of f.body) {
          if (s() === RETURN) break;
        }
      } finally {
        this.frame = saved;
      }
      for (const p of pending) if (!p.arr.provisional) p.bind(p.arr);
      const rv = this.returnValue;
      this.returnValue = undefined;
      return rv;
    };
  }

  private builtin(name: string, args: Expr[], scope: Map<string, number> | undefined): Ev {
    const ev = (i: number): Ev => this.expr(args[i]!, scope);
    const n = args.length;
    switch (name) {
      case 'length': {
        if (n === 0) return () => bytes(this.getRecord());
        const a = args[0]!;
        if (a.k === 'var') {
          const local = scope?.get(a.name);
          return () => {
            const c = local !== undefined ? this.frame[local] : this.globals.get(a.name);
            if (c instanceof AwkArray) return c.map.size;
            return bytes(this.str(c));
          };
        }
        const v = ev(0);
        return () => bytes(this.str(v()));
      }
      case 'substr': {
        const s = ev(0);
        const m = ev(1);
        const l = n > 2 ? ev(2) : undefined;
        return () => substr(this.str(s()), toNum(m()), l ? toNum(l()) : undefined);
      }
      case 'index': {
        const s = ev(0);
        const t = ev(1);
        return () => {
          const hay = this.str(s());
          const i = hay.indexOf(this.str(t()));
          return i < 0 ? 0 : bytes(hay.slice(0, i)) + 1;
        };
      }
      case 'split': {
        const s = ev(0);
        const a = args[1]!;
        if (a.k !== 'var') throw new AwkRuntimeError('type error in arg(2) in call to split');
        const arr = this.arrayOf(a.name, scope);
        const sep = n > 2 ? (args[2]!.k === 're' ? this.regexArg(args[2]!, scope) : ev(2)) : undefined;
        return () => {
          const parts = this.splitWith(this.str(s()), sep ? sep() : (this.globals.get('FS') as Scalar));
          const target = arr();
          target.map.clear();
          parts.forEach((p, i) => target.map.set(String(i + 1), fromInput(p)));
          return parts.length;
        };
      }
      case 'sub':
      case 'gsub': {
        const re = this.regexArg(args[0]!, scope);
        const repl = ev(1);
        const target = n > 2 ? this.lref(args[2] as LValue, scope) : this.lref({ k: 'field', e: { k: 'num', v: 0 } }, scope);
        const global = name === 'gsub';
        return () => {
          const [text, count] = substitute(re(), this.str(repl()), this.str(target.get()), global);
          if (count > 0) target.set(text);
          return count;
        };
      }
      case 'match': {
        const s = ev(0);
        const re = this.regexArg(args[1]!, scope);
        return () => {
          const str = this.str(s());
          const r = re();
          r.lastIndex = 0;
          const m = r.exec(str);
          const start = m ? bytes(str.slice(0, m.index)) + 1 : 0;
          const len = m ? bytes(m[0]) : -1;
          this.globals.set('RSTART', start);
          this.globals.set('RLENGTH', len);
          return start;
        };
      }
      case 'sprintf': {
        const evs = args.map((_, i) => ev(i));
        return () => this.format('sprintf', evs.map((e) => e()));
      }
      case 'sin':
      case 'cos':
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'int': {
        const v = ev(0);
        const f = MATH[name]!;
        return () => f(toNum(v()));
      }
      case 'atan2': {
        const y = ev(0);
        const x = ev(1);
        return () => Math.atan2(toNum(y()), toNum(x()));
      }
      case 'rand':
        return () => this.rand();
      case 'srand': {
        const v = n > 0 ? ev(0) : undefined;
        return () => this.srand(v ? toNum(v()) : Math.floor(this.host.now() / 1000));
      }
      case 'tolower':
      case 'toupper': {
        const v = ev(0);
        const upper = name === 'toupper';
        // mawk changes ASCII letters only (it works on bytes).
        return () => this.str(v()).replace(upper ? /[a-z]+/g : /[A-Z]+/g, (m) => (upper ? m.toUpperCase() : m.toLowerCase()));
      }
      case 'system': {
        const v = ev(0);
        return () => {
          this.out.push({ kind: 'cmd', cmd: this.str(v()), input: '', system: true });
          return 0;
        };
      }
      case 'close': {
        const v = ev(0);
        return () => this.close(this.str(v()));
      }
      case 'fflush':
        return () => 0;
    }
    throw new AwkRuntimeError(`unknown function ${name}`);
  }

  private getline(e: Extract<Expr, { k: 'getline' }>, scope: Map<string, number> | undefined): Ev {
    const target = e.target ? this.lref(e.target, scope) : undefined;
    if (e.cmd) {
      return () => -1;
    }
    if (e.file) {
      const file = this.expr(e.file, scope);
      return () => {
        const name = this.str(file());
        let reader = this.readers.get(name);
        if (!reader) {
          const r = name === '-' || name === '/dev/stdin' ? { ok: true as const, text: this.host.stdin } : this.host.readFile(name);
          if (!r.ok) return -1;
          reader = new RecordReader(r.text, this);
          this.readers.set(name, reader);
        }
        const rec = reader.next();
        if (rec === undefined) return 0;
        if (target) target.set(fromInput(rec));
        else this.setRecord(rec);
        return 1;
      };
    }
    return () => {
      const rec = this.nextMainRecord();
      if (rec === undefined) return 0;
      if (target) target.set(fromInput(rec));
      else this.setRecord(rec);
      return 1;
    };
  }

  private bump(name: string): void {
    this.globals.set(name, toNum(this.globals.get(name) as Scalar) + 1);
  }

  private rand(): number {
    // mulberry32: deterministic, as everything in kubedrill.
    let t = (this.rngState = (this.rngState + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private srand(seed: number): number {
    this.prevSeed = this.seed;
    this.seed = seed;
    this.rngState = Math.trunc(seed) >>> 0;
    return this.prevSeed;
  }

  format(fn: string, values: Scalar[]): string {
    if (values.length === 0) throw new AwkRuntimeError(`${fn}: no format`);
    const fmt = this.str(values[0]);
    try {
      return sprintf(fmt, {
        values: values.slice(1),
        toNumber: (v) => toNum(v),
        toString: (v) => this.str(v),
        isNumber: (v) => typeof v === 'number',
        clampInt: (x) => (x > 2147483647 ? 2147483647 : x < -2147483647 ? -2147483647 : x),
        clampUnsigned: (x) => (x < 0 ? 0 : x),
      });
    } catch (err) {
      if (err instanceof FormatError) {
        if (fn === 'printf' && err.partial) this.emit(err.partial);
        if (err.message === 'not enough arguments') throw new AwkRuntimeError(`not enough arguments passed to ${fn}("${fmt}")`);
        throw new AwkRuntimeError(`improper conversion(number 1) in ${fn}("${fmt}")`);
      }
      throw err;
    }
  }

  // ---- statements --------------------------------------------------------------------------

  stmt(s: Stmt, scope: Map<string, number> | undefined): Exec {
    switch (s.k) {
      case 'expr': {
        const e = this.expr(s.e, scope);
        return () => {
          e();
          return NORMAL;
        };
      }
      case 'print':
        return this.print(s, scope);
      case 'block': {
        const body = s.body.map((b) => this.stmt(b, scope));
        return () => {
          for (const b of body) {
            const c = b();
            if (c !== NORMAL) return c;
          }
          return NORMAL;
        };
      }
      case 'if': {
        const c = this.expr(s.c, scope);
        const then = this.stmt(s.then, scope);
        const els = s.else ? this.stmt(s.else, scope) : undefined;
        return () => (truthy(c()) ? then() : els ? els() : NORMAL);
      }
      case 'while': {
        const c = this.expr(s.c, scope);
        const body = this.stmt(s.body, scope);
        return () => {
          while (truthy(c())) {
            const r = body();
            if (r === BREAK) break;
            if (r === RETURN) return r;
          }
          return NORMAL;
        };
      }
      case 'do': {
        const c = this.expr(s.c, scope);
        const body = this.stmt(s.body, scope);
        return () => {
          do {
            const r = body();
            if (r === BREAK) break;
            if (r === RETURN) return r;
          } while (truthy(c()));
          return NORMAL;
        };
      }
      case 'for': {
        const init = s.init ? this.expr(s.init, scope) : undefined;
        const c = s.c ? this.expr(s.c, scope) : undefined;
        const step = s.step ? this.expr(s.step, scope) : undefined;
        const body = this.stmt(s.body, scope);
        return () => {
          if (init) init();
          while (!c || truthy(c())) {
            const r = body();
            if (r === BREAK) break;
            if (r === RETURN) return r;
            if (step) step();
          }
          return NORMAL;
        };
      }
      case 'forin': {
        const v = this.lref(s.v, scope);
        const arr = this.arrayOf(s.arr, scope);
        const body = this.stmt(s.body, scope);
        return () => {
          const a = arr();
          for (const k of [...a.map.keys()]) {
            if (!a.map.has(k)) continue;
            v.set(fromInput(k));
            const r = body();
            if (r === BREAK) break;
            if (r === RETURN) return r;
          }
          return NORMAL;
        };
      }
      case 'next':
        return () => {
          throw new NextSignal();
        };
      case 'nextfile':
        return () => {
          throw new NextFileSignal();
        };
      case 'exit': {
        const e = s.e ? this.expr(s.e, scope) : undefined;
        return () => {
          throw new ExitSignal(e ? Math.trunc(toNum(e())) : undefined);
        };
      }
      case 'return': {
        const e = s.e ? this.expr(s.e, scope) : undefined;
        return () => {
          this.returnValue = e ? e() : undefined;
          return RETURN;
        };
      }
      case 'break':
        return () => BREAK;
      case 'continue':
        return () => CONTINUE;
      case 'delete': {
        const arr = this.arrayOf(s.name, scope);
        if (!s.subs) {
          return () => {
            arr().map.clear();
            return NORMAL;
          };
        }
        const key = this.subscript(s.subs.map((x) => this.expr(x, scope)));
        return () => {
          arr().map.delete(key());
          return NORMAL;
        };
      }
    }
  }

  private print(s: Extract<Stmt, { k: 'print' }>, scope: Map<string, number> | undefined): Exec {
    const args = s.args.map((a) => this.expr(a, scope));
    const dest = s.redir ? this.expr(s.redir.e, scope) : undefined;
    const op = s.redir?.op;
    const render = s.printf
      ? (): string => this.format('printf', args.map((a) => a()))
      : args.length === 0
        ? (): string => this.getRecord() + this.getStr('ORS')
        : (): string => args.map((a) => this.outStr(a())).join(this.getStr('OFS')) + this.getStr('ORS');
    return () => {
      const text = render();
      if (!dest) this.emit(text);
      else this.redirect(op!, this.str(dest()), text);
      return NORMAL;
    };
  }

  emit(text: string): void {
    const last = this.out[this.out.length - 1];
    if (last?.kind === 'text') last.text += text;
    else this.out.push({ kind: 'text', text });
  }

  private redirect(op: '>' | '>>' | '|', name: string, text: string): void {
    if (op === '|') {
      this.pipes.set(name, (this.pipes.get(name) ?? '') + text);
      return;
    }
    if (name === '/dev/stdout' || name === '-') return this.emit(text);
    if (name === '/dev/stderr') {
      this.out.push({ kind: 'stderr', text });
      return;
    }
    const f = this.files.get(name);
    if (f) f.text += text;
    else this.files.set(name, { text, append: op === '>>' });
  }

  private close(name: string): number {
    if (this.pipes.has(name)) {
      this.out.push({ kind: 'cmd', cmd: name, input: this.pipes.get(name)!, system: false });
      this.pipes.delete(name);
      return 0;
    }
    const f = this.files.get(name);
    if (f) {
      this.flushFile(name, f);
      this.files.delete(name);
      return 0;
    }
    if (this.readers.delete(name)) return 0;
    return -1;
  }

  private flushFile(name: string, f: { text: string; append: boolean }): void {
    const err = this.host.writeFile(name, f.text, f.append);
    if (err) throw new AwkRuntimeError(`cannot open "${name}" for output`);
  }

  /**
   * Files and pipes still open at exit are closed in the order they were opened. mawk waits for
   * its pipes before flushing its own buffered stdout, so their output comes first (after
   * anything an earlier close() or system() already let out).
   */
  closeAll(): void {
    for (const [name, f] of this.files) this.flushFile(name, f);
    this.files.clear();
    let at = 0;
    this.out.forEach((c, i) => {
      if (c.kind === 'cmd') at = i + 1;
    });
    const cmds: OutChunk[] = [...this.pipes].map(([cmd, input]) => ({ kind: 'cmd', cmd, input, system: false }));
    this.out.splice(at, 0, ...cmds);
    this.pipes.clear();
  }

  // ---- main input ---------------------------------------------------------------------------

  private nextMainRecord(): string | undefined {
    for (;;) {
      if (!this.mainReader && !this.openNextFile()) return undefined;
      const rec = this.mainReader!.next();
      if (rec !== undefined) {
        this.bump('NR');
        this.bump('FNR');
        return rec;
      }
      this.mainReader = undefined;
    }
  }

  private argv(): AwkArray {
    return this.globals.get('ARGV') as AwkArray;
  }

  /** Opens the next ARGV operand, running var=value assignments on the way. */
  private openNextFile(): boolean {
    const argc = toNum(this.globals.get('ARGC') as Scalar);
    while (this.argIndex < argc) {
      const arg = this.str(this.argv().map.get(String(this.argIndex++)));
      if (arg === '') continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
      if (m) {
        this.globals.set(m[1]!, fromInput(unescapeValue(m[2]!)));
        continue;
      }
      this.startFile(arg);
      return true;
    }
    if (this.usedStdin) return false;
    this.usedStdin = true;
    this.startFile('-', true);
    return true;
  }

  private startFile(name: string, implicit = false): void {
    this.usedStdin = true;
    let text: string;
    if (name === '-' || name === '/dev/stdin') text = this.host.stdin;
    else {
      const r = this.host.readFile(name);
      if (!r.ok) throw new AwkFatal(`cannot open ${name} (${r.reason})`);
      text = r.text;
    }
    this.globals.set('FILENAME', implicit ? '' : name);
    this.globals.set('FNR', 0);
    this.mainReader = new RecordReader(text, this);
  }

  // ---- running ------------------------------------------------------------------------------

  /** Runs the program; returns the exit status. */
  run(): number {
    let exitCode = 0;
    let exiting = false;
    const begin = this.prog.begin.map((b) => b.map((s) => this.stmt(s, undefined)));
    const end = this.prog.end.map((b) => b.map((s) => this.stmt(s, undefined)));
    const rules = this.prog.rules.map((r) => this.compileRule(r));
    try {
      for (const b of begin) for (const s of b) s();
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      exiting = true;
      exitCode = e.code ?? exitCode;
    }
    if (!exiting && (rules.length > 0 || end.length > 0)) {
      try {
        for (;;) {
          const rec = this.nextMainRecord();
          if (rec === undefined) break;
          this.setRecord(rec);
          try {
            for (const r of rules) r();
          } catch (e) {
            if (e instanceof NextSignal) continue;
            if (e instanceof NextFileSignal) {
              this.mainReader = undefined;
              continue;
            }
            throw e;
          }
        }
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        exitCode = e.code ?? exitCode;
      }
    }
    try {
      for (const b of end) for (const s of b) s();
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      exitCode = e.code ?? exitCode;
    }
    this.closeAll();
    return exitCode;
  }

  private compileRule(r: Rule): () => void {
    const body = r.body ? r.body.map((s) => this.stmt(s, undefined)) : [(): Completion => (this.emit(this.getRecord() + this.getStr('ORS')), NORMAL)];
    const runBody = (): void => {
      for (const s of body) if (s() !== NORMAL) break;
    };
    if (r.range) {
      const from = this.expr(r.range[0], undefined);
      const to = this.expr(r.range[1], undefined);
      return () => {
        if (!this.rangeActive.get(r)) {
          if (!truthy(from())) return;
          this.rangeActive.set(r, !truthy(to()));
          runBody();
          return;
        }
        if (truthy(to())) this.rangeActive.set(r, false);
        runBody();
      };
    }
    if (r.pattern) {
      const p = this.expr(r.pattern, undefined);
      return () => {
        if (truthy(p())) runBody();
      };
    }
    return runBody;
  }

  /** Sets ARGV/ARGC and -v assignments before BEGIN. */
  setup(argv: string[], assigns: [string, string][]): void {
    const a = new AwkArray();
    argv.forEach((v, i) => a.map.set(String(i), fromInput(v)));
    this.globals.set('ARGV', a);
    this.globals.set('ARGC', argv.length);
    for (const [k, v] of assigns) this.globals.set(k, fromInput(unescapeValue(v)));
  }

  describePosition(): string {
    return `\tFILENAME="${this.getStr('FILENAME')}" FNR=${this.str(this.globals.get('FNR') as Scalar)} NR=${this.str(this.globals.get('NR') as Scalar)}`;
  }
}

/** An error that ends awk at once with status 2 (a missing input file). */
export class AwkFatal extends Error {}

function unescapeValue(v: string): string {
  return v.replace(/\\(["\\/nrtbfva]|[0-7]{1,3})/g, (_, c: string) => {
    if (/^[0-7]/.test(c)) return String.fromCharCode(parseInt(c, 8));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '"': '"', '\\': '\\', '/': '/' } as Record<string, string>)[c]!;
  });
}

function escapeForRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

const CMP: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '==': (c) => c === 0,
  '!=': (c) => c !== 0,
};

const ARITH: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '^': (a, b) => Math.pow(a, b),
};

const MATH: Record<string, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  int: Math.trunc,
};

/** mawk measures strings in bytes (it knows nothing of UTF-8). */
function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** POSIX substr on bytes: m..m+n-1 after rounding, clipped to the string. */
function substr(s: string, m: number, n: number | undefined): string {
  const buf = Buffer.from(s, 'utf8');
  const start = roundHalfEven(m);
  let end = n === undefined ? buf.length + 1 : start + roundHalfEven(n);
  if (Number.isNaN(end)) end = start;
  const from = Math.max(start, 1);
  const to = Math.min(end, buf.length + 1);
  return to > from ? buf.subarray(from - 1, to - 1).toString('utf8') : '';
}

function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** sub/gsub: `&` is the match, `\&` a literal ampersand, `\\` a backslash. */
function substitute(re: RegExp, repl: string, text: string, global: boolean): [string, number] {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let out = '';
  let pos = 0;
  let count = 0;
  let prevEnd = -1;
  g.lastIndex = 0;
  while (g.lastIndex <= text.length) {
    const m = g.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    if (m[0] === '') {
      g.lastIndex = end + 1;
      if (start === prevEnd) continue;
    }
    out += text.slice(pos, start) + expandRepl(repl, m[0]);
    pos = end;
    prevEnd = end;
    count++;
    if (!global) break;
  }
  return [count ? out + text.slice(pos) : text, count];
}

function expandRepl(repl: string, matched: string): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
      out += repl[++i];
    } else if (c === '&') out += matched;
    else out += c;
  }
  return out;
}

export { strtod };
