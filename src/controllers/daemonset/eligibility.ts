/**
 * Which nodes run a daemon pod (daemon_controller.go NodeShouldRunDaemonPod), and the pod the
 * controller creates for a node: the template plus the tolerations every daemon pod gets, pinned
 * to the node through node affinity on metadata.name so that the scheduler places it.
 */
import type { Affinity, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1.js';
import { clone } from '../../api/types.js';
import { requiredNodeAffinityMatches } from '../util/nodeaffinity.js';
import { addOrUpdateToleration, findUntoleratedTaint } from '../util/taints.js';
import type { DaemonSet, Node, Pod } from '../util/types.js';

export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** AddOrUpdateDaemonPodTolerations: daemon pods survive node problems and cordons. */
export function addDaemonTolerations(spec: PodSpec): void {
  const list: Toleration[] = spec.tolerations ? [...spec.tolerations] : [];
  addOrUpdateToleration(list, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(list, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(list, { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(list, { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(list, { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(list, { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) addOrUpdateToleration(list, { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  spec.tolerations = list;
}

/** The pod spec used to judge a node: the template with the daemon tolerations. */
function podSpecFor(ds: DaemonSet): PodSpec {
  const spec = clone(ds.spec?.template?.spec ?? { containers: [] });
  addDaemonTolerations(spec);
  return spec;
}

/** [shouldRun, shouldContinueRunning] for a node. */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = podSpecFor(ds);
  const pinned = ds.spec?.template?.spec?.nodeName;
  if (pinned && pinned !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  if (!requiredNodeAffinityMatches(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const untolerated = findUntoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  if (untolerated) {
    const noExecute = findUntoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoExecute');
    return { shouldRun: false, shouldContinueRunning: !noExecute };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** util.CreatePodTemplate: tolerations, the generation label and the revision hash label. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const t = clone(ds.spec?.template ?? {});
  t.spec = t.spec ?? { containers: [] };
  addDaemonTolerations(t.spec);
  const labels = { ...(t.metadata?.labels ?? {}) };
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = generation;
  if (hash) labels['controller-revision-hash'] = hash;
  t.metadata = { ...(t.metadata ?? {}), labels };
  return t;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: require metadata.name In [node]. */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const a = clone(affinity ?? {});
  a.nodeAffinity ??= {};
  if (!a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  else a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms = [term];
  return a;
}

/** util.IsPodUpdated: the pod carries the current hash or template generation. */
export function isPodUpdated(pod: { metadata: { labels?: Record<string, string> } }, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (hash !== '' && labels['controller-revision-hash'] === hash) || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation);
}

export interface DaemonSync {
  ds: DaemonSet;
  hash: string;
  generation: string | undefined;
  nodes: Node[];
  /** Daemon pods by the node they target (terminal pods being deleted left out). */
  nodeToPods: Map<string, Pod[]>;
}

export function allowsSurge(ds: DaemonSet): boolean {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate' || !ru?.maxSurge) return false;
  return ru.maxSurge !== 0 && ru.maxSurge !== '0%' && ru.maxSurge !== '0';
}

