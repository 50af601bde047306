import { describe, expect, it } from 'vitest';
import { KeySource } from '../../../src/pki/key-source.js';
import { makeOpenssl } from '../../../src/pki/openssl/index.js';
import { hasOpenssl, newFs, runProgram, Rng, VirtualClock } from '../harness.js';
import { squashDecoderLines, world } from './both.js';

function setup() {
  const w = world(6);
  w.real(['genrsa', '-out', 'rsa.key', '2048']);
  w.real(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.key']);
  w.real(['rsa', '-in', 'rsa.key', '-traditional', '-out', 'rsa-trad.key']);
  w.real(['rsa', '-in', 'rsa.key', '-pubout', '-out', 'rsa.pub']);
  w.real(['req', '-new', '-key', 'rsa.key', '-subj', '/CN=x', '-out', 'x.csr']);
  for (const f of ['rsa.key', 'ec.key', 'rsa-trad.key', 'rsa.pub', 'x.csr']) w.take(f);
  return w;
}

describe.skipIf(!hasOpenssl)('openssl rsa, ec, genrsa and genpkey against the real openssl 3.0', () => {
  const w = setup();

  it.each([
    [['rsa', '-in', 'rsa.key', '-noout', '-text']],
    [['rsa', '-in', 'rsa-trad.key', '-noout', '-modulus']],
    [['rsa', '-in', 'rsa.key', '-noout', '-check']],
    [['rsa', '-in', 'rsa.key', '-pubout']],
    [['rsa', '-in', 'rsa-trad.key']],
    [['rsa', '-in', 'rsa.key', '-traditional']],
    [['rsa', '-pubin', '-in', 'rsa.pub', '-noout', '-text']],
    [['rsa', '-in', 'missing.key']],
    [['rsa', '-in', 'x.csr', '-noout']],
    [['rsa', '-in', 'ec.key', '-noout']],
    [['rsa', '-bogus']],
    [['ec', '-in', 'ec.key', '-noout', '-text']],
    [['ec', '-in', 'ec.key', '-pubout']],
    [['ec', '-in', 'ec.key', '-noout', '-check']],
    [['ec', '-in', 'ec.key']],
    [['ec', '-in', 'rsa.key', '-noout', '-text']],
    [['genrsa', '-out', 'small.key', '100']],
    [['genrsa', '-out', 'bad.key', 'abc']],
    [['genrsa', '-out', 'x.key', '2048', 'extra']],
    [['genrsa', '-out', '/nonexistent/x.key']],
    [['genpkey', '-algorithm', 'FOO']],
    [['bogus']],
  ])('%j', async (args) => {
    const { ours, real } = await w.both(args);
    expect(squashDecoderLines(ours)).toEqual(squashDecoderLines(real));
  });

  it('genrsa writes a PKCS#8 key, private to its owner, that the real openssl accepts', async () => {
    expect(await w.ours(['genrsa', '-out', 'new.key', '2048'])).toEqual({ rc: 0, stdout: '', stderr: '' });
    expect(w.fs.readFile('/root/new.key')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(w.fs.stat('/root/new.key').mode).toBe(0o600);
    w.share('new.key');
    expect(w.real(['rsa', '-in', 'new.key', '-noout', '-check']).stdout).toBe('RSA key ok\n');
  });

  it('genpkey makes RSA and EC keys the real openssl accepts', async () => {
    expect((await w.ours(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'gp.key'])).rc).toBe(0);
    expect((await w.ours(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'gpe.key'])).rc).toBe(0);
    w.share('gp.key');
    w.share('gpe.key');
    expect(w.real(['rsa', '-in', 'gp.key', '-noout', '-check']).stdout).toBe('RSA key ok\n');
    expect(w.real(['ec', '-in', 'gpe.key', '-noout', '-check']).stderr).toBe('read EC key\nEC Key valid.\n');
  });
});

describe('genrsa without a key pool', () => {
  it('generates a fresh key of the requested size', async () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    const fs = newFs(clock);
    const openssl = makeOpenssl({ clock, rng: new Rng(1) });
    expect((await runProgram(openssl, fs, ['openssl', 'genrsa', '-out', 'k.key', '1024'])).rc).toBe(0);
    const r = await runProgram(openssl, fs, ['openssl', 'rsa', '-in', 'k.key', '-noout', '-text']);
    expect(r.stdout).toMatch(/^Private-Key: \(1024 bit, 2 primes\)\n/);
  });

  it('draws 2048-bit keys from a KeySource when given one, so replays repeat', async () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    const make = async () => {
      const fs = newFs(clock);
      const openssl = makeOpenssl({ clock, rng: new Rng(1), keys: new KeySource(new Rng(1)) });
      await runProgram(openssl, fs, ['openssl', 'genrsa', '-out', 'k.key']);
      return fs.readFile('/root/k.key');
    };
    expect(await make()).toBe(await make());
  });

  it('refuses to write into a directory the user may not write', async () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    const fs = newFs(clock);
    fs.mkdir('/etc', { mode: 0o755 });
    const openssl = makeOpenssl({ clock, rng: new Rng(1), keys: new KeySource(new Rng(1)) });
    const r = await runProgram(openssl, fs, ['openssl', 'genrsa', '-out', '/etc/k.key'], { account: { name: 'candidate', uid: 1000, gid: 1000, home: '/home/candidate', shell: '/bin/bash', groups: [] } });
    expect(r).toEqual({ rc: 1, stdout: '', stderr: 'genrsa: Can\'t open "/etc/k.key" for writing, Permission denied\n' });
  });
});
