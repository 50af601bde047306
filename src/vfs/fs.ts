/**
 * A host's filesystem, entirely in memory (DESIGN principle 8: nothing reaches the real disk).
 * Paths are absolute and POSIX. Permissions follow the owner/group/other bits so that a candidate
 * who forgets `sudo` gets "Permission denied" as on a real node; root bypasses them.
 */
import type { VirtualClock } from '../util/clock.js';

export interface Cred {
  uid: number;
  gid: number;
  groups?: readonly number[];
}

export const ROOT: Cred = { uid: 0, gid: 0 };

export type NodeType = 'file' | 'dir' | 'symlink';

export interface Stat {
  type: NodeType;
  mode: number; // permission bits only, e.g. 0o644
  uid: number;
  gid: number;
  size: number;
  mtimeMs: number;
  ino: number;
  nlink: number;
}

export type VfsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EACCES' | 'ELOOP' | 'EINVAL';

const MESSAGES: Record<VfsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
};

export class VfsError extends Error {
  constructor(
    readonly code: VfsErrorCode,
    readonly path: string,
  ) {
    super(`${path}: ${MESSAGES[code]}`);
  }
  /** The strerror text tools print after "cmd: path: ". */
  get reason(): string {
    return MESSAGES[this.code];
  }
}

interface BaseNode {
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  ino: number;
}
interface FileNode extends BaseNode {
  type: 'file';
  content: string;
}
interface DirNode extends BaseNode {
  type: 'dir';
  children: Map<string, Node>;
}
interface LinkNode extends BaseNode {
  type: 'symlink';
  target: string;
}
type Node = FileNode | DirNode | LinkNode;

export interface WriteOptions {
  mode?: number;
  uid?: number;
  gid?: number;
  /** Create missing parent directories (root-owned, 0755). */
  parents?: boolean;
}

const MAX_LINKS = 40;

/** An absolute path with no empty, "." or ".." segment and no trailing slash: already normal. */
const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)|.\/$/;

export function normalizePath(path: string, cwd = '/'): string {
  // Most paths arrive normalized; checking costs no allocation, splitting does.
  if (path.charCodeAt(0) === 47 && !NOT_NORMAL.test(path)) return path;
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export function dirname(path: string): string {
  const p = normalizePath(path);
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1) || '/';
}

export class VirtualFS {
  private readonly root: DirNode;
  private nextIno = 2;
  /** Bumped on every mutation: the run loop uses it to see whether anything changed. */
  version = 0;

