/**
 * A minimal host and process context for running the tools, and a runner for the real GNU tools
 * on the same files, so that tests can compare both byte for byte.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BufferSink, credOf, type Account, type ProcessContext, type ProgramTable, type ShellHost, type Sink } from '../../src/shell/types.js';
import { VirtualClock } from '../../src/util/clock.js';
import { VirtualFS, normalizePath } from '../../src/vfs/fs.js';
import { textTools, toolPaths } from '../../src/tools/index.js';

export const ROOT_ACCOUNT: Account = { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash', groups: [0] };
export const CANDIDATE: Account = { name: 'candidate', uid: 1000, gid: 1000, home: '/home/candidate', shell: '/bin/bash', groups: [1000] };

const GROUPS: Record<number, string> = { 0: 'root', 1000: 'candidate' };

export interface World {
  fs: VirtualFS;
  clock: VirtualClock;
  host: ShellHost;
}

/** Files and symlinks to lay out, relative to the working directory unless absolute. */
export type Layout = Record<string, string | { link: string } | { dir: true }>;

/** The working directory of test runs, on both the virtual host and (as a temp dir) the real one. */
export const WORKDIR = '/root/work';

export function makeWorld(layout: Layout = {}, start = '2026-01-01T00:00:00Z'): World {
  const clock = new VirtualClock(start);
  const fs = new VirtualFS(clock);
  fs.mkdir('/etc', {});
  fs.mkdir('/tmp', { mode: 0o1777 });
  fs.mkdir('/root', { mode: 0o700 });
  fs.mkdir('/home/candidate', { recursive: true });
  fs.chown('/home/candidate', 1000, 1000);
  fs.writeFile('/etc/hostname', 'controlplane\n');
  fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\ncandidate:x:1000:1000::/home/candidate:/bin/bash\n');
  fs.mkdir(WORKDIR, { mode: 0o700 });
  applyLayout(fs, layout, WORKDIR);
  const programs: ProgramTable = {
    get: (name) => textTools[name],
    pathOf: (name) => toolPaths[name],
    names: () => Object.keys(textTools).sort(),
  };
  const accounts = [ROOT_ACCOUNT, CANDIDATE];
  const host: ShellHost = {
    hostname: 'controlplane',
    fs,
    programs,
    clock,
    account: (name) => accounts.find((a) => a.name === name),
    accountById: (uid) => accounts.find((a) => a.uid === uid),
    groupName: (gid) => GROUPS[gid],
  };
  return { fs, clock, host };
}

