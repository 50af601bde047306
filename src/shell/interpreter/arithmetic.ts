/**
 * `$(( ))`, `(( ))` and `for ((;;))`: bash integer arithmetic on 64-bit signed values (BigInt,
 * wrapped like C's int64). Variables hold strings; a variable's value is itself evaluated as an
 * expression, as bash does (`x=1+2; echo $((x*2))` prints 6).
 */
import { parse } from 'unbash';
import type { ArithmeticExpression, ArithmeticWord, ParsedScript, Script } from 'unbash';

/**
 * Printed as `bash: SUBJECT: DETAIL (error token is "TOKEN")`; the subject defaults to the whole
 * expression and the token, given as a source position, to the text from there to its end.
 */
export class ArithmeticError extends Error {
  constructor(
    readonly detail: string,
    readonly options: { subject?: string; token?: string; tokenPos?: number } = {},
  ) {
    super(detail);
  }

  format(expressionText: string, expressionPos: number): string {
    const subject = this.options.subject ?? expressionText;
    const token =
      this.options.token ?? (this.options.tokenPos !== undefined ? expressionText.slice(Math.max(0, this.options.tokenPos - expressionPos)) : undefined);
    return `bash: ${subject}: ${this.detail}${token !== undefined ? ` (error token is "${token}")` : ''}`;
  }
}

export interface ArithmeticScope {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** Expands `$x`, `${x}` or `$(cmd)` inside an arithmetic word. */
  expandWord(word: ArithmeticWord): Promise<string>;
  runCommand(script: Script): Promise<string>;
}

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function evaluate(expr: ArithmeticExpression | undefined, scope: ArithmeticScope, depth = 0): Promise<bigint> {
  if (!expr) return 0n;
  switch (expr.type) {
    case 'ArithmeticWord':
      return wordValue(expr, scope, depth);
    case 'ArithmeticGroup':
      return evaluate(expr.expression, scope, depth);
    case 'ArithmeticTernary':
      return (await evaluate(expr.test, scope, depth)) !== 0n
        ? evaluate(expr.consequent, scope, depth)
        : evaluate(expr.alternate, scope, depth);
    case 'ArithmeticCommandExpansion':
      return expr.script ? valueOf(await scope.runCommand(expr.script), scope, depth) : 0n;
    case 'ArithmeticUnary':
      return unary(expr.operator, expr.operand, expr.prefix, scope, depth);
    case 'ArithmeticBinary':
      return binary(expr.operator, expr.left, expr.right, scope, depth);
  }
}

async function wordValue(word: ArithmeticWord, scope: ArithmeticScope, depth: number): Promise<bigint> {
  // An operator with nothing after it (`$((1+))`) parses as an empty word.
  if (!word.parts && word.value === '') throw new ArithmeticError('syntax error: operand expected', { tokenPos: word.pos - 1 });
  const text = word.parts ? await scope.expandWord(word) : word.value;
  return valueOf(text, scope, depth);
}

