import { describe, expect, it } from 'vitest';
import { makeWorld, oracleTable, run } from './harness.js';

const files = { f: 'a\nb\nc\n', noeol: 'a\nb\nc', p1: '1\n2\n', p2: 'x\ny\nz\n', 'd/x': '', link: { link: 'd/x' }, sums: '' };

oracleTable('tac, rev, basename, dirname, realpath, readlink, printenv, checksums, column, nl, paste match GNU/util-linux', [
  { argv: ['tac', 'f'], files },
  { argv: ['tac', 'noeol'], files },
  { argv: ['tac', 'f', 'p1'], files },
  { argv: ['tac', 'nope'] },
  { argv: ['rev'], stdin: 'abc\nxy\n' },
  { argv: ['rev', 'noeol'], files },
  { argv: ['basename', '/a/b/c.txt', '.txt'] },
  { argv: ['basename', '-a', 'x/y', 'z/w/'] },
  { argv: ['basename', '-s', '.yaml', 'a.yaml', 'b/c.yaml'] },
  { argv: ['basename', '/'] },
  { argv: ['basename', 'a', 'b', 'c'] },
  { argv: ['basename'] },
  { argv: ['dirname', '/a/b/c', 'a', '/a', 'a/b/', '//x'] },
  { argv: ['dirname'] },
  { argv: ['realpath', 'd', 'link', 'nope'], files, normalize: (s) => s.replace(/\/[^\n]*?\/(d|nope|link)/g, '/WORK/$1').replace(/\/WORK\/d\/x/g, '/WORK/d/x') },
  { argv: ['realpath', '-e', 'nope'] },
  { argv: ['readlink', 'link'], files },
  { argv: ['readlink', 'f'], files },
  { argv: ['readlink', '-v', 'f'], files },
  { argv: ['readlink', 'nope'] },
  { argv: ['printenv', 'NOPE'] },
  { argv: ['md5sum'], stdin: 'hi\n' },
  { argv: ['sha256sum', 'f', 'p1'], files },
  { argv: ['sha1sum', 'f'], files },
  { argv: ['sha512sum', '--tag', 'f'], files },
  { argv: ['sha256sum', 'nope'] },
  { argv: ['sha256sum', '-c', 'sums'], files: { ...files, sums: '87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  f\n0000000000000000000000000000000000000000000000000000000000000000  p1\n' } },
  { argv: ['column', '-t'], stdin: 'NAME READY STATUS\nweb-1 1/1 Running\ndb-0 0/1 CrashLoopBackOff\n' },
  { argv: ['column', '-t', '-s', ':'], stdin: 'root:x:0\ncandidate:x:1000\n' },
  { argv: ['column', '-t', '-o', ' | '], stdin: 'a bb\nccc d\n' },
  { argv: ['nl', 'f'], files },
  { argv: ['nl'], stdin: 'a\n\nb\n' },
  { argv: ['nl', '-ba'], stdin: 'a\n\nb\n' },
  { argv: ['nl', '-n', 'rz', '-w', '3', '-s', ': '], stdin: 'a\nb\n' },
  { argv: ['paste', 'p1', 'p2'], files },
  { argv: ['paste', '-d,', 'p1', 'p2'], files },
  { argv: ['paste', '-s', 'p2'], files },
  { argv: ['paste', '-sd+', 'p1'], files },
  { argv: ['paste', '-', '-'], stdin: 'a\nb\nc\nd\n' },
  { argv: ['paste', 'nope'] },
  { argv: ['tac', '--version'] },
  { argv: ['sha256sum', '--version'] },
]);

describe('more tools on the virtual host', () => {
  it('printenv prints the process environment', async () => {
    const r = await run(makeWorld(), ['printenv', 'HOME', 'USER']);
    expect(r).toEqual({ stdout: '/root\nroot\n', stderr: '', code: 0 });
  });

  it('realpath resolves symlinks on the virtual filesystem', async () => {
    const world = makeWorld({ 'real/f': '', ln: { link: 'real' } });
    expect((await run(world, ['realpath', 'ln/f', 'missing'])).stdout).toBe('/root/work/real/f\n/root/work/missing\n');
  });
});
