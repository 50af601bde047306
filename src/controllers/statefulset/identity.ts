/**
 * StatefulSet pod identity (statefulset/stateful_set_utils.go): ordinal names, the pod-name and
 * pod-index labels, hostname and subdomain, and one PVC per volumeClaimTemplate named
 * `<claim>-<set>-<ordinal>` that outlives the pod.
 */
import type { PersistentVolumeClaim, Volume } from 'kubernetes-types/core/v1.js';
import { clone, type KObject } from '../../api/types.js';
import { isPodReady, isPodAvailable } from '../util/pods.js';
import { newControllerRef, podFromTemplate } from '../util/template.js';
import type { Pod, StatefulSet } from '../util/types.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

/** The ordinal in a pod's name when it belongs to `set`, else -1. */
export function ordinalOf(set: StatefulSet, pod: { metadata: { name?: string } }): number {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata.name ?? '');
  if (!m || m[1] !== set.metadata.name) return -1;
  return Number(m[2]);
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaims: the claims a pod of this ordinal uses, in template order. */
export function claimsFor(set: StatefulSet, ordinal: number): KObject[] {
  const matchLabels = set.spec?.selector?.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const c = clone(t) as PersistentVolumeClaim & KObject;
    c.apiVersion = 'v1';
    c.kind = 'PersistentVolumeClaim';
    c.metadata = { ...(c.metadata ?? {}), name: claimName(set, t.metadata?.name ?? '', ordinal), namespace: set.metadata.namespace };
    c.metadata.labels = { ...(c.metadata.labels ?? {}), ...matchLabels };
    delete (c as { status?: unknown }).status;
    return c;
  });
}

/** newStatefulSetPod plus setPodRevision. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revision: string): KObject {
  const name = podName(set, ordinal);
  const pod = podFromTemplate(set.spec?.template, set, newControllerRef(set), { name });
  pod.metadata.generateName = `${set.metadata.name}-`;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_LABEL]: revision };
  const spec = pod['spec'] as { hostname?: string; subdomain?: string; volumes?: Volume[] };
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  updateStorage(set, spec, ordinal);
  return pod;
}

/** updateStorage: a volume per claim template, replacing a template volume of the same name. */
function updateStorage(set: StatefulSet, spec: { volumes?: Volume[] }, ordinal: number): void {
  const templates = set.spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0) return;
  const claimVolumes: Volume[] = templates.map((t) => ({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(set, t.metadata?.name ?? '', ordinal) } }));
  const names = new Set(claimVolumes.map((v) => v.name));
  spec.volumes = [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !names.has(v.name))];
}

/** identityMatches: name, namespace and the identity labels are what the set says. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const ord = ordinalOf(set, pod);
  return ord >= 0 && pod.metadata.name === podName(set, ord) && pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name;
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function isRunningAndAvailable(pod: Pod, minReady: number, now: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReady, now);
}

export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}
