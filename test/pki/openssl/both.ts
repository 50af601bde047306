/**
 * Runs one `openssl` command line twice, on the same files: our simulation over a VirtualFS and
 * the real /usr/bin/openssl in a temp dir. Outputs are compared after normalising only the thread
 * id that prefixes OpenSSL's error lines.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { KeySource } from '../../../src/pki/key-source.js';
import { makeOpenssl } from '../../../src/pki/openssl/index.js';
import type { VirtualFS } from '../../../src/vfs/fs.js';
import { type RunResult, newFs, normalizeTid, realDir, realOpenssl, runProgram, Rng, VirtualClock } from '../harness.js';

export interface World {
  fs: VirtualFS;
  dir: string;
  clock: VirtualClock;
  /** Writes a file into both worlds (relative to /root and the temp dir). */
  put(name: string, content: string): void;
  ours(args: string[], stdin?: string): Promise<RunResult>;
  real(args: string[], stdin?: string): RunResult;
  /** Both, normalised. */
  both(args: string[], stdin?: string): Promise<{ ours: RunResult; real: RunResult }>;
  /** A file our run wrote, copied to the real dir under the same name (for checking with real openssl). */
  share(name: string): void;
  /** A file the real openssl wrote, copied into our VirtualFS. */
  take(name: string): string;
}

export function world(seed = 1): World {
  const clock = new VirtualClock(Date.now());
  const fs = newFs(clock);
  const dir = realDir();
  const rng = new Rng(seed);
  const openssl = makeOpenssl({ clock, rng, keys: new KeySource(rng.fork('keys')) });
  const norm = (r: RunResult): RunResult => ({ ...r, stderr: normalizeTid(r.stderr), stdout: normalizeTid(r.stdout) });
  const w: World = {
    fs,
    dir,
    clock,
    put(name, content) {
      fs.writeFile(`/root/${name}`, content, { parents: true });
      writeFileSync(join(dir, name), content);
    },
    async ours(args, stdin) {
      // The real openssl reads the wall clock; ours follows it so both judge validity alike.
      clock.advanceTo(Date.now());
      return norm(await runProgram(openssl, fs, ['openssl', ...args], { cwd: '/root', ...(stdin !== undefined ? { stdin } : {}) }));
    },
    real(args, stdin) {
      return norm(realOpenssl(dir, args, stdin));
    },
    async both(args, stdin) {
      return { ours: await w.ours(args, stdin), real: w.real(args, stdin) };
    },
    share(name) {
      writeFileSync(join(dir, name), fs.readFile(`/root/${name}`));
    },
    take(name) {
      const content = readFileSync(join(dir, name), 'utf8');
      fs.writeFile(`/root/${name}`, content, { parents: true });
      return content;
    },
  };
  return w;
}

export function realHas(dir: string, name: string): boolean {
  return existsSync(join(dir, name));
}

/**
 * Documented difference: when a PEM of the wrong kind is loaded, how many DECODER/STORE lines
 * OpenSSL stacks up, and in which order, depends on the bytes; tests compare only their kinds.
 */
export function squashDecoderLines(r: RunResult): RunResult {
  const squash = (s: string) =>
    s.replace(/^TID:error:(1E08010C|1608010C):.*\n/gm, 'TID:decoder-or-store\n').replace(/(TID:decoder-or-store\n)+/g, 'TID:decoder-or-store\n');
  return { ...r, stderr: squash(r.stderr) };
}
