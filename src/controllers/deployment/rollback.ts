/**
 * Server-side rollback (deployment/rollback.go) for the deprecated rollback annotation that
 * extensions/v1beta1 clients set. Modern `kubectl rollout undo` patches the template from the
 * old ReplicaSet itself; the controller then finds that set as the new one and gives it the next
 * revision, which `getNewReplicaSet` already does.
 */
import type { Deployment, ReplicaSet } from '../util/types.js';
import { clone } from '../../api/types.js';
import { DEPLOYMENT_RESOURCE, type DeploymentSync } from './sync.js';
import { annotationsFromReplicaSet, equalIgnoreHash, lastRevision, POD_TEMPLATE_HASH, REASON, revisionOf, ROLLBACK_TO } from './util.js';

export function rollbackTo(d: Deployment): number | undefined {
  const v = d.metadata.annotations?.[ROLLBACK_TO];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

export function rollback(s: DeploymentSync): void {
  const { newRS, oldRSs } = s.allReplicaSets(true);
  const all = [...oldRSs, newRS].filter((rs): rs is ReplicaSet => !!rs);
  let target = rollbackTo(s.d) ?? 0;
  if (target === 0) {
    target = lastRevision(all);
    if (target === 0) {
      s.recorder.record(s.d, 'Warning', REASON.rollbackNotFound, 'Unable to find last revision.');
      return clearRollbackTo(s, undefined);
    }
  }
  const rs = all.find((x) => revisionOf(x) === target);
  if (!rs) {
    s.recorder.record(s.d, 'Warning', REASON.rollbackNotFound, 'Unable to find the revision to rollback to.');
    return clearRollbackTo(s, undefined);
  }
  if (equalIgnoreHash(s.d.spec?.template, rs.spec?.template)) {
    s.recorder.record(s.d, 'Warning', REASON.rollbackUnchanged, `The rollback revision contains the same template as current deployment "${s.d.metadata.name}"`);
    return clearRollbackTo(s, undefined);
  }
  clearRollbackTo(s, rs);
  s.recorder.record(s.d, 'Normal', REASON.rollbackDone, `Rolled back deployment "${s.d.metadata.name}" to revision ${target}`);
}

/** updateDeploymentAndClearRollbackTo, optionally taking the old set's template and annotations. */
function clearRollbackTo(s: DeploymentSync, from: ReplicaSet | undefined): void {
  const stored = s.ctx.store.get(DEPLOYMENT_RESOURCE, s.d.metadata.namespace ?? '', s.d.metadata.name) as Deployment | undefined;
  if (!stored) return;
  const copy = clone(stored) as Deployment;
  if (from) {
    const template = clone(from.spec?.template ?? {});
    if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
    copy.spec = { ...copy.spec!, template };
    copy.metadata.annotations = annotationsFromReplicaSet(copy, from);
  }
  if (copy.metadata.annotations) delete copy.metadata.annotations[ROLLBACK_TO];
  s.client.update(DEPLOYMENT_RESOURCE, copy);
}
