/**
 * The exam flow for a new user: key and CSR (with the simulated openssl), a
 * CertificateSigningRequest, approval, the certificate the controller-manager signs, kubeconfig
 * credentials, and a Role that grants exactly what it says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { opensslProgram } from '../../src/cluster/credentials.js';
import { ParsedCert } from '../../src/pki/x509.js';
import { verifyChain } from '../../src/pki/verify.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { ApiClient } from '../../src/api/client.js';
import { runProgram } from '../pki/harness.js';
import { CSRS, ROLES, ROLE_BINDINGS, approve, bootDefault, candidate, connectWith, csrObject, issuedCertificate, userKubeconfig } from './helpers.js';

function forbiddenMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError && e.code === 403) return e.message;
    throw e;
  }
  throw new Error('expected Forbidden');
}

describe('a user certificate from a CSR, bound to a Role', () => {
  let cluster: Cluster;
  let admin: ApiClient;
  let jane: ApiClient;
  let certPem: string;

  beforeAll(async () => {
    ({ cluster } = bootDefault(3));
    const ws = cluster.world.workstation;
    const openssl = opensslProgram(cluster.world, ws.hostname);
    ws.fs.mkdir('/root', { recursive: true });
    expect((await runProgram(openssl, ws.fs, ['openssl', 'genrsa', '-out', 'jane.key', '2048'], { cwd: '/root' })).rc).toBe(0);
    expect((await runProgram(openssl, ws.fs, ['openssl', 'req', '-new', '-key', 'jane.key', '-subj', '/CN=jane/O=dev', '-out', 'jane.csr'], { cwd: '/root' })).rc).toBe(0);
    admin = candidate(cluster);
    admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    cluster.world.loop.settle();
    admin.create(CSRS, csrObject('jane', ws.fs.readFile('/root/jane.csr'), 'kubernetes.io/kube-apiserver-client', ['client auth'], { expirationSeconds: 86400 }));
    approve(admin, 'jane', cluster.world.clock.iso());
    cluster.world.loop.settle();
    certPem = issuedCertificate(admin, 'jane') ?? '';
    admin.create(ROLES, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] } as never);
    admin.create(ROLE_BINDINGS, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'jane-reads-pods', namespace: 'dev' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }],
    } as never);
    ws.fs.writeFile('/root/jane.conf', userKubeconfig(cluster, 'jane', certPem, ws.fs.readFile('/root/jane.key')));
    const conn = connectWith(cluster, ws, '/root/jane.conf');
    if (!conn.ok) throw new Error(conn.error);
    jane = conn.client;
  });

  it('records the approval as kubectl certificate approve writes it', () => {
    const conditions = (admin.get(CSRS, '', 'jane')['status'] as { conditions: { type: string; reason: string; message: string }[] }).conditions;
    expect(conditions[0]).toMatchObject({ type: 'Approved', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' });
  });

  it('signs the request with the cluster CA for the requested lifetime', () => {
    const cert = ParsedCert.parse(certPem);
    expect(cert.commonName).toBe('jane');
    expect(cert.organizations).toEqual(['dev']);
    expect(cert.extKeyUsage).toEqual(['clientAuth']);
    expect(cert.notAfter - cluster.world.clock.now()).toBeLessThanOrEqual(86_400_000);
    expect(cert.notAfter - cluster.world.clock.now()).toBeGreaterThan(86_000_000);
    const ca = cluster.controlPlane().fs.readFile('/etc/kubernetes/pki/ca.crt');
    expect(verifyChain(cert, ca, cluster.world.clock.now(), { usages: ['clientAuth'] }).ok).toBe(true);
  });

  it('authenticates as jane in group dev', () => {
    expect(jane.user).toEqual({ username: 'jane', groups: ['dev', 'system:authenticated'] });
  });

  it('allows exactly what the Role grants', () => {
    expect(jane.list('pods', 'dev')).toEqual([]);
    admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'dev' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    expect(jane.get('pods', 'dev', 'web').metadata.name).toBe('web');
  });

  it('forbids the rest with the apiserver message', () => {
    expect(forbiddenMessage(() => jane.list('pods', 'default'))).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    expect(forbiddenMessage(() => jane.delete('pods', 'dev', 'web'))).toBe('pods "web" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "dev"');
    expect(forbiddenMessage(() => jane.list('secrets', 'dev'))).toBe('secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "dev"');
    expect(forbiddenMessage(() => jane.list('deployments.apps', 'dev'))).toBe('deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "dev"');
    expect(forbiddenMessage(() => jane.list('nodes'))).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  });

  it('answers kubectl auth can-i through SelfSubjectAccessReview', () => {
    const can = (verb: string, resource: string, namespace: string) =>
      (jane.api.selfSubjectAccessReview(jane.user, { resourceAttributes: { verb, resource, namespace } })['status'] as { allowed: boolean }).allowed;
    expect(can('list', 'pods', 'dev')).toBe(true);
    expect(can('create', 'pods', 'dev')).toBe(false);
    expect(can('list', 'pods', 'default')).toBe(false);
  });

  it('tells kubectl auth whoami who jane is', () => {
    expect(jane.api.selfSubjectReview(jane.user)['status']).toEqual({ userInfo: { username: 'jane', groups: ['dev', 'system:authenticated'] } });
  });

  it('keeps a CSR pending until someone approves it', () => {
    admin.create(CSRS, csrObject('pending', cluster.world.workstation.fs.readFile('/root/jane.csr'), 'kubernetes.io/kube-apiserver-client', ['client auth']));
    cluster.world.loop.advance(30);
    expect(issuedCertificate(admin, 'pending')).toBeUndefined();
  });
});
