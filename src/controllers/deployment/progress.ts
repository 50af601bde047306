/**
 * Rollout progress (deployment/progress.go): the Progressing condition that `kubectl rollout
 * status` waits on, and the ProgressDeadlineExceeded verdict after progressDeadlineSeconds
 * without progress, checked on the virtual clock.
 */
import { parseTime } from '../../util/clock.js';
import type { ReplicaSet } from '../util/types.js';
import type { DeploymentSync } from './sync.js';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  progressDeadline,
  REASON,
  removeCondition,
  setCondition,
} from './util.js';

/**
 * syncRolloutStatus: status plus the Progressing condition, and ReplicaFailure carried over from
 * the sets. Returns seconds until the progress deadline should be checked again, if ever.
 */
export function syncRolloutStatus(s: DeploymentSync, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): number | undefined {
  const d = s.d;
  const now = s.ctx.now();
  const status = s.calculateStatus(allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const rsName = newRS?.metadata.name;
    if (deploymentComplete(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', REASON.newRSAvailable, msg, s.nowIso));
    } else if (deploymentProgressing(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newCondition('Progressing', 'True', REASON.replicaSetUpdated, msg, s.nowIso);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, now)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, msg, s.nowIso));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, { type: 'ReplicaFailure', status: failure.status, reason: failure.reason, message: failure.message, lastTransitionTime: failure.lastTransitionTime, lastUpdateTime: failure.lastTransitionTime });
  else removeCondition(status, 'ReplicaFailure');
  s.writeStatus(status);
  return stuckRequeue(s, status, now);
}

/** requeueStuckDeployment: when to look again for a timeout, measured from the last progress. */
function stuckRequeue(s: DeploymentSync, status: ReturnType<DeploymentSync['calculateStatus']>, now: number): number | undefined {
  const d = s.d;
  const cond = getCondition(status, 'Progressing');
  if (!hasProgressDeadline(d) || !cond) return undefined;
  if (deploymentComplete(d, status) || cond.reason === REASON.timedOut) return undefined;
  const from = parseTime(cond.lastUpdateTime) ?? now;
  const after = (from + progressDeadline(d) * 1000 - now) / 1000;
  return after < 1 ? 1 : after + 0.001;
}

function replicaFailure(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined) {
  const find = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (newRS) {
    const c = find(newRS);
    if (c) return c;
    // The new set is fine: older sets' failures do not matter for the rollout.
    return undefined;
  }
  for (const rs of allRSs) {
    const c = find(rs);
    if (c) return c;
  }
  return undefined;
}

/** checkPausedConditions: Progressing Unknown while paused, so a resume does not time out at once. */
export function checkPausedConditions(s: DeploymentSync): void {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === REASON.timedOut) return;
  const pausedExists = cond?.reason === REASON.paused;
  if (d.spec?.paused && !pausedExists) {
    setCondition(s.status(), newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', s.nowIso));
    s.persist();
  } else if (!d.spec?.paused && pausedExists) {
    setCondition(s.status(), newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', s.nowIso));
    s.persist();
  }
}
