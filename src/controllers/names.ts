/**
 * Controller names as kube-controller-manager's --controllers flag knows them (v1.33): the
 * canonical `*-controller` names, the older aliases still accepted (kubeadm's manifest says
 * `--controllers=*,bootstrapsigner,tokencleaner`), and which are off unless named.
 */

export const CONTROLLER_ALIASES: Record<string, string> = {
  'serviceaccount-token': 'serviceaccount-token-controller',
  endpoint: 'endpoints-controller',
  endpointslice: 'endpointslice-controller',
  endpointslicemirroring: 'endpointslice-mirroring-controller',
  replicationcontroller: 'replicationcontroller-controller',
  podgc: 'pod-garbage-collector-controller',
  resourcequota: 'resourcequota-controller',
  namespace: 'namespace-controller',
  serviceaccount: 'serviceaccount-controller',
  garbagecollector: 'garbage-collector-controller',
  daemonset: 'daemonset-controller',
  job: 'job-controller',
  deployment: 'deployment-controller',
  replicaset: 'replicaset-controller',
  horizontalpodautoscaling: 'horizontal-pod-autoscaler-controller',
  disruption: 'disruption-controller',
  statefulset: 'statefulset-controller',
  cronjob: 'cronjob-controller',
  csrsigning: 'certificatesigningrequest-signing-controller',
  csrapproving: 'certificatesigningrequest-approving-controller',
  csrcleaner: 'certificatesigningrequest-cleaner-controller',
  ttl: 'ttl-controller',
  bootstrapsigner: 'bootstrap-signer-controller',
  tokencleaner: 'token-cleaner-controller',
  nodeipam: 'node-ipam-controller',
  nodelifecycle: 'node-lifecycle-controller',
  service: 'service-lb-controller',
  route: 'node-route-controller',
  'cloud-node-lifecycle': 'cloud-node-lifecycle-controller',
  'persistentvolume-binder': 'persistentvolume-binder-controller',
  attachdetach: 'persistentvolume-attach-detach-controller',
  'persistentvolume-expander': 'persistentvolume-expander-controller',
  'clusterrole-aggregation': 'clusterrole-aggregation-controller',
  'pvc-protection': 'persistentvolumeclaim-protection-controller',
  'pv-protection': 'persistentvolume-protection-controller',
  'ttl-after-finished': 'ttl-after-finished-controller',
  'root-ca-cert-publisher': 'root-ca-certificate-publisher-controller',
  'ephemeral-volume': 'ephemeral-volume-controller',
  'storage-version-gc': 'storageversion-garbage-collector-controller',
  'resource-claim-controller': 'resourceclaim-controller',
  'legacy-service-account-token-cleaner': 'legacy-serviceaccount-token-cleaner-controller',
};

/** Controllers that run only when --controllers names them. */
export const DISABLED_BY_DEFAULT = new Set(['bootstrap-signer-controller', 'token-cleaner-controller', 'selinux-warning-controller']);

export function canonicalControllerName(name: string): string {
  return CONTROLLER_ALIASES[name] ?? name;
}

/** app.IsControllerEnabled: an explicit `name` or `-name` wins (first one), else `*` enables the defaults. */
export function isControllerEnabled(name: string, controllers: readonly string[]): boolean {
  let star = false;
  for (const raw of controllers) {
    const entry = raw.trim();
    if (entry === '*') {
      star = true;
      continue;
    }
    const negated = entry.startsWith('-');
    const n = canonicalControllerName(negated ? entry.slice(1) : entry);
    if (n === name) return !negated;
  }
  return star && !DISABLED_BY_DEFAULT.has(name);
}

/** Parses the --controllers flag value ("*,bootstrapsigner,-ttl"). */
export function parseControllersFlag(value: string | undefined): string[] {
  if (value === undefined) return ['*'];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
