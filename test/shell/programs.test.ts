import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/shell/types.js';
import { recorder, session } from './helpers.js';

/** A tiny xargs: one spawn per input line, like `xargs -n1`. */
const xargs: Program = async (ctx) => {
  const [cmd = 'echo', ...fixed] = ctx.argv.slice(1);
  if (ctx.lookPath && ctx.lookPath(cmd) === undefined) {
    ctx.stderr.write(`xargs: ${cmd}: No such file or directory\n`);
    return 127;
  }
  let status = 0;
  for (const word of ctx.stdin.split(/\s+/).filter(Boolean)) status = (await ctx.spawn([cmd, ...fixed, word])) || status;
  return status;
};

describe('ProcessContext.spawn', () => {
  it('runs programs, the shell binaries and scripts, never shell-only builtins', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program, xargs });
    await t.run('printf "pod/a\\npod/b\\n" | xargs kubectl delete');
    expect(kubectl.calls.map((c) => c.argv)).toEqual([
      ['kubectl', 'delete', 'pod/a'],
      ['kubectl', 'delete', 'pod/b'],
    ]);
    expect((await t.run('echo a b | xargs echo x')).stdout).toBe('x a\nx b\n');
    expect(await t.run('echo /tmp | xargs cd')).toEqual({ stdout: '', stderr: 'xargs: cd: No such file or directory\n', status: 127 });
  });

  it('runs as the given account and environment', async () => {
    const kubectl = recorder();
    const runAsRoot: Program = (ctx) => ctx.spawn(['kubectl', 'version'], { account: ctx.host.account('root')!, env: new Map([['A', '1']]) });
    const t = session({ kubectl: kubectl.program, runAsRoot });
    await t.run('runAsRoot');
    expect(kubectl.calls[0]).toMatchObject({ user: 'root', argv: ['kubectl', 'version'] });
    expect([...kubectl.calls[0]!.env]).toEqual([['A', '1']]);
  });

  it('returns 127 silently for a missing program', async () => {
    const probe: Program = async (ctx) => {
      ctx.stdout.write(`${await ctx.spawn(['nope'])}\n`);
      return 0;
    };
    expect(await session({ probe }).run('probe')).toEqual({ stdout: '127\n', stderr: '', status: 0 });
  });

  it('resolves paths against cwd and home', async () => {
    const where: Program = (ctx) => {
      ctx.stdout.write([ctx.resolve('x'), ctx.resolve('~/y'), ctx.resolve('../z')].join(' ') + '\n');
      return 0;
    };
    expect((await session({ where }).run('cd /etc && where')).stdout).toBe('/etc/x /home/candidate/y /z\n');
  });
});

describe('env and which', () => {
  it('prints and changes the environment of a command', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('env -i ONLY=1 kubectl get pods');
    expect([...kubectl.calls[0]!.env]).toEqual([['ONLY', '1']]);
    expect((await t.run('export X=1; env')).stdout).toContain('X=1\n');
    expect(await t.run('env nope')).toEqual({ stdout: '', stderr: 'env: ‘nope’: No such file or directory\n', status: 127 });
  });
});
