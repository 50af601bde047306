/**
 * A container's view of files: the image's root filesystem with the pod's volumes mounted on
 * top (configMap, secret, emptyDir, hostPath, projected). Each volume is its own filesystem
 * shared by every container that mounts it, so an init container writing into an emptyDir is
 * seen by nginx serving from it, and a hostPath mount reads and writes the node's files.
 */
import { normalizePath, VfsError, type VirtualFS } from '../vfs/fs.js';

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EACCES' | 'EEXIST' | 'ENOTEMPTY' | 'EINVAL';

const MESSAGES: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
};

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${path}: ${MESSAGES[code]}`);
  }
  get reason(): string {
    return MESSAGES[this.code];
  }
}

export interface Mount {
  /** Mount point inside the container. */
  path: string;
  fs: VirtualFS;
  /** Directory (or file, for subPath file mounts) on `fs` that appears at `path`. */
  base: string;
  readOnly: boolean;
}

/** Special files every container has. */
const DEVICES: Record<string, string> = { '/dev/null': '', '/dev/zero': '', '/dev/stdout': '', '/dev/stderr': '', '/dev/random': '', '/dev/urandom': '' };

export class ContainerFs {
  private readonly mounts: Mount[];

  constructor(
    private readonly root: VirtualFS,
    mounts: Mount[],
  ) {
    // Longest mount point first, so /etc/config/app wins over /etc/config.
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length).map((m) => ({ ...m, path: normalizePath(m.path), base: normalizePath(m.base) }));
  }

  private locate(path: string): { fs: VirtualFS; p: string; mount?: Mount } {
    const target = normalizePath(path);
    for (const m of this.mounts) {
      if (target === m.path || target.startsWith(m.path === '/' ? '/' : `${m.path}/`)) {
        const rest = target.slice(m.path.length);
        return { fs: m.fs, p: normalizePath(m.base + rest), mount: m };
      }
    }
    return { fs: this.root, p: target };
  }

  private wrap<T>(path: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof VfsError) throw new FsError(e.code === 'ELOOP' ? 'EINVAL' : e.code, path);
      throw e;
    }
  }

  exists(path: string): boolean {
    if (normalizePath(path) in DEVICES) return true;
    const { fs, p } = this.locate(path);
    return fs.exists(p) || this.isMountPoint(path);
  }

  isDir(path: string): boolean {
    const { fs, p } = this.locate(path);
    return fs.isDir(p) || this.isMountPoint(path) || this.mounts.some((m) => m.path.startsWith(normalizePath(path) === '/' ? '/' : `${normalizePath(path)}/`));
  }

  isFile(path: string): boolean {
    if (normalizePath(path) in DEVICES) return true;
    const { fs, p } = this.locate(path);
    return fs.isFile(p);
  }

  private isMountPoint(path: string): boolean {
    const n = normalizePath(path);
    return this.mounts.some((m) => m.path === n);
  }

  read(path: string): string {
    const n = normalizePath(path);
    if (n in DEVICES) return DEVICES[n]!;
    const { fs, p } = this.locate(n);
    if (this.isDir(n)) throw new FsError('EISDIR', path);
    return this.wrap(path, () => fs.readFile(p));
  }

  write(path: string, content: string, append = false): void {
    const n = normalizePath(path);
    if (n in DEVICES) return;
    const { fs, p, mount } = this.locate(n);
    if (mount?.readOnly) throw new FsError('EROFS', path);
    this.wrap(path, () => (append ? fs.appendFile(p, content) : fs.writeFile(p, content)));
  }

  mkdir(path: string, recursive = false): void {
    const { fs, p, mount } = this.locate(path);
    if (mount?.readOnly) throw new FsError('EROFS', path);
    if (!recursive && this.exists(path)) throw new FsError('EEXIST', path);
    this.wrap(path, () => fs.mkdir(p, { recursive }));
  }

  remove(path: string, recursive = false): void {
    const { fs, p, mount } = this.locate(path);
    if (this.isMountPoint(path)) throw new FsError('EINVAL', path);
    if (mount?.readOnly) throw new FsError('EROFS', path);
    this.wrap(path, () => {
      if (fs.isDir(p)) {
        if (!recursive) throw new FsError('EISDIR', path);
        fs.removeTree(p);
      } else fs.unlink(p);
    });
  }

  /** Entries of a directory, including mount points directly below it. */
  list(path: string): string[] {
    const n = normalizePath(path);
    const { fs, p } = this.locate(n);
    const names = new Set<string>();
    if (fs.isDir(p)) for (const e of this.wrap(path, () => fs.readdir(p))) names.add(e);
    else if (!this.isDir(n)) {
      if (fs.exists(p)) throw new FsError('ENOTDIR', path);
      throw new FsError('ENOENT', path);
    }
    const prefix = n === '/' ? '/' : `${n}/`;
    for (const m of this.mounts) {
      if (m.path.startsWith(prefix)) names.add(m.path.slice(prefix.length).split('/')[0]!);
    }
    return [...names].sort();
  }

  size(path: string): number {
    const { fs, p } = this.locate(path);
    return this.wrap(path, () => fs.stat(p).size);
  }

  mode(path: string): number {
    const { fs, p } = this.locate(path);
    return this.wrap(path, () => fs.stat(p).mode);
  }
}
