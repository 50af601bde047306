import { describe, expect, it } from 'vitest';
import { makeWorld, oracleTable, run } from './harness.js';

const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: kube-scheduler
spec:
  containers:
  - command:
    - kube-schedulerr
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    image: registry.k8s.io/kube-scheduler:v1.33.0
`;
const files = { 'm.yaml': manifest, nums: '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n', noeol: 'a\nb', two: 'x\ny\n', d: { dir: true as const } };

oracleTable('sed matches GNU sed', [
  { argv: ['sed', 's/kube-schedulerr/kube-scheduler/', 'm.yaml'], files },
  { argv: ['sed', 's|/etc/kubernetes|/srv|g', 'm.yaml'], files },
  { argv: ['sed', '-n', '/image:/p', 'm.yaml'], files },
  { argv: ['sed', '-n', '2,4p', 'nums'], files },
  { argv: ['sed', '-n', '$p', 'nums'], files },
  { argv: ['sed', '3q', 'nums'], files },
  { argv: ['sed', '3Q', 'nums'], files },
  { argv: ['sed', '5q7', 'nums'], files },
  { argv: ['sed', '2,8d', 'nums'], files },
  { argv: ['sed', '2,8!d', 'nums'], files },
  { argv: ['sed', '/3/,/5/d', 'nums'], files },
  { argv: ['sed', '/3/,+2d', 'nums'], files },
  { argv: ['sed', '/3/,~4d', 'nums'], files },
  { argv: ['sed', '0,/1/d', 'nums'], files },
  { argv: ['sed', '1~3d', 'nums'], files },
  { argv: ['sed', '0~4d', 'nums'], files },
  { argv: ['sed', '5,2d', 'nums'], files },
  { argv: ['sed', '-n', '/2/,/[0-9]/p', 'nums'], files },
  { argv: ['sed', '$!N;s/\\n/ /', 'nums'], files },
  { argv: ['sed', 'N;P;D', 'nums'], files },
  { argv: ['sed', '-n', 'h;n;G;p', 'nums'], files },
  { argv: ['sed', '1!G;h;$!d', 'nums'], files },
  { argv: ['sed', '=', 'two'], files },
  { argv: ['sed', '-n', '$=', 'nums'], files },
  { argv: ['sed', '2i\\inserted', 'two'], files },
  { argv: ['sed', '2a appended', 'two'], files },
  { argv: ['sed', '1c\\changed', 'two'], files },
  { argv: ['sed', '2,4c\\gone', 'nums'], files },
  { argv: ['sed', '/x/{s/x/X/;p}', 'two'], files },
  { argv: ['sed', '-e', 's/x/1/', '-e', 's/y/2/', 'two'], files },
  { argv: ['sed', '-e', 'a\\', '-e', 'more', 'two'], files },
  { argv: ['sed', 's/\\(.*\\)=\\(.*\\)/\\2=\\1/', 'm.yaml'], files },
  { argv: ['sed', '-E', 's/(kube)-(scheduler)/\\2-\\1/g', 'm.yaml'], files },
  { argv: ['sed', '-r', 's/[0-9]+/<&>/', 'nums'], files },
  { argv: ['sed', 's/e/E/2', 'm.yaml'], files },
  { argv: ['sed', 's/e/E/2g', 'm.yaml'], files },
  { argv: ['sed', '-n', 's/Pod/POD/p', 'm.yaml'], files },
  { argv: ['sed', 's/KIND/Kind/I', 'm.yaml'], files },
  { argv: ['sed', 's/\\w\\+/\\u&/g', 'two'], files },
  { argv: ['sed', 's/.*/\\U&/'], stdin: 'hello world\n' },
  { argv: ['sed', 's/\\(\\w*\\) \\(\\w*\\)/\\U\\2\\E \\1/'], stdin: 'hello world\n' },
  { argv: ['sed', 's/x*/-/g'], stdin: 'abc\n' },
  { argv: ['sed', 's/a*/x/g'], stdin: 'baaac\n' },
  { argv: ['sed', 's/a/\\n/g'], stdin: 'banana\n' },
  { argv: ['sed', 's/a/\\t/'], stdin: 'banana\n' },
  { argv: ['sed', 'y/abc/xyz/'], stdin: 'aabbcc\n' },
  { argv: ['sed', 's/b/&&/'], stdin: 'abc\n' },
  { argv: ['sed', 's/b/\\&/'], stdin: 'abc\n' },
  { argv: ['sed', 's#a#/#g'], stdin: 'aXa\n' },
  { argv: ['sed', 's/[/]/x/'], stdin: 'a/b\n' },
  { argv: ['sed', ':a;s/^\\(x*\\)y/\\1x/;ta'], stdin: 'yyy\n' },
  { argv: ['sed', '-n', '/a/{p;b};p'], stdin: 'a\nb\n' },
  { argv: ['sed', 's/a/A/;T;s/$/!/'], stdin: 'a\nb\n' },
  { argv: ['sed', 'l'], stdin: 'tab\there\\\n' },
  { argv: ['sed', '-n', 'l 5'], stdin: 'abcdefghij\n' },
  { argv: ['sed', 'p'], files, stdin: 'a' },
  { argv: ['sed', '$a\\foo', 'noeol'], files },
  { argv: ['sed', 'i\\foo', 'noeol'], files },
  { argv: ['sed', 'p', 'noeol', 'two'], files },
  { argv: ['sed', '-n', 'p', 'two', 'missing', 'noeol'], files },
  { argv: ['sed', '-s', '-n', '$=', 'two', 'nums'], files },
  { argv: ['sed', '-s', 'F', 'two', '-'], files, stdin: 'in\n' },
  { argv: ['sed', 'p', 'd'], files },
  { argv: ['sed', '-z', 's/\\n/,/g'], stdin: 'a\nb\nc\n' },
  { argv: ['sed', 'n;d', 'nums'], files },
  { argv: ['sed', '$!d', 'nums'], files },
  { argv: ['sed', '-n', '/^$/!p'], stdin: 'a\n\nb\n' },
  { argv: ['sed', '/^\\s*#/d;/^$/d'], stdin: '# c\nx\n\n  # d\ny\n' },
  { argv: ['sed', 'x;$!d'], stdin: '1\n2\n3\n' },
  { argv: ['sed', '-n', '/a/,/c/{/b/p}'], stdin: 'a\nb\nc\nb\n' },
  { argv: ['sed', 's/a/b'] },
  { argv: ['sed', 'k'] },
  { argv: ['sed', '-e', 'p', '-e', 'k'] },
  { argv: ['sed', 's/a/b/gg'] },
  { argv: ['sed', 's/a/b/x'] },
  { argv: ['sed', 's/\\(a/b/'] },
  { argv: ['sed', 'y/ab/c/'] },
  { argv: ['sed', '{p'] },
  { argv: ['sed', 'p}'] },
  { argv: ['sed', '}'] },
  { argv: ['sed', 'a'] },
  { argv: ['sed', 'b foo'] },
  { argv: ['sed', '1,p'] },
  { argv: ['sed', '0p'] },
  { argv: ['sed', 'pq'] },
  { argv: ['sed', 's/a/\\1/'] },
  { argv: ['sed', '/a'] },
  { argv: ['sed', 's/a/b/0'] },
  { argv: ['sed', 'r'] },
  { argv: ['sed', ': '] },
  { argv: ['sed', '3,1!!p'] },
  { argv: ['sed', '1,2='] },
  { argv: ['sed', 's//x/'], stdin: 'a\n' },
  { argv: ['sed', '-n', '/a/p;s//X/p'], stdin: 'a\n' },
  { argv: ['sed', '--version'] },
  { argv: ['sed', '-i', 's/a/b/'] },
]);

describe('sed -i on the virtual host', () => {
  it('edits the file in place and prints nothing', async () => {
    const world = makeWorld({ 'm.yaml': manifest });
    const r = await run(world, ['sed', '-i', 's/kube-schedulerr/kube-scheduler/', 'm.yaml']);
    expect(r).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(world.fs.readFile('/root/work/m.yaml')).toContain('    - kube-scheduler\n');
  });

  it('keeps a backup with -i.bak and with a * pattern', async () => {
    const world = makeWorld({ f: 'a\n' });
    await run(world, ['sed', '-i.bak', 's/a/b/', 'f']);
    expect(world.fs.readFile('/root/work/f')).toBe('b\n');
    expect(world.fs.readFile('/root/work/f.bak')).toBe('a\n');
    await run(world, ['sed', '--in-place=old_*', 's/b/c/', 'f']);
    expect(world.fs.readFile('/root/work/old_f')).toBe('b\n');
  });

  it('numbers lines per file and treats $ per file', async () => {
    const world = makeWorld({ a: '1\n2\n', b: '3\n4\n' });
    await run(world, ['sed', '-i', '1d;$s/$/!/', 'a', 'b']);
    expect(world.fs.readFile('/root/work/a')).toBe('2!\n');
    expect(world.fs.readFile('/root/work/b')).toBe('4!\n');
  });

  it('refuses a directory and a missing file with GNU messages', async () => {
    const world = makeWorld({ d: { dir: true } });
    expect(await run(world, ['sed', '-i', 'p', 'd'])).toEqual({ stdout: '', stderr: "sed: couldn't edit d: not a regular file\n", code: 4 });
    expect(await run(world, ['sed', '-i', 'p', 'x'])).toEqual({ stdout: '', stderr: "sed: can't read x: No such file or directory\n", code: 2 });
  });

  it('writes w files', async () => {
    const world = makeWorld({ f: 'a\nb\n' });
    await run(world, ['sed', '-n', '/b/w out', 'f']);
    expect(world.fs.readFile('/root/work/out')).toBe('b\n');
  });

  it('denies a user an in-place edit of a root file', async () => {
    const world = makeWorld({});
    world.fs.writeFile('/etc/hosts', '127.0.0.1 localhost\n');
    const candidate = { name: 'candidate', uid: 1000, gid: 1000, home: '/home/candidate', shell: '/bin/bash', groups: [1000] };
    const r = await run(world, ['sed', '-i', 's/a/b/', '/etc/hosts'], { account: candidate, cwd: '/home/candidate' });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^sed: couldn't open temporary file \/etc\/sed\w+: Permission denied\n$/);
  });
});

describe('sed usage', () => {
  it.each([[['sed'], 1], [['sed', '-k', 'p'], 1], [['sed', '--help'], 0]] as const)('%j prints the usage line and our option summary, status %i', async (argv, code) => {
    const r = await run(makeWorld({}), [...argv]);
    expect((r.stdout + r.stderr).split('\n').find((l) => l.startsWith('Usage:'))).toBe('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...');
    expect((r.stdout + r.stderr)).toContain('-i[SUFFIX], --in-place[=SUFFIX]');
    expect(r.code).toBe(code);
  });
});
