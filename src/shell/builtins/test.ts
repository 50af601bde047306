/**
 * test and [: POSIX argument-count rules for the ambiguous short forms, then a recursive parser
 * for `!`, `( )`, `-a`, `-o`. Status 2 with bash's message on errors (`[: missing `]'`).
 */
import { BINARY, binaryTest, ConditionError, unaryTest } from '../interpreter/conditions.js';
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';

function makeTest(name: 'test' | '['): Builtin {
  return {
    binary: name === '[' ? '/usr/bin/[' : '/usr/bin/test',
    run(ctx) {
      let args = [...ctx.args];
      if (name === '[') {
        if (args[args.length - 1] !== ']') {
          ctx.error("missing `]'");
          return 2;
        }
        args = args.slice(0, -1);
      }
      try {
        return evaluateArgs(args, ctx, name) ? 0 : 1;
      } catch (e) {
        if (e instanceof ConditionError) {
          ctx.stderr.write(e.message + '\n');
          return 2;
        }
        throw e;
      }
    },
  };
}

export const test = makeTest('test');
export const bracket = makeTest('[');

const FILE_UNARY = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-z', '-n', '-b', '-c', '-p', '-S', '-t', '-g', '-u', '-k', '-O', '-G', '-N', '-v', '-o', '-a']);

export function evaluateArgs(args: string[], ctx: BuiltinContext, name: string): boolean {
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      if (FILE_UNARY.has(args[0]!) && args[0] !== '-a' && args[0] !== '-o') return unaryTest(args[0]!, args[1]!, ctx.exec);
      throw new ConditionError(`bash: ${name}: ${args[0]}: unary operator expected`);
    case 3:
      if (BINARY.has(args[1]!) && args[1] !== '=~') return binaryTest(args[1]!, args[0]!, args[2]!, ctx.exec, name);
      if (args[1] === '-a') return args[0] !== '' && args[2] !== '';
      if (args[1] === '-o') return args[0] !== '' || args[2] !== '';
      if (args[0] === '!') return !evaluateArgs(args.slice(1), ctx, name);
      if (args[0] === '(' && args[2] === ')') return args[1] !== '';
      throw new ConditionError(`bash: ${name}: ${args[1]}: binary operator expected`);
    case 4:
      if (args[0] === '!') return !evaluateArgs(args.slice(1), ctx, name);
      if (args[0] === '(' && args[3] === ')') return evaluateArgs(args.slice(1, 3), ctx, name);
  }
  const parser = new Parser(args, ctx, name);
  const value = parser.or();
  if (!parser.done()) throw new ConditionError(`bash: ${name}: too many arguments`);
  return value;
}

class Parser {
  private i = 0;
  constructor(
    private readonly args: string[],
    private readonly ctx: BuiltinContext,
    private readonly name: string,
  ) {}
  done(): boolean {
    return this.i >= this.args.length;
  }
  private peek(): string | undefined {
    return this.args[this.i];
  }
  or(): boolean {
    let v = this.and();
    while (this.peek() === '-o') {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }
  and(): boolean {
    let v = this.not();
    while (this.peek() === '-a') {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }
  not(): boolean {
    if (this.peek() === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }
  primary(): boolean {
    const a = this.args[this.i];
    if (a === undefined) throw new ConditionError(`bash: ${this.name}: argument expected`);
    if (a === '(') {
      this.i++;
      const v = this.or();
      if (this.peek() !== ')') throw new ConditionError(`bash: ${this.name}: \`)' expected`);
      this.i++;
      return v;
    }
    const op = this.args[this.i + 1];
    if (op !== undefined && BINARY.has(op) && op !== '=~' && this.args[this.i + 2] !== undefined) {
      this.i += 3;
      return binaryTest(op, a, this.args[this.i - 1]!, this.ctx.exec, this.name);
    }
    if (FILE_UNARY.has(a) && a !== '-a' && a !== '-o' && op !== undefined) {
      this.i += 2;
      return unaryTest(a, op, this.ctx.exec);
    }
    this.i++;
    return a !== '';
  }
}
