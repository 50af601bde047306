import { describe, expect, it } from 'vitest';
import { CANDIDATE, makeWorld, oracleTable, run } from './harness.js';

const tree = {
  'd/a.txt': 'abc',
  'd/e/b.yaml': '',
  'd/e/c.yaml': 'kind: Pod\n',
  'd/l': { link: 'a.txt' },
  x1: 'a\nb\nc\nd\n',
  x2: 'a\nB\nc\nd\ne\n',
  x3: 'a\nb',
  big1: Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n',
  big2: Array.from({ length: 30 }, (_, i) => (i === 3 || i === 20 ? `LINE ${i}` : `line ${i}`)).join('\n') + '\n',
};

const ISO = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000/g;
const noStamp = (s: string): string => s.replace(ISO, 'STAMP');

oracleTable('find matches GNU find', [
  { argv: ['find', 'd', '-name', 'a.txt'], files: tree },
  { argv: ['find', 'd/', '-name', 'a.txt'], files: tree },
  { argv: ['find', 'd', '-maxdepth', '1', '-name', '*.txt'], files: tree },
  { argv: ['find', 'd', '-name', '*.txt', '-maxdepth', '1'], files: tree },
  { argv: ['find', 'd', '-type', 'l'], files: tree },
  { argv: ['find', 'd', '-iname', 'A.TXT'], files: tree },
  { argv: ['find', 'd', '-type', 'f', '-name', 'b.yaml', '-exec', 'echo', 'X', '{}', ';'], files: tree },
  { argv: ['find', 'd', '-name', '*.txt', '-exec', 'echo', '{}', '+'], files: tree },
  { argv: ['find', 'd', '-name', 'a.txt', '-printf', '%p|%f|%h|%s|%m|%M|%y|%d|%u|%g\\n'], files: tree },
  { argv: ['find', 'd', '-empty'], files: tree },
  { argv: ['find', 'd', '-size', '3c'], files: tree },
  { argv: ['find', 'd', '-size', '+5c', '-type', 'f'], files: tree },
  { argv: ['find', 'd', '-name', 'a.txt', '-print', '-quit'], files: tree },
  { argv: ['find', 'd', '-path', '*e/c*'], files: tree },
  { argv: ['find', 'd', '-regex', '.*\\.txt'], files: tree },
  { argv: ['find', '.', '-mindepth', '2', '-type', 'd'], files: tree },
  { argv: ['find', 'd', '-name', 'c.yaml', '-o', '-name', 'a.txt', '-type', 'l'], files: tree },
  { argv: ['find', 'd', '!', '-type', 'd', '-name', '*.yaml', '-size', '-1'], files: tree },
  { argv: ['find', 'd', '-name', 'e', '-prune', '-o', '-name', '*.yaml', '-print'], files: tree },
  { argv: ['find', 'd', '-perm', '644', '-name', 'a.txt'], files: tree },
  { argv: ['find', 'd', '-user', 'root', '-name', 'a.txt'], files: tree },
  { argv: ['find', 'd', '-name', 'a.txt', '-delete'], files: tree, then: ['ls', 'd'] },
  { argv: ['find', 'nope'] },
  { argv: ['find', '.', '-namex'] },
  { argv: ['find', '.', '-type', 'q'] },
  { argv: ['find', '-name'] },
  { argv: ['find', '.', '-maxdepth', 'x'] },
  { argv: ['find', '.', '-exec', 'echo'] },
  { argv: ['find', '.', '-newer', 'nope'] },
  { argv: ['find', '.', '-name', 'a', '-o'] },
  { argv: ['find', 'd', '-name', 'a.txt', '-exec', 'nocmd', '{}', ';'], files: tree },
  { argv: ['find', 'nope', 'd/a.txt'], files: tree },
  { argv: ['find', '.', '('] },
  { argv: ['find', '.', '(', '-name', 'x'] },
  { argv: ['find', '.', '(', ')'] },
]);

