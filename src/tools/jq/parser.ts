/**
 * The jq parser. Precedence, lowest first: `def` and `as` bindings and `|`, `,`, `//`,
 * assignments, `or`, `and`, comparisons, `+ -`, `* / %`, unary minus, postfix paths and `?`.
 */
import { JqSyntaxError, type Node } from './ast.js';
import { lex, type Tok } from './lexer.js';

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private isIdent(v: string): boolean {
    const t = this.peek();
    return t.t === 'ident' && t.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw this.unexpected();
    this.i++;
  }
  private expectIdent(v: string): void {
    if (!this.isIdent(v)) throw this.unexpected();
    this.i++;
  }
  private unexpected(): JqSyntaxError {
    const t = this.peek();
    const what = t.t === 'eof' ? '$end' : t.t === 'ident' ? `IDENT ${t.v}` : t.t === 'op' ? `'${t.v}'` : t.t === 'num' ? 'LITERAL' : t.t === 'field' ? `FIELD .${t.v}` : 'token';
    return new JqSyntaxError(`syntax error, unexpected ${what} (Unix shell quoting issues?)`, t.pos ?? 0);
  }

  parseAll(): Node {
    if (this.peek().t === 'eof') return { k: 'identity' };
    const n = this.pipe();
    if (this.peek().t !== 'eof') throw this.unexpected();
    return n;
  }

  private pipe(): Node {
    if (this.isIdent('def')) {
      this.i++;
      const name = this.peek();
      if (name.t !== 'ident') throw this.unexpected();
      this.i++;
      const params: string[] = [];
      if (this.isOp('(')) {
        this.i++;
        for (;;) {
          const p = this.peek();
          if (p.t !== 'ident' && p.t !== 'var') throw this.unexpected();
          params.push(p.t === 'var' ? `$${p.v}` : p.v);
          this.i++;
          if (this.isOp(';')) this.i++;
          else break;
        }
        this.expectOp(')');
      }
      this.expectOp(':');
      const body = this.pipe();
      this.expectOp(';');
      return { k: 'def', name: name.v, params, body, rest: this.pipe() };
    }
    const left = this.comma();
    if (this.isIdent('as')) {
      this.i++;
      const v = this.peek();
      if (v.t !== 'var') throw this.unexpected();
      this.i++;
      this.expectOp('|');
      return { k: 'as', source: left, name: v.v, body: this.pipe() };
    }
    if (this.isOp('|')) {
      this.i++;
      return { k: 'pipe', a: left, b: this.pipe() };
    }
    return left;
  }

  private comma(): Node {
    let left = this.alt();
    while (this.isOp(',')) {
      this.i++;
      left = { k: 'comma', a: left, b: this.alt() };
    }
    return left;
  }

  private alt(): Node {
    const left = this.assign();
    if (this.isOp('//')) {
      this.i++;
      return { k: 'alt', a: left, b: this.alt() };
    }
    return left;
  }

  private assign(): Node {
    const left = this.or();
    const t = this.peek();
    if (t.t === 'op' && ['=', '|=', '+=', '-=', '*=', '/=', '%=', '//='].includes(t.v)) {
      this.i++;
      return { k: 'assign', op: t.v, lhs: left, rhs: this.alt() };
    }
    return left;
  }

  private or(): Node {
    let left = this.and();
    while (this.isOp('or')) {
      this.i++;
      left = { k: 'or', a: left, b: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.compare();
    while (this.isOp('and')) {
      this.i++;
      left = { k: 'and', a: left, b: this.compare() };
    }
    return left;
  }

  private compare(): Node {
    const left = this.additive();
    const t = this.peek();
    if (t.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++;
      return { k: 'binop', op: t.v, a: left, b: this.additive() };
    }
    return left;
  }

  private additive(): Node {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      left = { k: 'binop', op, a: left, b: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      left = { k: 'binop', op, a: left, b: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'neg', e: this.postfix() };
    }
    return this.postfix();
  }

  private postfix(): Node {
    let n = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.t === 'field') {
        this.i++;
        n = { k: 'field', target: n, name: t.v };
      } else if (t.t === 'op' && t.v === '.' && this.toks[this.i + 1]?.t === 'str') {
        this.i++;
        n = { k: 'index', target: n, index: this.primary() };
      } else if (t.t === 'op' && t.v === '.' && this.toks[this.i + 1]?.t === 'op' && (this.toks[this.i + 1] as { v: string }).v === '[') {
        this.i++;
      } else if (t.t === 'op' && t.v === '[') {
        n = this.bracket(n);
      } else if (t.t === 'op' && t.v === '?') {
        this.i++;
        n = { k: 'try', body: n };
      } else if (t.t === 'ident' && t.v === 'as') {
        return n;
      } else return n;
    }
  }

  private bracket(target: Node): Node {
    this.expectOp('[');
    if (this.isOp(']')) {
      this.i++;
      return { k: 'iterate', target };
    }
    if (this.isOp(':')) {
      this.i++;
      const to = this.pipe();
      this.expectOp(']');
      return { k: 'slice', target, to };
    }
    const index = this.pipe();
    if (this.isOp(':')) {
      this.i++;
      const to = this.isOp(']') ? undefined : this.pipe();
      this.expectOp(']');
      return { k: 'slice', target, from: index, to };
    }
    this.expectOp(']');
    return { k: 'index', target, index };
  }

  private primary(): Node {
    const t = this.peek();
    switch (t.t) {
      case 'num':
        this.i++;
        return { k: 'literal', v: t.v };
      case 'str':
        this.i++;
        return this.stringNode(t.parts);
      case 'field':
        this.i++;
        return { k: 'field', target: { k: 'identity' }, name: t.v };
      case 'var':
        this.i++;
        return { k: 'var', name: t.v };
      case 'format': {
        this.i++;
        const next = this.peek();
        if (next.t === 'str') {
          this.i++;
          const s = this.stringNode(next.parts);
          return s.k === 'string' ? { ...s, format: t.v } : { k: 'string', parts: [(s as { v: string }).v], format: t.v };
        }
        return { k: 'format', name: t.v };
      }
      case 'ident':
        return this.identifier(t.v);
      case 'op':
        break;
      default:
        throw this.unexpected();
    }
    switch (t.v) {
      case '.': {
        this.i++;
        const next = this.peek();
        if (next.t === 'str') {
          this.i++;
          return { k: 'index', target: { k: 'identity' }, index: this.stringNode(next.parts) };
        }
        return { k: 'identity' };
      }
      case '..':
        this.i++;
        return { k: 'recurse' };
      case '(': {
        this.i++;
        const e = this.pipe();
        this.expectOp(')');
        return e;
      }
      case '[': {
        this.i++;
        if (this.isOp(']')) {
          this.i++;
          return { k: 'array' };
        }
        const e = this.pipe();
        this.expectOp(']');
        return { k: 'array', e };
      }
      case '{':
        return this.object();
    }
    throw this.unexpected();
  }

  private stringNode(parts: (string | Tok[])[]): Node {
    const nodes = parts.map((p) => (typeof p === 'string' ? p : new Parser(p).parseAll()));
    if (nodes.length === 1 && typeof nodes[0] === 'string') return { k: 'literal', v: nodes[0] };
    return { k: 'string', parts: nodes };
  }

  private identifier(name: string): Node {
    const pos = this.peek().pos;
    this.i++;
    switch (name) {
      case 'true':
        return { k: 'literal', v: true };
      case 'false':
        return { k: 'literal', v: false };
      case 'null':
        return { k: 'literal', v: null };
      case 'if': {
        try {
          return this.ifRest();
        } catch (e) {
          if (e instanceof JqSyntaxError && e.message.includes('unexpected $end')) e.more.push({ message: "Possibly unterminated 'if' statement", pos: pos ?? 0 });
          throw e;
        }
      }
      case 'try': {
        const body = this.postfixOnly();
        if (this.isIdent('catch')) {
          this.i++;
          return { k: 'try', body, catch: this.postfixOnly() };
        }
        return { k: 'try', body };
      }
      case 'reduce': {
        const source = this.postfix();
        this.expectIdent('as');
        const v = this.peek();
        if (v.t !== 'var') throw this.unexpected();
        this.i++;
        this.expectOp('(');
        const init = this.pipe();
        this.expectOp(';');
        const update = this.pipe();
        this.expectOp(')');
        return { k: 'reduce', source, name: v.v, init, update };
      }
    }
    const args: Node[] = [];
    if (this.isOp('(')) {
      this.i++;
      for (;;) {
        args.push(this.pipe());
        if (this.isOp(';')) this.i++;
        else break;
      }
      this.expectOp(')');
    }
    return { k: 'call', name, args, pos };
  }

  private ifRest(): Node {
    const cond = this.pipe();
    this.expectIdent('then');
    const then = this.pipe();
    const node: { k: 'if'; cond: Node; then: Node; else?: Node } = { k: 'if', cond, then };
    let tail = node;
    while (this.isIdent('elif')) {
      this.i++;
      const c = this.pipe();
      this.expectIdent('then');
      const next: { k: 'if'; cond: Node; then: Node; else?: Node } = { k: 'if', cond: c, then: this.pipe() };
      tail.else = next;
      tail = next;
    }
    if (this.isIdent('else')) {
      this.i++;
      tail.else = this.pipe();
    }
    this.expectIdent('end');
    return node;
  }

  private postfixOnly(): Node {
    return this.postfix();
  }

  private object(): Node {
    this.expectOp('{');
    const entries: { key: Node; value: Node }[] = [];
    while (!this.isOp('}')) {
      const t = this.peek();
      let key: Node;
      let value: Node | undefined;
      if (t.t === 'ident') {
        this.i++;
        key = { k: 'literal', v: t.v };
        if (!this.isOp(':')) value = { k: 'field', target: { k: 'identity' }, name: t.v };
      } else if (t.t === 'var') {
        this.i++;
        key = { k: 'literal', v: t.v };
        if (!this.isOp(':')) value = { k: 'var', name: t.v };
      } else if (t.t === 'str') {
        this.i++;
        key = this.stringNode(t.parts);
        if (!this.isOp(':')) value = { k: 'index', target: { k: 'identity' }, index: key };
      } else if (t.t === 'num') {
        throw this.unexpected();
      } else if (t.t === 'op' && t.v === '(') {
        this.i++;
        key = this.pipe();
        this.expectOp(')');
      } else if (t.t === 'format') {
        this.i++;
        key = { k: 'literal', v: t.v };
      } else throw this.unexpected();
      if (value === undefined) {
        this.expectOp(':');
        value = this.objectValue();
      }
      entries.push({ key, value });
      if (this.isOp(',')) this.i++;
      else if (!this.isOp('}')) throw this.unexpected();
    }
    this.i++;
    return { k: 'object', entries };
  }

  /** An object value: an expression without a top-level comma. */
  private objectValue(): Node {
    let left = this.alt();
    while (this.isOp('|')) {
      this.i++;
      left = { k: 'pipe', a: left, b: this.alt() };
    }
    return left;
  }
}

