import { describe, expect, it } from 'vitest';
import { hasOpenssl } from '../harness.js';
import { squashDecoderLines, world } from './both.js';

function setup() {
  const w = world(3);
  w.real(['genrsa', '-out', 'jane.key', '2048']);
  w.take('jane.key');
  w.real(['req', '-new', '-key', 'jane.key', '-subj', '/CN=jane/O=dev', '-addext', 'subjectAltName=DNS:jane.local,IP:10.0.0.7', '-out', 'jane.csr']);
  w.take('jane.csr');
  w.real(['req', '-new', '-key', 'jane.key', '-subj', '/CN=plain', '-out', 'plain.csr']);
  w.take('plain.csr');
  w.put('garbage.csr', 'garbage\n');
  return w;
}

describe.skipIf(!hasOpenssl)('openssl req against the real openssl 3.0', () => {
  const w = setup();

  it.each([
    [['-noout', '-text']],
    [['-noout', '-subject']],
    [['-noout', '-verify']],
    [['-noout', '-pubkey', '-text', '-subject', '-modulus']],
    [['-noout', '-subject', '-nameopt', 'RFC2253']],
    [[]],
  ])('shows a request with %j', async (args) => {
    for (const file of ['jane.csr', 'plain.csr']) {
      const { ours, real } = await w.both(['req', '-in', file, ...args]);
      expect(ours, `${file} ${args.join(' ')}`).toEqual(real);
    }
  });

  it.each([
    [['req', '-in', 'missing.csr', '-noout', '-text']],
    [['req', '-in', 'garbage.csr', '-noout', '-text']],
    [['req', '-in', 'jane.key', '-noout']],
    [['req', '-new', '-key', 'missing.key', '-subj', '/CN=a', '-out', 'a.csr']],
    [['req', '-new', '-key', 'jane.key', '-subj', 'CN=a', '-out', 'a.csr']],
    [['req', '-new', '-key', 'jane.csr', '-subj', '/CN=a', '-out', 'a.csr']],
    [['req', '-bogus']],
    [['req', '-x509', '-key', 'jane.key', '-subj', '/CN=z', '-days', 'abc']],
    [['req', '-new', '-key', 'jane.key', '-subj', '/CN=x', '-addext', 'keyUsage=keyCertSign', '-addext', 'keyUsage=digitalSignature']],
  ])('fails like OpenSSL: %j', async (args) => {
    const { ours, real } = await w.both(args);
    expect(squashDecoderLines(ours)).toEqual(squashDecoderLines(real));
  });

  it('makes a CSR the real openssl verifies, with the subject and extensions asked for', async () => {
    const r = await w.ours(['req', '-new', '-key', 'jane.key', '-subj', '/CN=bob/O=dev/O=ops', '-addext', 'subjectAltName=DNS:bob.local', '-out', 'bob.csr']);
    expect(r).toEqual({ rc: 0, stdout: '', stderr: '' });
    w.share('bob.csr');
    const real = w.real(['req', '-in', 'bob.csr', '-noout', '-verify', '-subject']);
    expect(real.stderr).toBe('Certificate request self-signature verify OK\n');
    expect(real.stdout).toBe('subject=CN = bob, O = dev, O = ops\n');
    expect((await w.ours(['req', '-in', 'bob.csr', '-noout', '-text'])).stdout).toBe(w.real(['req', '-in', 'bob.csr', '-noout', '-text']).stdout);
  });

  it('warns about unknown subject attributes as OpenSSL does', async () => {
    const args = ['req', '-new', '-key', 'jane.key', '-subj', '/CN=a/XX=b', '-out', 'w.csr'];
    expect((await w.ours(args)).stderr).toBe(w.real(args).stderr);
  });

  it('makes a self-signed CA with the default v3_ca extensions, like the real one', async () => {
    const args = ['req', '-x509', '-new', '-key', 'jane.key', '-subj', '/CN=kubernetes', '-days', '3650', '-set_serial', '7', '-out', 'ca.crt'];
    await w.ours(args);
    w.share('ca.crt');
    const ours = w.real(['x509', '-in', 'ca.crt', '-noout', '-text']).stdout;
    w.real(args);
    const real = w.real(['x509', '-in', 'ca.crt', '-noout', '-text']).stdout;
    const stable = (t: string) => t.replace(/Not (Before|After) ?: .*\n/g, '').replace(/Signature Value:[\s\S]*/, '');
    expect(stable(ours)).toBe(stable(real));
  });

  it('adds -addext extensions after the config ones and writes the key it generates with -newkey', async () => {
    const r = await w.ours(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'site.key', '-subj', '/CN=site', '-days', '1', '-addext', 'subjectAltName=DNS:site', '-out', 'site.crt']);
    expect(r.rc).toBe(0);
    expect(r.stderr).toMatch(/^[.+*]+\n[.+*]+\n-----\n$/);
    expect(w.fs.readFile('/root/site.key')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(w.fs.stat('/root/site.key').mode).toBe(0o600);
    w.share('site.crt');
    w.share('site.key');
    const text = w.real(['x509', '-in', 'site.crt', '-noout', '-text']).stdout;
    expect(text.match(/X509v3 [A-Za-z ]+:/g)).toEqual([
      'X509v3 extensions:', 'X509v3 Subject Key Identifier:', 'X509v3 Authority Key Identifier:', 'X509v3 Basic Constraints:', 'X509v3 Subject Alternative Name:',
    ]);
    expect(w.real(['x509', '-in', 'site.crt', '-noout', '-modulus']).stdout).toBe(w.real(['rsa', '-in', 'site.key', '-noout', '-modulus']).stdout);
  });

  it('builds the subject from a config file with prompt = no and its req_extensions', async () => {
    w.put('r.cnf', '[req]\nprompt=no\ndistinguished_name=dn\nreq_extensions=ext\n[dn]\nCN=web\nO=acme\n[ext]\nsubjectAltName=DNS:web,IP:10.0.0.5\n');
    await w.ours(['req', '-new', '-key', 'jane.key', '-config', 'r.cnf', '-out', 'r.csr']);
    w.share('r.csr');
    const text = w.real(['req', '-in', 'r.csr', '-noout', '-text']).stdout;
    expect(text).toContain('        Subject: CN = web, O = acme\n');
    expect(text).toContain('                X509v3 Subject Alternative Name: \n                    DNS:web, IP Address:10.0.0.5\n');
  });

  it('asks for the DN on stdin like the real dialogue, defaults and "." included', async () => {
    const answers = 'DE\n\n\n.\n\nexample.com\n\n\n\n';
    const args = ['req', '-new', '-key', 'jane.key', '-out', 'p.csr'];
    const ours = await w.ours(args, answers);
    const real = w.real(args, answers);
    expect(ours.rc).toBe(real.rc);
    expect(ours.stdout + ours.stderr).toBe(real.stdout + real.stderr);
    w.share('p.csr');
    expect(w.real(['req', '-in', 'p.csr', '-noout', '-subject']).stdout).toBe('subject=C = DE, ST = Some-State, CN = example.com\n');
  });

  it('stops the dialogue when stdin runs out', async () => {
    const args = ['req', '-new', '-key', 'jane.key', '-out', 'q.csr'];
    const ours = await w.ours(args, 'toolong\n');
    const real = w.real(args, 'toolong\n');
    expect(ours.rc).toBe(real.rc);
    expect(ours.stdout + ours.stderr).toBe(real.stdout + real.stderr);
  });
});
