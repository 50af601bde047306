/**
 * Where the parts meet (DESIGN "Boundaries": cluster wires them together): the reconcilers of
 * kube-controller-manager and kube-scheduler, the kubeadm PKI written at boot, and the
 * certificate re-issuer certificate breakages use.
 */
import type { BootHooks } from './boot.js';
import type { Cluster } from './cluster.js';
import type { Reconciler } from './runloop.js';
import { schedulerReconcilers } from './components/scheduler.js';
import { writeClusterPki } from './credentials.js';
import { reissueCertificateFile, type Reissuer } from './reissue.js';
import { hostPathOf } from './components/control-plane.js';
import { securityReconcilers, type SecurityControllerDeps } from '../controllers/security.js';
import { controllerUser } from '../api/authn/serviceaccount.js';
import { SYSTEM_USERS } from '../api/auth.js';
import type { ContainerLaunch } from '../node/process.js';
import type { KObject } from '../api/types.js';

export function defaultBootHooks(): BootHooks {
  return {
    scheduler: schedulerReconcilers,
    controllerManager: securityControllers,
    writeCredentials: writeClusterPki,
  };
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
    clientFor: (controller) =>
      cluster.client(cluster.controllerManagerFlags.get('use-service-account-credentials') === 'true' ? controllerUser(controller) : SYSTEM_USERS.controllerManager),
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
