/**
 * The primaries shared by `test`/`[` and `[[ ]]`: file tests against the host's VirtualFS with the
 * shell user's permissions, string and integer comparisons. Errors carry bash's wording and make
 * the command return 2.
 */
import type { TestExpression } from 'unbash';
import { normalizePath } from '../../vfs/fs.js';
import { access, R_OK, W_OK, X_OK } from './access.js';
import { ArithmeticError, valueOf } from './arithmetic.js';
import { arithmeticScope, expandPattern, expandString } from './expand.js';
import { matchPattern } from './glob.js';
import type { Exec } from './runtime.js';

export class ConditionError extends Error {}

export const UNARY = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-z', '-n', '-b', '-c', '-p', '-S', '-t', '-g', '-u', '-k', '-O', '-G', '-N', '-v', '-a', '-o']);
export const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '=~']);

type Scope = Pick<Exec, 'sh'>;

export function unaryTest(op: string, operand: string, exec: Scope): boolean {
  const { fs } = exec.sh.host;
  const cred = exec.sh.cred;
  const path = operand === '' ? '' : normalizePath(operand, exec.sh.cwd);
  const stat = () => {
    try {
      return operand === '' ? undefined : fs.stat(path, cred);
    } catch {
      return undefined;
    }
  };
  switch (op) {
    case '-z':
      return operand === '';
    case '-n':
      return operand !== '';
    case '-e':
    case '-a':
      return stat() !== undefined;
    case '-f':
      return stat()?.type === 'file';
    case '-d':
      return stat()?.type === 'dir';
    case '-s':
      return (stat()?.size ?? 0) > 0;
    case '-r':
      return operand !== '' && access(fs, path, cred, R_OK);
    case '-w':
      return operand !== '' && access(fs, path, cred, W_OK);
    case '-x':
      return operand !== '' && access(fs, path, cred, X_OK);
    case '-L':
    case '-h':
      try {
        return operand !== '' && fs.lstat(path, cred).type === 'symlink';
      } catch {
        return false;
      }
    case '-O':
      return stat()?.uid === exec.sh.account.uid;
    case '-G':
      return stat()?.gid === exec.sh.account.gid;
    case '-u':
      return ((stat()?.mode ?? 0) & 0o4000) !== 0;
    case '-g':
      return ((stat()?.mode ?? 0) & 0o2000) !== 0;
    case '-k':
      return ((stat()?.mode ?? 0) & 0o1000) !== 0;
    case '-v':
      return exec.sh.isSet(operand);
    case '-o':
      return exec.sh.options.has(operand);
    default:
      // -b -c -p -S -t -N: no devices, pipes, sockets or terminals on the virtual disk.
      return false;
  }
}

function integer(text: string, builtin: string): bigint {
  const t = text.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) throw new ConditionError(`bash: ${builtin}: ${text}: integer expression expected`);
  return BigInt(t);
}

export function binaryTest(op: string, left: string, right: string, exec: Scope, builtin = 'test'): boolean {
  switch (op) {
    case '=':
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '-nt':
    case '-ot':
    case '-ef':
      return fileCompare(op, left, right, exec);
  }
  const [l, r] = [integer(left, builtin), integer(right, builtin)];
  switch (op) {
    case '-eq':
      return l === r;
    case '-ne':
      return l !== r;
    case '-lt':
      return l < r;
    case '-le':
      return l <= r;
    case '-gt':
      return l > r;
    case '-ge':
      return l >= r;
  }
  throw new ConditionError(`bash: ${builtin}: ${op}: binary operator expected`);
}

function fileCompare(op: string, a: string, b: string, exec: Scope): boolean {
  const stat = (p: string) => {
    try {
      return exec.sh.host.fs.stat(normalizePath(p, exec.sh.cwd), exec.sh.cred);
    } catch {
      return undefined;
    }
  };
  const [sa, sb] = [stat(a), stat(b)];
  if (op === '-ef') return sa !== undefined && sb !== undefined && sa.ino === sb.ino;
  if (op === '-nt') return sa !== undefined && (sb === undefined || sa.mtimeMs > sb.mtimeMs);
  return sb !== undefined && (sa === undefined || sa.mtimeMs < sb.mtimeMs);
}

/** `[[ ... ]]`: no word splitting or globbing; `==` and `!=` match patterns; `=~` a regex. */
export async function evaluateConditional(expr: TestExpression, exec: Exec): Promise<boolean> {
  switch (expr.type) {
    case 'TestGroup':
      return evaluateConditional(expr.expression, exec);
    case 'TestNot':
      return (expr.negations.length % 2 === 1) !== (await evaluateConditional(expr.operand, exec));
    case 'TestLogical':
      if (expr.operator === '&&') {
        for (const o of expr.operands) if (!(await evaluateConditional(o, exec))) return false;
        return true;
      }
      for (const o of expr.operands) if (await evaluateConditional(o, exec)) return true;
      return false;
    case 'TestUnary':
      return unaryTest(expr.operator, await expandString(expr.operand, exec), exec);
    case 'TestBinary':
      return conditionalBinary(expr.operator, expr.left, expr.right, exec);
  }
}

async function conditionalBinary(op: string, leftWord: import('unbash').Word, rightWord: import('unbash').Word, exec: Exec): Promise<boolean> {
  const left = await expandString(leftWord, exec);
  if (op === '==' || op === '=' || op === '!=') {
    const matched = matchPattern(await expandPattern(rightWord, exec), left);
    return op === '!=' ? !matched : matched;
  }
  const right = await expandString(rightWord, exec);
  if (op === '=~') {
    try {
      return new RegExp(right).test(left);
    } catch {
      throw new ConditionError('', { cause: 2 });
    }
  }
  if (['-eq', '-ne', '-lt', '-le', '-gt', '-ge'].includes(op)) {
    try {
      const scope = arithmeticScope(exec);
      return binaryTest(op, String(await valueOf(left, scope)), String(await valueOf(right, scope)), exec);
    } catch (e) {
      if (e instanceof ArithmeticError) throw new ConditionError(e.format(left, 0));
      throw e;
    }
  }
  return binaryTest(op, left, right, exec);
}
