/**
 * The real kubectl as an oracle, where installed: commands that run without a cluster
 * (`--dry-run=client`, `--local`). Tests skip with a message when it is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function which(bin: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export const KUBECTL = which('kubectl');
export const OPENSSL = which('openssl');
export const TMUX = which('tmux');

export const SKIP_KUBECTL = KUBECTL ? false : 'the real kubectl is not installed: oracle comparison skipped';

/** Runs kubectl offline; returns stdout, stderr and status. */
export function kubectl(args: string[], stdin?: string): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(KUBECTL!, args, { input: stdin, encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null', HOME: tmpdir() } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/** kubectl's YAML rendering of an object: `kubectl annotate --local` round-trips it offline. */
export function kubectlYaml(obj: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-oracle-'));
  const file = join(dir, 'obj.json');
  writeFileSync(file, JSON.stringify(obj));
  return execFileSync(KUBECTL!, ['annotate', '--local', '-f', file, 'kubedrill.oracle/x=1', '-o', 'yaml'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
}