oracleTable('xargs matches GNU xargs', [
  { argv: ['xargs', 'echo'], stdin: 'a b\nc\n' },
  { argv: ['xargs'], stdin: 'a b\nc\n' },
  { argv: ['xargs', '-n', '2', 'echo', 'x'], stdin: 'a b c d e\n' },
  { argv: ['xargs', '-I', '{}', 'echo', '[{}]'], stdin: 'a\nb\n' },
  { argv: ['xargs', '-i', 'echo', '<{}>'], stdin: ' a b\nc\n' },
  { argv: ['xargs', '-0', 'echo'], stdin: 'a\0b c\0' },
  { argv: ['xargs', '-d', '\\n', 'echo', 'x'], stdin: ' a  b \n' },
  { argv: ['xargs', 'echo', 'z'], stdin: '\n' },
  { argv: ['xargs', '-r', 'echo', 'z'], stdin: '\n' },
  { argv: ['xargs', '-n1', 'echo'], stdin: "'a b' c \"d e\" f\\ g\n" },
  { argv: ['xargs', 'echo'], stdin: "a'b\n" },
  { argv: ['xargs', '-L1', 'echo'], stdin: 'a b\nc\n' },
  { argv: ['xargs', '-t', 'echo'], stdin: 'a b c' },
  { argv: ['xargs', 'nocmd'], stdin: 'a\n' },
  { argv: ['xargs', 'false'], stdin: 'a\n' },
  { argv: ['xargs', '-n', '0', 'echo'], stdin: 'a\n' },
  { argv: ['xargs', '-n', 'x', 'echo'], stdin: 'a\n' },
  { argv: ['xargs', 'cat'], files: tree, stdin: 'x1 x3\n' },
  { argv: ['xargs', 'grep', '-l', 'b'], files: tree, stdin: 'x1 x2 x3\n' },
]);

