/** Fakes and oracles for the shell tests. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Program } from '../../src/shell/types.js';
import { createTestHost, createTestSession } from '../../src/shell/testing.js';
import type { TestSession } from '../../src/shell/testing.js';

export function has(binary: string): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

export const HAS_BASH = has('bash');

/** What a fake program saw. */
export interface Call {
  argv: string[];
  stdin: string;
  env: Map<string, string>;
  cwd: string;
  user: string;
}

/** A program that records its calls (e.g. a fake kubectl for `cat <<EOF | kubectl apply -f -`). */
export function recorder(output = ''): { program: Program; calls: Call[] } {
  const calls: Call[] = [];
  const program: Program = (ctx) => {
    calls.push({ argv: [...ctx.argv], stdin: ctx.stdin, env: new Map(ctx.env), cwd: ctx.cwd, user: ctx.account.name });
    ctx.stdout.write(output);
    return 0;
  };
  return { program, calls };
}

/** A minimal cat: files or stdin to stdout (the real one belongs to src/tools). */
export const fakeCat: Program = (ctx) => {
  const files = ctx.argv.slice(1);
  if (files.length === 0 || files[0] === '-') {
    ctx.stdout.write(ctx.stdin);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    try {
      ctx.stdout.write(ctx.host.fs.readFile(ctx.resolve(f), ctx.cred));
    } catch (e) {
      ctx.stderr.write(`cat: ${f}: ${(e as { reason?: string }).reason ?? 'error'}\n`);
      status = 1;
    }
  }
  return status;
};

/** A minimal sed -i 's/a/b/' FILE, enough to act as a headless $EDITOR. */
export const fakeSed: Program = (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-i');
  const [script, file] = args;
  const m = /^s\/([^/]*)\/([^/]*)\/(g?)$/.exec(script ?? '');
  if (!m || !file) return 1;
  const path = ctx.resolve(file);
  const text = ctx.host.fs.readFile(path, ctx.cred);
  ctx.host.fs.writeFile(path, text.replace(new RegExp(m[1]!, m[3] ? 'g' : ''), m[2]!), {}, ctx.cred);
  return 0;
};

export function session(programs: Record<string, Program> = {}): TestSession {
  const host = createTestHost({ programs: { cat: fakeCat, ...programs } });
  return createTestSession({ host });
}

export interface BashResult {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * Runs a line in the real bash (non-interactive, no rc files, C locale) in a scratch directory
 * holding `files`, with HOME pointing at it. stderr is normalised to interactive form
 * (`bash: line 1: x` becomes `bash: x`).
 */
export function realBash(line: string, files: Record<string, string> = {}): BashResult & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kubedrill-bash-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', line], {
      cwd: dir,
      env: { PATH: '/usr/bin:/bin', HOME: dir, LC_ALL: 'C' },
      encoding: 'utf8',
    });
    const stderr = r.stderr.replace(/^bash: (?:-c: )?line \d+: /gm, 'bash: ');
    return { stdout: r.stdout, stderr, status: r.status ?? -1, dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
