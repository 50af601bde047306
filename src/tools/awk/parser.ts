/**
 * The awk parser: POSIX awk grammar by recursive descent. Precedence, lowest first: assignment,
 * ?:, ||, &&, in, ~ !~, comparisons (non-associative; `>` is a redirection inside print),
 * concatenation, + -, * / %, unary + - !, ^ (right-associative), ++ --, $, grouping.
 */
import type { Expr, FuncDef, LValue, Program, Rule, Stmt } from './ast.js';
import { AwkSyntaxError, Lexer, type Token } from './lexer.js';

interface ExprFlags {
  /** Inside `print` arguments, `>` is a redirection. */
  noGt?: boolean;
  /** In a for(;;) init, `in` is not allowed at top level (for (k in a) detection). */
  noIn?: boolean;
}

function isLValue(e: Expr): e is LValue {
  return e.k === 'var' || e.k === 'idx' || e.k === 'field';
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);

export class Parser {
  private readonly lex: Lexer;
  private tok: Token;

  constructor(lexer: Lexer) {
    this.lex = lexer;
    this.tok = this.lex.next();
  }

  // ---- token helpers ------------------------------------------------------------------

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lex.next();
    if (this.tok.poison) throw this.error();
    return t;
  }

  private is(text: string): boolean {
    return (this.tok.kind === 'op' || this.tok.kind === 'kw') && this.tok.text === text;
  }

  private error(tok: Token = this.tok): AwkSyntaxError {
    if (tok.kind === 'eof') return new AwkSyntaxError(tok.line, 'syntax error at or near end of file');
    const text = tok.kind === 'str' ? `"${tok.text}"` : tok.kind === 'ere' ? `/${tok.text}/` : tok.text;
    return new AwkSyntaxError(tok.line, `syntax error at or near ${text}`);
  }

  private expect(text: string): Token {
    if (!this.is(text)) throw this.error();
    return this.advance();
  }

  private skipNewlines(): void {
    while (this.tok.kind === 'nl') this.advance();
  }

  private skipTerminators(): void {
    while (this.tok.kind === 'nl' || this.is(';')) this.advance();
  }

  // ---- program ------------------------------------------------------------------------

  parseProgram(): Program {
    const prog: Program = { begin: [], end: [], rules: [], funcs: new Map() };
    this.skipTerminators();
    while (this.tok.kind !== 'eof') {
      this.item(prog);
      this.skipTerminators();
    }
    return prog;
  }

  private item(prog: Program): void {
    if (this.is('BEGIN') || this.is('END')) {
      const which = this.advance().text;
      this.skipNewlines();
      if (!this.is('{')) throw this.error();
      (which === 'BEGIN' ? prog.begin : prog.end).push(this.block());
      return;
    }
    if (this.is('function')) {
      const f = this.funcDef();
      prog.funcs.set(f.name, f);
      return;
    }
    const rule: Rule = {};
    if (!this.is('{')) {
      const first = this.expr();
      if (this.is(',')) {
        this.advance();
        this.skipNewlines();
        rule.range = [first, this.expr()];
      } else rule.pattern = first;
    }
    if (this.is('{')) rule.body = this.block();
    else if (this.tok.kind !== 'nl' && !this.is(';') && this.tok.kind !== 'eof') throw this.error();
    prog.rules.push(rule);
  }

  private funcDef(): FuncDef {
    this.advance();
    const nameTok = this.advance();
    if (nameTok.kind !== 'name' && nameTok.kind !== 'funcname') throw this.error(nameTok);
    this.expect('(');
    const params: string[] = [];
    while (!this.is(')')) {
      const p = this.advance();
      if (p.kind !== 'name') throw this.error(p);
      params.push(p.text);
      this.skipNewlines();
      if (this.is(',')) {
        this.advance();
        this.skipNewlines();
      } else if (!this.is(')')) throw this.error();
    }
    this.advance();
    this.skipNewlines();
    const body = this.block();
    return { name: nameTok.text, params, body };
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.skipTerminators();
    while (!this.is('}')) {
      // The lexer has reported the missing brace.
      if (this.tok.kind === 'eof') throw new AwkSyntaxError(this.tok.line, '');
      body.push(this.statement());
      this.skipTerminators();
    }
    this.advance();
    return body;
  }

  // ---- statements ---------------------------------------------------------------------

  /** Consumes a statement's end: `;`, a newline, or nothing before `}` or the end. */
  private endSimple(): void {
    if (this.is(';') || this.tok.kind === 'nl') {
      this.advance();
      return;
    }
    if (this.is('}') || this.tok.kind === 'eof') return;
    throw this.error();
  }

  private simpleOrBlock(): Stmt {
    this.skipNewlines();
    if (this.is(';')) {
      this.advance();
      return { k: 'block', body: [] };
    }
    return this.statement();
  }

  statement(): Stmt {
    const t = this.tok;
    if (this.is('{')) return { k: 'block', body: this.block() };
    if (t.kind === 'kw') {
      switch (t.text) {
        case 'if': {
          this.advance();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          const then = this.simpleOrBlock();
          this.skipTerminatorsBeforeElse();
          if (this.is('else')) {
            this.advance();
            return { k: 'if', c, then, else: this.simpleOrBlock() };
          }
          return { k: 'if', c, then };
        }
        case 'while': {
          this.advance();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          if (this.is(';')) {
            this.advance();
            return { k: 'while', c, body: { k: 'block', body: [] } };
          }
          return { k: 'while', c, body: this.simpleOrBlock() };
        }
        case 'do': {
          this.advance();
          const body = this.simpleOrBlock();
          this.skipTerminators();
          this.expect('while');
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          this.endSimple();
          return { k: 'do', body, c };
        }
        case 'for':
          return this.forStatement();
        case 'break':
        case 'continue':
        case 'next':
        case 'nextfile':
          this.advance();
          this.endSimple();
          return { k: t.text } as Stmt;
        case 'exit':
        case 'return': {
          this.advance();
          let e: Expr | undefined;
          if (!this.is(';') && !this.is('}') && this.tok.kind !== 'nl' && this.tok.kind !== 'eof') e = this.expr();
          this.endSimple();
          return { k: t.text, e } as Stmt;
        }
        case 'delete': {
          this.advance();
          const name = this.advance();
          if (name.kind !== 'name') throw this.error(name);
          let subs: Expr[] | undefined;
          if (this.is('[')) {
            this.advance();
            subs = this.exprList(']');
          }
          this.endSimple();
          return { k: 'delete', name: name.text, subs };
        }
        case 'print':
        case 'printf':
          return this.printStatement();
      }
    }
    const e = this.expr();
    this.endSimple();
    return { k: 'expr', e };
  }

  /** `if (x) a; else b` and `if (x) a <newline> else b`: look past terminators for `else`. */
  private skipTerminatorsBeforeElse(): void {
    while (this.tok.kind === 'nl' || this.is(';')) this.advance();
  }

  private forStatement(): Stmt {
    this.advance();
    this.expect('(');
    let init: Expr | undefined;
    if (!this.is(';')) {
      init = this.expr();
      if (this.is(')') && init.k === 'group' && init.e.k === 'in') init = init.e;
      if (this.is(')') && init.k === 'in' && init.subs.length === 1 && isLValue(init.subs[0]!)) {
        this.advance();
        return { k: 'forin', v: init.subs[0] as LValue, arr: init.name, body: this.simpleOrBlock() };
      }
    }
    this.expect(';');
    this.skipNewlines();
    const c = this.is(';') ? undefined : this.expr();
    this.expect(';');
    this.skipNewlines();
    const step = this.is(')') ? undefined : this.expr();
    this.expect(')');
    if (this.is(';')) {
      this.advance();
      return { k: 'for', init, c, step, body: { k: 'block', body: [] } };
    }
    return { k: 'for', init, c, step, body: this.simpleOrBlock() };
  }

  private printStatement(): Stmt {
    const printf = this.advance().text === 'printf';
    let args: Expr[] = [];
    if (!this.is(';') && !this.is('}') && !this.is('>') && !this.is('>>') && !this.is('|') && this.tok.kind !== 'nl' && this.tok.kind !== 'eof') {
      if (this.is('(')) {
        // print (a, b) > "f" — or print (a)(b), (1+2)*3: a group that starts an expression.
        this.advance();
        const inner = this.exprList(')');
        if (inner.length > 1 && !this.is('in')) args = inner;
        else if (inner.length > 1) args = [this.continueExpr({ k: 'in', subs: inner, name: this.inName() }, { noGt: true })];
        else args = this.printArgsAfter({ k: 'group', e: inner[0]! });
      } else args = this.printArgs();
    }
    let redir: { op: '>' | '>>' | '|'; e: Expr } | undefined;
    if (this.is('>') || this.is('>>') || this.is('|')) {
      const op = this.advance().text as '>' | '>>' | '|';
      redir = { op, e: this.ternary({ noGt: true }) };
    }
    this.endSimple();
    return { k: 'print', printf, args, redir };
  }

  private inName(): string {
    this.expect('in');
    const n = this.advance();
    if (n.kind !== 'name') throw this.error(n);
    return n.text;
  }

  private printArgs(): Expr[] {
    const args = [this.expr({ noGt: true })];
    while (this.is(',')) {
      this.advance();
      this.skipNewlines();
      args.push(this.expr({ noGt: true }));
    }
    return args;
  }

  private printArgsAfter(first: Expr): Expr[] {
    const args = [this.continueExpr(first, { noGt: true })];
    while (this.is(',')) {
      this.advance();
      this.skipNewlines();
      args.push(this.expr({ noGt: true }));
    }
    return args;
  }

  private exprList(close: string): Expr[] {
    const list: Expr[] = [];
    this.skipNewlines();
    while (!this.is(close)) {
      list.push(this.expr());
      this.skipNewlines();
      if (this.is(',')) {
        this.advance();
        this.skipNewlines();
      } else if (!this.is(close)) throw this.error();
    }
    this.advance();
    return list;
  }

  // ---- expressions ----------------------------------------------------------------------

  /** A primary already parsed (print's parenthesised group) that the next parse starts from. */
  private pending: Expr | undefined;

  private continueExpr(first: Expr, f: ExprFlags): Expr {
    this.pending = first;
    return this.expr(f);
  }

  expr(f: ExprFlags = {}): Expr {
    const left = this.ternary(f);
    if (this.tok.kind === 'op' && ASSIGN_OPS.has(this.tok.text) && isLValue(left)) {
      const op = this.advance().text;
      this.skipNewlines();
      return { k: 'assign', op, target: left, value: this.expr(f) };
    }
    // `/=` after an lvalue is an assignment, elsewhere it starts a regex (handled in primary).
    return left;
  }

  private ternary(f: ExprFlags): Expr {
    const c = this.or(f);
    if (!this.is('?')) return c;
    this.advance();
    this.skipNewlines();
    const a = this.expr(f);
    this.skipNewlines();
    this.expect(':');
    this.skipNewlines();
    const b = this.expr(f);
    return { k: 'cond', c, a, b };
  }

  private or(f: ExprFlags): Expr {
    let a = this.and(f);
    while (this.is('||')) {
      this.advance();
      this.skipNewlines();
      a = { k: 'or', a, b: this.and(f) };
    }
    return a;
  }

  private and(f: ExprFlags): Expr {
    let a = this.inExpr(f);
    while (this.is('&&')) {
      this.advance();
      this.skipNewlines();
      a = { k: 'and', a, b: this.inExpr(f) };
    }
    return a;
  }

  private inExpr(f: ExprFlags): Expr {
    let a = this.matchExpr(f);
    while (this.is('in') && !f.noIn) {
      a = { k: 'in', subs: [a], name: this.inName() };
    }
    return a;
  }

  private matchExpr(f: ExprFlags): Expr {
    let a = this.comparison(f);
    while (this.is('~') || this.is('!~')) {
      const neg = this.advance().text === '!~';
      a = { k: 'match', neg, a, re: this.comparison(f) };
    }
    return a;
  }

  private comparison(f: ExprFlags): Expr {
    let a = this.concatExpr(f);
    if (this.is('|') && this.peekGetline()) {
      this.advance();
      this.advance();
      const target = this.optionalLValue();
      a = { k: 'getline', cmd: a, target };
      return a;
    }
    const t = this.tok;
    if (t.kind === 'op' && ['<', '<=', '!=', '==', '>=', '>'].includes(t.text) && !(t.text === '>' && f.noGt)) {
      this.advance();
      return { k: 'cmp', op: t.text, a, b: this.concatExpr(f) };
    }
    return a;
  }

  private peekGetline(): boolean {
    // The token after `|` has not been read yet: look at the source text.
    return this.lex.startsWithAt(this.tok.pos, /^\|\s*getline\b/);
  }

  /** Whether the next token can start the right operand of a concatenation (not `-`, `!`). */
  private startsOperand(): boolean {
    const t = this.tok;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'name' || t.kind === 'funcname' || t.kind === 'builtin') return true;
    return t.kind === 'op' && (t.text === '$' || t.text === '(' || t.text === '++' || t.text === '--');
  }

  private concatExpr(f: ExprFlags): Expr {
    let a = this.additive(f);
    while (this.startsOperand()) a = { k: 'concat', a, b: this.additive(f) };
    return a;
  }

  private additive(f: ExprFlags): Expr {
    let a = this.multiplicative(f);
    while (this.is('+') || this.is('-')) {
      const op = this.advance().text;
      a = { k: 'bin', op, a, b: this.multiplicative(f) };
    }
    return a;
  }

  private multiplicative(f: ExprFlags): Expr {
    let a = this.unary(f);
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.advance().text;
      a = { k: 'bin', op, a, b: this.unary(f) };
    }
    return a;
  }

  private unary(f: ExprFlags): Expr {
    if (this.pending === undefined && (this.is('-') || this.is('+') || this.is('!'))) {
      const op = this.advance().text as '-' | '+' | '!';
      return { k: 'unary', op, e: this.unary(f) };
    }
    return this.power(f);
  }

  private power(f: ExprFlags): Expr {
    const base = this.postfix(f);
    if (this.is('^')) {
      this.advance();
      // Right-associative, and the exponent may carry a sign: 2^-1.
      const exp = this.is('-') || this.is('+') || this.is('!') ? this.unary(f) : this.power(f);
      return { k: 'bin', op: '^', a: base, b: exp };
    }
    return base;
  }

  private postfix(f: ExprFlags): Expr {
    const e = this.primary(f);
    if ((this.is('++') || this.is('--')) && isLValue(e)) {
      const op = this.advance().text as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private optionalLValue(): LValue | undefined {
    if (this.tok.kind === 'name') return this.variable(this.advance().text);
    if (this.is('$')) {
      this.advance();
      return { k: 'field', e: this.fieldOperand() };
    }
    return undefined;
  }

  private variable(name: string): LValue {
    if (this.is('[')) {
      this.advance();
      return { k: 'idx', name, subs: this.exprList(']') };
    }
    return { k: 'var', name };
  }

  /** The operand of `$`: a primary, or ++/-- and unary minus applied to one. */
  private fieldOperand(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.advance().text as '++' | '--';
      const target = this.primary({});
      if (!isLValue(target)) throw this.error();
      return { k: 'incdec', op, prefix: true, target };
    }
    if (this.is('-') || this.is('+') || this.is('!')) {
      const op = this.advance().text as '-' | '+' | '!';
      return { k: 'unary', op, e: this.fieldOperand() };
    }
    return this.primary({});
  }

  private primary(f: ExprFlags): Expr {
    if (this.pending !== undefined) {
      const p = this.pending;
      this.pending = undefined;
      return p;
    }
    const t = this.tok;
    switch (t.kind) {
      case 'num':
        this.advance();
        return { k: 'num', v: t.num! };
      case 'str':
        this.advance();
        return { k: 'str', v: t.text };
      case 'name':
        this.advance();
        return this.variable(t.text);
      case 'funcname': {
        this.advance();
        this.expect('(');
        return { k: 'call', name: t.text, args: this.exprList(')'), line: t.line };
      }
      case 'builtin': {
        this.advance();
        if (this.is('(')) {
          this.advance();
          return { k: 'builtin', name: t.text, args: this.exprList(')') };
        }
        if (t.text === 'length') return { k: 'builtin', name: 'length', args: [] };
        throw this.error();
      }
      case 'kw':
        if (t.text === 'getline') {
          this.advance();
          const target = this.optionalLValue();
          if (this.is('<')) {
            this.advance();
            return { k: 'getline', target, file: this.postfix(f) };
          }
          return { k: 'getline', target };
        }
        throw this.error();
      case 'op':
        break;
      default:
        throw this.error();
    }
    switch (t.text) {
      case '(': {
        this.advance();
        const list = this.exprList(')');
        if (list.length === 1) return { k: 'group', e: list[0]! };
        if (!this.is('in')) throw this.error();
        return { k: 'in', subs: list, name: this.inName() };
      }
      case '$':
        this.advance();
        return { k: 'field', e: this.fieldOperand() };
      case '++':
      case '--': {
        this.advance();
        const target = this.postfixTarget();
        return { k: 'incdec', op: t.text, prefix: true, target };
      }
      case '-':
      case '+':
      case '!': {
        this.advance();
        return { k: 'unary', op: t.text, e: this.unary(f) };
      }
      case '/':
      case '/=': {
        const re = this.lex.regex(t);
        this.tok = this.lex.next();
        if (this.tok.poison) throw this.error();
        return { k: 're', src: re.text };
      }
    }
    throw this.error();
  }

  private postfixTarget(): LValue {
    const e = this.primary({});
    if (!isLValue(e)) throw this.error();
    return e;
  }
}

/** All of a program's syntax errors, as mawk lists them ("line N: ..."). */
export class AwkSyntaxErrors extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export function parseProgram(src: string): Program {
  const lexer = new Lexer(src);
  let parser: Parser;
  try {
    parser = new Parser(lexer);
    return parser.parseProgram();
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    if (e.message !== '') lexer.messages.push(`line ${e.line}: ${e.message}`);
    // Scan on to the end for the brace diagnostics mawk adds after recovering.
    for (;;) {
      try {
        if (lexer.next().kind === 'eof') break;
      } catch {
        break;
      }
    }
    throw new AwkSyntaxErrors(lexer.messages);
  }
}
