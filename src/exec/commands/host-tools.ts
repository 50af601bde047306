/**
 * The workstation's text tools (src/tools) inside containers: sort, uniq, tr, cut, tac, rev,
 * nl, paste, column and the checksum programs run on the container's files through a small
 * filesystem adapter, as the same coreutils would in a Debian image. Only tools that finish
 * synchronously can run in a container process (which advances on the virtual clock without
 * awaiting), so sed, awk and find stay with the node's own container programs.
 */
import { FsError, type ContainerFs } from '../../node/container-fs.js';
import type { CommandCtx, CommandFn, Gen } from '../../node/apps/script/interpreter.js';
import type { Account, Program, ProcessContext, ShellHost } from '../../shell/types.js';
import { VfsError, normalizePath, type VfsErrorCode } from '../../vfs/fs.js';
import { column } from '../../tools/column.js';
import { md5sum, sha1sum, sha256sum, sha512sum } from '../../tools/checksum.js';
import { cut } from '../../tools/cut.js';
import { nl } from '../../tools/nl.js';
import { paste } from '../../tools/paste.js';
import { sort } from '../../tools/sort.js';
import { rev, tac } from '../../tools/tac.js';
import { tr } from '../../tools/tr.js';
import { uniq } from '../../tools/uniq.js';

function vfsError(e: unknown, path: string): unknown {
  if (!(e instanceof FsError)) return e;
  const code: VfsErrorCode = e.code === 'EROFS' ? 'EACCES' : e.code;
  return new VfsError(code, path);
}

/** The part of VirtualFS the bridged tools use, over a container's filesystem. */
function fsAdapter(fs: ContainerFs) {
  const wrap = <T>(path: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw vfsError(e, path);
    }
  };
  return {
    exists: (p: string) => fs.exists(p),
    isFile: (p: string) => fs.isFile(p),
    isDir: (p: string) => fs.isDir(p),
    readFile: (p: string) => wrap(p, () => fs.read(p)),
    readFileIfExists: (p: string) => (fs.isFile(p) ? fs.read(p) : undefined),
    writeFile: (p: string, content: string) => wrap(p, () => fs.write(p, content)),
    appendFile: (p: string, content: string) => wrap(p, () => fs.write(p, content, true)),
    readdir: (p: string) => wrap(p, () => fs.list(p)),
  };
}

/** Runs a workstation Program as a container command. */
function bridge(program: Program): CommandFn {
  // eslint-disable-next-line require-yield
  return function* (ctx: CommandCtx): Gen {
    const { uid, gid, groups } = ctx.host.identity;
    const account: Account = { name: uid === 0 ? 'root' : String(uid), uid, gid, home: ctx.env.get('HOME') ?? '/', shell: '/bin/sh', groups };
    const host = {
      hostname: ctx.host.hostname,
      fs: fsAdapter(ctx.host.fs),
      programs: { get: () => undefined, pathOf: () => undefined, names: () => [] },
      account: () => undefined,
      accountById: () => undefined,
      groupName: () => undefined,
    } as unknown as ShellHost;
    const proc: ProcessContext = {
      argv: ctx.argv,
      stdin: ctx.stdin,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      env: new Map(ctx.env),
      cwd: ctx.cwd,
      account,
      cred: { uid, gid, groups },
      host,
      signal: new AbortController().signal,
      sleep: async () => undefined,
      editor: { edit: async () => ({ ok: false, error: 'no editor' }) },
      spawn: async () => 127,
      resolve: (p) => normalizePath(p, ctx.cwd),
    };
    const status = program(proc);
    if (typeof status !== 'number') {
      ctx.stderr.write(`${ctx.argv[0]}: cannot run here\n`);
      return 126;
    }
    return status;
  };
}

/** Bridged tools, by the names images ship them under. */
export const HOST_TOOLS: Record<string, CommandFn> = {
  sort: bridge(sort),
  uniq: bridge(uniq),
  tr: bridge(tr),
  cut: bridge(cut),
  tac: bridge(tac),
  rev: bridge(rev),
  nl: bridge(nl),
  paste: bridge(paste),
  column: bridge(column),
  md5sum: bridge(md5sum),
  sha1sum: bridge(sha1sum),
  sha256sum: bridge(sha256sum),
  sha512sum: bridge(sha512sum),
};
