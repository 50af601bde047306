import { describe, expect, it } from 'vitest';
import { CANDIDATE, makeWorld, oracleTable, run } from './harness.js';

const TIME = /[A-Z][a-z]{2} [ \d]\d (\d\d:\d\d| \d{4})/g;
const noTime = (s: string): string => s.replace(TIME, 'TIME');

const tree = {
  'a.txt': 'hello\n',
  'b.yaml': 'kind: Pod\n',
  '.hidden': 'x',
  'dir/one': '1\n',
  'dir/two': '22\n',
  'dir/sub/deep': 'deep\n',
  empty: { dir: true as const },
  link: { link: 'a.txt' },
  dirlink: { link: 'dir' },
  dangling: { link: 'nowhere' },
};

const greek = Object.fromEntries(
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(' ').map((n) => [n, '']),
);

oracleTable('ls matches GNU ls', [
  { argv: ['ls'], files: tree },
  { argv: ['ls', '-a'], files: tree },
  { argv: ['ls', '-A'], files: tree },
  { argv: ['ls', '-1', 'dir'], files: tree },
  { argv: ['ls', 'dir', 'a.txt'], files: tree },
  { argv: ['ls', 'dir', 'empty'], files: tree },
  { argv: ['ls', '-R'], files: tree },
  { argv: ['ls', '-R', 'dir'], files: tree },
  { argv: ['ls', '-d', 'dir', 'a.txt'], files: tree },
  { argv: ['ls', '-r'], files: tree },
  { argv: ['ls', '-S'], files: tree },
  { argv: ['ls', '-F'], files: tree },
  { argv: ['ls', '-p', 'dir'], files: tree },
  { argv: ['ls', 'dirlink'], files: tree },
  { argv: ['ls', 'dirlink/'], files: tree },
  { argv: ['ls', 'nope'], files: tree },
  { argv: ['ls', 'nope', 'a.txt'], files: tree },
  { argv: ['ls', 'a.txt/'], files: tree },
  { argv: ['ls', '-l', 'a.txt', 'b.yaml'], files: tree, normalize: noTime },
  { argv: ['ls', '-l', 'dir'], files: tree, normalize: noTime },
  { argv: ['ls', '-la', 'dir'], files: tree, normalize: noTime },
  { argv: ['ls', '-l', 'link', 'dangling'], files: tree, normalize: noTime },
  { argv: ['ls', '-ld', 'dir', 'empty'], files: tree, normalize: noTime },
  { argv: ['ls', '-lh', 'dir'], files: tree, normalize: noTime },
  { argv: ['ls', '-ln', 'a.txt'], files: tree, normalize: noTime },
  { argv: ['ls', '-lR', 'dir'], files: tree, normalize: noTime },
  { argv: ['ls', '-C'], files: greek },
  { argv: ['ls', '-x', '-w', '50'], files: greek },
  { argv: ['ls', '-C', '-w', '40'], files: greek },
  { argv: ['ls', '-m'], files: greek },
  { argv: ['ls', '-C', 'a'], files: { a: '' } },
  { argv: ['ls', '--bogus'] },
  { argv: ['ls', '-y'] },
]);

