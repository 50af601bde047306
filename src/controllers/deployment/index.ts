/**
 * The Deployment controller (pkg/controller/deployment): a small dispatcher in the real order,
 * being deleted, paused, rollback, scaling event, then the strategy (rolling.ts, recreate.ts).
 */
import { OwnStatusWrite, type ReconcileResult, type Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import { compileSelector } from '../util/selector.js';
import type { ControllerContext } from '../context.js';
import { claimObjects } from '../util/claim.js';
import { keyOf, ownerKeys, splitKey, controllerRef } from '../util/keys.js';
import { newControllerRef } from '../util/template.js';
import type { Deployment, Pod, ReplicaSet } from '../util/types.js';
import { Wakeups } from '../util/wakeups.js';
import { checkPausedConditions } from './progress.js';
import { rolloutRecreate } from './recreate.js';
import { rollback, rollbackTo } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { DEPLOYMENT_RESOURCE, DeploymentSync, RS_RESOURCE } from './sync.js';
import { activeSets, desiredReplicasAnnotation, replicasOf } from './util.js';

export const COMPONENT = 'deployment-controller';

export class DeploymentController implements Reconciler {
  readonly name = COMPONENT;
  readonly watches = [DEPLOYMENT_RESOURCE, RS_RESOURCE, 'pods'];
  private readonly wake: Wakeups;
  private readonly ownStatus = new OwnStatusWrite();

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs(COMPONENT);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    switch (event.resource) {
      case DEPLOYMENT_RESOURCE: {
        const key = keyOf(event.object);
        return this.ownStatus.isOwn(event, key) ? [] : [key];
      }
      case RS_RESOURCE: {
        const rs = event.object;
        const keys = ownerKeys(rs, event.old, 'Deployment');
        if (keys.length > 0 || controllerRef(rs) !== undefined || event.type === 'DELETED') return keys;
        return this.ctx.store
          .list(DEPLOYMENT_RESOURCE, rs.metadata.namespace)
          .filter((d) => selectorMatches((d as Deployment).spec?.selector as LabelSelector, rs.metadata.labels))
          .map(keyOf);
      }
      case 'pods': {
        // Recreate waits for old pods to be gone: a pod deletion wakes its deployment.
        if (event.type !== 'DELETED') return [];
        const ref = event.object.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'ReplicaSet');
        if (!ref) return [];
        const rs = this.ctx.store.get(RS_RESOURCE, event.object.metadata.namespace ?? '', ref.name);
        return rs ? ownerKeys(rs, undefined, 'Deployment') : [];
      }
      default:
        return [];
    }
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    return this.ctx.store.list(DEPLOYMENT_RESOURCE).map(keyOf);
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.store.get(DEPLOYMENT_RESOURCE, namespace, name) as Deployment | undefined;
    if (!stored) {
      this.wake.forget(key);
      return;
    }
    const selector = stored.spec?.selector as LabelSelector | undefined;
    const client = this.client;
    const recorder = this.ctx.recorder(COMPONENT, client);
    if (selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) {
      recorder.record(stored, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return;
    }
    const rsList = claimObjects<ReplicaSet>(client, RS_RESOURCE, stored, newControllerRef(stored), (rs) => selectorMatches(selector, rs.metadata.labels), this.ctx.store.list(RS_RESOURCE, namespace) as ReplicaSet[]);
    const s = new DeploymentSync(this.ctx, client, recorder, stored, rsList, () => this.podMap(stored, rsList), this.ownStatus);
    const after = this.dispatch(s);
    return after === undefined ? undefined : this.wake.after(key, after);
  }

  /** syncDeployment's order of concerns. Returns seconds until a progress-deadline check. */
  private dispatch(s: DeploymentSync): number | undefined {
    const d = s.d;
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = s.allReplicaSets(false);
      s.syncDeploymentStatus([...oldRSs, newRS], newRS);
      return undefined;
    }
    checkPausedConditions(s);
    if (d.spec?.paused) return this.sync(s);
    if (rollbackTo(d) !== undefined) {
      rollback(s);
      return undefined;
    }
    if (this.isScalingEvent(s)) return this.sync(s);
    return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate' ? rolloutRecreate(s) : rolloutRolling(s);
  }

  /** sync: scaling and pausing, no rollout. */
  private sync(s: DeploymentSync): undefined {
    const { newRS, oldRSs } = s.allReplicaSets(false);
    s.scale(newRS, oldRSs);
    if (s.d.spec?.paused && rollbackTo(s.d) === undefined) s.cleanup(oldRSs);
    s.syncDeploymentStatus([...oldRSs, newRS], newRS);
    return undefined;
  }

  /** A scaling event: an active set was sized for a different deployment replica count. */
  private isScalingEvent(s: DeploymentSync): boolean {
    const { newRS, oldRSs } = s.allReplicaSets(false);
    for (const rs of activeSets([...oldRSs, newRS])) {
      const desired = desiredReplicasAnnotation(rs);
      if (desired !== undefined && desired !== replicasOf(s.d)) return true;
    }
    return false;
  }

  private podMap(d: Deployment, rsList: ReplicaSet[]): Map<string, Pod[]> {
    const uids = new Set(rsList.map((rs) => rs.metadata.uid));
    const map = new Map<string, Pod[]>();
    for (const uid of uids) map.set(uid, []);
    const selector = d.spec?.selector as LabelSelector | undefined;
    const matches = compileSelector(selector);
    for (const p of this.ctx.store.list('pods', d.metadata.namespace) as Pod[]) {
      const ref = p.metadata.ownerReferences?.find((r) => r.controller);
      if (!ref || !uids.has(ref.uid) || !matches(p.metadata.labels)) continue;
      map.get(ref.uid)!.push(p);
    }
    return map;
  }
}
