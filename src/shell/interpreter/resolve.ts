/**
 * Which command a name means, in bash's order: function, builtin, then PATH. PATH entries are
 * searched in the host's program table (kubectl at /usr/bin/kubectl), in binaries the shell
 * provides itself (sudo, bash, vi, ...), and in executable files of the host's VirtualFS (scripts
 * the candidate wrote). A name with a slash is a path: a program's install path or a file.
 */
import { dirname, normalizePath } from '../../vfs/fs.js';
import type { Program } from '../types.js';
import { access, X_OK } from './access.js';
import type { Builtin, Exec } from './runtime.js';
import type { FunctionDef } from './state.js';

export type Resolution =
  | { kind: 'function'; name: string; def: FunctionDef }
  | { kind: 'builtin'; name: string; builtin: Builtin }
  | { kind: 'program'; name: string; program: Program; path: string }
  | { kind: 'script'; name: string; path: string }
  | { kind: 'missing'; name: string; reason: 'not-found' | 'no-such-file' | 'permission' | 'is-dir' };

export interface ResolveOptions {
  functions: boolean;
  /** true: every builtin; 'binary': only those that also exist as files (for sudo, xargs, env). */
  builtins: boolean | 'binary';
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

type Scope = Pick<Exec, 'sh' | 'rt'>;

export function resolveCommand(name: string, exec: Scope, options: ResolveOptions): Resolution {
  if (name.includes('/')) return resolvePath(name, exec);
  if (options.functions) {
    const def = exec.sh.functions.get(name);
    if (def) return { kind: 'function', name, def };
  }
  const builtin = exec.rt.builtins.get(name);
  if (builtin && !builtin.program && options.builtins === true) return { kind: 'builtin', name, builtin };
  for (const dir of searchPath(exec)) {
    const found = inDirectory(name, dir, exec, options.builtins !== false);
    if (found) return found;
  }
  // A program without an install path is found wherever PATH points.
  const host = exec.sh.host.programs;
  const unplaced = host.get(name);
  if (unplaced && host.pathOf(name) === undefined) return { kind: 'program', name, program: unplaced, path: `/usr/bin/${name}` };
  return { kind: 'missing', name, reason: 'not-found' };
}

function searchPath(exec: Scope): string[] {
  const path = exec.sh.isSet('PATH') ? (exec.sh.get('PATH') ?? '') : DEFAULT_PATH;
  return path.split(':').map((d) => (d === '' ? exec.sh.cwd : normalizePath(d, exec.sh.cwd)));
}

function inDirectory(name: string, dir: string, exec: Scope, binaries: boolean): Resolution | undefined {
  const { host } = exec.sh;
  const program = host.programs.get(name);
  const programPath = host.programs.pathOf(name);
  if (program && programPath !== undefined && dirname(programPath) === dir) return { kind: 'program', name, program, path: programPath };
  const builtin = exec.rt.builtins.get(name);
  if (builtin?.binary && dirname(builtin.binary) === dir && (binaries || builtin.program)) return { kind: 'builtin', name, builtin };
  const fallback = exec.rt.fallback.get(name);
  const fallbackPath = exec.rt.fallback.pathOf(name);
  if (fallback && fallbackPath !== undefined && dirname(fallbackPath) === dir && !program) {
    return { kind: 'program', name, program: fallback, path: fallbackPath };
  }
  const file = dir === '/' ? `/${name}` : `${dir}/${name}`;
  if (host.fs.isFile(file, exec.sh.cred) && access(host.fs, file, exec.sh.cred, X_OK)) return { kind: 'script', name, path: file };
  return undefined;
}

/** Ubuntu merges /bin into /usr/bin and /sbin into /usr/sbin: both paths name one file. */
function merged(path: string | undefined): string | undefined {
  return path?.replace(/^\/(s?bin)\//, '/usr/$1/');
}

function resolvePath(name: string, exec: Scope): Resolution {
  const { host, cred } = exec.sh;
  const path = normalizePath(name, exec.sh.cwd);
  const target = merged(path);
  for (const n of host.programs.names()) {
    if (merged(host.programs.pathOf(n)) === target) return { kind: 'program', name: n, program: host.programs.get(n)!, path };
  }
  for (const [n, b] of exec.rt.builtins) if (merged(b.binary) === target) return { kind: 'builtin', name: n, builtin: b };
  for (const n of exec.rt.fallback.names()) {
    if (merged(exec.rt.fallback.pathOf(n)) === target && !host.programs.get(n)) return { kind: 'program', name: n, program: exec.rt.fallback.get(n)!, path };
  }
  if (!host.fs.exists(path, cred)) return { kind: 'missing', name, reason: host.fs.exists(path) ? 'permission' : 'no-such-file' };
  if (host.fs.isDir(path, cred)) return { kind: 'missing', name, reason: 'is-dir' };
  if (!access(host.fs, path, cred, X_OK)) return { kind: 'missing', name, reason: 'permission' };
  return { kind: 'script', name, path };
}

/** bash's message and status for a command it cannot run. */
export function missingMessage(r: Extract<Resolution, { kind: 'missing' }>): { message: string; status: number } {
  switch (r.reason) {
    case 'not-found':
      return { message: `bash: ${r.name}: command not found`, status: 127 };
    case 'no-such-file':
      return { message: `bash: ${r.name}: No such file or directory`, status: 127 };
    case 'permission':
      return { message: `bash: ${r.name}: Permission denied`, status: 126 };
    case 'is-dir':
      return { message: `bash: ${r.name}: Is a directory`, status: 126 };
  }
}
