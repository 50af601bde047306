import { describe, expect, it } from 'vitest';
import { fakeCat, recorder, session } from './helpers.js';

describe('heredocs and here-strings', () => {
  it('pipes an expanded heredoc into kubectl apply -f -', async () => {
    const kubectl = recorder('pod/web created\n');
    const t = session({ kubectl: kubectl.program });
    await t.run('NS=shop');
    const r = await t.run('cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nmetadata:\n  namespace: $NS\n  name: web-$((1+1))\nEOF');
    expect(r).toEqual({ stdout: 'pod/web created\n', stderr: '', status: 0 });
    expect(kubectl.calls[0]!.argv).toEqual(['kubectl', 'apply', '-f', '-']);
    expect(kubectl.calls[0]!.stdin).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: shop\n  name: web-2\n');
  });

  it('feeds a heredoc straight to the command (`kubectl apply -f - <<EOF`)', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run("kubectl apply -f - <<'EOF'\nvalue: $NOT_EXPANDED `nor this`\nEOF");
    expect(kubectl.calls[0]!.stdin).toBe('value: $NOT_EXPANDED `nor this`\n');
  });

  it('strips leading tabs, not spaces, with <<-', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('kubectl apply -f - <<-EOF\n\t\tkind: Pod\n\t  spec: {}\n\tEOF');
    expect(kubectl.calls[0]!.stdin).toBe('kind: Pod\n  spec: {}\n');
  });

  it('warns like bash when the delimiter never comes, and still runs', async () => {
    const t = session();
    const r = await t.run('cat <<EOF\nfirst line');
    expect(r.stdout).toBe('first line');
    expect(r.stderr).toBe("bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n");
  });

  it('passes a here-string with a trailing newline', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('x=world; kubectl create -f - <<< "hello $x"');
    expect(kubectl.calls[0]!.stdin).toBe('hello world\n');
  });
});

describe('variables, aliases and word splitting', () => {
  it('splits $do into separate arguments after an alias (the exam idiom)', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('alias k=kubectl');
    await t.run('export do="--dry-run=client -o yaml"');
    await t.run('k run x --image=nginx $do > pod.yaml');
    expect(kubectl.calls[0]!.argv).toEqual(['kubectl', 'run', 'x', '--image=nginx', '--dry-run=client', '-o', 'yaml']);
    expect(kubectl.calls[0]!.env.get('do')).toBe('--dry-run=client -o yaml');
    expect(t.host.fs.readFile('/home/candidate/pod.yaml')).toBe('');
  });

  it('keeps a quoted expansion as one argument', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('sel="app=web, tier in (a,b)"; kubectl get pods -l "$sel" -o \'jsonpath={.items[*].metadata.name}\'');
    expect(kubectl.calls[0]!.argv).toEqual(['kubectl', 'get', 'pods', '-l', 'app=web, tier in (a,b)', '-o', 'jsonpath={.items[*].metadata.name}']);
  });

  it('gives VAR=x cmd to that command only', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    const r = await t.run('KUBECONFIG=/etc/kubernetes/admin.conf kubectl get nodes; echo "[$KUBECONFIG]"');
    expect(kubectl.calls[0]!.env.get('KUBECONFIG')).toBe('/etc/kubernetes/admin.conf');
    expect(r.stdout).toBe('[]\n');
  });

  it('does not pass unexported variables to programs', async () => {
    const kubectl = recorder();
    const t = session({ kubectl: kubectl.program });
    await t.run('local_only=1; export shared=2; kubectl version');
    expect(kubectl.calls[0]!.env.has('local_only')).toBe(false);
    expect(kubectl.calls[0]!.env.get('shared')).toBe('2');
  });

  it('iterates over `kubectl get pods -o name` in a for loop', async () => {
    const kubectl = recorder('pod/web-1\npod/web-2\n');
    const t = session({ kubectl: kubectl.program });
    const r = await t.run('for p in $(kubectl get pods -o name); do echo "delete $p"; done');
    expect(r.stdout).toBe('delete pod/web-1\ndelete pod/web-2\n');
  });

  it('runs $(...) inside double quotes without splitting its output', async () => {
    const kubectl = recorder('a  b\nc\n\n');
    const t = session({ kubectl: kubectl.program });
    const r = await t.run('echo "[$(kubectl get pods)]"');
    expect(r.stdout).toBe('[a  b\nc]\n');
  });

  it('expands special parameters harmlessly at the prompt', async () => {
    const t = session();
    const r = await t.run('echo "$#|$@|$0" $$');
    expect(r.stdout).toMatch(/^0\|\|bash \d+\n$/);
  });

  it('expands ~ and ~user from the host accounts', async () => {
    const t = session();
    expect((await t.run('echo ~ ~/x ~root ~candidate/.kube x=~/y ~nobody')).stdout).toBe(
      '/home/candidate /home/candidate/x /root /home/candidate/.kube x=/home/candidate/y ~nobody\n',
    );
  });

  it('expands globs against the host filesystem relative to cwd', async () => {
    const t = session();
    const fs = t.host.fs;
    fs.writeFile('/etc/kubernetes/manifests/etcd.yaml', '', { parents: true });
    fs.writeFile('/etc/kubernetes/manifests/kube-apiserver.yaml', '', { parents: true });
    expect((await t.run('echo /etc/kubernetes/manifests/kube-*.yaml')).stdout).toBe('/etc/kubernetes/manifests/kube-apiserver.yaml\n');
    expect((await t.run('cd /etc/kubernetes && echo manifests/* none/*')).stdout).toBe('manifests/etcd.yaml manifests/kube-apiserver.yaml none/*\n');
  });
});

