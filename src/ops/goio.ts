/**
 * File access as a Go program sees it on a node: the VFS errors worded as Go's *PathError
 * ("open /x: no such file or directory"), with the calling user's credentials.
 */
import type { ProcessContext } from '../shell/types.js';
import { VfsError, dirname, normalizePath } from '../vfs/fs.js';

export class GoPathError extends Error {
  constructor(
    readonly op: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${op} ${path}: ${reason}`);
  }
}

function reasonOf(e: unknown): string {
  if (e instanceof VfsError) return e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EACCES' ? 'permission denied' : e.reason.toLowerCase();
  throw e;
}

/** Go file operations on the process's host, relative paths against its cwd. */
export class GoFs {
  constructor(readonly ctx: ProcessContext) {}

  abs(path: string): string {
    return normalizePath(path, this.ctx.cwd);
  }

  read(path: string, op = 'open'): string {
    try {
      return this.ctx.host.fs.readFile(this.abs(path), this.ctx.cred);
    } catch (e) {
      throw new GoPathError(op, path, reasonOf(e));
    }
  }

  exists(path: string): boolean {
    return this.ctx.host.fs.exists(this.abs(path), this.ctx.cred);
  }

  isDir(path: string): boolean {
    return this.ctx.host.fs.isDir(this.abs(path), this.ctx.cred);
  }

  stat(path: string): void {
    try {
      this.ctx.host.fs.stat(this.abs(path), this.ctx.cred);
    } catch (e) {
      throw new GoPathError('stat', path, reasonOf(e));
    }
  }

  write(path: string, content: string, mode: number, op = 'open'): void {
    const fs = this.ctx.host.fs;
    const abs = this.abs(path);
    try {
      const existed = fs.exists(abs, this.ctx.cred);
      fs.writeFile(abs, content, existed ? { mode } : { mode, uid: this.ctx.cred.uid, gid: this.ctx.cred.gid }, this.ctx.cred);
    } catch (e) {
      throw new GoPathError(op, path, reasonOf(e));
    }
  }

  /** os.MkdirAll with a mode, each created directory owned by the caller. */
  mkdirAll(path: string, mode: number): void {
    const abs = this.abs(path);
    const fs = this.ctx.host.fs;
    if (fs.isDir(abs, this.ctx.cred)) return;
    if (abs !== '/') this.mkdirAll(dirname(abs), 0o755);
    try {
      fs.mkdir(abs, { mode, uid: this.ctx.cred.uid, gid: this.ctx.cred.gid }, this.ctx.cred);
    } catch (e) {
      throw new GoPathError('mkdir', path, reasonOf(e));
    }
  }

  rename(from: string, to: string): void {
    try {
      this.ctx.host.fs.rename(this.abs(from), this.abs(to), this.ctx.cred);
    } catch (e) {
      throw new GoPathError('rename', `${from} ${to}`, reasonOf(e));
    }
  }

  remove(path: string): void {
    try {
      this.ctx.host.fs.unlink(this.abs(path), this.ctx.cred);
    } catch {
      // os.RemoveAll ignores what is already gone
    }
  }

  readdir(path: string): string[] {
    try {
      return this.ctx.host.fs.readdir(this.abs(path), this.ctx.cred);
    } catch (e) {
      throw new GoPathError('open', path, reasonOf(e));
    }
  }
}
