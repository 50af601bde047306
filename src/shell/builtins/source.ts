/**
 * source / . and eval: run text in the current shell. Completion scripts
 * (/etc/bash_completion, `<(kubectl completion bash)`) succeed silently: the simulated terminal
 * has no readline to feed them.
 */
import { normalizePath } from '../../vfs/fs.js';
import { access, R_OK } from '../interpreter/access.js';
import { DEFAULT_PATH } from '../interpreter/resolve.js';
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { ReturnSignal } from '../interpreter/signals.js';
import { FUNCNEST } from '../interpreter/command.js';

export const COMPLETION_FILES = new Set(['/etc/bash_completion', '/usr/share/bash-completion/bash_completion', '/etc/profile.d/bash_completion.sh']);

export const source: Builtin = {
  async run(ctx) {
    const [file, ...args] = ctx.args[0] === '--' ? ctx.args.slice(1) : ctx.args;
    if (file === undefined) {
      ctx.error('filename argument required');
      ctx.stderr.write(`${ctx.argv[0]}: usage: ${ctx.argv[0]} filename [arguments]\n`);
      return 2;
    }
    const path = locate(ctx, file);
    if (COMPLETION_FILES.has(path)) return 0;
    const { fs } = ctx.host;
    if (!fs.exists(path, ctx.cred)) {
      ctx.stderr.write(`bash: ${file}: No such file or directory\n`);
      return 1;
    }
    if (fs.isDir(path, ctx.cred)) {
      ctx.error(`${file}: is a directory`);
      return 1;
    }
    if (!access(fs, path, ctx.cred, R_OK)) {
      ctx.stderr.write(`bash: ${file}: Permission denied\n`);
      return 1;
    }
    return runNested(ctx, fs.readFile(path, ctx.cred), args.length > 0 ? args : undefined);
  },
};

/** bash looks a name without a slash up in PATH first, then in the current directory. */
function locate(ctx: BuiltinContext, file: string): string {
  if (file.includes('/')) return normalizePath(file, ctx.cwd);
  const path = ctx.shell.isSet('PATH') ? (ctx.shell.get('PATH') ?? '') : DEFAULT_PATH;
  for (const dir of path.split(':').filter(Boolean)) {
    const candidate = normalizePath(`${dir}/${file}`, ctx.cwd);
    if (ctx.host.fs.isFile(candidate, ctx.cred)) return candidate;
  }
  return normalizePath(file, ctx.cwd);
}

async function runNested(ctx: BuiltinContext, text: string, positional?: string[]): Promise<number> {
  if (ctx.exec.depth >= FUNCNEST) {
    ctx.error(`maximum source nesting level exceeded (${FUNCNEST})`);
    return 1;
  }
  const sh = ctx.shell;
  const saved = sh.positional;
  if (positional) sh.positional = positional;
  try {
    return await ctx.runSource(text, { depth: 1 });
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    if (positional) sh.positional = saved;
  }
}

export const evalBuiltin: Builtin = {
  run(ctx) {
    if (ctx.exec.depth >= FUNCNEST) {
      ctx.error(`maximum eval nesting level exceeded (${FUNCNEST})`);
      return 1;
    }
    return ctx.runSource(ctx.args.join(' '), { depth: 1 });
  },
};
