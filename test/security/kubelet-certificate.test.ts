/**
 * A kubelet whose client certificate expired can no longer reach its apiserver: its lease is not
 * renewed (so the node-lifecycle controller marks the node NotReady after its grace period), the
 * journal says why, and the apiserver logs the refused certificate. A new certificate from a CSR,
 * or one signed with openssl and the CA key on the control plane, brings it back.
 */
import { describe, expect, it } from 'vitest';
import { reissueCertificateFile } from '../../src/cluster/reissue.js';
import { toRfc3339 } from '../../src/util/clock.js';
import { opensslProgram } from '../../src/cluster/credentials.js';
import { KUBELET_CLIENT_CURRENT } from '../../src/pki/kubeadm.js';
import { ParsedCert } from '../../src/pki/x509.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runProgram } from '../pki/harness.js';
import { CSRS, apiServerLog, bootDefault, candidate, csrObject, issuedCertificate, ready } from './helpers.js';

function leaseRenewTime(cluster: Cluster, node: string): string | undefined {
  const lease = cluster.api.store.get('leases.coordination.k8s.io', 'kube-node-lease', node);
  return (lease?.['spec'] as { renewTime?: string } | undefined)?.renewTime;
}

function expireKubeletCertificate(cluster: Cluster, node: string): void {
  reissueCertificateFile(cluster.nodes.get(node)!, KUBELET_CLIENT_CURRENT, { expiredAt: cluster.world.clock.now() - 3600_000 }, cluster);
}

describe('an expired kubelet client certificate', () => {
  it('stops the node from reporting, and the kubelet journal and apiserver log say why', () => {
    const { cluster } = bootDefault();
    expireKubeletCertificate(cluster, 'node01');
    cluster.world.loop.advance(15);
    const stuck = leaseRenewTime(cluster, 'node01');
    cluster.world.loop.advance(60);
    expect(leaseRenewTime(cluster, 'node01')).toBe(stuck);
    expect(leaseRenewTime(cluster, 'node02')).not.toBe(stuck);
    // The kubelet's own lines say its requests are Unauthorized.
    const journal = cluster.nodes.get('node01')!.journal.read({ unit: 'kubelet' }).map((e) => e.message);
    expect(journal.some((l) => /^E\d{4} .*"Failed to ensure lease exists, will retry" err=".*Unauthorized"/.test(l))).toBe(true);
    expect(apiServerLog(cluster).at(-1)).toMatch(/"Unable to authenticate the request" err="verifying certificate SN=\d+, SKID=, AKID=[0-9A-F:]+ failed: x509: certificate has expired or is not yet valid: current time \S+ is after \S+"$/);
  });

  it('is fixed by a CSR for system:node:node01, approved and signed, put in place', async () => {
    const { cluster } = bootDefault();
    const node = cluster.nodes.get('node01')!;
    expireKubeletCertificate(cluster, 'node01');
    cluster.world.loop.advance(30);
    const stuck = leaseRenewTime(cluster, 'node01');
    // Past the node-monitor grace period the node-lifecycle controller gives up on it.
    cluster.world.loop.advance(90);
    expect([ready(cluster, 'node01'), ready(cluster, 'node02')]).toEqual(['Unknown', 'True']);
    // On node01: a new key and a request for the node's identity.
    const openssl = opensslProgram(cluster.world, node.hostname);
    await runProgram(openssl, node.fs, ['openssl', 'genrsa', '-out', '/root/kubelet.key', '2048']);
    await runProgram(openssl, node.fs, ['openssl', 'req', '-new', '-key', '/root/kubelet.key', '-subj', '/O=system:nodes/CN=system:node:node01', '-out', '/root/kubelet.csr']);
    // On the workstation: the CSR object; the approving controller approves it for a cluster-admin.
    const admin = candidate(cluster);
    admin.create(CSRS, csrObject('node01-renew', node.fs.readFile('/root/kubelet.csr'), 'kubernetes.io/kube-apiserver-client-kubelet', ['digital signature', 'key encipherment', 'client auth']));
    cluster.world.loop.settle();
    const cert = issuedCertificate(admin, 'node01-renew')!;
    expect(ParsedCert.parse(cert).commonName).toBe('system:node:node01');
    node.fs.writeFile(KUBELET_CLIENT_CURRENT, cert + node.fs.readFile('/root/kubelet.key'));
    node.systemd.stop('kubelet');
    node.systemd.start('kubelet');
    cluster.world.loop.advance(30);
    expect(leaseRenewTime(cluster, 'node01')).not.toBe(stuck);
    expect(ready(cluster, 'node01')).toBe('True');
  });

  it('is fixed by a certificate openssl signs with the CA key on the control plane', async () => {
    const { cluster } = bootDefault();
    const node = cluster.nodes.get('node01')!;
    const cp = cluster.controlPlane();
    expireKubeletCertificate(cluster, 'node01');
    cluster.world.loop.advance(30);
    const stuck = leaseRenewTime(cluster, 'node01');
    const openssl = opensslProgram(cluster.world, cp.hostname);
    cp.fs.writeFile('/root/ext.cnf', 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
    await runProgram(openssl, cp.fs, ['openssl', 'genrsa', '-out', '/root/node01.key', '2048']);
    await runProgram(openssl, cp.fs, ['openssl', 'req', '-new', '-key', '/root/node01.key', '-subj', '/O=system:nodes/CN=system:node:node01', '-out', '/root/node01.csr']);
    const signed = await runProgram(openssl, cp.fs, ['openssl', 'x509', '-req', '-in', '/root/node01.csr', '-CA', '/etc/kubernetes/pki/ca.crt', '-CAkey', '/etc/kubernetes/pki/ca.key', '-CAcreateserial', '-days', '365', '-extfile', '/root/ext.cnf', '-out', '/root/node01.crt']);
    expect(signed.rc).toBe(0);
    node.fs.writeFile(KUBELET_CLIENT_CURRENT, cp.fs.readFile('/root/node01.crt') + cp.fs.readFile('/root/node01.key'));
    node.systemd.stop('kubelet');
    node.systemd.start('kubelet');
    cluster.world.loop.advance(30);
    expect(leaseRenewTime(cluster, 'node01')).not.toBe(stuck);
  });
});

describe('the kubelet verifying its apiserver', () => {
  it('stops reporting when the apiserver certificate expires, with the TLS error in the journal', () => {
    const { cluster } = bootDefault();
    const cp = cluster.controlPlane();
    const expiredAt = cluster.world.clock.now() - 60_000;
    reissueCertificateFile(cp, '/etc/kubernetes/pki/apiserver.crt', { expiredAt }, cluster);
    cluster.world.loop.advance(30);
    const stuck = leaseRenewTime(cluster, 'node02');
    cluster.world.loop.advance(30);
    expect(leaseRenewTime(cluster, 'node02')).toBe(stuck);
    const journal = cluster.nodes.get('node02')!.journal.read({ unit: 'kubelet' }).map((e) => e.message);
    expect(journal.some((l) => l.includes(`: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time `) && l.includes(`is after ${toRfc3339(expiredAt)}`))).toBe(true);
  });
});
