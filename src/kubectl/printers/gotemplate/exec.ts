/**
 * text/template's executor (exec.go, funcs.go) over decoded JSON as kubectl hands it over
 * (json.Unmarshal: numbers are float64), with kubectl's two extra functions `exists` and
 * `base64decode`. Missing map keys print "<no value>" (missingkey=default) or fail
 * (--allow-missing-template-keys=false); errors carry Go's "template: output:L:C: executing
 * "output" at <node>: ..." prefix.
 */

import { GoFloat } from '../../../util/gofmt.js';
import { GoInt, formatV, sprint, sprintf, sprintln, typeName } from './fmt.js';
import type { ArgNode, CommandNode, ListNode, PipeNode, TNode } from './parse.js';
import { nodeString, parseTemplate } from './parse.js';

export class TemplateExecError extends Error {}

/** undefined: Go's invalid reflect.Value; null: a nil interface. */
type Val = unknown;

const MISSING = Symbol('missing');
type Final = Val | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}

export class GoTemplate {
  constructor(
    readonly root: ListNode,
    readonly text: string,
    readonly name = 'output',
  ) {}

  static parse(text: string, name = 'output'): GoTemplate {
    return new GoTemplate(parseTemplate(text, name), text, name);
  }

  /** Executes against data; returns the output, or throws TemplateExecError (partial output attached). */
  execute(data: Val, missingKeyError = false): string {
    const s = new State(this, data, missingKeyError);
    try {
      s.walk(data, this.root);
    } catch (e) {
      if (e instanceof TemplateExecError) (e as TemplateExecError & { partial?: string }).partial = s.out.join('');
      throw e;
    }
    return s.out.join('');
  }
}

class State {
  out: string[] = [];
  private vars: { name: string; value: Val }[];
  private node: { pos: number } | undefined;
  private nodeText = '';

  constructor(
    private readonly tmpl: GoTemplate,
    data: Val,
    private readonly missingKeyError: boolean,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  private at(node: { pos: number }, text: string): void {
    this.node = node;
    this.nodeText = text;
  }

  errorf(msg: string): never {
    if (!this.node) throw new TemplateExecError(`template: ${this.tmpl.name}: ${msg}`);
    const pos = this.node.pos;
    const before = this.tmpl.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const col = nl < 0 ? pos : pos - (nl + 1);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    throw new TemplateExecError(`template: ${this.tmpl.name}:${line}:${col}: executing "${this.tmpl.name}" at <${this.nodeText}>: ${msg}`);
  }

  walk(dot: Val, node: TNode): void {
    switch (node.type) {
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'text':
        this.out.push(node.text);
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node.pipe, val);
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, node.pipe);
        const truth = isTrue(val);
        if (truth === undefined) this.errorf(`if/with can't use ${formatV(val)}`);
        if (truth) this.walk(node.type === 'with' ? val : dot, node.list);
        else if (node.elseList) this.walk(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range':
        return this.walkRange(dot, node);
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkRange(dot: Val, r: Extract<TNode, { list: ListNode }>): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const bodyMark = this.vars.length;
    const one = (index: Val, elem: Val): void => {
      const decl = r.pipe.decl;
      if (decl.length > 0) {
        if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
        else this.vars[this.vars.length - 1]!.value = elem;
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
        else this.vars[this.vars.length - 2]!.value = index;
      }
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.vars.length = bodyMark;
      }
    };
    let iterated = false;
    try {
      if (Array.isArray(val)) {
        if (val.length > 0) {
          iterated = true;
          val.forEach((elem, i) => one(new GoInt(i), elem));
        }
      } else if (val instanceof GoInt) {
        if (val.value > 0) {
          iterated = true;
          for (let i = 0; i < val.value; i++) one(new GoInt(i), new GoInt(i));
        }
      } else if (val !== null && typeof val === 'object' && !(val instanceof GoFloat)) {
        const keys = Object.keys(val).sort();
        if (keys.length > 0) {
          iterated = true;
          for (const k of keys) one(k, (val as Record<string, Val>)[k]);
        }
      } else if (val !== undefined) {
        this.at(r.pipe, nodeString(r.pipe));
        this.errorf(`range can't iterate over ${formatV(val)}`);
      }
    } catch (e) {
      if (!(e instanceof BreakSignal)) throw e;
    }
    if (!iterated && r.elseList) this.walk(dot, r.elseList);
    this.vars.length = mark;
  }

