/**
 * framework.FitError.Error() as of v1.33: "0/N nodes are available: " then the PreFilter
 * message, or else each reason counted over the nodes and sorted as strings ("1 node(s) had
 * ...", "2 Insufficient cpu", ...), then the PostFilter (preemption) message.
 */
import type { NodeToStatus } from './framework.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface FitError {
  numAllNodes: number;
  statuses: NodeToStatus;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

/** Go's sort.Strings: byte order, which is code-unit order for these ASCII reasons. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The "<count> <reason>" histogram, sorted. */
export function reasonHistogram(numAllNodes: number, statuses: NodeToStatus): string[] {
  const counts = new Map<string, number>();
  for (const status of statuses.byNode.values()) for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  if (statuses.size < numAllNodes) {
    for (const r of statuses.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + numAllNodes - statuses.size);
  }
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
}

export function formatFitError(e: FitError): string {
  let msg = `0/${e.numAllNodes} nodes are available:`;
  if (e.preFilterMsg) {
    msg += ` ${e.preFilterMsg}.`;
  } else {
    const histogram = reasonHistogram(e.numAllNodes, e.statuses);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (e.postFilterMsg) msg += ` ${e.postFilterMsg}`;
  return msg;
}

/** Event notes are cut at 1024 bytes (truncateMessage). */
export function truncateMessage(message: string, max = 1024): string {
  if (message.length <= max) return message;
  const suffix = ' ...';
  return message.slice(0, max - suffix.length) + suffix;
}
