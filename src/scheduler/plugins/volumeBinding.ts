/**
 * VolumeBinding: the pod's claims must be usable from the node. A missing claim or an unbound
 * claim of an Immediate class stops the pod before any node is looked at; a bound claim's PV
 * must admit the node (and a PV pinned to hostnames narrows the cycle to them); an unbound
 * WaitForFirstConsumer claim needs an Available PV that fits on the node, or a class that can
 * provision one there. The chosen bindings are handed back at Reserve for the caller to write.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { fromLabelSelector, matchesAll } from '../../api/labels.js';
import { SKIP, newStatus, unresolvable, type CycleContext, type Plugin, type VolumeBindingDecision } from '../framework.js';
import type { NodeInfo } from '../snapshot.js';
import {
  ANN_SELECTED_NODE,
  NOT_SUPPORTED_PROVISIONER,
  claimClass,
  claimNameOf,
  findMatchingVolume,
  isClaimBound,
  isDelayBinding,
  pvAdmitsNode,
  pvHostnames,
  storageRequest,
  volumeClass,
} from '../volumes.js';

export const NAME = 'VolumeBinding';
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';


interface State {
  bound: PersistentVolumeClaim[];
  delayed: PersistentVolumeClaim[];
  /** Decisions per feasible node, from Filter. */
  byNode: Map<string, VolumeBindingDecision[]>;
}

/** podHasPVCs: the first claim problem as a message, else whether the pod has any claim. */
function checkClaims(ctx: CycleContext): string | boolean {
  let has = false;
  const pod = ctx.pod.pod;
  for (const vol of pod.spec?.volumes ?? []) {
    const claim = claimNameOf(pod, vol);
    if (!claim) continue;
    has = true;
    const pvc = ctx.snapshot.pvcs.get(`${ctx.pod.namespace}/${claim.name}`);
    if (!pvc) {
      return claim.ephemeral
        ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claim.name}"`
        : `persistentvolumeclaim "${claim.name}" not found`;
    }
    if (pvc.status?.phase === 'Lost') {
      return `persistentvolumeclaim "${claim.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
    }
    if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${claim.name}" is being deleted`;
    if (claim.ephemeral) {
      const owner = pvc.metadata?.ownerReferences?.find((r) => r.controller);
      if (!owner || owner.kind !== 'Pod' || owner.uid !== ctx.pod.uid) {
        return `PVC ${ctx.pod.namespace}/${claim.name} was not created for pod ${ctx.pod.key} (pod is not owner)`;
      }
    }
  }
  return has;
}

function provisionable(cls: StorageClass | undefined, node: NodeInfo): boolean {
  if (!cls || !cls.provisioner || cls.provisioner === NOT_SUPPORTED_PROVISIONER) return false;
  const terms = cls.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => e.values.includes(node.labels[e.key] ?? '\u0000')));
}

function pvSelector(pvc: PersistentVolumeClaim): (pv: PersistentVolume) => boolean {
  if (!pvc.spec?.selector) return () => true;
  let reqs: ReturnType<typeof fromLabelSelector>;
  try {
    reqs = fromLabelSelector(pvc.spec.selector);
  } catch {
    return () => false;
  }
  return (pv) => reqs !== null && matchesAll(pv.metadata?.labels, reqs);
}

