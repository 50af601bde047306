import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParsedCsr, createCsr, kubernetesUsages, signCsrAsKubernetes } from '../../src/pki/csr.js';
import { dnsNames, ipNames, subjectAltName } from '../../src/pki/extensions.js';
import { formatOneline, goName, parseOpensslSubject } from '../../src/pki/names.js';
import { csrText } from '../../src/pki/openssl-text.js';
import { Rng } from '../../src/util/rng.js';
import { hasOpenssl, realDir, realOpenssl } from './harness.js';
import { DAY, T0, makeCa } from './fixtures.js';

const ca = makeCa();

describe('CSRs', () => {
  const key = ca.keys.rsa();
  const csr = createCsr({
    key,
    subject: parseOpensslSubject('/CN=jane/O=dev', 'req').name!,
    extensions: [subjectAltName([...dnsNames(['jane.example.com']), ...ipNames(['10.0.0.7'])])],
  });

  it('round-trips subject, SANs and public key through PEM', () => {
    const p = ParsedCsr.parse(csr.pem);
    expect(p.commonName).toBe('jane');
    expect(p.organizations).toEqual(['dev']);
    expect(p.dnsNames).toEqual(['jane.example.com']);
    expect(p.ipAddresses).toEqual(['10.0.0.7']);
    expect(p.publicKey.equals(key.publicKey)).toBe(true);
    expect(p.verifySignature()).toBe(true);
  });

  it('detects a request whose contents were altered after signing', () => {
    const der = Buffer.from(csr.der);
    const at = der.indexOf(Buffer.from('jane'));
    der[at] = 'x'.charCodeAt(0);
    expect(ParsedCsr.parse(der).verifySignature()).toBe(false);
  });

  it('maps certificates.k8s.io usages to key usages and sorted extended key usages', () => {
    expect(kubernetesUsages(['client auth', 'digital signature', 'key encipherment', 'server auth'])).toEqual({
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extKeyUsage: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
    });
    expect(() => kubernetesUsages(['client auth', 'flying'])).toThrow('unrecognized usage values: ["flying"]');
  });

  it('signs like kube-controller-manager: Go subject order, backdated 5 minutes, a year, 128-bit serial', () => {
    const cert = signCsrAsKubernetes(csr, ca, { usages: ['digital signature', 'key encipherment', 'client auth'], now: T0 + DAY, rng: new Rng(1) });
    expect(formatOneline(cert.subject)).toBe('O = dev, CN = jane');
    expect(cert.notBefore).toBe(T0 + DAY - 5 * 60_000);
    expect(cert.notAfter).toBe(T0 + DAY + 365 * DAY - 5 * 60_000);
    expect(cert.extKeyUsage).toEqual(['clientAuth']);
    expect(cert.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(cert.dnsNames).toEqual(['jane.example.com']);
    expect(cert.serial < 1n << 128n).toBe(true);
    expect(cert.isSignedBy(ca.cert.publicKey)).toBe(true);
  });

  it('caps a certificate at the CA\'s expiry and honours a short expirationSeconds unbackdated', () => {
    const shortLived = signCsrAsKubernetes(csr, ca, { usages: ['client auth'], now: T0, durationMs: 600_000, rng: new Rng(2) });
    expect(shortLived.notAfter).toBe(T0 + 600_000);
    const capped = signCsrAsKubernetes(csr, ca, { usages: ['client auth'], now: T0 + 3640 * DAY, rng: new Rng(3) });
    expect(capped.notAfter).toBe(ca.cert.notAfter);
  });
});

describe.skipIf(!hasOpenssl)('CSR interop with the real openssl', () => {
  it('real openssl accepts our CSR signature and prints it as we do', () => {
    const dir = realDir();
    const csr = createCsr({ key: ca.keys.rsa(), subject: goName({ commonName: 'system:node:node01', organization: ['system:nodes'] }) });
    writeFileSync(join(dir, 'n.csr'), csr.pem);
    const v = realOpenssl(dir, ['req', '-in', 'n.csr', '-noout', '-verify']);
    expect(v.stderr).toBe('Certificate request self-signature verify OK\n');
    expect(csrText(csr)).toBe(realOpenssl(dir, ['req', '-in', 'n.csr', '-noout', '-text']).stdout);
  });

  it('a CSR made by real openssl, signed by our code, verifies with real openssl', () => {
    const dir = realDir();
    realOpenssl(dir, ['genrsa', '-out', 'jane.key', '2048']);
    realOpenssl(dir, ['req', '-new', '-key', 'jane.key', '-subj', '/CN=jane/O=developers', '-addext', 'subjectAltName=DNS:jane.local', '-out', 'jane.csr']);
    const csr = ParsedCsr.parse(readFileSync(join(dir, 'jane.csr'), 'utf8'));
    expect(csr.verifySignature()).toBe(true);
    expect(csr.dnsNames).toEqual(['jane.local']);
    const now = Date.now();
    const cert = signCsrAsKubernetes(csr, ca, { usages: ['client auth'], now, rng: new Rng(5) });
    writeFileSync(join(dir, 'jane.crt'), cert.pem);
    writeFileSync(join(dir, 'ca.crt'), ca.cert.pem);
    expect(realOpenssl(dir, ['verify', '-CAfile', 'ca.crt', 'jane.crt']).stdout).toBe('jane.crt: OK\n');
    expect(realOpenssl(dir, ['x509', '-in', 'jane.crt', '-noout', '-subject']).stdout).toBe('subject=O = developers, CN = jane\n');
    const modulus = (args: string[]) => realOpenssl(dir, args).stdout;
    expect(modulus(['x509', '-in', 'jane.crt', '-noout', '-modulus'])).toBe(modulus(['rsa', '-in', 'jane.key', '-noout', '-modulus']));
  });
});
