/**
 * Compound commands: if, for, while/until, case, `( )`, `{ }`, `[[ ]]`, `(( ))`, C-style for,
 * function definitions, and a compound command with redirections (`while read l; do ...; done < f`).
 */
import type { Case, CompoundCommand, Coproc, For, Function as FunctionNode, If, Redirected, While } from 'unbash';
import { print } from 'unbash/printer';
import { ArithmeticError, evaluate } from './arithmetic.js';
import { ConditionError, evaluateConditional } from './conditions.js';
import { arithmeticScope, expandPattern, expandString, expandWords } from './expand.js';
import { executeCommandNode, executeScript, runSubshell, tick } from './execute.js';
import { matchPattern } from './glob.js';
import { applyRedirects } from './redirect.js';
import type { Exec } from './runtime.js';
import { BreakSignal, CommandAbort, ContinueSignal } from './signals.js';

export async function executeCompound(node: CompoundCommand | Redirected | FunctionNode | Coproc, exec: Exec): Promise<number> {
  switch (node.type) {
    case 'Redirected':
      return redirected(node, exec);
    case 'BraceGroup':
      return executeScript(node.body, exec);
    case 'Subshell':
      return runSubshell(node.body, { ...exec, sh: exec.sh.subshell() });
    case 'If':
      return ifCommand(node, exec);
    case 'For':
      return forCommand(node, exec);
    case 'While':
      return whileCommand(node, exec);
    case 'Case':
      return caseCommand(node, exec);
    case 'TestCommand':
      return conditional(node.expression, exec);
    case 'ArithmeticCommand':
      return arithmeticStatus(node, exec);
    case 'ArithmeticFor':
      return arithmeticFor(node, exec);
    case 'Function':
      return defineFunction(node, exec);
    case 'Select':
    case 'Coproc':
      exec.io.stderr.write(`bash: ${node.type === 'Select' ? 'select' : 'coproc'}: not available in the simulated shell\n`);
      return 1;
  }
}

async function redirected(node: Redirected, exec: Exec): Promise<number> {
  try {
    const io = await applyRedirects(node.redirects, exec);
    return await executeCommandNode(node.command, { ...exec, io });
  } catch (e) {
    if (e instanceof CommandAbort) return e.status;
    throw e;
  }
}

async function ifCommand(node: If, exec: Exec): Promise<number> {
  if ((await executeScript(node.clause, exec)) === 0) return executeScript(node.then, exec);
  for (const branch of node.elif) {
    if ((await executeScript(branch.clause, exec)) === 0) return executeScript(branch.then, exec);
  }
  return node.else ? executeScript(node.else, exec) : 0;
}

/** Runs one loop iteration; returns 'break' or 'continue' when the body asked for it. */
async function iteration(run: () => Promise<number>, exec: Exec, set: (status: number) => void): Promise<'break' | 'continue' | undefined> {
  try {
    set(await run());
    return undefined;
  } catch (e) {
    if (e instanceof BreakSignal || e instanceof ContinueSignal) {
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return e instanceof BreakSignal ? 'break' : 'continue';
    }
    throw e;
  } finally {
    tick(exec);
  }
}

async function forCommand(node: For, exec: Exec): Promise<number> {
  const name = node.name.value;
  const values = node.wordlist ? await expandWordsOrAbort(node.wordlist, exec) : [...exec.sh.positional];
  if (values === undefined) return 1;
  let status = 0;
  const body: Exec = { ...exec, loops: (exec.loops ?? 0) + 1 };
  for (const value of values) {
    exec.sh.set(name, value);
    if ((await iteration(() => executeScript(node.body, body), exec, (s) => (status = s))) === 'break') break;
  }
  return status;
}

async function expandWordsOrAbort(words: Parameters<typeof expandWords>[0], exec: Exec): Promise<string[] | undefined> {
  try {
    return await expandWords(words, exec);
  } catch (e) {
    if (e instanceof CommandAbort) return undefined;
    throw e;
  }
}

async function whileCommand(node: While, exec: Exec): Promise<number> {
  let status = 0;
  const body: Exec = { ...exec, loops: (exec.loops ?? 0) + 1 };
  for (;;) {
    const clause = await executeScript(node.clause, body);
    if ((clause === 0) !== (node.kind === 'while')) break;
    if ((await iteration(() => executeScript(node.body, body), exec, (s) => (status = s))) === 'break') break;
  }
  return status;
}

async function caseCommand(node: Case, exec: Exec): Promise<number> {
  const word = await expandString(node.word, exec);
  let status = 0;
  let fallthrough = false;
  for (const item of node.items) {
    if (!fallthrough && !(await itemMatches(item.pattern, word, exec))) continue;
    status = await executeScript(item.body, exec);
    if (item.terminator === ';&') fallthrough = true;
    else if (item.terminator === ';;&') fallthrough = false;
    else return status;
  }
  return status;
}

async function itemMatches(patterns: readonly import('unbash').Word[], word: string, exec: Exec): Promise<boolean> {
  for (const p of patterns) if (matchPattern(await expandPattern(p, exec), word)) return true;
  return false;
}

async function conditional(expression: import('unbash').TestExpression, exec: Exec): Promise<number> {
  try {
    return (await evaluateConditional(expression, exec)) ? 0 : 1;
  } catch (e) {
    if (e instanceof ConditionError) {
      if (e.message) exec.io.stderr.write(e.message + '\n');
      return 2;
    }
    if (e instanceof CommandAbort) return e.status;
    throw e;
  }
}

async function arithmeticStatus(node: import('unbash').ArithmeticCommand, exec: Exec): Promise<number> {
  try {
    return (await evaluate(node.expression, arithmeticScope(exec))) !== 0n ? 0 : 1;
  } catch (e) {
    if (e instanceof ArithmeticError) {
      const trimmed = node.body.trimStart();
      exec.io.stderr.write(e.format(trimmed, node.pos + 2 + node.body.length - trimmed.length) + '\n');
      return 1;
    }
    if (e instanceof CommandAbort) return e.status;
    throw e;
  }
}

async function arithmeticFor(node: import('unbash').ArithmeticFor, exec: Exec): Promise<number> {
  const scope = arithmeticScope(exec);
  let status = 0;
  const body: Exec = { ...exec, loops: (exec.loops ?? 0) + 1 };
  try {
    await evaluate(node.initialize, scope);
    while (!node.test || (await evaluate(node.test, scope)) !== 0n) {
      if ((await iteration(() => executeScript(node.body, body), exec, (s) => (status = s))) === 'break') break;
      await evaluate(node.update, scope);
    }
  } catch (e) {
    if (e instanceof ArithmeticError) {
      exec.io.stderr.write(`bash: ${e.detail}\n`);
      return 1;
    }
    throw e;
  }
  return status;
}

function defineFunction(node: FunctionNode, exec: Exec): number {
  const name = node.name.value;
  const text = print({ type: 'Script', pos: node.pos, end: node.end, shebang: undefined, commands: [{ type: 'Statement', pos: node.pos, end: node.end, command: node, background: undefined }] });
  exec.sh.functions.set(name, { name, body: node.body, text: text.trimEnd() });
  return 0;
}
