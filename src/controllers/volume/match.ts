/**
 * Which PersistentVolume fits a claim (pv_controller FindMatchingVolume and
 * checkVolumeSatisfyClaim): class, access modes, capacity, volume mode, label selector and node
 * affinity; the smallest fitting volume wins, a volume pre-bound to the claim wins outright.
 */
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import { tryQuantity } from '../../api/quantity.js';
import { termMatches } from '../util/nodeaffinity.js';
import type { Node, Pv, Pvc } from '../util/types.js';

export const ANN = {
  bindCompleted: 'pv.kubernetes.io/bind-completed',
  boundByController: 'pv.kubernetes.io/bound-by-controller',
  provisionedBy: 'pv.kubernetes.io/provisioned-by',
  storageProvisioner: 'volume.kubernetes.io/storage-provisioner',
  betaStorageProvisioner: 'volume.beta.kubernetes.io/storage-provisioner',
  selectedNode: 'volume.kubernetes.io/selected-node',
  betaStorageClass: 'volume.beta.kubernetes.io/storage-class',
  defaultClass: 'storageclass.kubernetes.io/is-default-class',
} as const;

export function claimClass(c: Pvc): string {
  return c.spec?.storageClassName ?? c.metadata.annotations?.[ANN.betaStorageClass] ?? '';
}

export function volumeClass(v: Pv): string {
  return v.spec?.storageClassName ?? v.metadata.annotations?.[ANN.betaStorageClass] ?? '';
}

export function requestedBytes(c: Pvc): number {
  return tryQuantity(c.spec?.resources?.requests?.['storage']) ?? 0;
}

export function capacityBytes(v: Pv): number {
  return tryQuantity(v.spec?.capacity?.['storage']) ?? 0;
}

export function isVolumeBoundToClaim(v: Pv, c: Pvc): boolean {
  const ref = v.spec?.claimRef;
  return !!ref && ref.name === c.metadata.name && ref.namespace === c.metadata.namespace && (!ref.uid || ref.uid === c.metadata.uid);
}

function modesSuperset(v: Pv, c: Pvc): boolean {
  const have = new Set(v.spec?.accessModes ?? []);
  return (c.spec?.accessModes ?? []).every((m) => have.has(m));
}

function volumeModeMismatch(v: Pv, c: Pvc): boolean {
  return (v.spec?.volumeMode ?? 'Filesystem') !== (c.spec?.volumeMode ?? 'Filesystem');
}

/** CheckNodeAffinity: a volume without node affinity fits every node. */
export function nodeAffinityFits(v: Pv, node: Node | undefined): boolean {
  const terms = v.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!node || !terms) return true;
  return terms.some((t) => termMatches(t, node));
}

/** checkVolumeSatisfyClaim: why a requested volume does not fit, or undefined. */
export function volumeUnsatisfying(v: Pv, c: Pvc): string | undefined {
  if (capacityBytes(v) < requestedBytes(c)) return 'requested PV is too small';
  if (volumeClass(v) !== claimClass(c)) return 'storageClassName does not match';
  if (volumeModeMismatch(v, c)) return 'incompatible volumeMode';
  if (!modesSuperset(v, c)) return 'incompatible accessMode';
  return undefined;
}

/** findBestMatchForClaim. `delayBinding` without a node: only volumes pre-bound to the claim. */
export function findBestMatch(volumes: readonly Pv[], c: Pvc, delayBinding: boolean, node: Node | undefined): Pv | undefined {
  const wantBytes = requestedBytes(c);
  const selector = c.spec?.selector as LabelSelector | undefined;
  let best: Pv | undefined;
  for (const v of volumes) {
    if (volumeModeMismatch(v, c) || v.metadata.deletionTimestamp) continue;
    const fits = nodeAffinityFits(v, node);
    if (isVolumeBoundToClaim(v, c)) return fits ? v : undefined;
    if (!node && delayBinding) continue;
    if (v.spec?.claimRef) continue;
    if (v.status?.phase !== 'Available') continue;
    if (selector && !selectorMatches(selector, v.metadata.labels)) continue;
    if (volumeClass(v) !== claimClass(c)) continue;
    if (!fits || !modesSuperset(v, c)) continue;
    const bytes = capacityBytes(v);
    if (bytes < wantBytes) continue;
    if (!best) {
      best = v;
      continue;
    }
    const extra = (x: Pv) => (x.spec?.accessModes?.length ?? 0);
    if (extra(v) < extra(best) || (extra(v) === extra(best) && bytes < capacityBytes(best))) best = v;
  }
  return best;
}
