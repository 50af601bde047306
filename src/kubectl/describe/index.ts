/**
 * `kubectl describe`, byte-exact with kubectl 1.33's describe.go: one module per kind under
 * kinds/, this registry mapping group/kind to its describer, and the generic field dump for
 * everything else (custom resources included).
 *
 * Wiring: `describe(obj, { now, showEvents, lookup })` where `lookup` lists and gets objects
 * through the API as the caller (events, pods of a node, replica sets of a deployment, a
 * service's endpoint slices, a node's lease, a namespace's quotas and limit ranges, secrets of
 * a service account). `objectsLookup(objects)` builds one over an array.
 */

import type { KObject } from '../../api/types.js';
import type { DescribeContext } from './common.js';
import { describeClusterRole, describeClusterRoleBinding, describeRole, describeRoleBinding } from './kinds/rbac.js';
import { describeConfigMap, describeSecret, describeServiceAccount } from './kinds/config.js';
import { describeCertificateSigningRequest } from './kinds/csr.js';
import { describeDaemonSet, describeStatefulSet } from './kinds/daemonset.js';
import { describeDeployment } from './kinds/deployment.js';
import { describeEndpointSlice, describeEndpoints } from './kinds/endpoints.js';
import { describeGeneric } from './kinds/generic.js';
import { describeHorizontalPodAutoscaler } from './kinds/hpa.js';
import { describeIngress, describeIngressClass } from './kinds/ingress.js';
import { describeCronJob, describeJob } from './kinds/job.js';
import { describeLimitRange, describeNamespace, describeResourceQuota } from './kinds/namespace.js';
import { describeNetworkPolicy } from './kinds/networkpolicy.js';
import { describeNode } from './kinds/node.js';
import { describePod } from './kinds/pod.js';
import { describePodDisruptionBudget, describePriorityClass } from './kinds/policy.js';
import { describeReplicaSet, describeReplicationController } from './kinds/replicaset.js';
import { describeService } from './kinds/service.js';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './kinds/storage.js';

export type Describer = (obj: KObject, ctx: DescribeContext) => string;

export type { DescribeContext, DescribeLookup } from './common.js';
export { objectsLookup, fieldSelectorMatches } from './lookup.js';
export { CSRParseError } from './kinds/csr.js';

/** group/Kind → describer, as describerMap registers them. */
export const DESCRIBERS: ReadonlyMap<string, Describer> = new Map<string, Describer>([
  ['/Pod', describePod],
  ['/ReplicationController', describeReplicationController],
  ['/Service', describeService],
  ['/Endpoints', describeEndpoints],
  ['/Node', describeNode],
  ['/Namespace', describeNamespace],
  ['/ResourceQuota', describeResourceQuota],
  ['/LimitRange', describeLimitRange],
  ['/ConfigMap', describeConfigMap],
  ['/Secret', describeSecret],
  ['/ServiceAccount', describeServiceAccount],
  ['/PersistentVolume', describePersistentVolume],
  ['/PersistentVolumeClaim', describePersistentVolumeClaim],
  ['apps/Deployment', describeDeployment],
  ['apps/ReplicaSet', describeReplicaSet],
  ['apps/DaemonSet', describeDaemonSet],
  ['apps/StatefulSet', describeStatefulSet],
  ['batch/Job', describeJob],
  ['batch/CronJob', describeCronJob],
  ['autoscaling/HorizontalPodAutoscaler', describeHorizontalPodAutoscaler],
  ['networking.k8s.io/Ingress', describeIngress],
  ['networking.k8s.io/IngressClass', describeIngressClass],
  ['networking.k8s.io/NetworkPolicy', describeNetworkPolicy],
  ['discovery.k8s.io/EndpointSlice', describeEndpointSlice],
  ['rbac.authorization.k8s.io/Role', describeRole],
  ['rbac.authorization.k8s.io/ClusterRole', describeClusterRole],
  ['rbac.authorization.k8s.io/RoleBinding', describeRoleBinding],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', describeClusterRoleBinding],
  ['storage.k8s.io/StorageClass', describeStorageClass],
  ['policy/PodDisruptionBudget', describePodDisruptionBudget],
  ['scheduling.k8s.io/PriorityClass', describePriorityClass],
  ['certificates.k8s.io/CertificateSigningRequest', describeCertificateSigningRequest],
]);

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The describer kubectl would pick for an object: its kind's, else the generic one. */
export function describerFor(obj: KObject): Describer {
  return DESCRIBERS.get(`${groupOf(obj.apiVersion)}/${obj.kind}`) ?? describeGeneric;
}

/** Describes one object (kubectl joins several with a blank line, as the describe verb does). */
export function describe(obj: KObject, ctx: DescribeContext): string {
  return describerFor(obj)(obj, ctx);
}
