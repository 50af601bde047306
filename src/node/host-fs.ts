/**
 * A host's filesystem with trees that are materialised when someone looks: the kubelet's
 * /var/log/pods and /var/log/containers follow container logs that grow on the virtual clock,
 * so they are brought up to date just before any access that can see them (a path inside the
 * tree, or an ancestor of it), rather than on every log line.
 */
import { normalizePath, VirtualFS, ROOT, type Cred, type Stat } from '../vfs/fs.js';

export interface LazyTree {
  /** Absolute roots the tree owns (e.g. /var/log/pods). */
  readonly roots: readonly string[];
  /** Writes the tree's current state into the filesystem. */
  refresh(fs: VirtualFS): void;
}

export class HostFS extends VirtualFS {
  private readonly trees: LazyTree[] = [];
  private refreshing = false;

  addLazyTree(tree: LazyTree): void {
    this.trees.push(tree);
  }

  /** Refreshes every tree `path` can see: its own subtree, or the tree below it. */
  private touch(path: string): void {
    if (this.trees.length === 0 || this.refreshing) return;
    const p = normalizePath(path);
    for (const t of this.trees) {
      if (!t.roots.some((r) => overlaps(p, r))) continue;
      this.refreshing = true;
      try {
        t.refresh(this);
      } finally {
        this.refreshing = false;
      }
    }
  }

  override exists(path: string, cred: Cred = ROOT): boolean {
    this.touch(path);
    return super.exists(path, cred);
  }

  override stat(path: string, cred: Cred = ROOT): Stat {
    this.touch(path);
    return super.stat(path, cred);
  }

  override lstat(path: string, cred: Cred = ROOT): Stat {
    this.touch(path);
    return super.lstat(path, cred);
  }

  override isDir(path: string, cred: Cred = ROOT): boolean {
    this.touch(path);
    return super.isDir(path, cred);
  }

  override isFile(path: string, cred: Cred = ROOT): boolean {
    this.touch(path);
    return super.isFile(path, cred);
  }

  override readFile(path: string, cred: Cred = ROOT): string {
    this.touch(path);
    return super.readFile(path, cred);
  }

  override readFileIfExists(path: string): string | undefined {
    this.touch(path);
    return super.readFileIfExists(path);
  }

  override readdir(path: string, cred: Cred = ROOT): string[] {
    this.touch(path);
    return super.readdir(path, cred);
  }

  override readlink(path: string, cred: Cred = ROOT): string {
    this.touch(path);
    return super.readlink(path, cred);
  }

  override realpath(path: string, cred: Cred = ROOT): string {
    this.touch(path);
    return super.realpath(path, cred);
  }

  override walk(path: string, cred: Cred = ROOT): string[] {
    this.touch(path);
    return super.walk(path, cred);
  }
}

/** Is one path inside the other (or the same)? */
function overlaps(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`) || root.startsWith(path === '/' ? '/' : `${path}/`);
}
