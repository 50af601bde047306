/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in equal
 * shares after the pod lands (1 - the standard deviation of the shares). Counts real requests;
 * a pod requesting nothing is not scored at all.
 */
import { MAX_NODE_SCORE, SKIP, type Plugin } from '../framework.js';
import type { NodeInfo, PodInfo } from '../snapshot.js';

export const NAME = 'NodeResourcesBalancedAllocation';

export function balancedAllocationScore(pod: PodInfo, node: NodeInfo): number {
  const cpu = node.allocatable.milliCpu;
  const memory = node.allocatable.memory;
  // With one resource (or none) there is no spread: the standard deviation is 0.
  let std = 0;
  if (cpu !== 0 && memory !== 0) {
    const cpuShare = Math.min((node.requested.milliCpu + pod.requests.milliCpu) / cpu, 1);
    const memoryShare = Math.min((node.requested.memory + pod.requests.memory) / memory, 1);
    std = Math.abs((cpuShare - memoryShare) / 2);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export const nodeResourcesBalancedAllocation: Plugin = {
  name: NAME,
  nodeLocal: true,
  preScore(ctx) {
    // A best-effort pod would otherwise pile onto one node (kubernetes#129138).
    const r = ctx.pod.requests;
    return r.milliCpu === 0 && r.memory === 0 ? SKIP : null;
  },
  score(ctx, node) {
    return balancedAllocationScore(ctx.pod, node);
  },
};