oracleTable('small coreutils match GNU', [
  { argv: ['tee', 'out'], stdin: 'hi\n', then: ['cat', 'out'] },
  { argv: ['tee', '-a', 'x1'], files: tree, stdin: 'more\n', then: ['cat', 'x1'] },
  { argv: ['tee', 'no/such'], stdin: 'hi\n' },
  { argv: ['base64'], stdin: 'hi\n' },
  { argv: ['base64'], stdin: '' },
  { argv: ['base64', 'big1'], files: tree },
  { argv: ['base64', '-w', '20', 'big1'], files: tree },
  { argv: ['base64', '-w0', 'x1'], files: tree },
  { argv: ['base64', '-d'], stdin: 'aGkK' },
  { argv: ['base64', '--decode'], stdin: 'aGVs\nbG8K\n' },
  { argv: ['base64', '-d'], stdin: '!!!' },
  { argv: ['base64', '-d'], stdin: 'aGk' },
  { argv: ['base64', '-d'], stdin: 'aG k=' },
  { argv: ['base64', '-di'], stdin: 'aG k=' },
  { argv: ['base64', '-d'], stdin: 'aGk=YQ==' },
  { argv: ['base64', 'nope'] },
  { argv: ['base64', '-w', 'x'], stdin: '' },
  { argv: ['base64', 'a', 'b'] },
  { argv: ['date', '-d', '2026-01-01'] },
  { argv: ['date', '-u', '-d', '@0'] },
  { argv: ['date', '-d', 'bad'] },
  { argv: ['date', '+%s', '-d', '2026-01-01'] },
  { argv: ['date', '-I', '-d', '2026-01-01 10:00'] },
  { argv: ['date', '-Iseconds', '-d', '2026-01-01 10:00'] },
  { argv: ['date', '-Ins', '-d', '2026-01-01 10:00:05'] },
  { argv: ['date', '-R', '-d', '2026-01-01'] },
  { argv: ['date', '--rfc-3339=seconds', '-d', '2026-01-01'] },
  { argv: ['date', '-u', '+%Y-%m-%dT%H:%M:%SZ', '-d', '2026-03-04 05:06:07'] },
  { argv: ['date', '-d', '2026-01-01', '+%-d|%_H|%05Y|%^a|%#b|%10A|%e|%k|%l|%I|%j|%U|%W|%V|%G|%u|%w|%C|%y|%D|%T|%r|%R|%x|%X|%c|%n%t|%s|%N|%:z|%::z|%P|%h|%%|%q|%Q'] },
  { argv: ['date', '-d', '2026-01-01 + 2 days', '+%F'] },
  { argv: ['date', '-d', '2026-02-28 12:00 1 day ago', '+%F %T'] },
  { argv: ['date', '-d', 'Thu Jan  1 10:30:00 UTC 2026', '+%F %T'] },
  { argv: ['date', '-d', '1 Mar 2026', '+%F'] },
  { argv: ['date', '-d', '2026-01-01T10:00:00Z', '+%T'] },
  { argv: ['date', '-d', '2026-01-01T10:00:00+02:00', '+%T'] },
  { argv: ['date', '-d', '20260315', '+%F'] },
  { argv: ['date', 'a', 'b'] },
  { argv: ['date', '-x'] },
  { argv: ['env', '-i', 'A=1', 'B=two', 'env'] },
  { argv: ['env', '-i', 'A=1', 'echo', 'hi'] },
  { argv: ['env', 'nocmd'] },
  { argv: ['whoami'] },
  { argv: ['whoami', 'x'] },
  { argv: ['id'] },
  { argv: ['id', '-u'] },
  { argv: ['id', '-un'] },
  { argv: ['id', '-g'] },
  { argv: ['id', '-G'] },
  { argv: ['id', '-n'] },
  { argv: ['id', 'nouser'] },
  { argv: ['id', 'root'] },
  { argv: ['uname'] },
  { argv: ['uname', '-s', '-m', '-o'] },
  { argv: ['seq', '3'] },
  { argv: ['seq', '2', '4'] },
  { argv: ['seq', '1', '2', '7'] },
  { argv: ['seq', '0.5', '1.5'] },
  { argv: ['seq', '1', '0.5', '2'] },
  { argv: ['seq', '-s,', '3'] },
  { argv: ['seq', '-w', '8', '10'] },
  { argv: ['seq', '-f', '%03g', '3'] },
  { argv: ['seq', '10', '-3', '1'] },
  { argv: ['seq', '-1', '1'] },
  { argv: ['seq', '5', '1'] },
  { argv: ['seq', 'x'] },
  { argv: ['seq'] },
  { argv: ['sleep'] },
  { argv: ['sleep', 'x'] },
  { argv: ['sleep', '1q'] },
  { argv: ['echo', 'a', 'b'] },
  { argv: ['echo', '-n', 'a'] },
  { argv: ['echo', '-e', 'a\\tb\\nc'] },
  { argv: ['echo', '-e', 'a\\cb'] },
  { argv: ['echo', '-x', 'a'] },
  { argv: ['true'] },
  { argv: ['false'] },
  { argv: ['which', 'ls', 'nope'] },
  { argv: ['which', 'grep'] },
  { argv: ['diff', 'x1', 'x2'], files: tree },
  { argv: ['diff', 'x1', 'x1'], files: tree },
  { argv: ['diff', 'x1', 'x3'], files: tree },
  { argv: ['diff', 'x2', 'x1'], files: tree },
  { argv: ['diff', 'big1', 'big2'], files: tree },
  { argv: ['diff', '-u', 'x1', 'x2'], files: tree, normalize: noStamp },
  { argv: ['diff', '-u', 'x1', 'x3'], files: tree, normalize: noStamp },
  { argv: ['diff', '-u', 'big1', 'big2'], files: tree, normalize: noStamp },
  { argv: ['diff', '-U1', 'big1', 'big2'], files: tree, normalize: noStamp },
  { argv: ['diff', '-q', 'x1', 'x2'], files: tree },
  { argv: ['diff', '-s', 'x1', 'x1'], files: tree },
  { argv: ['diff', '-i', 'x1', 'x2'], files: tree },
  { argv: ['diff', 'x1', 'nope'], files: tree },
  { argv: ['diff', 'd', 'x1'], files: tree },
  { argv: ['diff'] },
  { argv: ['diff', 'a', 'b', 'c'] },
  { argv: ['diff', '-', 'x1'], files: tree, stdin: 'x\n' },
  { argv: ['diff', '-u', '--label', 'old', '--label', 'new', 'x1', 'x2'], files: tree },
  { argv: ['file', 'x1', 'x3', 'd', 'd/l', 'd/e/b.yaml', 'nope'], files: tree },
  { argv: ['file', '-b', 'x1'], files: tree },
  { argv: ['file', 'j', 's', 's2', 'u', 'crlf', 'long', 'bin'], files: { j: '{\n  "apiVersion": "v1"\n}\n', s: '#!/bin/bash\necho\n', s2: '#!/bin/sh\n', u: 'é\n', crlf: 'a\r\nb\r\n', long: 'a'.repeat(3000), bin: 'a\0b' } },
  { argv: ['stat', '-c', '%n %s %a %A %U %G %u %g %F %h', 'x1', 'd', 'd/l', 'd/e/b.yaml'], files: tree },
  { argv: ['stat', '-c', '%N', 'd/l'], files: tree },
  { argv: ['stat', '--printf', '%s\\n', 'x1'], files: tree },
  { argv: ['stat', 'nope'] },
  { argv: ['stat'] },
  { argv: ['du', '-s', 'd'], files: tree },
  { argv: ['du', '-sh', 'd'], files: tree },
  { argv: ['du', '-a', 'd/e'], files: tree },
  { argv: ['du', '-h', 'd/e'], files: tree },
  { argv: ['du', 'nope'] },
  { argv: ['less', 'x1', 'x2'], files: tree },
  { argv: ['less', 'nope'] },
  { argv: ['less', 'd'], files: tree },
  { argv: ['less'], stdin: 'piped\n' },
  { argv: ['more', 'x1'], files: tree },
  { argv: ['more', 'x1', 'x2'], files: tree },
  { argv: ['more', 'nope'] },
  { argv: ['more', 'd'], files: tree },
  { argv: ['tree'], files: tree },
  { argv: ['tree', '-L', '1', 'd'], files: tree },
]);