/** FindPodVolumes for one node: the reasons it cannot take the pod, or its decisions. */
function findPodVolumes(ctx: CycleContext, s: State, node: NodeInfo): { reasons: string[]; decisions: VolumeBindingDecision[] } {
  const decisions: VolumeBindingDecision[] = [];
  let boundOk = true;
  let unboundOk = true;
  let pvsFound = true;
  for (const pvc of s.bound) {
    const pv = ctx.snapshot.pvs.get(pvc.spec?.volumeName ?? '');
    if (!pv) {
      pvsFound = false;
      break;
    }
    if (!pvAdmitsNode(pv, node.labels)) {
      boundOk = false;
      break;
    }
  }
  if (boundOk && pvsFound && s.delayed.length > 0) {
    const toMatch: PersistentVolumeClaim[] = [];
    const toProvision: PersistentVolumeClaim[] = [];
    for (const pvc of s.delayed) {
      const selected = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
      if (selected !== undefined) {
        if (selected !== node.name) return { reasons: [ERR_REASON_BIND_CONFLICT], decisions };
        toProvision.push(pvc);
      } else {
        toMatch.push(pvc);
      }
    }
    const chosen = new Set<string>();
    const allPvs = [...ctx.snapshot.pvs.values()];
    // The smallest claims pick first, each taking the smallest PV that fits.
    for (const pvc of [...toMatch].sort((a, b) => storageRequest(a) - storageRequest(b))) {
      const cls = claimClass(pvc);
      const pv = findMatchingVolume(pvc, allPvs.filter((v) => volumeClass(v) === cls), node.labels, chosen, pvSelector(pvc));
      if (!pv) {
        toProvision.push(pvc);
        unboundOk = false;
        continue;
      }
      chosen.add(pv.metadata?.name ?? '');
      decisions.push({ namespace: ctx.pod.namespace, claimName: pvc.metadata?.name ?? '', volumeName: pv.metadata?.name ?? '' });
    }
    if (toProvision.length > 0) {
      unboundOk = toProvision.every((pvc) => provisionable(ctx.snapshot.storageClasses.get(claimClass(pvc)), node));
      if (unboundOk) {
        for (const pvc of toProvision) decisions.push({ namespace: ctx.pod.namespace, claimName: pvc.metadata?.name ?? '', provisionOnNode: node.name });
      }
    }
  }
  const reasons: string[] = [];
  if (!boundOk) reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundOk) reasons.push(ERR_REASON_BIND_CONFLICT);
  if (!pvsFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
  return { reasons, decisions };
}

export const volumeBinding: Plugin = {
  name: NAME,
  preFilter(ctx) {
    const check = checkClaims(ctx);
    if (typeof check === 'string') return unresolvable(check);
    if (!check) return SKIP;
    const s: State = { bound: [], delayed: [], byNode: new Map() };
    let unboundImmediate = false;
    for (const vol of ctx.pod.pod.spec?.volumes ?? []) {
      const claim = claimNameOf(ctx.pod.pod, vol);
      if (!claim) continue;
      const pvc = ctx.snapshot.pvcs.get(`${ctx.pod.namespace}/${claim.name}`)!;
      if (isClaimBound(pvc)) s.bound.push(pvc);
      else if (isDelayBinding(pvc, ctx.snapshot.storageClasses) && !pvc.spec?.volumeName) s.delayed.push(pvc);
      else unboundImmediate = true;
    }
    // The PV controller binds Immediate claims; until it has, no node can help.
    if (unboundImmediate) return unresolvable(ERR_UNBOUND_IMMEDIATE);
    ctx.state.write(NAME, s);
    return { nodeNames: eligibleNodes(ctx, s.bound) };
  },
  filter(ctx, node) {
    const s = ctx.state.read<State>(NAME);
    if (!s) return null;
    const { reasons, decisions } = findPodVolumes(ctx, s, node);
    if (reasons.length > 0) return newStatus('UnschedulableAndUnresolvable', ...reasons);
    s.byNode.set(node.name, decisions);
    return null;
  },
  reserve(ctx, node) {
    const decisions = ctx.state.read<State>(NAME)?.byNode.get(node.name) ?? [];
    return decisions.length > 0 ? { volumeBindings: decisions } : undefined;
  },
};

/** GetEligibleNodes: the intersection of the hostnames the bound claims' PVs are pinned to. */
function eligibleNodes(ctx: CycleContext, bound: readonly PersistentVolumeClaim[]): Set<string> | undefined {
  let eligible: Set<string> | undefined;
  for (const pvc of bound) {
    const pv = ctx.snapshot.pvs.get(pvc.spec?.volumeName ?? '');
    if (!pv) return undefined;
    const names = pvHostnames(pv);
    if (!names) continue;
    eligible = eligible === undefined ? new Set(names) : new Set(names.filter((n) => eligible!.has(n)));
  }
  return eligible;
}
