/**
 * Test scaffolding for the PKI area: a process context over a VirtualFS (what the shell will hand
 * the simulated `openssl`), and the real /usr/bin/openssl run on the same files in a temp dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { BufferSink, type Account, type ProcessContext, type Program } from '../../src/shell/types.js';
import { VirtualClock } from '../../src/util/clock.js';
import { Rng } from '../../src/util/rng.js';
import { VirtualFS, normalizePath } from '../../src/vfs/fs.js';

export const ROOT_ACCOUNT: Account = { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash', groups: [] };
export const CANDIDATE: Account = { name: 'candidate', uid: 1000, gid: 1000, home: '/home/candidate', shell: '/bin/bash', groups: [] };

export interface RunResult {
  stdout: string;
  stderr: string;
  rc: number;
}

export async function runProgram(program: Program, fs: VirtualFS, argv: string[], opts: { cwd?: string; account?: Account; stdin?: string } = {}): Promise<RunResult> {
  const account = opts.account ?? ROOT_ACCOUNT;
  const cwd = opts.cwd ?? account.home;
  const stdout = new BufferSink();
  const stderr = new BufferSink();
  const ctx: ProcessContext = {
    argv,
    stdin: opts.stdin ?? '',
    stdout,
    stderr,
    env: new Map([['HOME', account.home]]),
    cwd,
    account,
    cred: { uid: account.uid, gid: account.gid, groups: account.groups },
    host: {
      hostname: 'controlplane',
      fs,
      programs: { get: () => undefined, pathOf: () => undefined, names: () => [] },
      account: (name) => (name === 'root' ? ROOT_ACCOUNT : name === 'candidate' ? CANDIDATE : undefined),
      accountById: (uid) => (uid === 0 ? ROOT_ACCOUNT : uid === 1000 ? CANDIDATE : undefined),
      groupName: (gid) => (gid === 0 ? 'root' : gid === 1000 ? 'candidate' : undefined),
    },
    signal: new AbortController().signal,
    sleep: async () => {},
    editor: { edit: async () => ({ ok: false, error: 'no editor in tests' }) },
    spawn: async () => 127,
    resolve: (p) => normalizePath(p.replace(/^~(?=\/|$)/, account.home), cwd),
  };
  const rc = await program(ctx);
  return { stdout: stdout.text(), stderr: stderr.text(), rc };
}

export function newFs(clock = new VirtualClock('2026-01-01T00:00:00Z')): VirtualFS {
  const fs = new VirtualFS(clock);
  fs.mkdir('/root', { recursive: true, mode: 0o700 });
  fs.mkdir('/home/candidate', { recursive: true, mode: 0o755, uid: 1000, gid: 1000 });
  fs.mkdir('/tmp', { recursive: true, mode: 0o1777 });
  return fs;
}

export { Rng, VirtualClock };

// ---- the real openssl ----------------------------------------------------------------------------

export const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

const madeDirs: string[] = [];
// Registered when a test file imports the harness, so it runs after that file's tests.
afterAll(() => {
  for (const d of madeDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp dir for the real openssl, removed when the test process exits. */
export function realDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubedrill-pki-'));
  madeDirs.push(dir);
  return dir;
}

export function realOpenssl(dir: string, args: string[], stdin = ''): RunResult {
  const r = spawnSync('openssl', args, { cwd: dir, input: stdin, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, rc: r.status ?? -1 };
}

/** Copies VirtualFS files (by path relative to `from`) into a real directory. */
export function exportFiles(fs: VirtualFS, from: string, dir: string): void {
  for (const p of fs.walk(from)) {
    if (!fs.isFile(p)) continue;
    const rel = p.slice(from.length).replace(/^\//, '');
    if (!rel) continue;
    const target = join(dir, rel);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, fs.readFile(p));
  }
}

/** Copies the files of a real directory into the VirtualFS under `to`. */
export function importFiles(dir: string, fs: VirtualFS, to: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isFile()) fs.writeFile(`${to}/${name}`, readFileSync(p, 'latin1'), { parents: true });
  }
}

/** OpenSSL's error lines start with a thread id that differs between processes. */
export function normalizeTid(text: string): string {
  return text.replace(/^[0-9A-F]{16}:error:/gm, 'TID:error:');
}