describe('redirections', () => {
  it('refuses to write where the user may not, without running the command', async () => {
    const kubectl = recorder('data');
    const t = session({ kubectl: kubectl.program });
    const r = await t.run('kubectl get cm -o yaml > /etc/x');
    expect(r).toEqual({ stdout: '', stderr: 'bash: /etc/x: Permission denied\n', status: 1 });
    expect(kubectl.calls).toHaveLength(0);
    expect(t.host.fs.exists('/etc/x')).toBe(false);
  });

  it('writes files as the user, appends with >>, and reports missing directories', async () => {
    const t = session();
    await t.run('echo one > out.txt; echo two >> out.txt');
    expect(t.host.fs.readFile('/home/candidate/out.txt')).toBe('one\ntwo\n');
    expect(t.host.fs.stat('/home/candidate/out.txt').uid).toBe(1000);
    expect((await t.run('echo x > nodir/out.txt')).stderr).toBe('bash: nodir/out.txt: No such file or directory\n');
  });

  it('routes stderr with 2>, 2>>, 2>&1, >&2, &> and &>>', async () => {
    const noisy = (ctx: import('../../src/shell/types.js').ProcessContext) => {
      ctx.stdout.write('out\n');
      ctx.stderr.write('err\n');
      return 0;
    };
    const t = session({ noisy });
    expect(await t.run('noisy 2>/dev/null')).toEqual({ stdout: 'out\n', stderr: '', status: 0 });
    expect(await t.run('noisy 2>&1 >/dev/null')).toEqual({ stdout: 'err\n', stderr: '', status: 0 });
    expect(await t.run('noisy >/dev/null 2>&1')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await t.run('echo moved >&2')).toEqual({ stdout: '', stderr: 'moved\n', status: 0 });
    await t.run('noisy 2> e.txt; noisy 2>> e.txt; noisy &> both.txt; noisy &>> both.txt');
    expect(t.host.fs.readFile('/home/candidate/e.txt')).toBe('err\nerr\n');
    expect(t.host.fs.readFile('/home/candidate/both.txt')).toBe('out\nerr\nout\nerr\n');
    expect((await t.run('noisy 2>&1 | cat')).stdout).toBe('out\nerr\n');
    expect((await t.run('noisy |& cat')).stdout).toBe('out\nerr\n');
  });

  it('reads stdin from a file and reports a missing one', async () => {
    const t = session();
    t.host.fs.writeFile('/home/candidate/in.txt', 'content\n', { uid: 1000, gid: 1000 });
    expect((await t.run('cat < in.txt')).stdout).toBe('content\n');
    expect(await t.run('cat < nope.txt')).toEqual({ stdout: '', stderr: 'bash: nope.txt: No such file or directory\n', status: 1 });
  });
});

