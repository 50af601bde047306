/** NodePorts: a pod's hostPorts must be free on the node (0.0.0.0 clashes with every address). */
import { SKIP, unschedulable, type Plugin } from '../framework.js';
import type { HostPort, NodeInfo } from '../snapshot.js';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

/** HostPortInfo.CheckConflict. */
export function portConflicts(node: NodeInfo, want: HostPort): boolean {
  const key = `${want.protocol}/${want.port}`;
  if (want.ip === '0.0.0.0') {
    for (const used of node.usedPorts.values()) if (used.has(key)) return true;
    return false;
  }
  return !!node.usedPorts.get('0.0.0.0')?.has(key) || !!node.usedPorts.get(want.ip)?.has(key);
}

export const nodePorts: Plugin = {
  name: NAME,
  nodeLocal: true,
  preFilter(ctx) {
    return ctx.pod.hostPorts.length === 0 ? SKIP : null;
  },
  filter(ctx, node) {
    for (const want of ctx.pod.hostPorts) if (portConflicts(node, want)) return unschedulable(ERR_REASON);
    return null;
  },
};