oracleTable('mkdir, rmdir, touch, rm, cp, mv, ln, chmod match coreutils', [
  { argv: ['mkdir', 'x'], then: ['ls', '-R'] },
  { argv: ['mkdir', '-p', 'x/y/z'], then: ['ls', '-R'] },
  { argv: ['mkdir', '-pv', 'x/y'] },
  { argv: ['mkdir', '-v', 'x'] },
  { argv: ['mkdir', 'dir'], files: tree },
  { argv: ['mkdir', 'no/such'], files: tree },
  { argv: ['mkdir', '-p', 'a.txt/b'], files: tree },
  { argv: ['mkdir', '-p', 'dir'], files: tree },
  { argv: ['mkdir', ''] },
  { argv: ['mkdir'] },
  { argv: ['mkdir', '-m', 'bad', 'x'] },
  { argv: ['rmdir', 'empty'], files: tree, then: ['ls'] },
  { argv: ['rmdir', 'dir'], files: tree },
  { argv: ['rmdir', 'a.txt'], files: tree },
  { argv: ['rmdir', 'nope'] },
  { argv: ['rmdir', '-v', 'empty'], files: tree },
  { argv: ['rmdir', '-p', 'x/y/z'], files: { 'x/y/z': { dir: true } }, then: ['ls'] },
  { argv: ['rmdir', '--ignore-fail-on-non-empty', 'dir'], files: tree },
  { argv: ['rmdir'] },
  { argv: ['touch', 'new', 'a.txt'], files: tree, then: ['ls'] },
  { argv: ['touch', 'no/such'], files: tree },
  { argv: ['touch', '-c', 'ghost'], then: ['ls'] },
  { argv: ['touch', '-d', 'bad', 'x'] },
  { argv: ['touch', ''] },
  { argv: ['touch'] },
  { argv: ['rm', 'a.txt'], files: tree, then: ['ls'] },
  { argv: ['rm', 'dir'], files: tree },
  { argv: ['rm', '-r', 'dir'], files: tree, then: ['ls'] },
  { argv: ['rm', '-rf', 'dir', 'nope'], files: tree, then: ['ls'] },
  { argv: ['rm', '-v', 'a.txt', 'link'], files: tree },
  { argv: ['rm', 'nope'] },
  { argv: ['rm', '-f', 'nope'] },
  { argv: ['rm', '-d', 'empty', 'dir'], files: tree },
  { argv: ['rm', '.'] },
  { argv: ['rm', '-r', '.', '..'] },
  { argv: ['rm', '-rf', '/'] },
  { argv: ['rm', ''] },
  { argv: ['rm'] },
  { argv: ['rm', '-f'] },
  { argv: ['rm', 'dangling'], files: tree, then: ['ls'] },
  { argv: ['cp', 'a.txt', 'c.txt'], files: tree, then: ['cat', 'c.txt'] },
  { argv: ['cp', 'a.txt', 'dir'], files: tree, then: ['ls', 'dir'] },
  { argv: ['cp', 'a.txt', 'b.yaml', 'dir'], files: tree, then: ['ls', 'dir'] },
  { argv: ['cp', 'a.txt', 'b.yaml', 'nodir'], files: tree },
  { argv: ['cp', 'a.txt', 'b.yaml', 'a.txt'], files: tree },
  { argv: ['cp', 'dir', 'x'], files: tree },
  { argv: ['cp', '-r', 'dir', 'x'], files: tree, then: ['ls', '-R', 'x'] },
  { argv: ['cp', '-r', 'dir', 'empty'], files: tree, then: ['ls', '-R', 'empty'] },
  { argv: ['cp', '-r', 'dir', 'dir/sub'], files: tree },
  { argv: ['cp', 'a.txt', 'a.txt'], files: tree },
  { argv: ['cp', 'nope', 'x'] },
  { argv: ['cp', 'a.txt'], files: tree },
  { argv: ['cp'] },
  { argv: ['cp', 'a.txt', 'no/such/file'], files: tree },
  { argv: ['cp', 'a.txt', 'empty/'], files: tree, then: ['ls', 'empty'] },
  { argv: ['cp', '-n', 'a.txt', 'b.yaml'], files: tree, then: ['cat', 'b.yaml'] },
  { argv: ['cp', 'a.txt', 'dir/sub'], files: tree, then: ['ls', 'dir/sub'] },
  { argv: ['mv', 'a.txt', 'c.txt'], files: tree, then: ['ls'] },
  { argv: ['mv', 'a.txt', 'dir'], files: tree, then: ['ls', 'dir'] },
  { argv: ['mv', 'dir', 'empty'], files: tree, then: ['ls', '-R', 'empty'] },
  { argv: ['mv', 'dir', 'dir/sub'], files: tree },
  { argv: ['mv', '-v', 'a.txt', 'b.yaml'], files: tree, then: ['cat', 'b.yaml'] },
  { argv: ['mv', 'a.txt', 'a.txt'], files: tree },
  { argv: ['mv', 'nope', 'x'] },
  { argv: ['mv', 'a.txt'], files: tree },
  { argv: ['mv', 'a.txt', 'b.yaml', 'c'], files: tree },
  { argv: ['mv', 'b.yaml', 'dir/sub'], files: tree, then: ['ls', 'dir/sub'] },
  { argv: ['ln', '-s', 'a.txt', 'l2'], files: tree, then: ['cat', 'l2'] },
  { argv: ['ln', '-s', 'a.txt', 'link'], files: tree },
  { argv: ['ln', '-sf', 'b.yaml', 'link'], files: tree, then: ['cat', 'link'] },
  { argv: ['ln', '-sv', 'a.txt', 'l2'], files: tree },
  { argv: ['ln', '-s', 'a.txt', 'dir'], files: tree, then: ['ls', 'dir'] },
  { argv: ['ln', 'nope', 'x'] },
  { argv: ['ln', 'dir', 'x'], files: tree },
  { argv: ['ln'] },
  { argv: ['chmod', '600', 'a.txt'], files: tree, then: ['ls', '-l', 'a.txt'], normalize: noTime },
  { argv: ['chmod', 'u+x,go-r', 'a.txt'], files: tree, then: ['ls', '-l', 'a.txt'], normalize: noTime },
  { argv: ['chmod', '+x', 'a.txt'], files: tree, then: ['ls', '-l', 'a.txt'], normalize: noTime },
  { argv: ['chmod', '+w', 'a.txt'], files: tree, then: ['ls', '-l', 'a.txt'], normalize: noTime },
  { argv: ['chmod', 'a=r', 'a.txt'], files: tree, then: ['ls', '-l', 'a.txt'], normalize: noTime },
  { argv: ['chmod', 'g=u', 'a.txt'], files: tree, then: ['ls', '-l', 'a.txt'], normalize: noTime },
  { argv: ['chmod', '-R', 'go-rx', 'dir'], files: tree, then: ['ls', '-lR', 'dir'], normalize: noTime },
  { argv: ['chmod', '4755', 'a.txt'], files: tree, then: ['ls', '-l', 'a.txt'], normalize: noTime },
  { argv: ['chmod', '1777', 'empty'], files: tree, then: ['ls', '-ld', 'empty'], normalize: noTime },
  { argv: ['chmod', '-v', '600', 'a.txt'], files: tree },
  { argv: ['chmod', '-c', '644', 'a.txt'], files: tree },
  { argv: ['chmod', '-w', 'a.txt'], files: tree, then: ['ls', '-l', 'a.txt'], normalize: noTime },
  { argv: ['chmod', '999', 'a.txt'], files: tree },
  { argv: ['chmod', 'u+q', 'a.txt'], files: tree },
  { argv: ['chmod', '755', 'nope'] },
  { argv: ['chmod'] },
  { argv: ['chmod', '755'] },
  { argv: ['chown', 'nouser', 'a.txt'], files: tree },
  { argv: ['chown', '-v', 'root:root', 'a.txt'], files: tree },
  { argv: ['chown'] },
  { argv: ['chown', 'root'] },
  { argv: ['chown', 'root', 'nope'] },
]);

