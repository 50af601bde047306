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

/**
 * An image layer under a container's own writable layer, as overlayfs stacks them: reads fall
 * through to the image, writes land in the container's layer, deletions of image files are
 * recorded as whiteouts. Image layers are shared by every container of the image (see imageLayer).
 */
export class OverlayLayers {
  readonly whiteouts = new Set<string>();
  /** Files the container's layer starts with, not written yet (see `seed`), and how to produce their content. */
  private seedPaths?: readonly string[];
  private seedContent?: () => readonly string[];

  constructor(
    private readonly upperFs: VirtualFS,
    readonly lower?: VirtualFS,
  ) {}

  /** The container's own, writable layer. */
  get upper(): VirtualFS {
    if (this.seedPaths) this.writeSeed();
    return this.upperFs;
  }

  /**
   * Files a new, empty layer starts with (the kubelet's /etc/hosts, /etc/hostname and
   * /etc/resolv.conf), written (parents made) just before the layer is first used: a container
   * that never looks at its files never pays for them, and one that does finds them as if
   * written now. `content` gives the files' texts in the order of `paths`; it must only read
   * what was fixed when the layer was seeded.
   */
  seed(paths: readonly string[], content: () => readonly string[]): void {
    this.seedPaths = paths;
    this.seedContent = content;
  }

  private writeSeed(): void {
    const paths = this.seedPaths!;
    const texts = this.seedContent!();
    this.seedPaths = undefined;
    this.seedContent = undefined;
    for (let i = 0; i < paths.length; i++) this.upperFs.writeFile(paths[i]!, texts[i]!, { parents: true });
  }

  /** Is there anything at `p` in the container's layer? (Asks without writing the seed files.) */
  upperHas(p: string): boolean {
    const seeded = this.seedPaths;
    if (seeded) for (const path of seeded) if (path === p || p === '/' || isBelow(path, p)) return true;
    return this.upperFs.exists(p);
  }

  private hidden(p: string): boolean {
    if (this.whiteouts.size === 0) return false;
    for (let q = p; q !== '/' && q !== ''; q = q.slice(0, q.lastIndexOf('/')) || '/') if (this.whiteouts.has(q)) return true;
    return false;
  }

  /** The layer holding a path, if any. */
  layer(p: string): VirtualFS | undefined {
    if (this.upper.exists(p)) return this.upper;
    if (this.lower && !this.hidden(p) && this.lower.exists(p)) return this.lower;
    return undefined;
  }

  /** Makes sure a path's parent directories exist in the upper layer before a write. */
  prepareWrite(p: string): void {
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (this.upper.isDir(parent)) return;
    if (!this.isDir(parent)) throw new VfsError('ENOENT', p);
    this.upper.mkdir(parent, { recursive: true });
  }

  isDir(p: string): boolean {
    return this.upper.isDir(p) || (!!this.lower && !this.hidden(p) && this.lower.isDir(p));
  }

  list(p: string): string[] {
    const names = new Set<string>();
    if (this.upper.isDir(p)) for (const n of this.upper.readdir(p)) names.add(n);
    if (this.lower && !this.hidden(p) && this.lower.isDir(p)) for (const n of this.lower.readdir(p)) if (!this.whiteouts.has(`${p === '/' ? '' : p}/${n}`)) names.add(n);
    return [...names];
  }
}

/** Is `path` strictly inside the directory `dir` (both normalized, `dir` not the root)? */
function isBelow(path: string, dir: string): boolean {
  return path.length > dir.length && path.charCodeAt(dir.length) === 47 && path.startsWith(dir);
}

/** Are two normalized paths the same, or is one inside the other? */
function related(p: string, n: string): boolean {
  return p === n || p === '/' || isBelow(n, p) || isBelow(p, n);
}

/** A mount with normalized paths; its filesystem is still only looked up when used (volumes lay out lazily). */
function normalMount(m: Mount): Mount {
  const path = normalizePath(m.path);
  const base = normalizePath(m.base);
  if (path === m.path && base === m.base) return m;
  return {
    path,
    base,
    readOnly: m.readOnly,
    get fs() {
      return m.fs;
    },
  };
}

export class ContainerFs {
  private readonly mounts: Mount[];
  private readonly layers: OverlayLayers;

