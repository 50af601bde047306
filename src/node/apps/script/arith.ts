/**
 * Shell arithmetic `$(( ... ))`: integers, + - * / % ** comparisons, logic, bit ops, ternary,
 * assignment forms (i=i+1, i+=1, i++), variables by name. No eval of host code.
 */

export class ArithError extends Error {}

type Vars = { get(name: string): string | undefined; set(name: string, value: string): void };

export function evalArith(expr: string, vars: Vars): number {
  const p = new ArithParser(expr, vars);
  const v = p.assignment();
  p.end();
  return v;
}

class ArithParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly vars: Vars,
  ) {}

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private eat(tok: string): boolean {
    this.ws();
    if (this.s.startsWith(tok, this.i)) {
      this.i += tok.length;
      return true;
    }
    return false;
  }

  end(): void {
    this.ws();
    if (this.i < this.s.length) throw new ArithError(`arithmetic syntax error`);
  }

  private num(name: string): number {
    const v = this.vars.get(name);
    if (v === undefined || v.trim() === '') return 0;
    const n = Number(v.trim());
    if (!Number.isFinite(n)) return evalArith(v, this.vars);
    return Math.trunc(n);
  }

  assignment(): number {
    this.ws();
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=(?!=)|\+=|-=|\*=|\/=|%=)/.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      const rhs = this.assignment();
      const cur = this.num(m[1]!);
      const ops: Record<string, number> = { '=': rhs, '+=': cur + rhs, '-=': cur - rhs, '*=': cur * rhs, '/=': rhs ? Math.trunc(cur / rhs) : NaN, '%=': rhs ? cur % rhs : NaN };
      const v = ops[m[2]!]!;
      if (Number.isNaN(v)) throw new ArithError('division by zero');
      this.vars.set(m[1]!, String(v));
      return v;
    }
    return this.ternary();
  }

  private ternary(): number {
    const c = this.binary(0);
    if (this.eat('?')) {
      const a = this.assignment();
      if (!this.eat(':')) throw new ArithError('arithmetic syntax error');
      const b = this.assignment();
      return c ? a : b;
    }
    return c;
  }

  private static readonly LEVELS: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<=', '>=', '<', '>'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): number {
    if (level >= ArithParser.LEVELS.length) return this.power();
    let left = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = ArithParser.LEVELS[level]!.find((o) => this.s.startsWith(o, this.i) && !(o === '|' && this.s[this.i + 1] === '|') && !(o === '&' && this.s[this.i + 1] === '&') && !(o === '<' && this.s[this.i + 1] === '<') && !(o === '>' && this.s[this.i + 1] === '>'));
      if (!op) return left;
      this.i += op.length;
      const right = this.binary(level + 1);
      left = apply(op, left, right);
    }
  }

  private power(): number {
    const base = this.unary();
    if (this.eat('**')) return base ** this.power();
    return base;
  }

  private unary(): number {
    this.ws();
    if (this.eat('++') || this.eat('--')) {
      const op = this.s.slice(this.i - 2, this.i);
      const name = this.ident();
      const v = this.num(name) + (op === '++' ? 1 : -1);
      this.vars.set(name, String(v));
      return v;
    }
    if (this.eat('-')) return -this.unary();
    if (this.eat('+')) return this.unary();
    if (this.eat('!')) return this.unary() ? 0 : 1;
    if (this.eat('~')) return ~this.unary();
    return this.primary();
  }

  private ident(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) throw new ArithError('arithmetic syntax error');
    this.i += m[0].length;
    return m[0];
  }

  private primary(): number {
    this.ws();
    if (this.eat('(')) {
      const v = this.assignment();
      if (!this.eat(')')) throw new ArithError('arithmetic syntax error');
      return v;
    }
    const rest = this.s.slice(this.i);
    const num = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return num[0].startsWith('0') && num[0].length > 1 && !/^0[xX]/.test(num[0]) ? parseInt(num[0], 8) : Number(num[0]);
    }
    const v = /^\$?([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (v) {
      this.i += v[0].length;
      const name = v[1]!;
      if (this.eat('++') || this.eat('--')) {
        const op = this.s.slice(this.i - 2, this.i);
        const cur = this.num(name);
        this.vars.set(name, String(cur + (op === '++' ? 1 : -1)));
        return cur;
      }
      return this.num(name);
    }
    throw new ArithError('arithmetic syntax error');
  }
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '||':
      return a || b ? 1 : 0;
    case '&&':
      return a && b ? 1 : 0;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&':
      return a & b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new ArithError('division by zero');
      return Math.trunc(a / b);
    case '%':
      if (b === 0) throw new ArithError('division by zero');
      return a % b;
  }
  throw new ArithError('arithmetic syntax error');
}