/** Every builtin by name/arity, for the compile-time "is not defined" check. */
const BUILTINS = new Set(['empty/0', 'error/0', 'error/1', 'not/0', 'length/0', 'utf8bytelength/0', 'keys/0', 'keys_unsorted/0', 'values/0', 'has/1', 'in/1', 'map/1', 'map_values/1', 'select/1', 'recurse/0', 'recurse/1', 'env/0', 'type/0', 'add/0', 'any/0', 'all/0', 'any/1', 'all/1', 'flatten/0', 'flatten/1', 'range/1', 'range/2', 'floor/0', 'ceil/0', 'round/0', 'fabs/0', 'sqrt/0', 'tostring/0', 'tonumber/0', 'tojson/0', 'fromjson/0', 'ascii_downcase/0', 'ascii_upcase/0', 'infinite/0', 'nan/0', 'isnan/0', 'isinfinite/0', 'sort/0', 'sort_by/1', 'group_by/1', 'unique/0', 'unique_by/1', 'min/0', 'max/0', 'min_by/1', 'max_by/1', 'reverse/0', 'contains/1', 'inside/1', 'startswith/1', 'endswith/1', 'ltrimstr/1', 'rtrimstr/1', 'explode/0', 'implode/0', 'split/1', 'split/2', 'join/1', 'test/1', 'test/2', 'match/1', 'match/2', 'capture/1', 'capture/2', 'sub/2', 'gsub/2', 'sub/3', 'gsub/3', 'ascii/0', 'to_entries/0', 'from_entries/0', 'with_entries/1', 'paths/0', 'leaf_paths/0', 'path/1', 'getpath/1', 'setpath/2', 'delpaths/1', 'del/1', 'to_array/0', 'first/0', 'last/0', 'first/1', 'last/1', 'nth/1', 'limit/2', 'indices/1', 'index/1', 'rindex/1', 'splits/1', 'tostream/0', 'input_line_number/0', 'debug/0', 'stderr/0', 'arrays/0', 'objects/0', 'iterables/0', 'booleans/0', 'numbers/0', 'strings/0', 'nulls/0', 'scalars/0', 'builtins/0']);

