import { describe, expect, it } from 'vitest';
import { writeControlPlanePki, writeWorkerPki } from '../../../src/pki/kubeadm.js';
import { hasOpenssl, newFs, Rng, VirtualClock } from '../harness.js';
import { squashDecoderLines, world } from './both.js';

/** Certificates from a kubeadm cluster plus ones made by the real openssl. */
function setup() {
  const w = world();
  const clock = new VirtualClock('2026-01-01T00:00:00Z');
  const cp = newFs(clock);
  const rng = new Rng(8);
  const pki = writeControlPlanePki(cp, { nodeName: 'controlplane', nodeIp: '172.30.1.2', clock, rng });
  const node = newFs(clock);
  writeWorkerPki(node, { nodeName: 'node01', nodeIp: '172.30.1.3', clock, rng, keys: pki.keys, ca: pki.ca, server: pki.server });
  w.put('ca.crt', cp.readFile('/etc/kubernetes/pki/ca.crt'));
  w.put('ca.key', cp.readFile('/etc/kubernetes/pki/ca.key'));
  w.put('apiserver.crt', cp.readFile('/etc/kubernetes/pki/apiserver.crt'));
  w.put('etcd-server.crt', cp.readFile('/etc/kubernetes/pki/etcd/server.crt'));
  w.put('kubelet.crt', cp.readFile('/var/lib/kubelet/pki/kubelet.crt'));
  w.put('kubelet.key', cp.readFile('/var/lib/kubelet/pki/kubelet.key'));
  w.put('node01.pem', node.readFile('/var/lib/kubelet/pki/kubelet-client-current.pem'));
  w.put('garbage.crt', 'not a certificate\n');
  w.put('empty.crt', '');
  w.real(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'own.key', '-subj', '/CN=own-ca/O=Acme, Inc.', '-days', '30', '-out', 'own.crt']);
  w.real(['req', '-new', '-key', 'own.key', '-subj', '/CN=jane/O=dev', '-out', 'jane.csr']);
  w.take('own.crt');
  w.take('own.key');
  w.take('jane.csr');
  return w;
}

const DISPLAY: string[][] = [
  ['-noout', '-text'],
  ['-noout', '-subject', '-issuer'],
  ['-noout', '-dates'],
  ['-noout', '-enddate', '-subject', '-startdate'],
  ['-noout', '-serial'],
  ['-noout', '-fingerprint'],
  ['-noout', '-fingerprint', '-sha256'],
  ['-noout', '-ext', 'subjectAltName,keyUsage'],
  ['-noout', '-ext', 'bogus'],
  ['-noout', '-pubkey'],
  ['-noout', '-modulus'],
  ['-noout', '-subject', '-nameopt', 'RFC2253'],
  ['-noout', '-subject', '-nameopt', 'compat'],
  ['-noout', '-subject', '-issuer', '-nameopt', 'multiline'],
  ['-noout', '-subject_hash', '-issuer_hash', '-hash'],
  ['-noout', '-checkend', '0'],
  ['-noout', '-checkend', '315360000'],
  ['-noout', '-ocspid'],
  ['-noout', '-email'],
  [],
  ['-text'],
  ['-noout', '-text', '-certopt', 'no_pubkey,no_sigdump'],
];

describe.skipIf(!hasOpenssl)('openssl x509 against the real openssl 3.0', () => {
  const w = setup();

  for (const file of ['ca.crt', 'apiserver.crt', 'etcd-server.crt', 'kubelet.crt', 'node01.pem', 'own.crt']) {
    it(`prints ${file} the same way for every display option`, async () => {
      for (const args of DISPLAY) {
        const { ours, real } = await w.both(['x509', '-in', file, ...args]);
        expect(ours, `x509 -in ${file} ${args.join(' ')}`).toEqual(real);
      }
    });
  }

  it.each([
    [['x509', '-in', 'missing.crt', '-noout', '-text']],
    [['x509', '-in', 'garbage.crt', '-noout']],
    [['x509', '-in', 'empty.crt', '-noout']],
    [['x509', '-in', 'ca.key', '-noout']],
    [['x509', '-noout', '-text', '-in']],
    [['x509', '-in', 'ca.crt', '-noout', '-checkend', 'abc']],
    [['x509', '-in', 'ca.crt', '-noout', '-subject', 'extra']],
    [['x509', '-in', 'ca.crt', '-out', '/nonexistent/x.crt']],
    [['x509', '-in', '/tmp', '-noout']],
  ])('fails like OpenSSL: %j', async (args) => {
    const { ours, real } = await w.both(args);
    expect(ours).toEqual(real);
  });

  it('fails on a request given as a certificate with the same head and tail lines', async () => {
    const { ours, real } = await w.both(['x509', '-in', 'jane.csr', '-noout', '-subject']);
    expect(squashDecoderLines(ours)).toEqual(squashDecoderLines(real));
  });

  it('reads a certificate from stdin', async () => {
    const pem = w.fs.readFile('/root/apiserver.crt');
    const { ours, real } = await w.both(['x509', '-noout', '-subject'], pem);
    expect(ours).toEqual(real);
  });

  it('writes the printed fields and the PEM to -out', async () => {
    await w.ours(['x509', '-in', 'ca.crt', '-subject', '-out', 'copy.crt']);
    w.real(['x509', '-in', 'ca.crt', '-subject', '-out', 'copy.crt']);
    expect(w.fs.readFile('/root/copy.crt')).toBe(w.take('copy.crt'));
  });
});

