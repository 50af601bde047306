/**
 * CertificateSigningRequests: who may approve and sign (CertificateApproval and CertificateSigning
 * admission), what each kubernetes.io signer accepts, and how long what it signs lives.
 */
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../src/api/auth.js';
import { ParsedCert } from '../../src/pki/x509.js';
import { createCsr } from '../../src/pki/csr.js';
import { goName } from '../../src/pki/names.js';
import { ipNames } from '../../src/pki/extensions.js';
import { subjectAltName } from '../../src/pki/extensions.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, CSRS, approve, bootDefault, candidate, csrObject, csrPem, issuedCertificate, poolKey } from './helpers.js';

const CLIENT = 'kubernetes.io/kube-apiserver-client';
const KUBELET_CLIENT = 'kubernetes.io/kube-apiserver-client-kubelet';

function grant(cluster: ReturnType<typeof bootDefault>['cluster'], who: string, rules: unknown[]): UserInfo {
  const admin = cluster.admin();
  admin.create(CLUSTER_ROLES, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `${who}-role` }, rules } as never);
  admin.create(CLUSTER_ROLE_BINDINGS, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${who}-binding` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${who}-role` }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: who }] } as never);
  return { username: who, groups: ['system:authenticated'] };
}

const approvalRule = { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests', 'certificatesigningrequests/approval'], verbs: ['get', 'update'] };

describe('approving a CSR', () => {
  it('needs the approve verb on the signer, not just update on the approval subresource', () => {
    const { cluster } = bootDefault();
    const admin = candidate(cluster);
    admin.create(CSRS, csrObject('alice', csrPem(poolKey(), 'alice'), CLIENT, ['client auth']));
    const clerk = cluster.client(grant(cluster, 'clerk', [approvalRule]));
    expect(() => approve(clerk, 'alice', cluster.world.clock.iso())).toThrow(
      'certificatesigningrequests.certificates.k8s.io "alice" is forbidden: user not permitted to approve requests with signerName "kubernetes.io/kube-apiserver-client"',
    );
  });

  it('is allowed with approve on the signer, or on its domain wildcard', () => {
    const { cluster } = bootDefault();
    const admin = candidate(cluster);
    admin.create(CSRS, csrObject('a', csrPem(poolKey(), 'a'), CLIENT, ['client auth']));
    admin.create(CSRS, csrObject('b', csrPem(poolKey(43), 'b'), CLIENT, ['client auth']));
    const exact = cluster.client(grant(cluster, 'exact', [approvalRule, { apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: [CLIENT], verbs: ['approve'] }]));
    const wildcard = cluster.client(grant(cluster, 'wild', [approvalRule, { apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['kubernetes.io/*'], verbs: ['approve'] }]));
    approve(exact, 'a', cluster.world.clock.iso());
    approve(wildcard, 'b', cluster.world.clock.iso());
    cluster.world.loop.settle();
    expect(issuedCertificate(admin, 'a')).toBeTruthy();
    expect(issuedCertificate(admin, 'b')).toBeTruthy();
  });

  it('lets only signers write the certificate', () => {
    const { cluster } = bootDefault();
    const admin = candidate(cluster);
    admin.create(CSRS, csrObject('c', csrPem(poolKey(), 'c'), CLIENT, ['client auth']));
    const forger = cluster.client(grant(cluster, 'forger', [{ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/status'], verbs: ['update'] }]));
    const csr = structuredClone(admin.get(CSRS, '', 'c')) as Record<string, unknown>;
    csr['status'] = { certificate: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64') };
    expect(() => forger.updateStatus(CSRS, csr as never)).toThrow('certificatesigningrequests.certificates.k8s.io "c" is forbidden: user not permitted to sign requests with signerName "kubernetes.io/kube-apiserver-client"');
  });
});

describe('the kube-controller-manager signer', () => {
  it('honours expirationSeconds within --cluster-signing-duration', () => {
    const { cluster } = bootDefault();
    const admin = candidate(cluster);
    admin.create(CSRS, csrObject('short', csrPem(poolKey(), 'short'), CLIENT, ['client auth'], { expirationSeconds: 3600 }));
    admin.create(CSRS, csrObject('long', csrPem(poolKey(43), 'long'), CLIENT, ['client auth'], { expirationSeconds: 10 * 365 * 86400 }));
    approve(admin, 'short', cluster.world.clock.iso());
    approve(admin, 'long', cluster.world.clock.iso());
    cluster.world.loop.settle();
    const now = cluster.world.clock.now();
    const life = (name: string) => ParsedCert.parse(issuedCertificate(admin, name)!).notAfter - now;
    expect(life('short')).toBe(3600_000);
    // Capped at the default --cluster-signing-duration of a year (less the 5 minute backdate).
    expect(life('long')).toBe(365 * 86_400_000 - 300_000);
  });

  it('fails kubelet client requests that are not for a node, saying why', () => {
    const { cluster } = bootDefault();
    const admin = candidate(cluster);
    admin.create(CSRS, csrObject('not-a-node', csrPem(poolKey(), 'mallory', ['dev']), KUBELET_CLIENT, ['digital signature', 'client auth']));
    approve(admin, 'not-a-node', cluster.world.clock.iso());
    cluster.world.loop.settle();
    const status = admin.get(CSRS, '', 'not-a-node')['status'] as { conditions: { type: string; reason?: string; message?: string }[]; certificate?: string };
    expect(status.certificate).toBeUndefined();
    expect(status.conditions.at(-1)).toMatchObject({ type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: 'subject organization is not system:nodes' });
  });

  it('fails client requests asking for server auth', () => {
    const { cluster } = bootDefault();
    const admin = candidate(cluster);
    admin.create(CSRS, csrObject('srv', csrPem(poolKey(), 'svc'), CLIENT, ['server auth', 'client auth']));
    approve(admin, 'srv', cluster.world.clock.iso());
    cluster.world.loop.settle();
    const status = admin.get(CSRS, '', 'srv')['status'] as { conditions: { message?: string }[] };
    expect(status.conditions.at(-1)!.message).toBe('invalid usage for client certificate: server auth');
  });

  it('signs kubelet serving certificates with their IP SANs', () => {
    const { cluster } = bootDefault();
    const admin = candidate(cluster);
    const key = poolKey();
    const pem = createCsr({ key, subject: goName({ commonName: 'system:node:node01', organization: ['system:nodes'] }), extensions: [subjectAltName(ipNames(['192.168.100.3']))] }).pem;
    admin.create(CSRS, csrObject('serving', pem, 'kubernetes.io/kubelet-serving', ['digital signature', 'key encipherment', 'server auth']));
    approve(admin, 'serving', cluster.world.clock.iso());
    cluster.world.loop.settle();
    const cert = ParsedCert.parse(issuedCertificate(admin, 'serving')!);
    expect([cert.ipAddresses, cert.extKeyUsage]).toEqual([['192.168.100.3'], ['serverAuth']]);
  });

  it('signs nothing when the controller-manager has no signing key', () => {
    const { cluster } = bootDefault();
    const cp = cluster.controlPlane();
    const path = '/etc/kubernetes/manifests/kube-controller-manager.yaml';
    cp.fs.writeFile(path, cp.fs.readFile(path).replace('    - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key\n', ''));
    cluster.world.loop.advance(40);
    const admin = candidate(cluster);
    admin.create(CSRS, csrObject('nosign', csrPem(poolKey(), 'n'), CLIENT, ['client auth']));
    approve(admin, 'nosign', cluster.world.clock.iso());
    cluster.world.loop.advance(30);
    expect(issuedCertificate(admin, 'nosign')).toBeUndefined();
  });
});

describe('the kubelet client certificate approver', () => {
  it("approves a node's renewal of its own certificate", () => {
    const { cluster } = bootDefault();
    const nodeClient = cluster.client({ username: 'system:node:node01', groups: ['system:nodes', 'system:authenticated'] });
    nodeClient.create(CSRS, csrObject('renew', csrPem(poolKey(), 'system:node:node01', ['system:nodes']), KUBELET_CLIENT, ['digital signature', 'client auth']));
    cluster.world.loop.settle();
    const status = cluster.admin().get(CSRS, '', 'renew')['status'] as { conditions: { type: string; reason: string; message: string }[]; certificate?: string };
    expect(status.conditions[0]).toMatchObject({ type: 'Approved', reason: 'AutoApproved', message: 'Auto approving self kubelet client certificate after SubjectAccessReview.' });
    expect(status.certificate).toBeTruthy();
  });

  it("leaves a node's request for another node's identity pending", () => {
    const { cluster } = bootDefault();
    const nodeClient = cluster.client({ username: 'system:node:node01', groups: ['system:nodes', 'system:authenticated'] });
    nodeClient.create(CSRS, csrObject('steal', csrPem(poolKey(), 'system:node:node02', ['system:nodes']), KUBELET_CLIENT, ['digital signature', 'client auth']));
    cluster.world.loop.settle();
    expect(cluster.admin().get(CSRS, '', 'steal')['status']).toEqual({});
  });
});
