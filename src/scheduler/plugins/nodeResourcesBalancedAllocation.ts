/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in equal
 * shares after the pod lands (1 - the standard deviation of the shares). Counts real requests;
 * a pod requesting nothing is not scored at all.
 */
import { MAX_NODE_SCORE, SKIP, type Plugin } from '../framework.js';
import type { NodeInfo, PodInfo } from '../snapshot.js';

export const NAME = 'NodeResourcesBalancedAllocation';

export function balancedAllocationScore(pod: PodInfo, node: NodeInfo): number {
  const fractions: number[] = [];
  const pairs: [number, number][] = [
    [node.requested.milliCpu + pod.requests.milliCpu, node.allocatable.milliCpu],
    [node.requested.memory + pod.requests.memory, node.allocatable.memory],
  ];
  for (const [requested, allocatable] of pairs) {
    if (allocatable === 0) continue;
    fractions.push(Math.min(requested / allocatable, 1));
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export const nodeResourcesBalancedAllocation: Plugin = {
  name: NAME,
  preScore(ctx) {
    // A best-effort pod would otherwise pile onto one node (kubernetes#129138).
    const r = ctx.pod.requests;
    return r.milliCpu === 0 && r.memory === 0 ? SKIP : null;
  },
  score(ctx, node) {
    return balancedAllocationScore(ctx.pod, node);
  },
};
