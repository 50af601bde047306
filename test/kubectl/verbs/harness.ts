/**
 * Test harness for kubectl's write verbs: one booted session per test file, command lines run
 * as the candidate types them, and the same line run by the real kubectl 1.33 (offline, or
 * against the read-only fake API server from ../oracle.ts) in a shell with the same files, so
 * outputs compare byte for byte.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Session } from '../../../src/session/session.js';
import { defaultBundle } from '../../../src/session/default-bundle.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import type { EditorHook } from '../../../src/shell/types.js';
import type { KObject } from '../../../src/api/types.js';
import { fakeApiServer, hasKubectl, KUBECTL, type FakeServer } from '../oracle.js';

export { hasKubectl, NO_KUBECTL } from '../oracle.js';

export interface Result {
  stdout: string;
  stderr: string;
  status: number;
}

export function boot(opts: { editor?: EditorHook } = {}): Session {
  return new Session(defaultBundle(), { editor: opts.editor });
}

export function clusterOf(s: Session): Cluster {
  return [...s.built.clusters.values()][0]!;
}

/** Files both kubectls read: written to a real temp dir and to the same path in the VFS. */
export class Workdir {
  readonly dir: string;
  private readonly bin: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'kubedrill-verbs-'));
    this.bin = join(this.dir, '.bin');
    mkdirSync(this.bin);
    if (hasKubectl()) symlinkSync(KUBECTL, join(this.bin, 'kubectl'));
  }

  write(session: Session, rel: string, content: string): string {
    const path = join(this.dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    session.world.workstation.fs.writeFile(path, content, { parents: true, uid: 1000, gid: 1000 });
    return path;
  }

  /** Runs a command line in bash with the real kubectl first on PATH, in this directory. */
  real(line: string, server?: string): Result {
    const env: Record<string, string> = { PATH: `${this.bin}:/usr/bin:/bin`, HOME: this.dir, TZ: 'UTC', KUBECONFIG: '/dev/null' };
    const full = server ? line.replace(/^kubectl /, `kubectl --server ${server} `) : line;
    const r = spawnSync('bash', ['-c', full], { cwd: this.dir, env, encoding: 'utf8' });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 1 };
  }

  /** As `real`, without blocking the event loop (the fake API server runs in this process). */
  realAsync(line: string, server?: string): Promise<Result> {
    const env: Record<string, string> = { PATH: `${this.bin}:/usr/bin:/bin`, HOME: this.dir, TZ: 'UTC', KUBECONFIG: '/dev/null' };
    const full = server ? line.replace(/^kubectl /, `kubectl --server ${server} `) : line;
    return new Promise((resolve) => {
      const child = spawn('bash', ['-c', full], { cwd: this.dir, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ stdout, stderr, status: code ?? 1 }));
    });
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs a line in the session from the work directory. */
export async function ours(session: Session, w: Workdir, line: string): Promise<Result> {
  const fs = session.world.workstation.fs;
  if (!fs.exists(w.dir)) fs.mkdir(w.dir, { recursive: true, uid: 1000, gid: 1000 });
  return session.capture(`cd ${w.dir} && ${line}`);
}

/** The fake API server with the session cluster's objects of these kinds (read-only). */
export async function fakeServerFor(session: Session, keys: string[]): Promise<FakeServer> {
  const api = clusterOf(session).api;
  const objects: KObject[] = keys.flatMap((k) => api.store.list(k) as KObject[]);
  return fakeApiServer(JSON.parse(JSON.stringify(objects)));
}

/** The fake server cannot stream watch events; kubectl logs that, a real server would not. */
export function withoutWatchNoise(stderr: string): string {
  return stderr.replace(/^I\d{4} .*reflector\.go.*\n/gm, '');
}

/** What an oracle block against the fake API server works with, filled in by its beforeAll. */
export interface ServerOracle {
  session: Session;
  w: Workdir;
  server: FakeServer;
}

/**
 * The frame of an oracle block: a booted session (then `prepare`d), a work directory, and a
 * read-only fake API server serving `resources` of it to the real kubectl; all closed after it.
 */
export function useServerOracle(resources: string[], prepare?: (session: Session, w: Workdir) => Promise<void>): ServerOracle {
  const o = {} as ServerOracle;
  beforeAll(async () => {
    o.session = boot();
    o.w = new Workdir();
    await prepare?.(o.session, o.w);
    o.server = await fakeServerFor(o.session, resources);
  });
  afterAll(async () => {
    await o.server?.close();
    o.w?.cleanup();
  });
  return o;
}

/** One test a line: ours and the real kubectl's output compared whole (its watch noise dropped). */
export function compareEachLine(o: ServerOracle, lines: readonly string[], rewrite: (line: string) => string = (l) => l): void {
  for (const line of lines) {
    it(line, async () => {
      const typed = rewrite(line);
      const real = await o.w.realAsync(typed, o.server.url);
      expect(await ours(o.session, o.w, typed)).toEqual({ ...real, stderr: withoutWatchNoise(real.stderr) });
    });
  }
}