  constructor(private readonly clock?: VirtualClock) {
    this.root = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: this.now(), ino: 1, children: new Map() };
  }

  private now(): number {
    return this.clock?.now() ?? 0;
  }

  // ---- lookups -------------------------------------------------------------------------

  /** Resolves a path to its node, following symlinks (also in the last component unless noFollow). */
  private lookup(path: string, cred: Cred, noFollow = false, depth = 0): { node: Node; path: string } {
    const node = this.resolve(normalizePath(path), path, cred, noFollow, depth, true)!;
    return { node, path: this.resolvedPath };
  }

  /** Like lookup, but a missing path is undefined rather than an exception (exceptions are costly). */
  private tryLookup(path: string, cred: Cred, noFollow = false, depth = 0): Node | undefined {
    return this.resolve(normalizePath(path), path, cred, noFollow, depth, false);
  }

  /** The symlink-resolved path the last resolve ended on (read right after a strict one). */
  private resolvedPath = '/';

  /**
   * Walks a normalized path name by name (indexOf, not split: lookups are the hottest VFS path).
   * A missing or non-directory component throws when `strict`, else yields undefined.
   */
  private resolve(norm: string, path: string, cred: Cred, noFollow: boolean, depth: number, strict: boolean): Node | undefined {
    if (depth > MAX_LINKS) throw new VfsError('ELOOP', path);
    let node: Node = this.root;
    let start = 1;
    while (start < norm.length) {
      const slash = norm.indexOf('/', start);
      const end = slash < 0 ? norm.length : slash;
      if (node.type !== 'dir') {
        if (strict) throw new VfsError('ENOTDIR', path);
        return undefined;
      }
      if (!this.allowed(node, cred, 1)) throw new VfsError('EACCES', path);
      const child: Node | undefined = node.children.get(norm.slice(start, end));
      if (!child) {
        if (strict) throw new VfsError('ENOENT', path);
        return undefined;
      }
      const last = end === norm.length;
      if (child.type === 'symlink' && !(last && noFollow)) {
        const dir = norm.slice(0, start - 1);
        const base = child.target.startsWith('/') ? child.target : `${dir}/${child.target}`;
        const target = last ? base : `${base}${norm.slice(end)}`;
        return this.resolve(normalizePath(target), path, cred, noFollow, depth + 1, strict);
      }
      node = child;
      start = end + 1;
    }
    this.resolvedPath = norm;
    return node;
  }

  /** The directory that holds `path` (resolved) and the entry name inside it. */
  private parentOf(path: string, cred: Cred): { dir: DirNode; name: string; path: string } {
    const norm = normalizePath(path);
    if (norm === '/') throw new VfsError('EINVAL', path);
    const { node, path: dirPath } = this.lookup(dirname(norm), cred);
    if (node.type !== 'dir') throw new VfsError('ENOTDIR', path);
    return { dir: node, name: basename(norm), path: dirPath };
  }

  /** rwx check: perm is 4 (read), 2 (write) or 1 (execute/search). */
  private allowed(node: Node, cred: Cred, perm: number): boolean {
    if (cred.uid === 0) return true;
    let bits: number;
    if (node.uid === cred.uid) bits = (node.mode >> 6) & 7;
    else if (node.gid === cred.gid || cred.groups?.includes(node.gid)) bits = (node.mode >> 3) & 7;
    else bits = node.mode & 7;
    return (bits & perm) === perm;
  }

  private touchDir(dir: DirNode): void {
    dir.mtimeMs = this.now();
    this.version++;
  }

  // ---- queries ---------------------------------------------------------------------------

  exists(path: string, cred: Cred = ROOT): boolean {
    try {
      return this.tryLookup(path, cred) !== undefined;
    } catch {
      return false;
    }
  }

  stat(path: string, cred: Cred = ROOT): Stat {
    return this.statOf(this.lookup(path, cred).node);
  }

  lstat(path: string, cred: Cred = ROOT): Stat {
    return this.statOf(this.lookup(path, cred, true).node);
  }

  private statOf(node: Node): Stat {
    const size =
      node.type === 'file' ? Buffer.byteLength(node.content) : node.type === 'symlink' ? node.target.length : 4096;
    const nlink = node.type === 'dir' ? 2 + [...node.children.values()].filter((c) => c.type === 'dir').length : 1;
    return { type: node.type, mode: node.mode, uid: node.uid, gid: node.gid, size, mtimeMs: node.mtimeMs, ino: node.ino, nlink };
  }

  isDir(path: string, cred: Cred = ROOT): boolean {
    return this.tryLookupSafe(path, cred)?.type === 'dir';
  }

  isFile(path: string, cred: Cred = ROOT): boolean {
    return this.tryLookupSafe(path, cred)?.type === 'file';
  }

  private tryLookupSafe(path: string, cred: Cred): Node | undefined {
    try {
      return this.tryLookup(path, cred);
    } catch {
      return undefined;
    }
  }

  readFile(path: string, cred: Cred = ROOT): string {
    const { node } = this.lookup(path, cred);
    if (node.type === 'dir') throw new VfsError('EISDIR', path);
    if (node.type !== 'file') throw new VfsError('EINVAL', path);
    if (!this.allowed(node, cred, 4)) throw new VfsError('EACCES', path);
    return node.content;
  }

  /** Reads a file or returns undefined when it is absent (for components that tolerate it). */
  readFileIfExists(path: string): string | undefined {
    const node = this.tryLookupSafe(path, ROOT);
    return node?.type === 'file' ? node.content : undefined;
  }

  readdir(path: string, cred: Cred = ROOT): string[] {
    const { node } = this.lookup(path, cred);
    if (node.type !== 'dir') throw new VfsError('ENOTDIR', path);
    if (!this.allowed(node, cred, 4)) throw new VfsError('EACCES', path);
    return [...node.children.keys()].sort();
  }

  readlink(path: string, cred: Cred = ROOT): string {
    const { node } = this.lookup(path, cred, true);
    if (node.type !== 'symlink') throw new VfsError('EINVAL', path);
    return node.target;
  }

  realpath(path: string, cred: Cred = ROOT): string {
    return this.lookup(path, cred).path;
  }

  // ---- mutations -------------------------------------------------------------------------

  writeFile(path: string, content: string, opts: WriteOptions = {}, cred: Cred = ROOT): void {
    if (opts.parents) this.mkdir(dirname(normalizePath(path)), { recursive: true }, ROOT);
    const existing = this.tryLookup(path, cred);
    if (existing) {
      if (existing.type === 'dir') throw new VfsError('EISDIR', path);
      if (existing.type !== 'file') throw new VfsError('EINVAL', path);
      if (!this.allowed(existing, cred, 2)) throw new VfsError('EACCES', path);
      existing.content = content;
      existing.mtimeMs = this.now();
      if (opts.mode !== undefined) existing.mode = opts.mode;
      this.version++;
      return;
    }
    const { dir, name } = this.parentOf(this.resolveDangling(path, cred), cred);
    if (!this.allowed(dir, cred, 2)) throw new VfsError('EACCES', path);
    dir.children.set(name, {
      type: 'file',
      content,
      mode: opts.mode ?? 0o644,
      uid: opts.uid ?? cred.uid,
      gid: opts.gid ?? cred.gid,
      mtimeMs: this.now(),
      ino: this.nextIno++,
    });
    this.touchDir(dir);
  }

  /**
   * Writes a file whose content is produced when first read: for a costly value that is rarely
   * read, such as the signed token of every pod's service-account volume. Later writes replace it.
   */
  writeFileLazy(path: string, produce: () => string, opts: WriteOptions = {}): void {
    this.writeFile(path, '', opts);
    const { node } = this.lookup(path, ROOT);
    let value: string | undefined;
    Object.defineProperty(node, 'content', { get: () => (value ??= produce()), set: (v: string) => void (value = v), enumerable: true, configurable: true });
  }

  /** A write through a dangling symlink creates its target, as open(O_CREAT) does. */
  private resolveDangling(path: string, cred: Cred): string {
    const node = this.tryLookupSafe(path, cred) ?? this.tryLookup(path, cred, true);
    if (node?.type === 'symlink') {
      const base = node.target.startsWith('/') ? node.target : `${dirname(path)}/${node.target}`;
      return normalizePath(base);
    }
    return path;
  }

  appendFile(path: string, content: string, opts: WriteOptions = {}, cred: Cred = ROOT): void {
    const existing = this.tryLookup(path, cred);
    const before = existing?.type === 'file' ? this.readFile(path, cred) : '';
    this.writeFile(path, before + content, opts, cred);
  }

  mkdir(path: string, opts: { recursive?: boolean; mode?: number; uid?: number; gid?: number } = {}, cred: Cred = ROOT): void {
    const norm = normalizePath(path);
    if (norm === '/') {
      if (opts.recursive) return;
      throw new VfsError('EEXIST', path);
    }
    const existing = this.tryLookup(norm, cred);
    if (existing) {
      if (opts.recursive && existing.type === 'dir') return;
      throw new VfsError('EEXIST', path);
    }
    if (opts.recursive) this.mkdir(dirname(norm), { recursive: true }, cred);
    const { dir, name } = this.parentOf(norm, cred);
    if (!this.allowed(dir, cred, 2)) throw new VfsError('EACCES', path);
    dir.children.set(name, {
      type: 'dir',
      children: new Map(),
      mode: opts.mode ?? 0o755,
      uid: opts.uid ?? cred.uid,
      gid: opts.gid ?? cred.gid,
      mtimeMs: this.now(),
      ino: this.nextIno++,
    });
    this.touchDir(dir);
  }

  symlink(target: string, path: string, cred: Cred = ROOT): void {
    if (this.tryLookup(path, cred, true)) throw new VfsError('EEXIST', path);
    const { dir, name } = this.parentOf(path, cred);
    if (!this.allowed(dir, cred, 2)) throw new VfsError('EACCES', path);
    dir.children.set(name, { type: 'symlink', target, mode: 0o777, uid: cred.uid, gid: cred.gid, mtimeMs: this.now(), ino: this.nextIno++ });
    this.touchDir(dir);
  }

  /** Removes a file or symlink (never a directory), as unlink(2). */
  unlink(path: string, cred: Cred = ROOT): void {
    const { dir, name } = this.parentOf(path, cred);
    const node = dir.children.get(name);
    if (!node) throw new VfsError('ENOENT', path);
    if (node.type === 'dir') throw new VfsError('EISDIR', path);
    if (!this.allowed(dir, cred, 2)) throw new VfsError('EACCES', path);
    dir.children.delete(name);
    this.touchDir(dir);
  }

  rmdir(path: string, cred: Cred = ROOT): void {
    const { dir, name } = this.parentOf(path, cred);
    const node = dir.children.get(name);
    if (!node) throw new VfsError('ENOENT', path);
    if (node.type !== 'dir') throw new VfsError('ENOTDIR', path);
    if (node.children.size > 0) throw new VfsError('ENOTEMPTY', path);
    if (!this.allowed(dir, cred, 2)) throw new VfsError('EACCES', path);
    dir.children.delete(name);
    this.touchDir(dir);
  }

  /** rm -r: removes a directory tree or a file. */
  removeTree(path: string, cred: Cred = ROOT): void {
    const { dir, name } = this.parentOf(path, cred);
    const node = dir.children.get(name);
    if (!node) throw new VfsError('ENOENT', path);
    if (!this.allowed(dir, cred, 2)) throw new VfsError('EACCES', path);
    if (node.type === 'dir' && cred.uid !== 0) this.assertTreeWritable(node, normalizePath(path), cred);
    dir.children.delete(name);
    this.touchDir(dir);
  }

  private assertTreeWritable(dir: DirNode, path: string, cred: Cred): void {
    if (!this.allowed(dir, cred, 2 | 1)) throw new VfsError('EACCES', path);
    for (const [name, child] of dir.children) {
      if (child.type === 'dir') this.assertTreeWritable(child, `${path}/${name}`, cred);
    }
  }

  rename(from: string, to: string, cred: Cred = ROOT): void {
    const src = this.parentOf(from, cred);
    const node = src.dir.children.get(src.name);
    if (!node) throw new VfsError('ENOENT', from);
    let target = normalizePath(to);
    if (this.isDir(target, cred) && node.type !== 'dir') target = `${target}/${src.name}`;
    const dst = this.parentOf(target, cred);
    if (!this.allowed(src.dir, cred, 2) || !this.allowed(dst.dir, cred, 2)) throw new VfsError('EACCES', to);
    const existing = dst.dir.children.get(dst.name);
    if (existing?.type === 'dir' && node.type !== 'dir') throw new VfsError('EISDIR', to);
    src.dir.children.delete(src.name);
    dst.dir.children.set(dst.name, node);
    node.mtimeMs = this.now();
    this.touchDir(src.dir);
    this.touchDir(dst.dir);
  }

  chmod(path: string, mode: number, cred: Cred = ROOT): void {
    const { node } = this.lookup(path, cred);
    if (cred.uid !== 0 && node.uid !== cred.uid) throw new VfsError('EACCES', path);
    node.mode = mode & 0o7777;
    this.version++;
  }

  chown(path: string, uid: number, gid: number, cred: Cred = ROOT): void {
    const { node } = this.lookup(path, cred);
    if (cred.uid !== 0) throw new VfsError('EACCES', path);
    node.uid = uid;
    node.gid = gid;
    this.version++;
  }

  /** Sets a node's mtime (touch on an existing file). */
  utimes(path: string, mtimeMs: number, cred: Cred = ROOT): void {
    const { node } = this.lookup(path, cred);
    if (!this.allowed(node, cred, 2)) throw new VfsError('EACCES', path);
    node.mtimeMs = mtimeMs;
    this.version++;
  }

  /** Every path below `path` (depth first, sorted), for find and grep -r. */
  walk(path: string, cred: Cred = ROOT): string[] {
    const out: string[] = [];
    const start = normalizePath(path);
    const visit = (p: string, node: Node): void => {
      out.push(p);
      if (node.type !== 'dir' || !this.allowed(node, cred, 4 | 1)) return;
      for (const name of [...node.children.keys()].sort()) {
        visit(p === '/' ? `/${name}` : `${p}/${name}`, node.children.get(name)!);
      }
    };
    visit(start, this.lookup(start, cred).node);
    return out;
  }
}