  private setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  private printValue(node: PipeNode, v: Val): void {
    this.at(node, nodeString(node));
    this.out.push(v === undefined ? '<no value>' : formatV(v));
  }

  evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.at(pipe, nodeString(pipe));
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // an interface{} holding nil digs down to an invalid value
      if (value === null) value = undefined;
    }
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0]!, value);
      else this.vars.push({ name: d.ident[0]!, value });
    }
    return value === MISSING ? undefined : value;
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Final): Val {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        this.at(first, nodeString(first));
        return this.evalFieldChain(dot, dot, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd.args, final, cmd);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first, nodeString(first));
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through
      case 'number':
        return first.isInt ? new GoInt(first.value) : first.value;
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalVariable(dot: Val, v: Extract<ArgNode, { type: 'variable' }>, args: ArgNode[] | undefined, final: Final): Val {
    this.at(v, nodeString(v));
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      if (args) this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v.ident.slice(1), args, final);
  }

  private evalChain(dot: Val, chain: Extract<ArgNode, { type: 'chain' }>, args: ArgNode[] | undefined, final: Final): Val {
    this.at(chain, nodeString(chain));
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, chain.node);
    return this.evalFieldChain(dot, pipe, chain.field, args, final);
  }

  private evalFieldChain(dot: Val, receiver: Val, ident: string[], args: ArgNode[] | undefined, final: Final): Val {
    for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(ident[i]!, receiver, undefined, MISSING);
    return this.evalField(ident[ident.length - 1]!, receiver, args, final);
  }

  private evalField(name: string, receiver: Val, args: ArgNode[] | undefined, final: Final): Val {
    if (receiver === undefined) {
      if (this.missingKeyError) this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    if (typeof receiver === 'object' && !Array.isArray(receiver) && !(receiver instanceof GoInt) && !(receiver instanceof GoFloat)) {
      if ((args && args.length > 1) || final !== MISSING) this.errorf(`${name} is not a method but has arguments`);
      const map = receiver as Record<string, Val>;
      if (Object.prototype.hasOwnProperty.call(map, name)) return map[name];
      if (this.missingKeyError) this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    this.errorf(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  /** evalArg for an untyped (interface{} / reflect.Value) parameter. */
  evalArg(dot: Val, n: ArgNode): Val {
    this.at(n, nodeString(n));
    switch (n.type) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldChain(dot, dot, n.ident, [n], MISSING);
      case 'variable':
        return this.evalVariable(dot, n, undefined, MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'identifier':
        return this.evalFunction(dot, n, [n], MISSING);
      case 'chain':
        return this.evalChain(dot, n, undefined, MISSING);
      case 'bool':
        return n.value;
      case 'number':
        return n.isInt ? new GoInt(n.value) : n.value;
      case 'string':
        return n.text;
    }
  }

  private evalFunction(dot: Val, fn: Extract<ArgNode, { type: 'identifier' }>, args: ArgNode[], final: Final, cmd?: CommandNode): Val {
    this.at(fn, fn.name);
    const argNodes = args.slice(1);
    const evalAll = (): Val[] => {
      const vals = argNodes.map((a) => this.evalArg(dot, a));
      if (final !== MISSING) vals.push(final);
      this.at(fn, fn.name);
      return vals;
    };
    const call = (f: () => Val): Val => {
      try {
        return f();
      } catch (e) {
        if (e instanceof FuncError) {
          if (cmd) this.at(cmd, nodeString(cmd));
          else this.at(fn, fn.name);
          this.errorf(`error calling ${fn.name}: ${e.message}`);
        }
        throw e;
      }
    };
    switch (fn.name) {
      case 'and':
      case 'or': {
        const all = [...argNodes.map((a) => () => this.evalArg(dot, a)), ...(final !== MISSING ? [() => final as Val] : [])];
        if (all.length === 0) this.errorf(`wrong number of args for ${fn.name}: want at least 1 got 0`);
        let v: Val = undefined;
        for (const get of all) {
          v = get();
          const t = isTrue(v) ?? false;
          if (fn.name === 'and' ? !t : t) return v;
        }
        return v;
      }
      case 'not': {
        const vals = evalAll();
        if (vals.length !== 1) this.errorf(`wrong number of args for not: want 1 got ${vals.length}`);
        return !(isTrue(vals[0]) ?? false);
      }
      case 'len':
        return call(() => {
          const [v] = evalAll();
          if (v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
          if (v === null) throw new FuncError('len of nil pointer');
          if (typeof v === 'string') return new GoInt(Buffer.byteLength(v));
          if (Array.isArray(v)) return new GoInt(v.length);
          if (typeof v === 'object' && !(v instanceof GoInt) && !(v instanceof GoFloat)) return new GoInt(Object.keys(v).length);
          throw new FuncError(`len of type ${typeName(v)}`);
        });
      case 'index':
        return call(() => {
          const [item, ...indexes] = evalAll();
          return index(item, indexes);
        });
      case 'slice':
        return call(() => {
          const [item, ...idx] = evalAll();
          return slice(item, idx);
        });
      case 'print':
        return sprint(evalAll());
      case 'println':
        return sprintln(evalAll());
      case 'printf': {
        const [format, ...rest] = evalAll();
        if (typeof format !== 'string') this.errorf(`wrong type for value; expected string; got ${typeName(format)}`);
        return sprintf(format, rest);
      }
      case 'eq':
      case 'ne':
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge':
        return call(() => compare(fn.name, evalAll()));
      case 'html':
        return sprint(evalAll()).replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
      case 'js':
        return sprint(evalAll()).replace(/[\\'"<>&=]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' })[c]!);
      case 'urlquery':
        return encodeURIComponent(sprint(evalAll())).replace(/%20/g, '+');
      case 'exists': {
        const [item, ...indices] = evalAll();
        return exists(item, indices);
      }
      case 'base64decode':
        return call(() => {
          const vals = evalAll();
          const v = vals[0];
          if (typeof v !== 'string') this.errorf(v === undefined ? 'invalid value; expected string' : `wrong type for value; expected string; got ${typeName(v)}`);
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${badBase64Offset(v)}`);
          return Buffer.from(v, 'base64').toString('latin1') === '' ? '' : Buffer.from(v, 'base64').toString('utf8');
        });
      case 'call':
        this.errorf('call of non-function');
    }
    this.errorf(`"${fn.name}" is not a defined function`);
  }
}

class FuncError extends Error {}

/** isTrue; undefined when the value has no truth (never for JSON). */
function isTrue(v: Val): boolean | undefined {
  if (v === undefined || v === null) return false;
  if (v instanceof GoInt) return v.value !== 0;
  if (v instanceof GoFloat) return v.value !== 0;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return undefined;
}

function toIndex(v: Val, len: number): number {
  if (!(v instanceof GoInt)) {
    if (v === undefined || v === null) throw new FuncError('cannot index slice/array with nil');
    throw new FuncError(`cannot index slice/array with type ${typeName(v)}`);
  }
  if (v.value < 0 || v.value >= len) throw new FuncError(`index out of range: ${v.value}`);
  return v.value;
}

function index(item: Val, indexes: Val[]): Val {
  if (item === undefined || item === null) throw new FuncError('index of untyped nil');
  for (const idx of indexes) {
    if (item === null || item === undefined) throw new FuncError('index of nil pointer');
    if (Array.isArray(item)) item = item[toIndex(idx, item.length)];
    else if (typeof item === 'string') item = new GoInt(Buffer.from(item, 'utf8')[toIndex(idx, Buffer.byteLength(item))]!);
    else if (typeof item === 'object' && !(item instanceof GoInt) && !(item instanceof GoFloat)) {
      if (typeof idx !== 'string') throw new FuncError(`value has type ${typeName(idx)}; should be string`);
      const map = item as Record<string, Val>;
      item = Object.prototype.hasOwnProperty.call(map, idx) ? map[idx] : null;
    } else throw new FuncError(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function slice(item: Val, idx: Val[]): Val {
  if (item === undefined || item === null) throw new FuncError('slice of untyped nil');
  if (idx.length > 3) throw new FuncError(`too many slice indexes: ${idx.length}`);
  const len = Array.isArray(item) ? item.length : typeof item === 'string' ? item.length : -1;
  if (len < 0) throw new FuncError(`can't slice item of type ${typeName(item)}`);
  const bounds = idx.map((v) => {
    if (!(v instanceof GoInt)) throw new FuncError(`cannot index slice/array with type ${typeName(v)}`);
    if (v.value < 0 || v.value > len) throw new FuncError(`index out of range: ${v.value}`);
    return v.value;
  });
  const start = bounds[0] ?? 0;
  const end = bounds[1] ?? len;
  if (start > end) throw new FuncError(`invalid slice index: ${start} > ${end}`);
  return Array.isArray(item) ? item.slice(start, end) : (item as string).slice(start, end);
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function kindOf(v: Val): Kind {
  if (v instanceof GoInt) return 'int';
  if (v instanceof GoFloat) return 'float';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'string':
      return 'string';
  }
  return 'invalid';
}

const numOf = (v: Val): number => (v instanceof GoInt || v instanceof GoFloat ? v.value : (v as number));

function compare(op: string, vals: Val[]): boolean {
  const [a, ...rest] = vals;
  if (op === 'eq') {
    if (rest.length === 0) throw new FuncError('missing argument for comparison');
    const k1 = kindOf(a);
    for (const b of rest) {
      const k2 = kindOf(b);
      if (k1 !== k2) {
        if (a !== undefined && a !== null && b !== undefined && b !== null) throw new FuncError('incompatible types for comparison');
        if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
        continue;
      }
      if (k1 === 'invalid') throw new FuncError('invalid type for comparison');
      if ((k1 === 'int' || k1 === 'float' ? numOf(a) === numOf(b) : a === b)) return true;
    }
    return false;
  }
  if (rest.length !== 1) throw new FuncError(`wrong number of args for ${op}: want 2 got ${vals.length}`);
  const b = rest[0];
  if (op === 'ne') return !compare('eq', [a, b]);
  const k1 = kindOf(a);
  const k2 = kindOf(b);
  if (k1 !== k2) throw new FuncError('incompatible types for comparison');
  if (k1 === 'bool' || k1 === 'invalid') throw new FuncError('invalid type for comparison');
  const lessThan = k1 === 'string' ? (a as string) < (b as string) : numOf(a) < numOf(b);
  const equal = k1 === 'string' ? a === b : numOf(a) === numOf(b);
  switch (op) {
    case 'lt':
      return lessThan;
    case 'le':
      return lessThan || equal;
    case 'gt':
      return !lessThan && !equal;
    case 'ge':
      return !lessThan;
  }
  return false;
}

/** kubectl's `exists`: whether the path of indices leads to a non-nil value. */
function exists(item: Val, indices: Val[]): boolean {
  let v = item;
  for (const i of indices) {
    if (v === undefined || v === null) return false;
    if (Array.isArray(v) || typeof v === 'string') {
      if (!(i instanceof GoInt)) return false;
      const len = Array.isArray(v) ? v.length : Buffer.byteLength(v);
      if (i.value < 0 || i.value >= len) return false;
      v = Array.isArray(v) ? v[i.value] : 0;
    } else if (typeof v === 'object' && !(v instanceof GoInt) && !(v instanceof GoFloat)) {
      if (typeof i !== 'string') return false;
      v = (v as Record<string, Val>)[i] ?? null;
    } else return false;
  }
  return v !== undefined && v !== null;
}

function badBase64Offset(v: string): number {
  for (let i = 0; i < v.length; i++) if (!/[A-Za-z0-9+/=]/.test(v[i]!)) return i;
  return Math.floor(v.length / 4) * 4;
}

export { GoInt };
