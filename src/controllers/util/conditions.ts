/** Status conditions as the controllers keep them: replaced by type, transition time kept when the status stays. */

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
  [key: string]: unknown;
}

export function findCondition<C extends { type: string }>(list: readonly C[] | undefined, type: string): C | undefined {
  return list?.find((c) => c.type === type);
}

export function withoutCondition<C extends { type: string }>(list: readonly C[] | undefined, type: string): C[] {
  return (list ?? []).filter((c) => c.type !== type);
}

/**
 * SetDeploymentCondition semantics (also ReplicaSet, DaemonSet, StatefulSet): no change when
 * status and reason are the same; the transition time survives a same-status update; the
 * condition moves to the end of the list.
 */
export function setCondition<C extends Condition>(list: readonly C[] | undefined, cond: C): C[] {
  const cur = findCondition(list, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return [...(list ?? [])];
  const next = { ...cond };
  if (cur && cur.status === cond.status && cur.lastTransitionTime) next.lastTransitionTime = cur.lastTransitionTime;
  return [...withoutCondition(list, cond.type), next];
}
