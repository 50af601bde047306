/**
 * Redirections, applied left to right on a descriptor table as bash does, so `>f 2>&1` sends both
 * streams to f while `2>&1 >f` keeps stderr on the terminal. Files are opened (created, truncated)
 * before the command runs, with the shell user's permissions: a candidate who forgets sudo sees
 * `bash: /etc/x: Permission denied` and the command does not run.
 */
import type { HereDoc, Redirection, Word } from 'unbash';
import { normalizePath, ROOT, VfsError } from '../../vfs/fs.js';
import type { Sink } from '../types.js';
import { access, W_OK } from './access.js';
import { expandHeredoc, expandString, expandWord } from './expand.js';
import { Input, NullSink } from './io.js';
import type { Io } from './io.js';
import type { Exec } from './runtime.js';
import { CommandAbort } from './signals.js';

/** Appends through to a file of the VirtualFS as the program writes. */
class FileSink implements Sink {
  constructor(
    private readonly exec: Exec,
    private readonly path: string,
    private content: string,
  ) {}
  write(chunk: string): void {
    if (chunk === '') return;
    this.content += chunk;
    try {
      this.exec.sh.host.fs.writeFile(this.path, this.content, {}, this.exec.sh.cred);
    } catch {
      // The file went away or lost its permissions mid-command: bash would get EPIPE/EBADF.
    }
  }
}

class Table {
  input: Input;
  readonly out = new Map<number, Sink>();
  constructor(io: Io) {
    this.input = io.stdin;
    this.out.set(1, io.stdout);
    this.out.set(2, io.stderr);
    for (const [fd, s] of io.extra ?? []) this.out.set(fd, s);
  }
  fail(message: string): never {
    (this.out.get(2) ?? new NullSink()).write(`bash: ${message}\n`);
    throw new CommandAbort(1);
  }
  io(): Io {
    const extra = new Map([...this.out].filter(([fd]) => fd > 2));
    return { stdin: this.input, stdout: this.out.get(1) ?? new NullSink(), stderr: this.out.get(2) ?? new NullSink(), extra };
  }
}

export async function applyRedirects(redirects: readonly Redirection[], exec: Exec): Promise<Io> {
  if (redirects.length === 0) return exec.io;
  const table = new Table(exec.io);
  for (const r of redirects) await applyOne(r, exec, table);
  return table.io();
}

function descriptorOf(r: Redirection, fallback: number, table: Table): number {
  if (!r.descriptor) return fallback;
  if (r.descriptor.type === 'FileDescriptor') return r.descriptor.value;
  return table.fail(`{${r.descriptor.name}}: cannot allocate file descriptors in the simulated shell`);
}

async function applyOne(r: Redirection, exec: Exec, table: Table): Promise<void> {
  if (r.type === 'HereDoc') {
    if (descriptorOf(r, 0, table) === 0) table.input = new Input(await heredocText(r, exec));
    return;
  }
  if (r.type === 'HereString') {
    const text = r.target ? await expandString(r.target, exec) : '';
    if (descriptorOf(r, 0, table) === 0) table.input = new Input(text + '\n');
    return;
  }
  const op = r.operator;
  if (op === '>&' || op === '<&') return duplicate(r, op, exec, table);
  const target = await targetOf(r.target, exec, table);
  switch (op) {
    case '>':
    case '>|':
    case '>>':
      table.out.set(descriptorOf(r, 1, table), openOutput(target, op === '>>', exec, table));
      return;
    case '&>':
    case '&>>': {
      const sink = openOutput(target, op === '&>>', exec, table);
      table.out.set(1, sink);
      table.out.set(2, sink);
      return;
    }
    case '<':
    case '<>': {
      const input = openInput(target, exec, table, op === '<>');
      if (descriptorOf(r, 0, table) === 0) table.input = input;
      return;
    }
  }
}

async function heredocText(r: HereDoc, exec: Exec): Promise<string> {
  return expandHeredoc(r.body, r.delimiter?.quoted ?? false, r.operator === '<<-', exec);
}

async function targetOf(word: Word | undefined, exec: Exec, table: Table): Promise<string> {
  if (!word) return table.fail('syntax error near unexpected token `newline\'');
  const fields = await expandWord(word, exec);
  if (fields.length !== 1) return table.fail(`${word.text}: ambiguous redirect`);
  return fields[0]!;
}

async function duplicate(r: Extract<Redirection, { type: 'Redirect' }>, op: '>&' | '<&', exec: Exec, table: Table): Promise<void> {
  const target = await targetOf(r.target, exec, table);
  const fd = descriptorOf(r, op === '>&' ? 1 : 0, table);
  if (target === '-') {
    if (fd === 0) table.input = new Input('');
    else table.out.set(fd, new NullSink());
    return;
  }
  if (/^[0-9]+$/.test(target)) {
    const from = Number(target);
    if (fd === 0 || op === '<&') {
      if (from !== 0) table.fail(`${target}: Bad file descriptor`);
      return;
    }
    const sink = table.out.get(from);
    if (!sink) table.fail(`${target}: Bad file descriptor`);
    table.out.set(fd, sink);
    return;
  }
  // `>& file` without a descriptor is `&> file`.
  if (op === '>&' && !r.descriptor) {
    const sink = openOutput(target, false, exec, table);
    table.out.set(1, sink);
    table.out.set(2, sink);
    return;
  }
  table.fail(`${target}: ambiguous redirect`);
}

function openOutput(target: string, append: boolean, exec: Exec, table: Table): Sink {
  switch (target) {
    case '/dev/null':
      return new NullSink();
    case '/dev/stdout':
      return table.out.get(1) ?? new NullSink();
    case '/dev/stderr':
      return table.out.get(2) ?? new NullSink();
    case '/dev/tty':
      return exec.io.stdout;
  }
  const { fs } = exec.sh.host;
  const cred = exec.sh.cred;
  const path = normalizePath(target, exec.sh.cwd);
  try {
    if (fs.isDir(path, cred)) return table.fail(`${target}: Is a directory`);
    const exists = fs.exists(path, cred);
    if (exists && !access(fs, path, cred, W_OK)) return table.fail(`${target}: Permission denied`);
    const initial = exists && append ? fs.readFile(path, ROOT) : '';
    if (!exists || !append) fs.writeFile(path, '', {}, cred);
    return new FileSink(exec, path, initial);
  } catch (e) {
    if (e instanceof VfsError) return table.fail(`${target}: ${e.reason}`);
    throw e;
  }
}

function openInput(target: string, exec: Exec, table: Table, create: boolean): Input {
  if (target === '/dev/null') return new Input('');
  if (target === '/dev/stdin') return table.input;
  const { fs } = exec.sh.host;
  const path = normalizePath(target, exec.sh.cwd);
  try {
    if (create && !fs.exists(path, exec.sh.cred)) fs.writeFile(path, '', {}, exec.sh.cred);
    return new Input(fs.readFile(path, exec.sh.cred));
  } catch (e) {
    if (e instanceof VfsError) return table.fail(`${target}: ${e.reason}`);
    throw e;
  }
}
