/**
 * What happens when the kube-apiserver process starts and stops: it takes its settings from its
 * flags, listens on its secure port, and runs its post-start hooks (system namespaces, the
 * `kubernetes` Service). Stopping it closes the port, and kubectl gets "connection refused".
 */
import type { Cluster, Credentials, ApiEndpoint } from '../cluster.js';
import type { ContainerLaunch } from '../../node/process.js';
import type { ParsedFlags } from './flags.js';
import { firstServiceIp } from '../../api/allocators.js';
import type { UserInfo } from '../../api/auth.js';
import { ApiError } from '../../api/errors.js';
import { authenticateCertificate } from '../authn.js';

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function startApiServer(cluster: Cluster, launch: ContainerLaunch, flags: ParsedFlags): void {
  const v = flags.values;
  cluster.configureApiServer({
    serviceClusterIpRange: v.get('service-cluster-ip-range') ?? cluster.spec.serviceCidr,
    authorizationModes: (v.get('authorization-mode') ?? 'AlwaysAllow').split(','),
    admissionPlugins: (v.get('enable-admission-plugins') ?? '').split(',').filter(Boolean),
  });
  cluster.apiServerFlags = v;
  // The server reports the version of the image it runs (kubectl version, kubeadm upgrade).
  const tag = /:(v\d+\.\d+\.\d+)$/.exec(String(launch.container.image ?? ''))?.[1];
  if (tag) cluster.spec.version = tag;
  cluster.running.add('kube-apiserver');
  const port = Number(v.get('secure-port') ?? 6443);
  const endpoint = apiEndpoint(cluster, launch);
  cluster.world.network.listen(launch.nodeIp, port, { process: 'kube-apiserver', pid: 0, service: endpoint, protocol: 'tcp' });
  cluster.world.network.listen(`127.0.0.1@${launch.nodeIp}`, port, { process: 'kube-apiserver', pid: 0, service: endpoint, protocol: 'tcp' });
  if (cluster.apiAvailable()) postStartHooks(cluster);
}

export function stopApiServer(cluster: Cluster, launch: ContainerLaunch, flags: ParsedFlags): void {
  cluster.running.delete('kube-apiserver');
  const port = Number(flags.values.get('secure-port') ?? 6443);
  cluster.world.network.close(launch.nodeIp, port);
  cluster.world.network.close(`127.0.0.1@${launch.nodeIp}`, port);
}

/** Idempotent bootstrap the apiserver runs on every start. */
export function postStartHooks(cluster: Cluster): void {
  const admin = cluster.admin();
  try {
    for (const ns of SYSTEM_NAMESPACES) {
      if (!admin.find('namespaces', '', ns)) admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    if (!admin.find('services', 'default', 'kubernetes')) {
      admin.create('services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: firstServiceIp(cluster.api.config.serviceClusterIpRange), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
      });
    }
    for (const hook of cluster.postStartHooks) hook(cluster);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

function apiEndpoint(cluster: Cluster, launch: ContainerLaunch): ApiEndpoint {
  return {
    kind: 'kube-apiserver',
    cluster,
    authenticate(creds: Credentials) {
      if (!cluster.apiAvailable()) return { ok: false, error: 'etcd unavailable' };
      if (creds.token) {
        const user = cluster.tokens.get(creds.token);
        return user ? { ok: true, user } : { ok: false, error: 'Unauthorized' };
      }
      if (creds.clientCertificatePem) return authenticateCertificate(cluster, launch, creds.clientCertificatePem);
      return { ok: true, user: { username: 'system:anonymous', groups: ['system:unauthenticated'] } as UserInfo };
    },
  };
}
