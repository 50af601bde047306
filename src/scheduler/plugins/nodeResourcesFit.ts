/**
 * NodeResourcesFit: the pod's requests must fit in what the node's allocatable leaves after
 * the requests of the pods already on it, and the node must have room for one more pod.
 * Scores by the LeastAllocated strategy (cpu and memory, weight 1 each): emptier is better.
 */
import { isZeroRequest, type Resources } from '../resources.js';
import { MAX_NODE_SCORE, unschedulable, type Plugin } from '../framework.js';
import type { NodeInfo, PodInfo } from '../snapshot.js';

export const NAME = 'NodeResourcesFit';
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';

/** What the pod lacks on a node (noderesources.InsufficientResource). */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** noderesources.fitsRequest: every shortfall, in the order the scheduler reports them. */
export function fitsRequest(req: Resources, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  if (node.pods.length + 1 > node.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: ERR_REASON_TOO_MANY_PODS, requested: 1, used: node.pods.length, capacity: node.allowedPodNumber });
  }
  if (isZeroRequest(req)) return out;
  const alloc = node.allocatable;
  const used = node.requested;
  checkShortfall(out, 'cpu', req.milliCpu, alloc.milliCpu, used.milliCpu);
  checkShortfall(out, 'memory', req.memory, alloc.memory, used.memory);
  checkShortfall(out, 'ephemeral-storage', req.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage);
  for (const name in req.scalar) {
    const want = req.scalar[name]!;
    if (want !== 0) checkShortfall(out, name, want, alloc.scalar[name] ?? 0, used.scalar[name] ?? 0);
  }
  return out;
}

/** fitsRequest(...).length === 0, without building the list: the answer for most nodes. */
function fits(req: Resources, node: NodeInfo): boolean {
  if (node.pods.length + 1 > node.allowedPodNumber) return false;
  const alloc = node.allocatable;
  const used = node.requested;
  if (isShort(req.milliCpu, alloc.milliCpu, used.milliCpu)) return false;
  if (isShort(req.memory, alloc.memory, used.memory)) return false;
  if (isShort(req.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage)) return false;
  for (const name in req.scalar) {
    const want = req.scalar[name]!;
    if (want !== 0 && isShort(want, alloc.scalar[name] ?? 0, used.scalar[name] ?? 0)) return false;
  }
  return true;
}

function isShort(want: number, have: number, inUse: number): boolean {
  return want > 0 && want > have - inUse;
}

function checkShortfall(out: InsufficientResource[], name: string, want: number, have: number, inUse: number): void {
  if (isShort(want, have, inUse)) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used: inUse, capacity: have });
}

/** leastRequestedScore: the share of the node left free after the pod, 0..100. */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** The LeastAllocated score over cpu and memory, counting requests the scoring way (non-zero). */
export function leastAllocatedScore(pod: PodInfo, node: NodeInfo): number {
  let sum = 0;
  let weights = 0;
  const cpu = node.allocatable.milliCpu;
  const memory = node.allocatable.memory;
  // A resource the node has none of is left out of the average.
  if (cpu !== 0) {
    sum += leastRequestedScore(node.nonZeroRequested.milliCpu + pod.nonZeroMilliCpu, cpu);
    weights++;
  }
  if (memory !== 0) {
    sum += leastRequestedScore(node.nonZeroRequested.memory + pod.nonZeroMemory, memory);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

export const nodeResourcesFit: Plugin = {
  name: NAME,
  nodeLocal: true,
  filter(ctx, node) {
    if (fits(ctx.pod.requests, node)) return null;
    const missing = fitsRequest(ctx.pod.requests, node);
    return missing.length === 0 ? null : unschedulable(...missing.map((m) => m.reason));
  },
  score(ctx, node) {
    return leastAllocatedScore(ctx.pod, node);
  },
};