describe.skipIf(!hasOpenssl)('openssl x509 -req signs like the real openssl 3.0', () => {
  const w = setup();

  it('signs a CSR with -CA/-CAkey: messages, a v1 certificate without extensions, verifiable by the real openssl', async () => {
    const r = await w.ours(['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-out', 'jane.crt', '-days', '365']);
    expect(r).toEqual({ rc: 0, stdout: '', stderr: 'Certificate request self-signature ok\nsubject=CN = jane, O = dev\n' });
    w.share('jane.crt');
    expect(w.real(['verify', '-CAfile', 'ca.crt', 'jane.crt']).stdout).toBe('jane.crt: OK\n');
    const text = w.real(['x509', '-in', 'jane.crt', '-noout', '-text']).stdout;
    expect(text).toContain('        Version: 1 (0x0)\n');
    expect(text).not.toContain('X509v3 extensions');
    const dates = w.real(['x509', '-in', 'jane.crt', '-noout', '-enddate']).stdout;
    expect(dates).toBe(`notAfter=${(await w.ours(['x509', '-in', 'jane.crt', '-noout', '-enddate'])).stdout.slice(9)}`);
  });

  it('keeps the serial in ca.srl with -CAcreateserial and counts up from it', async () => {
    await w.ours(['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'a.crt']);
    const first = w.fs.readFile('/root/ca.srl');
    expect(first).toMatch(/^[0-9A-F]+\n$/);
    expect((await w.ours(['x509', '-in', 'a.crt', '-noout', '-serial'])).stdout).toBe(`serial=${first}`);
    await w.ours(['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-out', 'b.crt']);
    const second = w.fs.readFile('/root/ca.srl');
    expect(BigInt('0x' + second.trim())).toBe(BigInt('0x' + first.trim()) + 1n);
  });

  it('adds extfile extensions and then, as OpenSSL 3 does, the key identifiers', async () => {
    const ext = '[ v3_ext ]\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth, clientAuth\nsubjectAltName = @alt\n[ alt ]\nDNS.1 = jane.local\nIP.1 = 10.0.0.7\nIP.2 = ::1\n';
    w.put('ext.cnf', ext);
    const args = ['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '42', '-days', '10', '-extfile', 'ext.cnf', '-extensions', 'v3_ext', '-out', 'ext.crt'];
    await w.ours(args);
    w.real(args);
    const extBlock = (text: string) => text.slice(text.indexOf('        X509v3 extensions:'), text.indexOf('    Signature Algorithm', text.indexOf('X509v3 extensions')));
    const oursText = (await w.ours(['x509', '-in', 'ext.crt', '-noout', '-text'])).stdout;
    const realText = w.real(['x509', '-in', 'ext.crt', '-noout', '-text']).stdout;
    expect(extBlock(oursText)).toBe(extBlock(realText));
    expect(oursText).toContain('        Serial Number: 42 (0x2a)\n');
  });

  it('self-signs with -signkey, as the CKA notes make their CA', async () => {
    w.real(['req', '-new', '-key', 'own.key', '-subj', '/CN=KUBERNETES-CA', '-out', 'ca2.csr']);
    w.take('ca2.csr');
    const r = await w.ours(['x509', '-req', '-in', 'ca2.csr', '-signkey', 'own.key', '-out', 'ca2.crt']);
    expect(r.rc).toBe(0);
    w.share('ca2.crt');
    expect(w.real(['verify', '-CAfile', 'ca2.crt', 'ca2.crt']).stdout).toBe('ca2.crt: OK\n');
  });

  it.each([
    [['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'own.key', '-out', 'z.crt']],
    [['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-out', 'z.crt']],
    [['x509', '-req', '-in', 'missing.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key']],
    [['x509', '-req', '-in', 'garbage.crt', '-CA', 'ca.crt', '-CAkey', 'ca.key']],
    [['x509', '-req', '-in', 'jane.csr', '-CA', 'missing.crt', '-CAkey', 'ca.key']],
    [['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'missing.key']],
    [['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAserial', 'missing.srl', '-out', 'z.crt']],
    [['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-days', '-5']],
  ])('fails like OpenSSL: %j', async (args) => {
    const { ours, real } = await w.both(args);
    expect(ours).toEqual(real);
  });

  it.each([
    ['foo=bar'],
    ['subjectAltName=IP:1.2.3'],
    ['subjectAltName=DNS:'],
    ['keyUsage=digitalSig'],
    ['subjectAltName=@nosect'],
    ['basicConstraints=CA:maybe'],
    ['extendedKeyUsage=fooAuth'],
  ])('reports a bad extension line like OpenSSL: %s', async (line) => {
    w.put('bad.ext', line + '\n');
    const { ours, real } = await w.both(['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-extfile', 'bad.ext', '-out', 'bad.crt']);
    expect(ours).toEqual(real);
  });
});