describe('commands, status and errors', () => {
  it('reports an unknown command with 127 and keeps $?', async () => {
    const t = session();
    expect(await t.run('kubecttl get pods')).toEqual({ stdout: '', stderr: 'bash: kubecttl: command not found\n', status: 127 });
    expect((await t.run('echo $?')).stdout).toBe('127\n');
  });

  it('refuses a file without the execute bit (126) and runs an executable script', async () => {
    const t = session();
    t.host.fs.writeFile('/home/candidate/x.sh', '#!/bin/bash\necho "args: $# $1"\nexit 5\n', { uid: 1000, gid: 1000 });
    expect(await t.run('./x.sh')).toEqual({ stdout: '', stderr: 'bash: ./x.sh: Permission denied\n', status: 126 });
    t.host.fs.chmod('/home/candidate/x.sh', 0o755);
    expect(await t.run('./x.sh first second')).toEqual({ stdout: 'args: 2 first\n', stderr: '', status: 5 });
    expect(await t.run('bash x.sh one')).toEqual({ stdout: 'args: 1 one\n', stderr: '', status: 5 });
  });

  it('finds executable scripts on PATH and refuses directories', async () => {
    const t = session();
    t.host.fs.writeFile('/usr/local/bin/hello', 'echo hello from $0\n', { mode: 0o755 });
    expect((await t.run('hello')).stdout).toBe('hello from hello\n');
    expect((await t.run('/tmp')).stderr).toBe('bash: /tmp: Is a directory\n');
  });

  it('runs a program by its install path', async () => {
    const kubectl = recorder('ok\n');
    const t = session({ kubectl: kubectl.program });
    expect((await t.run('/usr/bin/kubectl version; /bin/kubectl version')).stdout).toBe('ok\nok\n');
  });

  it('treats a throwing program as a crash, not as a shell failure', async () => {
    const t = session({
      broken: () => {
        throw new Error('boom');
      },
    });
    expect(await t.run('broken; echo after')).toEqual({ stdout: 'after\n', stderr: 'broken: boom\n', status: 0 });
  });

  it('stops an endless loop after the line budget', async () => {
    const t = session();
    const r = await t.run('while true; do :; done');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/stopped after 100000 commands/);
  });

  it('honours an aborted signal (Ctrl-C)', async () => {
    const t = session();
    const controller = new AbortController();
    controller.abort();
    const { BufferSink } = await import('../../src/shell/types.js');
    const status = await t.session.run('sleep 10; echo never', { stdout: new BufferSink(), stderr: new BufferSink(), signal: controller.signal });
    expect(status).toBe(130);
  });

  it('limits function recursion like FUNCNEST', async () => {
    const t = session();
    const r = await t.run('f() { f; }; f');
    expect(r.stderr).toBe('bash: f: maximum function nesting level exceeded (200)\n');
    expect(r.status).toBe(1);
  });

  it('runs subshells and groups with their own and shared state', async () => {
    const t = session();
    expect((await t.run('(cd /tmp; x=1); echo "$PWD [$x]"; { cd /tmp; y=2; }; echo "$PWD [$y]"')).stdout).toBe('/home/candidate []\n/tmp [2]\n');
  });

  it('runs pipeline stages in subshells', async () => {
    const t = session();
    expect((await t.run('echo 1 | read v; echo "[$v]"; cd /tmp | cat; pwd')).stdout).toBe('[]\n/home/candidate\n');
  });

  it('sets pipefail status when asked', async () => {
    const t = session();
    expect((await t.run('false | true; echo $?; set -o pipefail; false | true; echo $?')).stdout).toBe('0\n1\n');
  });

  it('reports a ${x:?} failure with status 1 at the prompt', async () => {
    const t = session();
    expect(await t.run('echo ${NS:?set the namespace first}')).toEqual({ stdout: '', stderr: 'bash: NS: set the namespace first\n', status: 1 });
  });
});

describe('process substitution', () => {
  it('accepts `source <(kubectl completion bash)` silently', async () => {
    const kubectl = recorder('# huge completion script\n');
    const t = session({ kubectl: kubectl.program });
    expect(await t.run('source <(kubectl completion bash)')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(kubectl.calls).toHaveLength(0);
  });

  it('reads <(cmd) as a file that disappears after the line', async () => {
    const t = session({ cat: fakeCat });
    expect((await t.run('cat <(echo hi) <(echo there); echo <(true)')).stdout).toMatch(/^hi\nthere\n\/dev\/fd\/\d+\n$/);
    expect(t.host.fs.readdir('/dev/fd')).toEqual([]);
  });
});
