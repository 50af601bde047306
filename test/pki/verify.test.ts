import { describe, expect, it } from 'vitest';
import { verifyChain, x509ClientIdentity } from '../../src/pki/verify.js';
import { EKU } from '../../src/pki/oids.js';
import { issueCa } from '../../src/pki/kubeadm.js';
import { Rng } from '../../src/util/rng.js';
import { DAY, T0, makeCa, makeLeaf } from './fixtures.js';

const ca = makeCa();
const otherCa = makeCa('kubernetes', 11);
const server = makeLeaf(ca, {
  dns: ['controlplane', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
  ips: ['10.96.0.1', '172.30.1.2'],
});
const client = makeLeaf(ca, { cn: 'kubernetes-admin', orgs: ['kubeadm:cluster-admins'], usages: [EKU.clientAuth] });
const now = T0 + DAY;

describe('verifyChain (Go crypto/x509 semantics)', () => {
  it('accepts a certificate signed by the CA, valid now, for the requested name', () => {
    const r = verifyChain(server.cert.pem, ca.cert.pem, now, { dnsName: 'kubernetes.default.svc' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.chain.map((c) => c.commonName)).toEqual(['kube-apiserver', 'kubernetes']);
  });

  it('reports an expired certificate with both instants in RFC 3339', () => {
    const r = verifyChain(client.cert, ca.cert, Date.parse('2027-01-02T00:00:00Z'), { usages: ['clientAuth'] });
    expect(r).toEqual({
      ok: false,
      reason: 'Expired',
      error: 'x509: certificate has expired or is not yet valid: current time 2027-01-02T00:00:00Z is after 2027-01-01T00:00:00Z',
    });
  });

  it('reports a certificate that is not valid yet', () => {
    const r = verifyChain(client.cert, ca.cert, Date.parse('2025-12-01T00:00:00Z'), { usages: ['clientAuth'] });
    expect(!r.ok && r.error).toBe('x509: certificate has expired or is not yet valid: current time 2025-12-01T00:00:00Z is before 2025-12-31T23:55:00Z');
  });

  it('names the candidate CA when another cluster\'s CA of the same name fails the signature', () => {
    const r = verifyChain(client.cert, otherCa.cert, now, { usages: ['clientAuth'] });
    expect(!r.ok && r.error).toBe(
      'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kubernetes")',
    );
  });

  it('says only "unknown authority" when no CA has the issuer\'s name', () => {
    const fp = makeCa('front-proxy-ca', 12);
    const r = verifyChain(client.cert, fp.cert, now, { usages: ['clientAuth'] });
    expect(!r.ok && r.error).toBe('x509: certificate signed by unknown authority');
  });

  it('mentions an expired CA as the hint when the leaf itself is still valid', () => {
    const shortCa = makeCa('kubernetes', 13);
    const short = { ...shortCa, cert: issueCa('kubernetes', shortCa.key, { notBefore: T0, notAfter: T0 + 10 * DAY }, new Rng(1)) };
    const leaf = makeLeaf(short, { cn: 'jane', usages: [EKU.clientAuth] });
    const r = verifyChain(leaf.cert, short.cert, T0 + 20 * DAY, { usages: ['clientAuth'] });
    expect(!r.ok && r.error).toBe(
      'x509: certificate signed by unknown authority (possibly because of "x509: certificate has expired or is not yet valid: current time 2026-01-21T00:00:00Z is after 2026-01-11T00:00:00Z" while trying to verify candidate authority certificate "kubernetes")',
    );
  });

  it('lists the DNS names a certificate is valid for when the host does not match', () => {
    const r = verifyChain(server.cert, ca.cert, now, { dnsName: 'foo' });
    expect(!r.ok && r.error).toBe(
      'x509: certificate is valid for controlplane, kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, not foo',
    );
  });

  it('lists the IP SANs when an IP does not match, and says when there are none', () => {
    expect(verifyChain(server.cert, ca.cert, now, { dnsName: '172.30.1.2' }).ok).toBe(true);
    const r = verifyChain(server.cert, ca.cert, now, { dnsName: '10.0.0.9' });
    expect(!r.ok && r.error).toBe('x509: certificate is valid for 10.96.0.1, 172.30.1.2, not 10.0.0.9');
    const r2 = verifyChain(client.cert, ca.cert, now, { dnsName: '10.0.0.9', usages: ['clientAuth'] });
    expect(!r2.ok && r2.error).toBe("x509: cannot validate certificate for 10.0.0.9 because it doesn't contain any IP SANs");
  });

  it('refuses a server certificate as a client certificate', () => {
    const r = verifyChain(server.cert, ca.cert, now, { usages: ['clientAuth'] });
    expect(!r.ok && r.error).toBe('x509: certificate specifies an incompatible key usage');
  });

  it('matches wildcard DNS names on one label only', () => {
    const wild = makeLeaf(ca, { dns: ['*.apps.example.com'] });
    expect(verifyChain(wild.cert, ca.cert, now, { dnsName: 'shop.apps.example.com' }).ok).toBe(true);
    expect(verifyChain(wild.cert, ca.cert, now, { dnsName: 'a.shop.apps.example.com' }).ok).toBe(false);
  });

  it('accepts a CA bundle with several roots', () => {
    expect(verifyChain(client.cert, otherCa.cert.pem + ca.cert.pem, now, { usages: ['clientAuth'] }).ok).toBe(true);
  });
});

describe('x509ClientIdentity (the apiserver\'s x509 authenticator)', () => {
  it('names the user by CN and the groups by O', () => {
    const r = x509ClientIdentity(client.cert.pem, ca.cert.pem, now);
    expect(r.ok && { user: r.user, groups: r.groups }).toEqual({ user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] });
  });

  it('refuses an expired certificate with Go\'s error', () => {
    const r = x509ClientIdentity(client.cert, ca.cert, T0 + 400 * DAY);
    expect(!r.ok && r.reason).toBe('Expired');
  });
});