describe('system tools on the virtual host', () => {
  it('date prints the virtual now in the default C.UTF-8 format', async () => {
    const world = makeWorld();
    expect((await run(world, ['date'])).stdout).toBe('Thu Jan  1 00:00:00 UTC 2026\n');
    world.clock.advance(90_061_000);
    expect((await run(world, ['date', '+%F %T'])).stdout).toBe('2026-01-02 01:01:01\n');
    expect((await run(world, ['date', '-d', 'yesterday', '+%F'])).stdout).toBe('2026-01-01\n');
  });

  it('sleep advances the virtual clock by minutes and hours', async () => {
    const world = makeWorld();
    expect((await run(world, ['sleep', '1m', '30'])).code).toBe(0);
    expect(world.clock.now()).toBe(Date.UTC(2026, 0, 1, 0, 1, 30));
  });

  it('hostname and uname -n report the host, hostname -I its address from /etc/hosts', async () => {
    const world = makeWorld();
    world.fs.writeFile('/etc/hosts', '127.0.0.1 localhost\n192.168.10.2 controlplane\n');
    expect((await run(world, ['hostname'])).stdout).toBe('controlplane\n');
    expect((await run(world, ['hostname', '-I'])).stdout).toBe('192.168.10.2 \n');
    expect((await run(world, ['uname', '-n'])).stdout).toBe('controlplane\n');
    expect((await run(world, ['uname', '-a'])).stdout).toBe('Linux controlplane 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 GNU/Linux\n');
  });

  it('id and whoami describe the candidate', async () => {
    const world = makeWorld();
    expect((await run(world, ['id'], { account: CANDIDATE })).stdout).toBe('uid=1000(candidate) gid=1000(candidate) groups=1000(candidate)\n');
    expect((await run(world, ['whoami'], { account: CANDIDATE })).stdout).toBe('candidate\n');
  });

  it('which finds installed programs and prints nothing for missing ones', async () => {
    const world = makeWorld();
    expect(await run(world, ['which', 'grep', 'kubectl'])).toEqual({ stdout: '/usr/bin/grep\n', stderr: '', code: 1 });
  });

  it('yes is bounded so that `yes | head` terminates', async () => {
    const r = await run(makeWorld(), ['yes']);
    expect(r.stdout.startsWith('y\ny\n')).toBe(true);
    expect(r.stdout.length).toBe(65536);
  });

  it('env runs a command with extra variables', async () => {
    const r = await run(makeWorld(), ['env', 'KUBECONFIG=/etc/kubernetes/admin.conf', 'env']);
    expect(r.stdout).toContain('KUBECONFIG=/etc/kubernetes/admin.conf\n');
    expect(r.stdout).toContain('HOME=/root\n');
  });

  it('stat prints the GNU default layout', async () => {
    const world = makeWorld({ 'a.txt': 'hello\n' });
    const ino = world.fs.stat('/root/work/a.txt').ino;
    expect((await run(world, ['stat', 'a.txt'])).stdout).toBe(
      '  File: a.txt\n' +
        '  Size: 6         \tBlocks: 8          IO Block: 4096   regular file\n' +
        `Device: 254,1\tInode: ${String(ino).padEnd(11)} Links: 1\n` +
        'Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n' +
        'Access: 2026-01-01 00:00:00.000000000 +0000\n' +
        'Modify: 2026-01-01 00:00:00.000000000 +0000\n' +
        'Change: 2026-01-01 00:00:00.000000000 +0000\n' +
        ' Birth: 2026-01-01 00:00:00.000000000 +0000\n',
    );
  });

  it('df -h shows the root filesystem with GNU column alignment', async () => {
    const r = await run(makeWorld(), ['df', '-h', '/']);
    expect(r.stdout).toMatch(/^Filesystem      Size  Used Avail Use% Mounted on\n\/dev\/vda1        49G  8\.3G   38G  18% \/\n$/);
  });

  it('tree draws branches and counts', async () => {
    const world = makeWorld({ 'k/a.yaml': '', 'k/sub/b': '' });
    expect((await run(world, ['tree', 'k'])).stdout).toBe('k\n├── a.yaml\n└── sub\n    └── b\n\n1 directory, 2 files\n');
  });

  it('find -exec runs programs through spawn with {} replaced', async () => {
    const world = makeWorld({ 'm/a.yaml': 'kind: Pod\n', 'm/b.yaml': 'kind: Service\n' });
    const r = await run(world, ['find', 'm', '-name', '*.yaml', '-exec', 'grep', '-H', 'kind', '{}', ';']);
    expect(r.stdout).toBe('m/a.yaml:kind: Pod\nm/b.yaml:kind: Service\n');
  });
});

