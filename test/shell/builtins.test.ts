import { describe, expect, it } from 'vitest';
import { recorder, session } from './helpers.js';

describe('cd and pwd', () => {
  it('goes home, back with cd -, and updates PWD/OLDPWD', async () => {
    const t = session();
    expect((await t.run('cd /etc; cd; pwd; cd /tmp; cd -; echo $PWD $OLDPWD')).stdout).toBe('/home/candidate\n/home/candidate\n/home/candidate /tmp\n');
  });

  it.each([
    ['cd /x', 'bash: cd: /x: No such file or directory\n'],
    ['cd /etc/passwd', 'bash: cd: /etc/passwd: Not a directory\n'],
    ['cd /root', 'bash: cd: /root: Permission denied\n'],
    ['cd /a /b', 'bash: cd: too many arguments\n'],
  ])('%s fails like bash', async (line, stderr) => {
    const t = session();
    expect(await t.run(line)).toEqual({ stdout: '', stderr, status: 1 });
    expect(t.session.cwd).toBe('/home/candidate');
  });

  it('says OLDPWD not set before any cd', async () => {
    expect((await session().run('cd -')).stderr).toBe('bash: cd: OLDPWD not set\n');
  });
});

describe('export, unset, alias', () => {
  it('lists exported variables as declare -x, sorted', async () => {
    const t = session();
    const out = (await t.run('export ZZ=\'a "q" $x\' AA; export -p')).stdout;
    expect(out).toContain('declare -x AA\n');
    expect(out).toContain('declare -x ZZ="a \\"q\\" \\$x"\n');
    expect(out).toContain('declare -x HOME="/home/candidate"\n');
    const names = out.split('\n').filter(Boolean).map((l) => l.split(/[ =]/)[2]);
    expect(names).toEqual([...names].sort());
  });

  it('rejects invalid names', async () => {
    expect(await session().run('export 1x=2')).toEqual({ stdout: '', stderr: "bash: export: `1x=2': not a valid identifier\n", status: 1 });
  });

  it('unsets variables and functions', async () => {
    const t = session();
    expect((await t.run('x=1; f() { echo f; }; unset x; unset -f f; echo "[$x]"; f')).stderr).toBe('bash: f: command not found\n');
  });

  it('defines, lists and removes aliases as bash prints them', async () => {
    const t = session();
    await t.run("alias k=kubectl kn='kubectl -n kube-system' q=\"it's\"");
    expect((await t.run('alias')).stdout).toBe("alias k='kubectl'\nalias kn='kubectl -n kube-system'\nalias q='it'\\''s'\n");
    expect((await t.run('alias k')).stdout).toBe("alias k='kubectl'\n");
    expect(await t.run('unalias k; alias k')).toEqual({ stdout: '', stderr: 'bash: alias: k: not found\n', status: 1 });
    expect((await t.run('unalias nope')).stderr).toBe('bash: unalias: nope: not found\n');
  });
});

describe('type, command -v, which', () => {
  it('describes aliases, keywords, functions, builtins and files', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('alias k=kubectl; f() { echo hi; }');
    const r = await t.run('type k if cd kubectl sudo f nope');
    expect(r.stdout).toBe("k is aliased to `kubectl'\nif is a shell keyword\ncd is a shell builtin\nkubectl is /usr/bin/kubectl\nsudo is /usr/bin/sudo\nf is a function\nf() {\n  echo hi\n}\n");
    expect(r.stderr).toBe('bash: type: nope: not found\n');
    expect(r.status).toBe(1);
  });

  it('prints what command -v finds and nothing for a missing name', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('alias k=kubectl');
    expect(await t.run('command -v k cd kubectl vim')).toEqual({ stdout: "alias k='kubectl'\ncd\n/usr/bin/kubectl\n/usr/bin/vim\n", stderr: '', status: 0 });
    expect(await t.run('command -v nope')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect((await t.run('which kubectl bash sleep')).stdout).toBe('/usr/bin/kubectl\n/usr/bin/bash\n/usr/bin/sleep\n');
  });

  it('runs `command x` without functions', async () => {
    const t = session();
    expect((await t.run('echo() { builtin echo wrapped; }; echo a; command echo b')).stdout).toBe('wrapped\nb\n');
  });
});

describe('history', () => {
  it('numbers lines like bash, including the history command itself', async () => {
    const t = session();
    await t.run('echo one');
    await t.run('   ');
    await t.run('echo two');
    expect((await t.run('history')).stdout).toBe('    1  echo one\n    2  echo two\n    3  history\n');
    expect((await t.run('history 2')).stdout).toBe('    3  history\n    4  history 2\n');
    await t.run('history -c');
    expect((await t.run('history')).stdout).toBe('    1  history\n');
  });

  it('expands !!, !$ and !prefix, echoing the result', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('kubectl get pods -n shop');
    const r = await t.run('sudo !!');
    expect(r.stderr).toBe('sudo kubectl get pods -n shop\n');
    expect(kubectl.calls[1]).toMatchObject({ argv: ['kubectl', 'get', 'pods', '-n', 'shop'], user: 'root' });
    expect((await t.run('echo !$')).stdout).toBe('shop\n');
    expect((await t.run('!kub')).stderr).toBe('kubectl get pods -n shop\n');
    expect(await t.run('!nothing')).toEqual({ stdout: '', stderr: 'bash: !nothing: event not found\n', status: 1 });
    expect((await t.run("echo '!!' x!")).stdout).toBe('!! x!\n');
  });
});

