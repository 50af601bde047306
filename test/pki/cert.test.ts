import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGoCertificate } from '../../src/pki/cert.js';
import { goName } from '../../src/pki/names.js';
import { EKU } from '../../src/pki/oids.js';
import { certificateText } from '../../src/pki/openssl-text.js';
import { ParsedCert, parseCertificates } from '../../src/pki/x509.js';
import { hasOpenssl, realDir, realOpenssl } from './harness.js';
import { DAY, T0, makeCa, makeLeaf } from './fixtures.js';

const ca = makeCa();
const apiserver = makeLeaf(ca, {
  dns: ['kubernetes.default', 'controlplane', 'kubernetes', 'kubernetes'],
  ips: ['10.96.0.1', '172.30.1.2', '10.96.0.1', '::1'],
});

describe('certificates issued like kubeadm', () => {
  it('gives the CA kubeadm\'s shape: CN=kubernetes, 10 years, CA key usages, SKI, SAN DNS:kubernetes', () => {
    const c = ca.cert;
    expect(c.commonName).toBe('kubernetes');
    expect(c.isCA).toBe(true);
    expect(c.keyUsage).toEqual(['digitalSignature', 'keyEncipherment', 'keyCertSign']);
    expect(c.notBefore).toBe(T0 - 5 * 60_000);
    expect(c.notAfter).toBe(T0 + 3650 * DAY);
    expect(c.subjectKeyId).toEqual(c.publicKey.keyId());
    expect(c.authorityKeyId).toBeUndefined();
    expect(c.dnsNames).toEqual(['kubernetes']);
    expect(c.serial > 0n && c.serial < 1n << 63n).toBe(true);
  });

  it('gives leaves sorted, de-duplicated SANs, the usages asked for and the CA\'s key id', () => {
    const c = apiserver.cert;
    expect(c.dnsNames).toEqual(['controlplane', 'kubernetes', 'kubernetes.default']);
    expect(c.ipAddresses).toEqual(['10.96.0.1', '172.30.1.2', '::1']);
    expect(c.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(c.extKeyUsage).toEqual(['serverAuth']);
    expect(c.isCA).toBe(false);
    expect(c.basicConstraints).toEqual({ ca: false });
    expect(c.authorityKeyId).toEqual(ca.cert.subjectKeyId);
    expect(c.subjectKeyId).toBeUndefined();
    expect(c.notAfter - c.notBefore).toBe(365 * DAY + 5 * 60_000);
    expect(c.isSignedBy(ca.cert.publicKey)).toBe(true);
    expect(c.isSignedBy(c.publicKey)).toBe(false);
  });

  it('writes extensions in Go\'s order: key usage, EKU, basic constraints, AKI, SAN', () => {
    expect(apiserver.cert.extensions.map((e) => e.oid)).toEqual(['2.5.29.15', '2.5.29.37', '2.5.29.19', '2.5.29.35', '2.5.29.17']);
    expect(apiserver.cert.extensions.map((e) => e.critical)).toEqual([true, false, true, false, false]);
  });

  it('parses back from PEM with subject, issuer, serial, organizations and fingerprint', () => {
    const admin = makeLeaf(ca, { cn: 'kubernetes-admin', orgs: ['kubeadm:cluster-admins'], usages: [EKU.clientAuth] });
    const p = ParsedCert.parse(admin.cert.pem);
    expect(p.commonName).toBe('kubernetes-admin');
    expect(p.organizations).toEqual(['kubeadm:cluster-admins']);
    expect(p.issuerCommonName).toBe('kubernetes');
    expect(p.serial).toBe(admin.cert.serial);
    expect(p.fingerprint('sha256')).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(p.extKeyUsage).toEqual(['clientAuth']);
  });

  it('reads every certificate of a bundle', () => {
    expect(parseCertificates(apiserver.cert.pem + ca.cert.pem).map((c) => c.commonName)).toEqual(['kube-apiserver', 'kubernetes']);
  });

  it('issues EC-keyed certificates signed by an RSA CA', () => {
    const ecKey = ca.keys.ec();
    const c = createGoCertificate(
      { serial: 5n, subject: goName({ commonName: 'x' }), notBefore: T0, notAfter: T0 + DAY, publicKey: ecKey.publicKey, keyUsage: ['digitalSignature'], extKeyUsage: [EKU.clientAuth], isCA: false },
      ca,
    );
    expect(c.publicKey.algorithm).toBe('ec');
    expect(c.isSignedBy(ca.cert.publicKey)).toBe(true);
  });
});

describe.skipIf(!hasOpenssl)('interop with the real openssl', () => {
  it('real openssl verifies our chain and reads our SANs', () => {
    const dir = realDir();
    writeFileSync(join(dir, 'ca.crt'), ca.cert.pem);
    writeFileSync(join(dir, 'apiserver.crt'), apiserver.cert.pem);
    const v = realOpenssl(dir, ['verify', '-attime', String(T0 / 1000 + 3600), '-CAfile', 'ca.crt', 'apiserver.crt']);
    expect(v.stdout).toBe('apiserver.crt: OK\n');
    const san = realOpenssl(dir, ['x509', '-in', 'apiserver.crt', '-noout', '-ext', 'subjectAltName']);
    expect(san.stdout).toBe(
      'X509v3 Subject Alternative Name: \n    DNS:controlplane, DNS:kubernetes, DNS:kubernetes.default, IP Address:10.96.0.1, IP Address:172.30.1.2, IP Address:0:0:0:0:0:0:0:1\n',
    );
  });

  it('our `x509 -text` rendering equals the real one for CA, server, client and EC certificates', () => {
    const dir = realDir();
    const ecKey = ca.keys.ec();
    const ecLeaf = createGoCertificate(
      { serial: (1n << 127n) + 12345n, subject: goName({ commonName: 'system:node:node01', organization: ['system:nodes'] }), notBefore: T0, notAfter: T0 + 365 * DAY, publicKey: ecKey.publicKey, keyUsage: ['digitalSignature'], extKeyUsage: [EKU.clientAuth], isCA: false },
      ca,
    );
    const admin = makeLeaf(ca, { cn: 'kubernetes-admin', orgs: ['kubeadm:cluster-admins'], usages: [EKU.clientAuth] });
    for (const [name, cert] of [['ca', ca.cert], ['apiserver', apiserver.cert], ['admin', admin.cert], ['ec', ecLeaf]] as const) {
      writeFileSync(join(dir, `${name}.crt`), cert.pem);
      const real = realOpenssl(dir, ['x509', '-in', `${name}.crt`, '-noout', '-text']);
      expect(certificateText(cert), name).toBe(real.stdout);
    }
  });
});
