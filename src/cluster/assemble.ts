/**
 * Where the parts meet (DESIGN "Boundaries": cluster wires them together): the reconcilers of
 * kube-controller-manager and kube-scheduler plugged into every cluster boot, with the
 * controller-manager's settings following the flags of its running static pod.
 */
import type { BootHooks } from './boot.js';
import type { Cluster } from './cluster.js';
import { schedulerReconcilers } from './components/scheduler.js';
import { ControllerContext, controllerManagerReconcilers, externalProvisioners, optionsFromFlags } from '../controllers/index.js';
import { SYSTEM_USERS } from '../api/auth.js';
import type { Reconciler } from './runloop.js';

export function defaultBootHooks(): BootHooks {
  return {
    scheduler: schedulerReconcilers,
    controllerManager: controllerManagerFor,
  };
}

function controllerManagerFor(cluster: Cluster): Reconciler[] {
  const ctx = new ControllerContext({
    client: cluster.client(SYSTEM_USERS.controllerManager),
    clock: cluster.world.clock,
    rng: cluster.rng.fork('kcm'),
    settings: { clusterCidr: cluster.spec.podCidr, serviceCidr: cluster.spec.serviceCidr, allocateNodeCidrs: true, provisioners: ['rancher.io/local-path'] },
    provisionerRunning: (name) => provisionerPodRunning(cluster, name),
  });
  // The settings follow the manifest each time the controller-manager process starts.
  cluster.onControllerManagerStart = (flags) => {
    Object.assign(ctx.settings, optionsFromFlags([...flags].map(([k, v]) => `--${k}=${v}`)), {
      rootCaPem: cluster.controlPlane().fs.readFileIfExists('/etc/kubernetes/pki/ca.crt') ?? '',
    });
  };
  return [...controllerManagerReconcilers(ctx), ...externalProvisioners(ctx)];
}

/** A simulated external provisioner works while a pod of its image runs in the cluster. */
function provisionerPodRunning(cluster: Cluster, provisioner: string): boolean {
  const image = provisioner === 'rancher.io/local-path' ? 'local-path-provisioner' : provisioner;
  return cluster.api.store.list('pods').some((p) => {
    const spec = p['spec'] as { containers?: { image?: string }[] };
    return (p['status'] as { phase?: string } | undefined)?.phase === 'Running' && !!spec.containers?.some((c) => c.image?.includes(image));
  });
}

/** Re-issues certificates for certificate breakages; provided by the PKI once it is wired. */
export function certificateReissuer(): undefined {
  return undefined;
}