export function applyLayout(fs: VirtualFS, layout: Layout, cwd: string): void {
  for (const [name, entry] of Object.entries(layout)) {
    const path = normalizePath(name, cwd);
    if (typeof entry === 'string') fs.writeFile(path, entry, { parents: true });
    else if ('link' in entry) {
      fs.mkdir(normalizePath('..', path), { recursive: true });
      fs.symlink(entry.link, path);
    } else fs.mkdir(path, { recursive: true });
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  stdin?: string;
  cwd?: string;
  account?: Account;
  env?: Record<string, string>;
  /** The whole environment, as a spawned child inherits it. */
  exactEnv?: Map<string, string>;
}

export function makeContext(world: World, argv: readonly string[], opts: RunOptions & { stdout: Sink; stderr: Sink }): ProcessContext {
  const account = opts.account ?? ROOT_ACCOUNT;
  const cwd = opts.cwd ?? WORKDIR;
  const env = opts.exactEnv ?? new Map(Object.entries({ PATH: '/usr/local/bin:/usr/bin:/bin', HOME: account.home, USER: account.name, ...opts.env }));
  const ctx: ProcessContext = {
    argv,
    stdin: opts.stdin ?? '',
    stdout: opts.stdout,
    stderr: opts.stderr,
    env,
    cwd,
    account,
    cred: credOf(account),
    host: world.host,
    signal: new AbortController().signal,
    sleep: async (seconds) => {
      world.clock.advance(Math.round(seconds * 1000));
    },
    editor: { edit: async (req) => ({ ok: true, content: req.content }) },
    spawn: async (childArgv, io = {}) => {
      const name = childArgv[0] ?? '';
      const program = world.host.programs.get(name.slice(name.lastIndexOf('/') + 1));
      const stderr = io.stderr ?? opts.stderr;
      if (!program) {
        stderr.write(`sh: 1: ${name}: not found\n`);
        return 127;
      }
      const child = makeContext(world, childArgv, {
        stdin: io.stdin ?? '',
        stdout: io.stdout ?? opts.stdout,
        stderr,
        cwd,
        account: io.account ?? account,
        exactEnv: new Map(io.env ?? env),
      });
      return program(child);
    },
    resolve: (path) => normalizePath(path.replace(/^~(?=\/|$)/, account.home), cwd),
  };
  return ctx;
}

/** Runs a tool from the registry on the virtual host. */
export async function run(world: World, argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const stdout = new BufferSink();
  const stderr = new BufferSink();
  const name = argv[0]!;
  const program = textTools[name];
  if (!program) throw new Error(`no tool ${name}`);
  const code = await program(makeContext(world, argv, { ...opts, stdout, stderr }));
  return { stdout: stdout.text(), stderr: stderr.text(), code };
}

const present = new Map<string, boolean>();

/** Whether a real binary is installed here (for skipIf). */
export function has(bin: string): boolean {
  if (!present.has(bin)) {
    let ok = true;
    try {
      execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    } catch {
      ok = false;
    }
    present.set(bin, ok);
  }
  return present.get(bin)!;
}

/** Runs the real tool on the same layout in a temp dir, with LC_ALL=C.UTF-8 and TZ=UTC. */
export function runReal(argv: readonly string[], layout: Layout = {}, opts: { stdin?: string; then?: string[] } = {}): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'kubedrill-tools-'));
  try {
    for (const [name, entry] of Object.entries(layout)) {
      if (name.startsWith('/')) throw new Error(`real runs take relative paths only: ${name}`);
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      if (typeof entry === 'string') writeFileSync(path, entry);
      else if ('link' in entry) symlinkSync(entry.link, path);
      else mkdirSync(path, { recursive: true });
    }
    const exec = (cmd: readonly string[], input: string) =>
      spawnSync(cmd[0]!, cmd.slice(1), {
        cwd: dir,
        input,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8', TZ: 'UTC', HOME: dir },
        timeout: 10_000,
      });
    const r = exec(argv, opts.stdin ?? '');
    const result = { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
    if (opts.then) {
      const t = exec(opts.then, '');
      result.stdout += '---\n' + t.stdout;
      result.stderr += t.stderr;
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One oracle case: a command line, its files and stdin. */
export interface OracleCase {
  argv: string[];
  files?: Layout;
  stdin?: string;
  /** Applied to both outputs before comparing (e.g. to blank out ls -l's time column). */
  normalize?: (text: string) => string;
  /** Runs after the command on both sides; its output is compared too (e.g. `ls -R`). */
  then?: string[];
}

/** Runs a case both ways. */
export async function both(c: OracleCase): Promise<{ sim: RunResult; real: RunResult }> {
  const world = makeWorld(c.files ?? {}, new Date(Math.floor(Date.now() / 60000) * 60000).toISOString());
  let sim = await run(world, c.argv, { stdin: c.stdin });
  let real = runReal(c.argv, c.files ?? {}, { stdin: c.stdin, then: c.then });
  if (c.then) {
    const after = await run(world, c.then);
    sim = { stdout: sim.stdout + '---\n' + after.stdout, stderr: sim.stderr + after.stderr, code: sim.code };
  }
  if (c.normalize) {
    const n = c.normalize;
    sim = { ...sim, stdout: n(sim.stdout), stderr: n(sim.stderr) };
    real = { ...real, stdout: n(real.stdout), stderr: n(real.stderr) };
  }
  return { sim, real };
}

/** A readable test name for a case. */
export function caseName(c: OracleCase): string {
  const args = c.argv.map((a) => (/^[\w./=:-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
  return c.stdin !== undefined ? `${args}  <<< ${JSON.stringify(c.stdin.length > 30 ? c.stdin.slice(0, 30) + '…' : c.stdin)}` : args;
}

/**
 * A table of oracle cases: each runs on the simulated host and with the real binary, and the
 * three observable results (stdout, stderr, exit status) must be equal. Cases are skipped, with
 * the reason in their name, where the real binary is missing.
 */
export function oracleTable(title: string, cases: readonly OracleCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      const bin = c.argv[0]!;
      const missing = !has(bin);
      const name = missing ? `${caseName(c)} [skipped: real ${bin} not installed]` : caseName(c);
      it.skipIf(missing)(name, async () => {
        const { sim, real } = await both(c);
        expect(sim).toEqual(real);
      });
    }
  });
}
