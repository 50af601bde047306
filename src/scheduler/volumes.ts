/**
 * Persistent volume helpers shared by the volume plugins (storage/util and the scheduler's
 * volumebinding binder): which claim a pod volume names, whether a claim is bound, which
 * StorageClass it asks for and whether that class waits for the first consumer, and whether
 * a PV's node affinity admits a node.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { quantityValue } from './resources.js';
import { nodeSelectorMatches } from './nodeSelector.js';
import type { ClusterSnapshot } from './snapshot.js';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_CLASS_BETA = 'volume.beta.kubernetes.io/storage-class';
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The claim a volume uses: its own, or `<pod>-<volume>` for a generic ephemeral volume. */
export function claimNameOf(pod: Pod, vol: Volume): { name: string; ephemeral: boolean } | undefined {
  if (vol.persistentVolumeClaim) return { name: vol.persistentVolumeClaim.claimName, ephemeral: false };
  if (vol.ephemeral) return { name: `${pod.metadata?.name ?? ''}-${vol.name}`, ephemeral: true };
  return undefined;
}

export function getClaim(snapshot: ClusterSnapshot, namespace: string, name: string): PersistentVolumeClaim | undefined {
  return snapshot.pvcs.get(`${namespace}/${name}`);
}

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
export function claimClass(pvc: PersistentVolumeClaim): string {
  const ann = pvc.metadata?.annotations?.[ANN_STORAGE_CLASS_BETA];
  if (ann !== undefined) return ann;
  return pvc.spec?.storageClassName ?? '';
}

export function volumeClass(pv: PersistentVolume): string {
  const ann = pv.metadata?.annotations?.[ANN_STORAGE_CLASS_BETA];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? '';
}

/**
 * isPVCFullyBound: a volumeName and the bind-completed annotation the PV controller sets. A
 * claim already in phase Bound counts too, for controllers that only set the phase.
 */
export function isClaimBound(pvc: PersistentVolumeClaim): boolean {
  if (!pvc.spec?.volumeName) return false;
  return pvc.metadata?.annotations?.[ANN_BIND_COMPLETED] !== undefined || pvc.status?.phase === 'Bound';
}

/** volume.IsDelayBindingMode: its StorageClass says WaitForFirstConsumer. */
export function isDelayBinding(pvc: PersistentVolumeClaim, classes: ReadonlyMap<string, StorageClass>): boolean {
  const name = claimClass(pvc);
  if (!name) return false;
  return classes.get(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** volumeutil.CheckNodeAffinity: no affinity admits every node. */
export function pvAdmitsNode(pv: PersistentVolume, nodeLabels: Record<string, string> | undefined): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) return true;
  return nodeSelectorMatches(required, nodeLabels, '');
}

/** util.GetLocalPersistentVolumeNodeNames: hostnames a PV pins through kubernetes.io/hostname In. */
export function pvHostnames(pv: PersistentVolume): string[] | undefined {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return undefined;
  const result = new Set<string>();
  for (const term of terms) {
    let nodes: Set<string> | undefined;
    for (const e of term.matchExpressions ?? []) {
      if (e.key !== 'kubernetes.io/hostname' || e.operator !== 'In') continue;
      const s = new Set(e.values ?? []);
      nodes = nodes === undefined ? s : new Set([...nodes].filter((n) => s.has(n)));
    }
    for (const n of nodes ?? []) result.add(n);
  }
  return result.size === 0 ? undefined : [...result].sort();
}

export function storageRequest(pvc: PersistentVolumeClaim): number {
  return quantityValue(pvc.spec?.resources?.requests?.storage);
}

export function storageCapacity(pv: PersistentVolume): number {
  return quantityValue(pv.spec?.capacity?.storage);
}

export function isVolumeBoundToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata?.name || (ref.namespace ?? '') !== (pvc.metadata?.namespace ?? 'default')) return false;
  return !ref.uid || !pvc.metadata?.uid || ref.uid === pvc.metadata.uid;
}

/** Every mode the claim asks for is one the volume offers. */
export function accessModesMatch(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = pv.spec?.accessModes ?? [];
  return (pvc.spec?.accessModes ?? []).every((m) => offered.includes(m));
}

function volumeModeMismatch(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (pvc.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem');
}

/**
 * pvutil.FindMatchingVolume on the scheduler path: a volume pre-bound to the claim (if its
 * node affinity admits the node), else the smallest Available volume of the claim's class,
 * size, access modes, selector and node affinity.
 */
export function findMatchingVolume(
  pvc: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  nodeLabels: Record<string, string> | undefined,
  excluded: ReadonlySet<string>,
  selectorMatches: (pv: PersistentVolume) => boolean,
): PersistentVolume | undefined {
  const requested = storageRequest(pvc);
  const wantedClass = claimClass(pvc);
  let smallest: PersistentVolume | undefined;
  for (const pv of volumes) {
    const name = pv.metadata?.name ?? '';
    if (excluded.has(name)) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, pvc)) continue;
    if (storageCapacity(pv) < requested) continue;
    if (volumeModeMismatch(pvc, pv)) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    const affinityOk = pvAdmitsNode(pv, nodeLabels);
    if (isVolumeBoundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    // A PV the controller has not yet marked Available is taken as Available.
    if ((pv.status?.phase ?? 'Available') !== 'Available') continue;
    if (!selectorMatches(pv)) continue;
    if (volumeClass(pv) !== wantedClass) continue;
    if (!affinityOk) continue;
    if (!accessModesMatch(pvc, pv)) continue;
    if (!smallest || storageCapacity(smallest) > storageCapacity(pv)) smallest = pv;
  }
  return smallest;
}
