/**
 * Fixtures for the security tests: a booted default cluster (real kubeadm PKI, Node+RBAC), the
 * candidate's kubeconfig connection, kubeconfigs for new users, and CSRs made with the PKI library.
 */
import { World } from '../../src/cluster/world.js';
import { bootCluster } from '../../src/cluster/boot.js';
import { defaultClusterSpec } from '../../src/cluster/spec.js';
import { defaultBootHooks } from '../../src/cluster/assemble.js';
import { connect, parseKubeconfig, type Connection, type KubeconfigFile } from '../../src/cluster/connect.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { ApiClient } from '../../src/api/client.js';
import type { Machine } from '../../src/node/machine.js';
import { KeySource } from '../../src/pki/key-source.js';
import { createCsr } from '../../src/pki/csr.js';
import { goName } from '../../src/pki/names.js';
import type { PrivateKey } from '../../src/pki/keys.js';
import { Rng } from '../../src/util/rng.js';
import { toYaml } from '../../src/util/yaml.js';

export const KUBECONFIG = '/home/candidate/.kube/config';
export const CSRS = 'certificatesigningrequests.certificates.k8s.io';
export const ROLES = 'roles.rbac.authorization.k8s.io';
export const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';
export const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
export const CLUSTER_ROLE_BINDINGS = 'clusterrolebindings.rbac.authorization.k8s.io';

export function bootDefault(seed = 1): { world: World; cluster: Cluster } {
  const world = new World({ seed });
  const cluster = bootCluster(world, defaultClusterSpec(), defaultBootHooks());
  return { world, cluster };
}

/** Connects from a machine with a kubeconfig file on it, as kubectl there would. */
export function connectWith(cluster: Cluster, host: Machine, path = KUBECONFIG): Connection {
  const text = host.fs.readFile(path);
  return connect(cluster.world.network, host.ip, host.fs, parseKubeconfig(text));
}

/** The candidate's client (admin.conf credentials on the workstation). */
export function candidate(cluster: Cluster): ApiClient {
  const conn = connectWith(cluster, cluster.world.workstation);
  if (!conn.ok) throw new Error(conn.error);
  return conn.client;
}

/** A kubeconfig for `user` with an embedded client certificate and key, against the cluster's CA. */
export function userKubeconfig(cluster: Cluster, user: string, certPem: string, keyPem: string): string {
  const admin = parseKubeconfig(cluster.controlPlane().fs.readFile('/etc/kubernetes/admin.conf')) as KubeconfigFile;
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubernetes', cluster: admin.clusters![0]!.cluster }],
    users: [{ name: user, user: { 'client-certificate-data': b64(certPem), 'client-key-data': b64(keyPem) } }],
    contexts: [{ name: `${user}@kubernetes`, context: { cluster: 'kubernetes', user } }],
    'current-context': `${user}@kubernetes`,
  });
}

export function poolKey(seed = 42): PrivateKey {
  return new KeySource(new Rng(seed)).rsa();
}

/** A PEM CSR for CN=user, O=groups. */
export function csrPem(key: PrivateKey, cn: string, orgs: string[] = []): string {
  return createCsr({ key, subject: goName({ commonName: cn, organization: orgs }) }).pem;
}

export function csrObject(name: string, pem: string, signerName: string, usages: string[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name },
    spec: { request: Buffer.from(pem).toString('base64'), signerName, usages, ...extra },
  };
}

/** What `kubectl certificate approve` writes to the approval subresource. */
export function approve(client: ApiClient, name: string, now: string): void {
  const csr = client.get(CSRS, '', name) as Record<string, unknown> & { status?: { conditions?: unknown[] } };
  const next = structuredClone(csr);
  next.status = { ...(next.status ?? {}), conditions: [...(next.status?.conditions ?? []), { type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.', lastUpdateTime: now }] };
  client.api.update(client.user, CSRS, '', next as never, { subresource: 'approval' });
}

export function issuedCertificate(client: ApiClient, name: string): string | undefined {
  const c = (client.get(CSRS, '', name)['status'] as { certificate?: string } | undefined)?.certificate;
  return c ? Buffer.from(c, 'base64').toString('utf8') : undefined;
}

export function ready(cluster: Cluster, node: string): string | undefined {
  const n = cluster.api.store.get('nodes', '', node);
  return ((n?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === 'Ready')?.status;
}

/** Lines of the running kube-apiserver container's log. */
export function apiServerLog(cluster: Cluster): string[] {
  return [...cluster.controlPlane().runtime.containers.values()].filter((c) => c.name === 'kube-apiserver').flatMap((c) => c.logs.map((l) => l.line));
}
