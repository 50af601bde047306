/**
 * The per-kind strategies, keyed by store key ("pods", "deployments.apps"). Every built-in
 * resource has an entry (an empty strategy where the apiserver does nothing special), so that
 * '*' serves only the resources CustomResourceDefinitions add.
 */
import { BUILTIN_RESOURCES, resourceKey } from '../registry.js';
import type { KindStrategy } from '../strategy.js';
import { crdStrategy, CRD_KEY } from './crd.js';
import { cronJobStrategy } from './cronjob.js';
import { csrStrategy } from './csr.js';
import { customResourceStrategy } from './custom.js';
import { configMapStrategy } from './configmap.js';
import { daemonSetStrategy } from './daemonset.js';
import { deploymentStrategy } from './deployment.js';
import { hpaStrategy } from './hpa.js';
import { ingressClassStrategy, ingressStrategy } from './ingress.js';
import { jobStrategy } from './job.js';
import { limitRangeStrategy, resourceQuotaStrategy } from './limits.js';
import {
  endpointSliceStrategy,
  endpointsStrategy,
  eventStrategy,
  leaseStrategy,
  podDisruptionBudgetStrategy,
  priorityClassStrategy,
  serviceAccountStrategy,
} from './misc.js';
import { namespaceStrategy } from './namespace.js';
import { networkPolicyStrategy } from './networkpolicy.js';
import { nodeStrategy } from './node.js';
import { podStrategy } from './pod.js';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac.js';
import { replicaSetStrategy } from './replicaset.js';
import { secretStrategy } from './secret.js';
import { serviceStrategy } from './service.js';
import { statefulSetStrategy } from './statefulset.js';
import { persistentVolumeClaimStrategy, persistentVolumeStrategy, storageClassStrategy } from './storage.js';

const SPECIFIC: Record<string, KindStrategy> = {
  pods: podStrategy,
  services: serviceStrategy,
  configmaps: configMapStrategy,
  secrets: secretStrategy,
  namespaces: namespaceStrategy,
  nodes: nodeStrategy,
  persistentvolumes: persistentVolumeStrategy,
  persistentvolumeclaims: persistentVolumeClaimStrategy,
  serviceaccounts: serviceAccountStrategy,
  limitranges: limitRangeStrategy,
  resourcequotas: resourceQuotaStrategy,
  endpoints: endpointsStrategy,
  events: eventStrategy,
  'deployments.apps': deploymentStrategy,
  'replicasets.apps': replicaSetStrategy,
  'daemonsets.apps': daemonSetStrategy,
  'statefulsets.apps': statefulSetStrategy,
  'jobs.batch': jobStrategy,
  'cronjobs.batch': cronJobStrategy,
  'horizontalpodautoscalers.autoscaling': hpaStrategy,
  'certificatesigningrequests.certificates.k8s.io': csrStrategy,
  'leases.coordination.k8s.io': leaseStrategy,
  'endpointslices.discovery.k8s.io': endpointSliceStrategy,
  'ingresses.networking.k8s.io': ingressStrategy,
  'ingressclasses.networking.k8s.io': ingressClassStrategy,
  'networkpolicies.networking.k8s.io': networkPolicyStrategy,
  'poddisruptionbudgets.policy': podDisruptionBudgetStrategy,
  'roles.rbac.authorization.k8s.io': roleStrategy,
  'clusterroles.rbac.authorization.k8s.io': clusterRoleStrategy,
  'rolebindings.rbac.authorization.k8s.io': roleBindingStrategy,
  'clusterrolebindings.rbac.authorization.k8s.io': clusterRoleBindingStrategy,
  'priorityclasses.scheduling.k8s.io': priorityClassStrategy,
  'storageclasses.storage.k8s.io': storageClassStrategy,
  [CRD_KEY]: crdStrategy,
};

export const KIND_STRATEGIES: Record<string, KindStrategy> = {
  ...Object.fromEntries(BUILTIN_RESOURCES.map((r) => [resourceKey(r), {} as KindStrategy])),
  ...SPECIFIC,
  '*': customResourceStrategy,
};
