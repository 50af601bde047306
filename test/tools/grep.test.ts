import { describe, expect, it } from 'vitest';
import { makeWorld, oracleTable, run } from './harness.js';

const pods = [
  'NAME                      READY   STATUS             RESTARTS   AGE',
  'nginx-7c5ddbdf54-2xkqz    1/1     Running            0          5m',
  'nginx-7c5ddbdf54-8hj2k    0/1     CrashLoopBackOff   4          5m',
  'redis-0                   1/1     Running            0          2d',
  'api-6f7b9c-xx             0/1     ImagePullBackOff   0          1m',
].join('\n') + '\n';

const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-scheduler
    - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    - --leader-elect=true
    image: registry.k8s.io/kube-scheduler:v1.33.0
`;

const files = {
  pods,
  'm.yaml': manifest,
  'letters': 'a\nb\nx\nc\nd\ne\nx\nf\ng\nh\ni\nx\n',
  'words': 'foo bar\nfoobar\nbar_foo\nFOO\nfoo-bar\n',
  'noeol': 'last line without newline x',
  'dir/sub/one.conf': 'key=value\nx=1\n',
  'pats': 'Running\nBackOff\n',
  'empty': '',
  'bin': 'a\0b\nxx\n',
  'a b': 'x y\n',
};

oracleTable('grep matches GNU grep', [
  { argv: ['grep', 'Running', 'pods'], files },
  { argv: ['grep', '-v', 'Running', 'pods'], files },
  { argv: ['grep', '-c', 'Running', 'pods'], files },
  { argv: ['grep', '-n', 'BackOff', 'pods'], files },
  { argv: ['grep', '-i', 'running', 'pods'], files },
  { argv: ['grep', '-E', 'Crash|Image', 'pods'], files },
  { argv: ['grep', 'Crash\\|Image', 'pods'], files },
  { argv: ['grep', '-e', 'redis', '-e', 'api', 'pods'], files },
  { argv: ['grep', '-f', 'pats', 'pods'], files },
  { argv: ['grep', '-F', '1/1', 'pods'], files },
  { argv: ['grep', '-o', '[0-9]/[0-9]', 'pods'], files },
  { argv: ['grep', '-on', 'kube[a-z-]*', 'm.yaml'], files },
  { argv: ['grep', '-ob', 'x', 'letters'], files },
  { argv: ['grep', '-w', 'foo', 'words'], files },
  { argv: ['grep', '-x', 'foobar', 'words'], files },
  { argv: ['grep', '-wc', 'bar', 'words'], files },
  { argv: ['grep', 'image:', 'm.yaml'], files },
  { argv: ['grep', '-E', '^\\s+- --(kube|bind)', 'm.yaml'], files },
  { argv: ['grep', '^  [a-z]*:', 'm.yaml'], files },
  { argv: ['grep', '-A1', 'x', 'letters'], files },
  { argv: ['grep', '-B2', 'x', 'letters'], files },
  { argv: ['grep', '-C1', '-n', 'x', 'letters'], files },
  { argv: ['grep', '-2', 'x', 'letters'], files },
  { argv: ['grep', '-A', '0', 'x', 'letters'], files },
  { argv: ['grep', '-A1', 'x', 'letters', 'letters'], files },
  { argv: ['grep', '--no-group-separator', '-A1', 'x', 'letters'], files },
  { argv: ['grep', '--group-separator=##', '-B1', 'x', 'letters'], files },
  { argv: ['grep', '-m1', '-A2', 'x', 'letters'], files },
  { argv: ['grep', '-m', '2', 'x', 'letters'], files },
  { argv: ['grep', 'x', 'letters', 'words', 'noeol'], files },
  { argv: ['grep', '-h', 'x', 'letters', 'noeol'], files },
  { argv: ['grep', '-H', 'Running', 'pods'], files },
  { argv: ['grep', '-c', 'x', 'letters', 'words'], files },
  { argv: ['grep', '-l', 'x', 'letters', 'words', 'noeol'], files },
  { argv: ['grep', '-L', 'x', 'letters', 'words', 'noeol'], files },
  { argv: ['grep', '-q', 'x', 'letters'], files },
  { argv: ['grep', '-q', 'zzz', 'letters'], files },
  { argv: ['grep', '-q', 'x', 'missing', 'letters'], files },
  { argv: ['grep', 'x', 'missing', 'letters'], files },
  { argv: ['grep', '-s', 'x', 'missing'], files },
  { argv: ['grep', 'x', 'dir'], files },
  { argv: ['grep', '-r', 'x=', 'dir'], files },
  { argv: ['grep', '-rn', 'key', 'dir/'], files },
  { argv: ['grep', '-rh', 'key', 'dir'], files },
  { argv: ['grep', '-rl', 'key', 'dir'], files },
  { argv: ['grep', '-r', '--include=*.yaml', 'kind', '.'], files },
  { argv: ['grep', '-r', '--exclude-dir=sub', 'key', 'dir'], files },
  { argv: ['grep', '-d', 'skip', 'x', 'dir', 'letters'], files },
  { argv: ['grep', 'x', 'bin'], files },
  { argv: ['grep', '-c', 'x', 'bin'], files },
  { argv: ['grep', '-a', 'x', 'bin'], files },
  { argv: ['grep', 'x', 'empty'], files },
  { argv: ['grep', '', 'words'], files },
  { argv: ['grep', '-e', '', '-c', 'words'], files },
  { argv: ['grep', '-f', 'empty', 'words'], files },
  { argv: ['grep', 'x', 'a b'], files },
  { argv: ['grep', '-Z', '-l', 'x', 'letters', 'noeol'], files },
  { argv: ['grep', '--color=always', '-n', 'x', 'letters', 'noeol'], files },
  { argv: ['grep', '--color=always', '-A1', 'x', 'letters'], files },
  { argv: ['grep', '--color=always', '-o', 'o', 'words'], files },
  { argv: ['grep', '--color=never', 'foo', 'words'], files },
  { argv: ['grep', '--colour=auto', 'foo', 'words'], files },
  { argv: ['grep', '\\(foo\\)-\\1', 'words'], stdin: 'foo-foo\nfoo-bar\n' },
  { argv: ['grep', '-E', '(o)\\1', 'words'], files },
  { argv: ['grep', 'a\\{2\\}'], stdin: 'a\naa\naaa\n' },
  { argv: ['grep', '-E', 'a{2,}'], stdin: 'a\naa\naaa\n' },
  { argv: ['grep', '[[:digit:]]\\+'], stdin: 'a\n12\nb3\n' },
  { argv: ['grep', '[[:upper:]]'], stdin: 'a\nB\n' },
  { argv: ['grep', '-E', '[^a-z]'], stdin: 'abc\nab1\n' },
  { argv: ['grep', '\\<bar'], files, stdin: 'foobar\nbar baz\n' },
  { argv: ['grep', 'a.c'], stdin: 'abc\na.c\nac\n' },
  { argv: ['grep', '-F', 'a.c'], stdin: 'abc\na.c\nac\n' },
  { argv: ['grep', '*a'], stdin: '*a\na\n' },
  { argv: ['grep', '-E', '*a'], stdin: '*a\nb\n' },
  { argv: ['grep', '-E', 'a{1'], stdin: 'a{1\n' },
  { argv: ['grep', 'x'], stdin: 'x\ny\nx' },
  { argv: ['grep', '-n', 'x', '-', 'letters'], files, stdin: 'x\n' },
  { argv: ['grep', '--label=foo', '-H', 'x'], stdin: 'x\n' },
  { argv: ['grep', '-v', '-c', ''], stdin: 'a\n\nb\n' },
  { argv: ['grep'] },
  { argv: ['grep', '-Y', 'x'] },
  { argv: ['grep', '--frobnicate', 'x'] },
  { argv: ['grep', '-A'] },
  { argv: ['grep', '-A', 'x', 'y'] },
  { argv: ['grep', '-m', 'x', 'y'] },
  { argv: ['grep', '-E', '-F', 'y'] },
  { argv: ['grep', '\\(a'], stdin: 'a\n' },
  { argv: ['grep', 'a\\)'], stdin: 'a\n' },
  { argv: ['grep', '-E', 'a('], stdin: 'a\n' },
  { argv: ['grep', '-E', 'a)'], stdin: 'a)\n' },
  { argv: ['grep', '[a'], stdin: 'a\n' },
  { argv: ['grep', '[:space:]'], stdin: 'a\n' },
  { argv: ['grep', '[[:nope:]]'], stdin: 'a\n' },
  { argv: ['grep', 'a\\{1'], stdin: 'a\n' },
  { argv: ['grep', 'a\\{2,1\\}'], stdin: 'a\n' },
  { argv: ['grep', '\\1'], stdin: 'a\n' },
  { argv: ['grep', 'x\\'], stdin: 'a\n' },
  { argv: ['grep', '-P', '\\d+'], stdin: 'a\n12\n' },
  { argv: ['egrep', 'a|b'], stdin: 'a\nb\nc\n' },
  { argv: ['fgrep', 'a|b'], stdin: 'a|b\nb\n' },
  { argv: ['grep', '-V'] },
]);

describe('grep on the virtual host', () => {
  it('refuses a directory it cannot read and reports exit 2', async () => {
    const world = makeWorld({ 'secret/x': 'x\n' });
    world.fs.chmod('/root/work/secret', 0o700);
    world.fs.chmod('/root/work', 0o755);
    world.fs.chmod('/root', 0o755);
    const r = await run(world, ['grep', '-r', 'x', 'secret'], { account: { name: 'candidate', uid: 1000, gid: 1000, home: '/home/candidate', shell: '/bin/bash', groups: [1000] } });
    expect(r).toEqual({ stdout: '', stderr: 'grep: secret: Permission denied\n', code: 2 });
  });

  it('skips symlinks found while recursing with -r but follows them with -R', async () => {
    const world = makeWorld({ 'd/real': 'hit\n', 'd/link': { link: 'real' } });
    expect((await run(world, ['grep', '-r', 'hit', 'd'])).stdout).toBe('d/real:hit\n');
    expect((await run(world, ['grep', '-R', 'hit', 'd'])).stdout).toBe('d/link:hit\nd/real:hit\n');
  });
});

describe('grep --help', () => {
  it('prints the usage line and our option summary', async () => {
    const r = await run(makeWorld({}), ['grep', '--help']);
    expect(r.stdout.split('\n')[0]).toBe('Usage: grep [OPTION]... PATTERNS [FILE]...');
    expect(r.stdout).toContain('-A NUM after, -B NUM before, -C NUM around');
    expect(r.code).toBe(0);
  });
});
