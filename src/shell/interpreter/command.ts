/**
 * A simple command: expand the words, apply the redirections, then run the function, builtin,
 * program or script the first word names. `VAR=x cmd` puts VAR in cmd's environment only; a line
 * of assignments alone sets shell variables, with $? from its last command substitution.
 */
import type { Assignment, Command, Word } from 'unbash';
import { expandString, expandWord } from './expand.js';
import type { Io } from './io.js';
import { BuiltinProcess, ShellProcess } from './process.js';
import { applyRedirects } from './redirect.js';
import { missingMessage, resolveCommand } from './resolve.js';
import type { Resolution } from './resolve.js';
import type { Exec } from './runtime.js';
import { CommandAbort, isControlSignal, ReturnSignal } from './signals.js';
import { executeCommandNode, runScriptFile, tick } from './execute.js';

export const FUNCNEST = 200;

export async function executeSimpleCommand(cmd: Command, exec: Exec): Promise<number> {
  tick(exec);
  try {
    const argv = await expandArguments(cmd, exec);
    const assignments = await expandAssignments(cmd.prefix.filter((p): p is Assignment => p.type === 'Assignment'), exec);
    const io = await applyRedirects(cmd.redirects, exec);
    if (argv.length === 0) {
      for (const [name, value] of assignments) exec.sh.set(name, value);
      return containsSubstitution(cmd) ? exec.sh.lastStatus : 0;
    }
    const commandExec: Exec = { ...exec, io };
    const resolution = resolveCommand(argv[0]!, commandExec, { functions: true, builtins: true });
    const env = exec.sh.environment();
    for (const [name, value] of assignments) env.set(name, value);
    const status = await withTemporaryVariables(exec, resolution, assignments, () => runResolved(resolution, argv, commandExec, env));
    await exec.rt.afterCommand?.();
    return status;
  } catch (e) {
    if (e instanceof CommandAbort) return e.status;
    throw e;
  }
}

/** `x=$(false)` returns 1: an assignment-only command reports its last command substitution. */
function containsSubstitution(cmd: Command): boolean {
  const words = [...cmd.prefix, ...(cmd.name ? [cmd.name] : []), ...cmd.suffix];
  return words.some((w) => (w.type === 'Assignment' || w.type === 'Word') && /\$\(|`/.test(w.text));
}

async function expandArguments(cmd: Command, exec: Exec): Promise<string[]> {
  const argv: string[] = [];
  if (cmd.name) argv.push(...(await expandWord(cmd.name, exec)));
  for (const s of cmd.suffix) {
    if (s.type === 'Word') argv.push(...(await expandWord(s, exec)));
    // `export x=$y`: a declaration argument is one word, expanded like an assignment.
    else if (s.type === 'Assignment') argv.push(`${s.name}${s.append ? '+' : ''}=${await assignmentValue(s, exec)}`);
  }
  return argv;
}

async function expandAssignments(list: readonly Assignment[], exec: Exec): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const a of list) {
    const value = await assignmentValue(a, exec);
    out.push([a.name, a.append ? (exec.sh.get(a.name) ?? '') + value : value]);
  }
  return out;
}

/** Arrays are kept as their space-joined elements: `${a[@]}` and `for x in ${a[@]}` still work. */
export async function assignmentValue(a: Assignment, exec: Exec): Promise<string> {
  if (a.value.type === 'ArrayValue') {
    const parts: string[] = [];
    for (const w of a.value.elements) parts.push(...(await expandWord(w, exec)));
    return parts.join(' ');
  }
  return expandString(a.value as Word, exec, 'assignment');
}

/** `IFS=, read a b` and `VAR=x f`: the assignment holds only while the builtin or function runs. */
async function withTemporaryVariables(exec: Exec, r: Resolution, assignments: [string, string][], run: () => Promise<number>): Promise<number> {
  if (assignments.length === 0 || (r.kind !== 'builtin' && r.kind !== 'function')) return run();
  const saved = assignments.map(([name]) => [name, exec.sh.vars.get(name)] as const);
  for (const [name, value] of assignments) exec.sh.vars.set(name, { value, exported: true });
  try {
    return await run();
  } finally {
    for (const [name, v] of saved) {
      if (v) exec.sh.vars.set(name, v);
      else exec.sh.vars.delete(name);
    }
  }
}

/** Runs what resolveCommand found, with bash's message and status when it found nothing. */
export async function runResolved(r: Resolution, argv: readonly string[], exec: Exec, env: Map<string, string>): Promise<number> {
  const io: Io = exec.io;
  switch (r.kind) {
    case 'missing': {
      const { message, status } = missingMessage(r);
      io.stderr.write(message + '\n');
      return status;
    }
    case 'function':
      return callFunction(r.def, argv, exec);
    case 'builtin': {
      const ctx = new BuiltinProcess(exec, fields(argv, exec, env));
      return guard(argv[0]!, io, async () => r.builtin.run(ctx));
    }
    case 'program': {
      const ctx = new ShellProcess(exec.rt, fields(argv, exec, env));
      return guard(argv[0]!, io, async () => r.program(ctx));
    }
    case 'script':
      return runScriptFile(r.path, argv, exec, env);
  }
}

function fields(argv: readonly string[], exec: Exec, env: Map<string, string>) {
  return { argv: [...argv], input: exec.io.stdin, stdout: exec.io.stdout, stderr: exec.io.stderr, env, cwd: exec.sh.cwd, account: exec.sh.account, host: exec.sh.host };
}

/** A program that throws has a bug; the shell reports it and carries on, as after a crash. */
async function guard(name: string, io: Io, run: () => Promise<number>): Promise<number> {
  try {
    const status = await run();
    return Number.isInteger(status) ? status & 255 : 1;
  } catch (e) {
    if (isControlSignal(e)) throw e;
    io.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

async function callFunction(def: import('./state.js').FunctionDef, argv: readonly string[], exec: Exec): Promise<number> {
  if (exec.depth >= FUNCNEST) {
    exec.io.stderr.write(`bash: ${def.name}: maximum function nesting level exceeded (${FUNCNEST})\n`);
    throw new CommandAbort(1);
  }
  const sh = exec.sh;
  const savedPositional = sh.positional;
  sh.positional = argv.slice(1);
  sh.localScopes.push(new Map());
  try {
    return await executeCommandNode(def.body.type === 'CompoundList' ? { type: 'BraceGroup', pos: 0, end: 0, body: def.body } : def.body, {
      ...exec,
      depth: exec.depth + 1,
      loops: 0,
    });
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    sh.positional = savedPositional;
    const scope = sh.localScopes.pop()!;
    for (const [name, v] of scope) {
      if (v) sh.vars.set(name, v);
      else sh.vars.delete(name);
    }
  }
}