/** The numeric value of a string: a literal, a variable name, or an expression. */
export async function valueOf(text: string, scope: ArithmeticScope, depth = 0): Promise<bigint> {
  const s = text.trim();
  if (s === '') return 0n;
  if (depth > 64) throw new ArithmeticError('expression recursion level exceeded', { subject: s, token: s });
  if (/^[0-9]/.test(s) && /^[0-9A-Za-z#@_]+$/.test(s)) return literal(s);
  if (NAME.test(s)) return valueOf(scope.get(s) ?? '', scope, depth + 1);
  const parsed = parse(`((${s}))`) as ParsedScript;
  const command = parsed.commands[0]?.command;
  if (parsed.errors?.length || command?.type !== 'ArithmeticCommand' || !command.expression) {
    throw new ArithmeticError('syntax error: operand expected', { subject: s, token: s });
  }
  return evaluate(command.expression, scope, depth + 1);
}

function literal(s: string): bigint {
  const based = /^([0-9]+)#([0-9A-Za-z@_]+)$/.exec(s);
  if (based) return inBase(based[2]!, Number(based[1]), s);
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return wrap(BigInt(s));
  if (/^0[0-7]+$/.test(s)) return wrap(BigInt('0o' + s.slice(1)));
  if (/^[0-9]+$/.test(s)) {
    if (/^0/.test(s) && s.length > 1) throw new ArithmeticError('value too great for base', { subject: s, token: s });
    return wrap(BigInt(s));
  }
  throw new ArithmeticError('value too great for base', { subject: s, token: s });
}

function inBase(digits: string, base: number, token: string): bigint {
  if (base < 2 || base > 64) throw new ArithmeticError('invalid arithmetic base', { subject: token, token });
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@_';
  let v = 0n;
  for (const ch of digits) {
    const d = base <= 36 ? alphabet.indexOf(ch.toLowerCase()) : alphabet.indexOf(ch);
    if (d < 0 || d >= base) throw new ArithmeticError('value too great for base', { subject: token, token });
    v = v * BigInt(base) + BigInt(d);
  }
  return wrap(v);
}

function nameOf(expr: ArithmeticExpression): string {
  if (expr.type === 'ArithmeticWord' && !expr.parts && NAME.test(expr.value)) return expr.value;
  throw new ArithmeticError('attempted assignment to non-variable', { tokenPos: expr.pos });
}

async function unary(op: string, operand: ArithmeticExpression, prefix: boolean, scope: ArithmeticScope, depth: number): Promise<bigint> {
  if (op === '++' || op === '--') {
    const name = nameOf(operand);
    const before = await valueOf(scope.get(name) ?? '', scope, depth + 1);
    const after = wrap(op === '++' ? before + 1n : before - 1n);
    scope.set(name, after.toString());
    return prefix ? after : before;
  }
  const v = await evaluate(operand, scope, depth);
  switch (op) {
    case '-':
      return wrap(-v);
    case '+':
      return v;
    case '!':
      return v === 0n ? 1n : 0n;
    case '~':
      return wrap(~v);
    default:
      throw new ArithmeticError('syntax error: operand expected', { token: op });
  }
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);

async function binary(op: string, left: ArithmeticExpression, right: ArithmeticExpression, scope: ArithmeticScope, depth: number): Promise<bigint> {
  if (ASSIGN_OPS.has(op)) {
    const name = nameOf(left);
    const r = await evaluate(right, scope, depth);
    const v = op === '=' ? r : apply(op.slice(0, -1), await valueOf(scope.get(name) ?? '', scope, depth + 1), r, right.pos);
    scope.set(name, v.toString());
    return v;
  }
  if (op === '&&') return (await evaluate(left, scope, depth)) !== 0n && (await evaluate(right, scope, depth)) !== 0n ? 1n : 0n;
  if (op === '||') return (await evaluate(left, scope, depth)) !== 0n || (await evaluate(right, scope, depth)) !== 0n ? 1n : 0n;
  if (op === ',') {
    await evaluate(left, scope, depth);
    return evaluate(right, scope, depth);
  }
  return apply(op, await evaluate(left, scope, depth), await evaluate(right, scope, depth), right.pos);
}

function apply(op: string, l: bigint, r: bigint, rightPos?: number): bigint {
  const b = (x: boolean): bigint => (x ? 1n : 0n);
  switch (op) {
    case '+':
      return wrap(l + r);
    case '-':
      return wrap(l - r);
    case '*':
      return wrap(l * r);
    case '/':
    case '%':
      if (r === 0n) throw new ArithmeticError('division by 0', { tokenPos: rightPos });
      return wrap(op === '/' ? l / r : l % r);
    case '**':
      if (r < 0n) throw new ArithmeticError('exponent less than 0', { tokenPos: rightPos });
      return wrap(l ** r);
    case '<<':
      return wrap(l << (r & 63n));
    case '>>':
      return wrap(l >> (r & 63n));
    case '<':
      return b(l < r);
    case '>':
      return b(l > r);
    case '<=':
      return b(l <= r);
    case '>=':
      return b(l >= r);
    case '==':
      return b(l === r);
    case '!=':
      return b(l !== r);
    case '&':
      return wrap(l & r);
    case '^':
      return wrap(l ^ r);
    case '|':
      return wrap(l | r);
    default:
      throw new ArithmeticError('syntax error: invalid arithmetic operator', { token: op });
  }
}
