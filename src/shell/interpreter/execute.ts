/**
 * The tree walk: lists, and-or chains, pipelines (buffered: each stage's stdout is the next one's
 * stdin string, and each stage runs in a subshell as in bash), and dispatch to simple and compound
 * commands. Also running shell source (the prompt, `source`, `eval`, `bash -c`) and script files.
 */
import type { CommandNode, CompoundList, Pipeline, PipelineNode, Script, Statement } from 'unbash';
import { expandAliases } from '../aliases.js';
import { lineOf, parseLine } from '../syntax.js';
import { BufferSink } from '../types.js';
import { executeSimpleCommand } from './command.js';
import { executeCompound } from './compound.js';
import { Input } from './io.js';
import { transientState, spawnProgram } from './process.js';
import type { Exec } from './runtime.js';
import { ExitSignal, Interrupt } from './signals.js';

/** Counts a command against the line's budget and honours Ctrl-C. */
export function tick(exec: Exec): void {
  if (exec.rt.signal.aborted) throw new Interrupt(130, '');
  if (++exec.rt.budget.steps > exec.rt.budget.max) {
    throw new Interrupt(1, `bash: stopped after ${exec.rt.budget.max} commands in one line (an endless loop?)`);
  }
}

/** Parses and runs source text in exec's shell: aliases, syntax errors and heredoc warnings as bash. */
export async function runSource(source: string, exec: Exec): Promise<number> {
  const text = exec.sh.interactive ? expandAliases(source, exec.sh.aliases) : source;
  const parsed = parseLine(text);
  if (parsed.syntaxError) {
    exec.io.stderr.write(parsed.syntaxError + '\n');
    exec.sh.lastStatus = 2;
    return 2;
  }
  for (const h of parsed.openHeredocs) {
    const wanted = h.delimiter?.value ?? '';
    exec.io.stderr.write(`bash: warning: here-document at line ${lineOf(text, h.pos)} delimited by end-of-file (wanted \`${wanted}')\n`);
  }
  return executeScript(parsed.script, exec);
}

export async function executeScript(node: Script | CompoundList, exec: Exec): Promise<number> {
  let status = 0;
  for (const statement of node.commands) status = await executeStatement(statement, exec);
  return status;
}

/** Runs in exec's (already copied) state; `exit` ends only this subshell. */
export async function runSubshell(node: Script | CompoundList, exec: Exec): Promise<number> {
  try {
    return await executeScript(node, exec);
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  }
}

async function executeStatement(statement: Statement, exec: Exec): Promise<number> {
  const node = statement.command;
  let status: number;
  if (node.type === 'AndOr') {
    status = await executePipelineNode(node.commands[0]!, exec);
    for (let i = 1; i < node.commands.length; i++) {
      const op = node.operators[i - 1];
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await executePipelineNode(node.commands[i]!, exec);
    }
  } else {
    status = await executePipelineNode(node, exec);
  }
  // A background job (`cmd &`) runs to completion here; bash would report its status later.
  if (statement.background) status = 0;
  exec.sh.lastStatus = status;
  return status;
}

async function executePipelineNode(node: PipelineNode, exec: Exec): Promise<number> {
  const status = node.type === 'Pipeline' ? await executePipeline(node, exec) : await executeCommandNode(node, exec);
  exec.sh.lastStatus = status;
  return status;
}

async function executePipeline(node: Pipeline, exec: Exec): Promise<number> {
  const negate = node.prefixes.filter((p) => p.type === 'Negation').length % 2 === 1;
  const timed = node.prefixes.some((p) => p.type === 'Time');
  let status: number;
  if (node.commands.length === 1) {
    status = await executeCommandNode(node.commands[0]!, exec);
  } else {
    const statuses: number[] = [];
    let input = exec.io.stdin;
    for (let i = 0; i < node.commands.length; i++) {
      const last = i === node.commands.length - 1;
      const out = last ? exec.io.stdout : new BufferSink();
      const stderr = !last && node.operators[i] === '|&' ? out : exec.io.stderr;
      const stage: Exec = { ...exec, sh: exec.sh.subshell(), io: { stdin: input, stdout: out, stderr } };
      statuses.push(await runStage(node.commands[i]!, stage));
      if (!last) input = new Input((out as BufferSink).text());
    }
    status = exec.sh.options.has('pipefail') ? ([...statuses].reverse().find((s) => s !== 0) ?? 0) : statuses[statuses.length - 1]!;
  }
  if (timed) exec.io.stderr.write('\nreal\t0m0.000s\nuser\t0m0.000s\nsys\t0m0.000s\n');
  return negate ? (status === 0 ? 1 : 0) : status;
}

async function runStage(node: CommandNode, exec: Exec): Promise<number> {
  try {
    return await executeCommandNode(node, exec);
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  }
}

export async function executeCommandNode(node: CommandNode, exec: Exec): Promise<number> {
  if (node.type === 'Command') return executeSimpleCommand(node, exec);
  return executeCompound(node, exec);
}

const SHELLS = new Set(['bash', 'sh', 'dash']);

/**
 * An executable file: a shell script (`#!/bin/bash`, `#!/bin/sh`, `#!/usr/bin/env bash`, or no
 * `#!`) runs in a child shell that inherits only exported variables; another interpreter is
 * spawned with the path, as the kernel does.
 */
export async function runScriptFile(path: string, argv: readonly string[], exec: Exec, env: Map<string, string>): Promise<number> {
  const { fs } = exec.sh.host;
  let content: string;
  try {
    content = fs.readFile(path, exec.sh.cred);
  } catch {
    exec.io.stderr.write(`bash: ${argv[0]}: Permission denied\n`);
    return 126;
  }
  const shebang = /^#!\s*(\S+)(?:[ \t]+([^\n]*))?/.exec(content);
  let interpreter = shebang?.[1];
  let interpreterArgs = shebang?.[2]?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (interpreter && interpreter.endsWith('/env') && interpreterArgs.length > 0) {
    interpreter = interpreterArgs[0]!;
    interpreterArgs = interpreterArgs.slice(1);
  }
  const base = interpreter?.slice(interpreter.lastIndexOf('/') + 1);
  if (interpreter && !SHELLS.has(base!)) {
    const status = await spawnProgram(exec.rt, {
      argv: [interpreter, ...interpreterArgs, path, ...argv.slice(1)],
      input: exec.io.stdin,
      stdout: exec.io.stdout,
      stderr: exec.io.stderr,
      env,
      cwd: exec.sh.cwd,
      account: exec.sh.account,
      host: exec.sh.host,
    });
    if (status === 127) exec.io.stderr.write(`bash: ${argv[0]}: ${interpreter}: bad interpreter: No such file or directory\n`);
    return status;
  }
  const child = transientState(exec.rt, { host: exec.sh.host, account: exec.sh.account, cwd: exec.sh.cwd, env });
  child.positional = argv.slice(1);
  child.arg0 = argv[0]!;
  try {
    return await runSource(content, { ...exec, sh: child, depth: exec.depth + 1 });
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  }
}
