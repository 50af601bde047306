/**
 * Where the parts meet (DESIGN "Boundaries": cluster wires them together): the reconcilers of
 * kube-controller-manager and kube-scheduler plugged into every cluster boot, with the
 * controller-manager's settings following the flags of its running static pod; the kubeadm PKI
 * written at boot; and the certificate re-issuer certificate breakages use.
 */
import type { BootHooks } from './boot.js';
import type { Cluster } from './cluster.js';
import type { Reconciler } from './runloop.js';
import { schedulerReconcilers } from './components/scheduler.js';
import { hostPathOf } from './components/control-plane.js';
import { writeClusterPki } from './credentials.js';
import { reissueCertificateFile, type Reissuer } from './reissue.js';
import { ControllerContext, controllerManagerReconcilers, externalProvisioners, optionsFromFlags } from '../controllers/index.js';
import { securityReconcilers, type SecurityControllerDeps } from '../controllers/security.js';
import { controllerUser } from '../api/authn/serviceaccount.js';
import { SYSTEM_USERS } from '../api/auth.js';
import type { ApiClient } from '../api/client.js';
import type { ContainerLaunch } from '../node/process.js';
import type { KObject } from '../api/types.js';

export function defaultBootHooks(): BootHooks {
  return {
    scheduler: schedulerReconcilers,
    controllerManager: controllerManagerFor,
    writeCredentials: writeClusterPki,
  };
}

/**
 * The client a controller writes with: its own kube-system ServiceAccount under
 * --use-service-account-credentials (kubeadm sets it), so RBAC's system:controller:* roles
 * apply; otherwise kube-controller-manager's own identity.
 */
function controllerClient(cluster: Cluster, controller: string): ApiClient {
  const client = cluster.client(SYSTEM_USERS.controllerManager);
  // Controllers take their clients at boot, before the process has flags: the identity is
  // decided per request from the flags of the controller-manager that is running.
  Object.defineProperty(client, 'user', {
    get: () => (cluster.controllerManagerFlags.get('use-service-account-credentials') === 'true' ? controllerUser(controller) : SYSTEM_USERS.controllerManager),
  });
  return client;
}

function controllerManagerFor(cluster: Cluster): Reconciler[] {
  const ctx = new ControllerContext({
    client: cluster.client(SYSTEM_USERS.controllerManager),
    clock: cluster.world.clock,
    rng: cluster.rng.fork('kcm'),
    settings: { clusterCidr: cluster.spec.podCidr, serviceCidr: cluster.spec.serviceCidr, allocateNodeCidrs: true, provisioners: ['rancher.io/local-path'] },
    provisionerRunning: (name) => provisionerPodRunning(cluster, name),
    clientFor: (serviceAccount) => controllerClient(cluster, serviceAccount),
  });
  // The settings follow the manifest each time the controller-manager process starts.
  cluster.onControllerManagerStart = (flags) => {
    Object.assign(ctx.settings, optionsFromFlags([...flags].map(([k, v]) => `--${k}=${v}`)), {
      rootCaPem: cluster.controlPlane().fs.readFileIfExists('/etc/kubernetes/pki/ca.crt') ?? '',
    });
  };
  return [...controllerManagerReconcilers(ctx), ...externalProvisioners(ctx), ...securityControllers(cluster)];
}

/** A simulated external provisioner works while a pod of its image runs in the cluster. */
function provisionerPodRunning(cluster: Cluster, provisioner: string): boolean {
  const image = provisioner === 'rancher.io/local-path' ? 'local-path-provisioner' : provisioner;
  return cluster.api.store.list('pods').some((p) => {
    const spec = p['spec'] as { containers?: { image?: string }[] };
    return (p['status'] as { phase?: string } | undefined)?.phase === 'Running' && !!spec.containers?.some((c) => c.image?.includes(image));
  });
}

/** Re-issues certificates for certificate breakages (expired, wrong CA, other CN or SANs). */
export function certificateReissuer(): Reissuer {
  return reissueCertificateFile;
}

/** What the security controllers need, read from the cluster's running kube-controller-manager. */
export function securityControllerDeps(cluster: Cluster): SecurityControllerDeps {
  return {
    store: () => cluster.api.store,
    now: () => cluster.world.clock.now(),
    rng: cluster.rng.fork('kube-controller-manager:security'),
    flag: (name) => cluster.controllerManagerFlags.get(name),
    readFlagFile: (flag) => controllerManagerFile(cluster, flag),
    clientFor: (controller) => controllerClient(cluster, controller),
    rootClient: () => cluster.client(SYSTEM_USERS.controllerManager),
  };
}

/** The tokens, CSR and ClusterRole aggregation controllers of kube-controller-manager. */
export function securityControllers(cluster: Cluster): Reconciler[] {
  return securityReconcilers(securityControllerDeps(cluster));
}

/** A file a kube-controller-manager flag names, as the process sees it through its static pod's mounts. */
function controllerManagerFile(cluster: Cluster, flag: string): string | undefined {
  const path = cluster.controllerManagerFlags.get(flag);
  if (!path) return undefined;
  const cp = cluster.controlPlane();
  const pod = cluster.api.store.get('pods', 'kube-system', `kube-controller-manager-${cp.hostname}`);
  const container = (pod?.['spec'] as { containers?: KObject[] } | undefined)?.containers?.find((c) => (c as { name?: string }).name === 'kube-controller-manager');
  if (!pod || !container) return undefined;
  const host = hostPathOf({ pod, container } as unknown as ContainerLaunch, path);
  return host ? cp.fs.readFileIfExists(host) : undefined;
}