oracleTable('--version matches the installed GNU packages', ['cat', 'ls', 'cp', 'mv', 'rm', 'wc', 'sort', 'head', 'tail', 'date', 'echo', 'yes', 'sleep', 'whoami', 'touch', 'chmod', 'base64', 'tee', 'seq', 'id'].map((t) => ({ argv: [t, '--version'] })));

describe('--help', () => {
  it('starts with GNU usage lines and points to the manual', async () => {
    const r = await run(makeWorld(), ['cp', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Usage: cp [OPTION]... [-T] SOURCE DEST\n  or:  cp [OPTION]... SOURCE... DIRECTORY\n')).toBe(true);
    expect(r.stdout).toContain("info '(coreutils) cp invocation'");
  });
});

oracleTable('/usr/bin/printf matches coreutils printf', [
  { argv: ['printf', '%d|%s|%5.2f|%x|%c|%b|%q\\n', '42', 'hi', '3.14159', '255', 'abc', 'a\\tb', "it's"] },
  { argv: ['printf', '%s-', 'a', 'b', 'c'] },
  { argv: ['printf', '%d\\n', 'abc', '12abc', "'A", '0x1f', '010'] },
  { argv: ['printf'] },
  { argv: ['printf', '%s %s\\n', 'a'] },
  { argv: ['printf', 'a\\cb\\n'] },
  { argv: ['printf', '%b', 'x\\cy'] },
  { argv: ['printf', '%z', '1'] },
  { argv: ['printf', '%i %o %u\\n', '10', '8', '-1'] },
  { argv: ['printf', '\\x41\\101\\u00e9\\n'] },
  { argv: ['printf', '%5q|\\n', 'a'] },
  { argv: ['printf', '%q\\n', 'a b', '', 'x', '$y'] },
  { argv: ['printf', 'no args\\n', 'extra'] },
  { argv: ['printf', '%*d|\\n', '5', '3'] },
  { argv: ['printf', '%d\\n', '1.5'] },
  { argv: ['printf', '%.2f\\n', 'abc'] },
  { argv: ['printf', '%-8s|%08.3f|%+d|% d\\n', 'ab', '3.14159', '5', '7'] },
  { argv: ['printf', '%e %g %G %E\\n', '1234.5', '0.00001', '1e20', '2'] },
  { argv: ['printf', '%%|%c|%s\\n'] },
  { argv: ['printf', '--version'] },
]);