describe('source, eval, complete', () => {
  it('sources a file into the current shell with arguments', async () => {
    const t = session();
    t.host.fs.writeFile('/home/candidate/env.sh', 'export NS=$1\nalias k=kubectl\ncd /tmp\n', { uid: 1000, gid: 1000 });
    expect((await t.run('source ./env.sh shop; echo $NS; . ~/env.sh dev; echo $NS $PWD; alias k')).stdout).toBe("shop\ndev /tmp\nalias k='kubectl'\n");
  });

  it('fails like bash for missing files and arguments', async () => {
    const t = session();
    expect(await t.run('source nope.sh')).toEqual({ stdout: '', stderr: 'bash: nope.sh: No such file or directory\n', status: 1 });
    expect(await t.run('source')).toEqual({
      stdout: '',
      stderr: 'bash: source: filename argument required\nsource: usage: source filename [arguments]\n',
      status: 2,
    });
  });

  it('accepts bash completion setup', async () => {
    const t = session();
    expect(await t.run('source /etc/bash_completion && complete -o default -F __start_kubectl k && complete -p')).toEqual({
      stdout: 'complete -o default -F __start_kubectl k\n',
      stderr: '',
      status: 0,
    });
  });

  it('returns from a sourced file', async () => {
    const t = session();
    t.host.fs.writeFile('/home/candidate/r.sh', 'echo before\nreturn 4\necho after\n', { uid: 1000, gid: 1000 });
    expect(await t.run('source r.sh; echo $?')).toEqual({ stdout: 'before\n4\n', stderr: '', status: 0 });
    expect((await t.run('return')).stderr).toBe("bash: return: can only `return' from a function or sourced script\n");
  });

  it('evaluates text in the current shell', async () => {
    expect((await session().run('cmd="echo a; echo b"; eval "$cmd"')).stdout).toBe('a\nb\n');
  });
});

describe('echo, printf, read, test, clear, set, sleep', () => {
  it('prints with printf -v into a variable', async () => {
    expect((await session().run('printf -v out "%03d-%s" 7 x; echo $out')).stdout).toBe('007-x\n');
  });

  it('reads stdin line by line, with IFS splitting and REPLY', async () => {
    const t = session();
    const r = await t.run('read a b; read; echo "$a|$b|$REPLY"; IFS=: read u x uid rest; echo $u $uid', 'one two three\n  raw line  \nroot:x:0:0:root:/root:/bin/bash\n');
    expect(r.stdout).toBe('one|two three|  raw line  \nroot 0\n');
  });

  it('returns 1 from read at end of input', async () => {
    expect((await session().run('read x; echo $?', '')).stdout).toBe('1\n');
  });

  it('reports test errors with status 2', async () => {
    const t = session();
    expect(await t.run('[ 1 -eq a ]')).toEqual({ stdout: '', stderr: 'bash: [: a: integer expression expected\n', status: 2 });
    expect(await t.run('[ -f x')).toEqual({ stdout: '', stderr: "bash: [: missing `]'\n", status: 2 });
    expect(await t.run('test a b')).toEqual({ stdout: '', stderr: 'bash: test: a: unary operator expected\n', status: 2 });
  });

  it('checks file permissions as the user', async () => {
    const t = session();
    expect((await t.run('[ -r /etc/passwd ] && echo r; [ -w /etc/passwd ] || echo not-w; [ -x /root ] || echo not-x')).stdout).toBe('r\nnot-w\nnot-x\n');
  });

  it('clears the screen', async () => {
    expect((await session().run('clear')).stdout).toBe('\x1b[H\x1b[2J');
  });

  it('accepts set and shopt options harmlessly', async () => {
    expect(await session().run('set -euo pipefail; shopt -s expand_aliases histappend; set +e; echo ok')).toEqual({ stdout: 'ok\n', stderr: '', status: 0 });
  });

  it('sleeps in virtual time', async () => {
    const t = session();
    const start = t.clock.now();
    expect(await t.run('sleep 45; sleep 1m 0.5')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(t.clock.now() - start).toBe(105_500);
    expect((await t.run('sleep x')).stderr).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n");
  });

  it('exits with a numeric status or complains', async () => {
    const t = session();
    expect(await t.run('(exit 300); echo $?; (exit abc); echo $?')).toEqual({ stdout: '44\n2\n', stderr: 'bash: exit: abc: numeric argument required\n', status: 0 });
  });
});
