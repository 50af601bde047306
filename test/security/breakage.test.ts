/**
 * The certificate breakage of the scenario catalogue, through the re-issuer the session wires in:
 * the file keeps its key and everything else, and only the asked-for change breaks the cluster.
 */
import { describe, expect, it } from 'vitest';
import { applyBreakage, type BreakageContext } from '../../src/scenario/breakages.js';
import { certificateReissuer } from '../../src/cluster/assemble.js';
import { ParsedCert } from '../../src/pki/x509.js';
import { PrivateKey } from '../../src/pki/keys.js';
import { verifyChain } from '../../src/pki/verify.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { bootDefault, connectWith } from './helpers.js';

function context(cluster: Cluster): BreakageContext {
  return { world: cluster.world, cluster, clusters: new Map([[cluster.name, cluster]]), reissueCertificate: certificateReissuer() };
}

describe('the certificate breakage', () => {
  it('expires the apiserver certificate a day before now, keeping its key and names', () => {
    const { cluster } = bootDefault();
    const cp = cluster.controlPlane();
    const before = ParsedCert.parse(cp.fs.readFile('/etc/kubernetes/pki/apiserver.crt'));
    applyBreakage({ certificate: { host: 'controlplane', path: '/etc/kubernetes/pki/apiserver.crt', expired: true } }, context(cluster));
    const after = ParsedCert.parse(cp.fs.readFile('/etc/kubernetes/pki/apiserver.crt'));
    expect(after.notAfter).toBe(cluster.world.clock.now() - 86_400_000);
    expect([after.commonName, after.dnsNames, after.ipAddresses, after.extKeyUsage]).toEqual([before.commonName, before.dnsNames, before.ipAddresses, before.extKeyUsage]);
    expect(PrivateKey.fromPem(cp.fs.readFile('/etc/kubernetes/pki/apiserver.key')).publicKey.equals(after.publicKey)).toBe(true);
    expect(after.isSignedBy(ParsedCert.parse(cp.fs.readFile('/etc/kubernetes/pki/ca.crt')).publicKey)).toBe(true);
    expect(connectWith(cluster, cluster.world.workstation)).toMatchObject({ ok: false, error: expect.stringContaining('x509: certificate has expired or is not yet valid') });
  });

  it('signs with a foreign CA of the same name on wrongCa', () => {
    const { cluster } = bootDefault();
    const cp = cluster.controlPlane();
    applyBreakage({ certificate: { host: 'controlplane', path: '/etc/kubernetes/pki/apiserver.crt', wrongCa: true } }, context(cluster));
    const after = ParsedCert.parse(cp.fs.readFile('/etc/kubernetes/pki/apiserver.crt'));
    expect(after.issuerCommonName).toBe('kubernetes');
    const r = verifyChain(after, cp.fs.readFile('/etc/kubernetes/pki/ca.crt'), cluster.world.clock.now());
    expect(r.ok ? '' : r.error).toBe('x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kubernetes")');
  });

  it('renames the subject of a client certificate embedded in a kubeconfig', () => {
    const { cluster } = bootDefault();
    applyBreakage({ certificate: { host: 'terminal', path: '/home/candidate/.kube/config', cn: 'nobody' } }, context(cluster));
    const conn = connectWith(cluster, cluster.world.workstation);
    expect(conn.ok && conn.client.user).toEqual({ username: 'nobody', groups: ['kubeadm:cluster-admins', 'system:authenticated'] });
  });
});
