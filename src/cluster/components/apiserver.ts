/**
 * What happens when the kube-apiserver process starts and stops: it takes its settings from its
 * flags, builds its authorizer chain from --authorization-mode and its authenticators from the
 * credential files its flags name, listens on its secure port, and runs its post-start hooks
 * (system namespaces, the `kubernetes` Service, the RBAC bootstrap policy). Stopping it closes
 * the port, and kubectl gets "connection refused".
 */
import type { Cluster, Credentials, ApiEndpoint } from '../cluster.js';
import type { ContainerLaunch } from '../../node/process.js';
import type { ParsedFlags } from './flags.js';
import { firstServiceIp } from '../../api/allocators.js';
import { ApiError } from '../../api/errors.js';
import { ApiServerCredentials } from '../authn.js';
import { buildAuthorizers } from '../../api/authz/modes.js';
import { ensureBootstrapPolicy } from '../../api/authz/bootstrap/index.js';

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function startApiServer(cluster: Cluster, launch: ContainerLaunch, flags: ParsedFlags): void {
  const v = flags.values;
  cluster.configureApiServer({
    serviceClusterIpRange: v.get('service-cluster-ip-range') ?? cluster.spec.serviceCidr,
    authorizationModes: (v.get('authorization-mode') ?? 'AlwaysAllow').split(','),
    admissionPlugins: (v.get('enable-admission-plugins') ?? '').split(',').filter(Boolean),
  });
  cluster.apiServerFlags = v;
  if (!v.get('advertise-address')) v.set('advertise-address', launch.nodeIp);
  // The server reports the version of the image it runs (kubectl version, kubeadm upgrade).
  const tag = /:(v\d+\.\d+\.\d+)$/.exec(String(launch.container.image ?? ''))?.[1];
  if (tag) cluster.spec.version = tag;
  cluster.api.authorizers = buildAuthorizers(cluster.api.config.authorizationModes, () => cluster.api.store, cluster.api.rbac);
  const credentials = new ApiServerCredentials(cluster, launch, flags);
  cluster.api.tokenIssuer = credentials.tokenIssuer();
  cluster.api.tokenAuthenticator = (token) => credentials.authenticateToken(token);
  cluster.running.add('kube-apiserver');
  const port = Number(v.get('secure-port') ?? 6443);
  const endpoint = apiEndpoint(cluster, credentials);
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
    ensureMasterEndpoints(cluster);
    ensureBootstrapPolicy(admin);
    for (const hook of cluster.postStartHooks) hook(cluster);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

/**
 * The apiserver's endpoint reconciler: the `kubernetes` Service has no selector, so its
 * Endpoints and EndpointSlice name the apiserver itself (advertise address, secure port).
 */
function ensureMasterEndpoints(cluster: Cluster): void {
  const admin = cluster.admin();
  const ip = cluster.apiServerFlags.get('advertise-address');
  if (!ip) return;
  const port = Number(cluster.apiServerFlags.get('secure-port') ?? 6443);
  const ports = [{ name: 'https', port, protocol: 'TCP' }];
  if (!admin.find('endpoints', 'default', 'kubernetes')) {
    admin.create('endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip }], ports }],
    });
  }
  if (!admin.find('endpointslices.discovery.k8s.io', 'default', 'kubernetes')) {
    admin.create('endpointslices.discovery.k8s.io', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [ip], conditions: { ready: true } }],
      ports,
    });
  }
}

function apiEndpoint(cluster: Cluster, credentials: ApiServerCredentials): ApiEndpoint {
  return {
    kind: 'kube-apiserver',
    cluster,
    authenticate(creds: Credentials) {
      if (!cluster.apiAvailable()) return { ok: false, error: 'etcd unavailable' };
      // Tokens handed out in-process (cluster.tokens) count as a static token file.
      const inProcess = creds.token ? cluster.tokens.get(creds.token) : undefined;
      if (inProcess) return { ok: true, user: inProcess };
      const r = credentials.authenticate({ clientCertificatePem: creds.clientCertificatePem, token: creds.token });
      return r.ok ? r : { ok: false, error: 'Unauthorized' };
    },
    servingCertificate: () => credentials.servingCertificate(),
  };
}