  constructor(
    root: VirtualFS | OverlayLayers,
    mounts: Mount[],
  ) {
    this.layers = root instanceof OverlayLayers ? root : new OverlayLayers(root);
    // Longest mount point first, so /etc/config/app wins over /etc/config.
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length).map(normalMount);
  }

  private mountOf(path: string): { fs: VirtualFS; p: string; mount: Mount } | undefined {
    const target = normalizePath(path);
    for (const m of this.mounts) {
      if (target === m.path || target.startsWith(m.path === '/' ? '/' : `${m.path}/`)) {
        const rest = target.slice(m.path.length);
        return { fs: m.fs, p: normalizePath(m.base + rest), mount: m };
      }
    }
    return undefined;
  }

  /** The filesystem and path a container path reads from (mounts first, then the layers). */
  private locate(path: string): { fs: VirtualFS; p: string; mount?: Mount } {
    const m = this.mountOf(path);
    if (m) return m;
    const p = normalizePath(path);
    return { fs: this.layers.layer(p) ?? this.layers.upper, p };
  }

  private wrap<T>(path: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof VfsError) throw new FsError(e.code === 'ELOOP' ? 'EINVAL' : e.code, path);
      throw e;
    }
  }

  /**
   * The image layer, when everything at and below `dir` is the image's own: no mount over,
   * at or under it, and nothing written or deleted there in the container's layer. What is
   * read there is then the layer's content at its current `version` (what a memo may key on).
   */
  imageLayerFor(dir: string): VirtualFS | undefined {
    const lower = this.layers.lower;
    if (!lower) return undefined;
    const n = normalizePath(dir);
    for (const m of this.mounts) if (related(m.path, n)) return undefined;
    if (this.layers.whiteouts.size) for (const w of this.layers.whiteouts) if (related(w, n)) return undefined;
    return this.layers.upperHas(n) ? undefined : lower;
  }

  exists(path: string): boolean {
    if (normalizePath(path) in DEVICES) return true;
    const { fs, p } = this.locate(path);
    return fs.exists(p) || this.isMountPoint(path);
  }

  isDir(path: string): boolean {
    const n = normalizePath(path);
    const m = this.mountOf(n);
    if (m) return m.fs.isDir(m.p) || this.isMountPoint(n);
    return this.layers.isDir(n) || this.mounts.some((x) => x.path.startsWith(n === '/' ? '/' : `${n}/`));
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
    const m = this.mountOf(n);
    if (m) {
      if (m.mount.readOnly) throw new FsError('EROFS', path);
      this.wrap(path, () => (append ? m.fs.appendFile(m.p, content) : m.fs.writeFile(m.p, content)));
      return;
    }
    const before = append && !this.layers.upper.exists(n) && this.layers.layer(n) ? this.read(n) : '';
    this.wrap(path, () => {
      this.layers.prepareWrite(n);
      this.layers.whiteouts.delete(n);
      if (before) this.layers.upper.writeFile(n, before + content);
      else if (append) this.layers.upper.appendFile(n, content);
      else this.layers.upper.writeFile(n, content);
    });
  }

  mkdir(path: string, recursive = false): void {
    const n = normalizePath(path);
    const m = this.mountOf(n);
    if (m?.mount.readOnly) throw new FsError('EROFS', path);
    if (!recursive && this.exists(n)) throw new FsError('EEXIST', path);
    if (m) {
      this.wrap(path, () => m.fs.mkdir(m.p, { recursive }));
      return;
    }
    this.wrap(path, () => {
      if (!recursive) this.layers.prepareWrite(n);
      this.layers.whiteouts.delete(n);
      this.layers.upper.mkdir(n, { recursive: true });
    });
  }

  remove(path: string, recursive = false): void {
    const n = normalizePath(path);
    if (this.isMountPoint(n)) throw new FsError('EINVAL', path);
    const m = this.mountOf(n);
    if (m) {
      if (m.mount.readOnly) throw new FsError('EROFS', path);
      this.wrap(path, () => {
        if (m.fs.isDir(m.p)) {
          if (!recursive) throw new FsError('EISDIR', path);
          m.fs.removeTree(m.p);
        } else m.fs.unlink(m.p);
      });
      return;
    }
    if (this.isDir(n) && !recursive) throw new FsError('EISDIR', path);
    if (!this.exists(n)) throw new FsError('ENOENT', path);
    const upper = this.layers.upper;
    if (upper.exists(n)) this.wrap(path, () => (upper.isDir(n) ? upper.removeTree(n) : upper.unlink(n)));
    if (this.layers.lower?.exists(n)) this.layers.whiteouts.add(n);
  }

  /** Entries of a directory, including mount points directly below it. */
  list(path: string): string[] {
    const n = normalizePath(path);
    const m = this.mountOf(n);
    const names = new Set<string>();
    if (m) {
      if (m.fs.isDir(m.p)) for (const e of this.wrap(path, () => m.fs.readdir(m.p))) names.add(e);
      else if (!this.isMountPoint(n)) throw new FsError(m.fs.exists(m.p) ? 'ENOTDIR' : 'ENOENT', path);
    } else if (this.layers.isDir(n)) {
      for (const e of this.layers.list(n)) names.add(e);
    } else if (!this.isDir(n)) {
      throw new FsError(this.exists(n) ? 'ENOTDIR' : 'ENOENT', path);
    }
    const prefix = n === '/' ? '/' : `${n}/`;
    for (const mount of this.mounts) {
      if (mount.path.startsWith(prefix)) names.add(mount.path.slice(prefix.length).split('/')[0]!);
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