describe('file tools on the virtual host', () => {
  it('ls -l shows the mode, owner names, size and the virtual mtime', async () => {
    const world = makeWorld({ 'app.yaml': 'kind: Pod\n' });
    world.fs.mkdir('/root/work/data', { uid: 1000, gid: 1000 });
    world.fs.symlink('app.yaml', '/root/work/current');
    world.clock.advance(3600_000);
    const r = await run(world, ['ls', '-l']);
    expect(r.stdout).toBe(
      'total 8\n' +
        '-rw-r--r-- 1 root      root        10 Jan  1 00:00 app.yaml\n' +
        'lrwxrwxrwx 1 root      root         8 Jan  1 00:00 current -> app.yaml\n' +
        'drwxr-xr-x 2 candidate candidate 4096 Jan  1 00:00 data\n',
    );
  });

  it('ls -l shows the year for files older than six months', async () => {
    const world = makeWorld({ old: 'x' });
    world.clock.advance(200 * 86400_000);
    expect((await run(world, ['ls', '-l', 'old'])).stdout).toBe('-rw-r--r-- 1 root root 1 Jan  1  2026 old\n');
  });

  it('mkdir in a root-owned directory is denied to the candidate with GNU curly quotes', async () => {
    const world = makeWorld();
    const r = await run(world, ['mkdir', '/etc/kubernetes'], { account: CANDIDATE, cwd: '/home/candidate' });
    expect(r).toEqual({ stdout: '', stderr: 'mkdir: cannot create directory ‘/etc/kubernetes’: Permission denied\n', code: 1 });
  });

  it('chown is root only: the candidate gets Operation not permitted', async () => {
    const world = makeWorld();
    world.fs.writeFile('/home/candidate/f', '', { uid: 1000, gid: 1000 });
    const r = await run(world, ['chown', 'root', 'f'], { account: CANDIDATE, cwd: '/home/candidate' });
    expect(r).toEqual({ stdout: '', stderr: "chown: changing ownership of 'f': Operation not permitted\n", code: 1 });
    expect(await run(world, ['chown', 'candidate:candidate', '/root/work'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(world.fs.stat('/root/work').uid).toBe(1000);
  });

  it('rm -rv and cp -rv report each entry, children before their directory for rm', async () => {
    // GNU walks in readdir order, which differs between filesystems; the simulation sorts.
    const world = makeWorld({ 'd/a': '1', 'd/s/b': '2' });
    expect((await run(world, ['cp', '-rv', 'd', 'e'])).stdout).toBe("'d' -> 'e'\n'd/a' -> 'e/a'\n'd/s' -> 'e/s'\n'd/s/b' -> 'e/s/b'\n");
    expect((await run(world, ['rm', '-rv', 'd'])).stdout).toBe("removed 'd/a'\nremoved 'd/s/b'\nremoved directory 'd/s'\nremoved directory 'd'\n");
  });

  it('rm -r removes a tree and rm -i reads answers from stdin', async () => {
    const world = makeWorld({ 'd/x': '1', keep: '', gone: '' });
    expect((await run(world, ['rm', '-r', 'd'])).code).toBe(0);
    expect(world.fs.exists('/root/work/d')).toBe(false);
    const r = await run(world, ['rm', '-i', 'keep', 'gone'], { stdin: 'n\ny\n' });
    expect(r.stderr).toBe("rm: remove regular empty file 'keep'? rm: remove regular empty file 'gone'? ");
    expect(world.fs.exists('/root/work/keep')).toBe(true);
    expect(world.fs.exists('/root/work/gone')).toBe(false);
  });

  it('touch -d sets the mtime that ls -l --full-time shows', async () => {
    const world = makeWorld({ f: '' });
    await run(world, ['touch', '-d', '2025-06-01 12:30', 'f']);
    expect((await run(world, ['ls', '-l', '--full-time', 'f'])).stdout).toBe('-rw-r--r-- 1 root root 0 2025-06-01 12:30:00.000000000 +0000 f\n');
  });

  it('cp -p keeps mode and mtime; plain cp does not', async () => {
    const world = makeWorld({ f: 'x' });
    world.fs.chmod('/root/work/f', 0o600);
    world.clock.advance(60_000);
    await run(world, ['cp', '-p', 'f', 'p']);
    await run(world, ['cp', 'f', 'c']);
    expect(world.fs.stat('/root/work/p')).toMatchObject({ mode: 0o600, mtimeMs: Date.UTC(2026, 0, 1) });
    expect(world.fs.stat('/root/work/c').mtimeMs).toBe(Date.UTC(2026, 0, 1, 0, 1));
  });
});