/** Reports the first call to an undefined function, as jq does before running anything. */
function checkCalls(n: Node, defined: Set<string>): void {
  const visit = (x: Node, scope: Set<string>): void => {
    if (x.k === 'def') {
      const inner = new Set(scope).add(`${x.name}/${x.params.length}`);
      const body = new Set(inner);
      for (const p of x.params) body.add(p.startsWith('$') ? `${p.slice(1)}/0` : `${p}/0`);
      visit(x.body, body);
      visit(x.rest, inner);
      return;
    }
    if (x.k === 'call') {
      const sig = `${x.name}/${x.args.length}`;
      if (!scope.has(sig) && !BUILTINS.has(sig)) throw new JqSyntaxError(`${sig} is not defined`, x.pos ?? 0);
    }
    for (const v of Object.values(x)) {
      if (v && typeof v === 'object') {
        if (Array.isArray(v)) v.forEach((c) => c && typeof c === 'object' && 'k' in c && visit(c as Node, scope));
        else if ('k' in v) visit(v as Node, scope);
        else if ('key' in v) {
          visit((v as { key: Node }).key, scope);
          visit((v as { value: Node }).value, scope);
        }
      }
    }
    if (x.k === 'object') for (const e of x.entries) {
      visit(e.key, scope);
      visit(e.value, scope);
    }
  };
  visit(n, defined);
}

export function compile(src: string): Node {
  const node = new Parser(lex(src)).parseAll();
  checkCalls(node, new Set());
  return node;
}

