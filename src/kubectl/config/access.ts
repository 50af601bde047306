/**
 * Where kubeconfigs come from and go to (clientcmd.PathOptions and ModifyConfig): --kubeconfig
 * alone, else every file of $KUBECONFIG merged, else ~/.kube/config. A changed entry is written
 * back to the file it came from, a new one to the default file (the first $KUBECONFIG file that
 * exists, else the last), a deleted one removed from its file; each file written is re-encoded
 * whole, as kubectl does. Paths in entries are relative to their file's directory.
 */
import { dirname, normalizePath, VfsError } from '../../vfs/fs.js';
import type { ProcessContext } from '../../shell/types.js';
import { parseYaml } from '../../util/yaml.js';
import { toYaml } from '../../util/yaml-emit.js';
import { KubectlError } from '../errors.js';
import { fileFields, fromV1, mergeKubeconfigs, toV1, emptyKubeconfig, type Entry, type Kubeconfig, type Section } from './model.js';

const SECTIONS: Section[] = ['clusters', 'users', 'contexts'];

export class KubeconfigAccess {
  constructor(
    private readonly proc: ProcessContext,
    /** --kubeconfig as typed. */
    private readonly explicit?: string,
  ) {}

  isExplicit(): boolean {
    return !!this.explicit;
  }

  /** The files in precedence order, as typed (kubectl's messages show them so). */
  precedence(): string[] {
    if (this.explicit) return [this.explicit];
    const env = this.proc.env.get('KUBECONFIG');
    if (env) return env.split(':').filter(Boolean);
    return [`${this.proc.account.home}/.kube/config`];
  }

  /** GetDefaultFilename: where new entries go. */
  defaultFile(): string {
    const files = this.precedence();
    if (files.length === 1) return files[0]!;
    return files.find((f) => this.exists(f)) ?? files[files.length - 1]!;
  }

  abs(path: string): string {
    return normalizePath(path, this.proc.cwd);
  }

  exists(path: string): boolean {
    return this.proc.host.fs.exists(this.abs(path), this.proc.cred);
  }

  /** One file (LoadFromFile); a missing file is an empty config. */
  loadFile(path: string): Kubeconfig {
    const fs = this.proc.host.fs;
    const abs = this.abs(path);
    if (!fs.exists(abs, this.proc.cred)) return emptyKubeconfig();
    let text: string;
    try {
      text = fs.readFile(abs, this.proc.cred);
    } catch (e) {
      const reason = e instanceof VfsError ? e.reason.toLowerCase() : 'permission denied';
      throw new KubectlError(`error: error loading config file "${path}": open ${path}: ${reason}`);
    }
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (e) {
      throw new KubectlError(`error: error loading config file "${path}": yaml: ${(e as Error).message.split('\n')[0]}`);
    }
    return fromV1(doc, path);
  }

  /** GetStartingConfig: every file merged, paths as written. */
  load(): Kubeconfig {
    return mergeKubeconfigs(this.precedence().map((f) => this.loadFile(f)));
  }

  /** Writes one file as kubectl does (0600, parent directories made). */
  writeFile(path: string, k: Kubeconfig): void {
    const fs = this.proc.host.fs;
    const abs = this.abs(path);
    const dir = dirname(abs);
    try {
      fs.mkdir(dir, { recursive: true }, this.proc.cred);
    } catch (e) {
      if (e instanceof VfsError) throw new KubectlError(`error: mkdir ${e.path}: ${e.reason.toLowerCase()}`);
      throw e;
    }
    try {
      fs.writeFile(abs, toYaml(toV1(k)), { mode: 0o600 }, this.proc.cred);
    } catch (e) {
      if (e instanceof VfsError) throw new KubectlError(`error: open ${path}: ${e.reason.toLowerCase()}`);
      throw e;
    }
  }

  /**
   * ModifyConfig: writes what changed between `start` and `next`. With `relativize`, file
   * paths in written entries become relative to their file when they lie below it.
   */
  modify(start: Kubeconfig, next: Kubeconfig, relativize: boolean): void {
    const files = new Map<string, Kubeconfig>();
    const fileFor = (path: string): Kubeconfig => {
      if (!files.has(path)) files.set(path, this.loadFile(path));
      return files.get(path)!;
    };
    for (const section of SECTIONS) {
      for (const [name, entry] of next[section]) {
        const before = start[section].get(name);
        if (before && JSON.stringify(before.value) === JSON.stringify(entry.value)) continue;
        const dest = entry.origin ?? this.defaultFile();
        const value = relativize ? this.relativized(section, entry.value, dest) : entry.value;
        fileFor(dest)[section].set(name, { value, origin: dest });
      }
      for (const [name, entry] of start[section]) {
        if (next[section].has(name)) continue;
        fileFor(entry.origin ?? this.defaultFile())[section].delete(name);
      }
    }
    if (JSON.stringify(start.preferences) !== JSON.stringify(next.preferences)) fileFor(this.defaultFile()).preferences = next.preferences;
    if (start.currentContext !== next.currentContext) fileFor(this.currentContextFile(next.currentContext)).currentContext = next.currentContext;
    for (const [path, k] of files) this.writeFile(path, k);
  }

  /**
   * writeCurrentContext: a new current-context goes to the default file; clearing it clears
   * the first file that sets one.
   */
  private currentContextFile(value: string): string {
    if (value || this.isExplicit()) return this.defaultFile();
    const file = this.precedence().find((f) => this.exists(f) && this.loadFile(f).currentContext);
    if (!file) throw new KubectlError('error: no config found to write context');
    return file;
  }

  /** ResolvePaths then RelativizePathWithNoBacksteps against the file's directory. */
  private relativized(section: Section, value: Entry['value'], file: string): Entry['value'] {
    const base = dirname(this.abs(file));
    const out = { ...value };
    for (const f of fileFields(section)) {
      const p = out[f];
      if (typeof p !== 'string' || !p) continue;
      const abs = normalizePath(p, base);
      if (abs.startsWith(base + '/')) out[f] = abs.slice(base.length + 1);
      else out[f] = abs;
    }
    return out;
  }

  /** An entry's file paths made absolute against its file's directory (ResolveLocalPaths). */
  resolvedPaths(section: Section, entry: Entry): Entry['value'] {
    const base = dirname(this.abs(entry.origin ?? this.defaultFile()));
    const out = { ...entry.value };
    for (const f of fileFields(section)) {
      const p = out[f];
      if (typeof p === 'string' && p) out[f] = normalizePath(p, base);
    }
    return out;
  }
}
