/**
 * bash and sh as programs: `bash -c 'cmd'`, `bash script.sh args`, a script on stdin
 * (`echo 'ls' | bash`), or, with nothing to run, a nested interactive shell until `exit`.
 */
import { normalizePath } from '../../vfs/fs.js';
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { ExitSignal, ReturnSignal } from '../interpreter/signals.js';
import { newShell } from '../login.js';

const VERSION = 'GNU bash, version 5.1.16(1)-release (x86_64-pc-linux-gnu)';

interface Invocation {
  command?: string;
  operands: string[];
  login: boolean;
}

function parse(args: readonly string[]): Invocation | string {
  const inv: Invocation = { operands: [], login: false };
  let i = 0;
  let commandMode = false;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (a === '--login') inv.login = true;
    else if (a === '--version') return 'version';
    else if (a.startsWith('--')) continue;
    else if (/^[-+]o$/.test(a)) i++;
    else if (/^[-+][a-zA-Z]+$/.test(a)) {
      if (a.includes('c') && a.startsWith('-')) commandMode = true;
      if (a.includes('l') && a.startsWith('-')) inv.login = true;
    } else break;
  }
  inv.operands = args.slice(i);
  if (commandMode) {
    if (inv.operands.length === 0) return '-c: option requires an argument';
    inv.command = inv.operands.shift();
  }
  return inv;
}

async function runChild(ctx: BuiltinContext, source: string, arg0: string, positional: string[], login: boolean): Promise<number> {
  const state = newShell({
    host: ctx.host,
    account: ctx.account,
    pid: ctx.runtime.session.newPid(),
    login,
    interactive: false,
    cwd: login ? undefined : ctx.cwd,
    env: ctx.env,
  });
  state.arg0 = arg0;
  state.positional = positional;
  try {
    return await ctx.runSource(source, { state, depth: 1 });
  } catch (e) {
    if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.status;
    throw e;
  }
}

function shellProgram(name: 'bash' | 'sh'): Builtin {
  return {
    program: true,
    binary: `/usr/bin/${name}`,
    async run(ctx) {
      const inv = parse(ctx.args);
      if (inv === 'version') {
        ctx.stdout.write(`${VERSION}\n`);
        return 0;
      }
      if (typeof inv === 'string') {
        ctx.stderr.write(`${name}: ${inv}\n`);
        return 2;
      }
      if (inv.command !== undefined) return runChild(ctx, inv.command, inv.operands[0] ?? name, inv.operands.slice(1), inv.login);
      const script = inv.operands[0];
      if (script !== undefined) {
        const path = normalizePath(script, ctx.cwd);
        let text: string;
        try {
          text = ctx.host.fs.readFile(path, ctx.cred);
        } catch (e) {
          const reason = (e as { reason?: string }).reason ?? 'No such file or directory';
          ctx.stderr.write(`${name}: ${script}: ${reason}\n`);
          return reason === 'No such file or directory' ? 127 : 126;
        }
        return runChild(ctx, text, script, inv.operands.slice(1), inv.login);
      }
      if (ctx.stdin !== '') return runChild(ctx, ctx.input.readAll(), name, [], inv.login);
      const state = newShell({
        host: ctx.host,
        account: ctx.account,
        pid: ctx.runtime.session.newPid(),
        login: inv.login,
        interactive: true,
        cwd: inv.login ? undefined : ctx.cwd,
        env: ctx.env,
      });
      await ctx.runtime.session.pushLogin({ state }, ctx.exec.io);
      return 0;
    },
  };
}

export const bash = shellProgram('bash');
export const sh = shellProgram('sh');
