/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods,
 * creating in slow-start batches (1, 2, 4, ...; at most 500 a pass) and deleting the pods the
 * ActivePods ranking puts first; adopts and releases pods by selector; reports replicas,
 * fullyLabeledReplicas, readyReplicas, availableReplicas and a ReplicaFailure condition.
 */
import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1.js';
import { OwnStatusWrite, type ReconcileResult, type Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { selectorMatches, type LabelSelector } from '../api/labels.js';
import { compileSelector } from './util/selector.js';
import type { ControllerContext } from './context.js';
import { claimObjects } from './util/claim.js';
import { deepEqual, omitEmpty } from './util/equal.js';
import { keyOf, ownerKeys, splitKey, controllerRef } from './util/keys.js';
import { isConditionAvailable as isAvailable, podAvailableAt, podChangeMattersToOwner, podFacts, PodFactsLists, type PodFacts } from './util/pods.js';
import { podsToDelete } from './util/ranking.js';
import { newControllerRef, podFromTemplate } from './util/template.js';
import type { Pod, ReplicaSet } from './util/types.js';
import { Wakeups } from './util/wakeups.js';
import { errorMessage, writeStatus } from './util/writes.js';
import { PodControl } from './podcontrol.js';

export const RS_RESOURCE = 'replicasets.apps';
/** Pods created or deleted at most per pass (--concurrent burst of the real controller). */
export const BURST_REPLICAS = 500;
export const SLOW_START_INITIAL_BATCH = 1;

export class ReplicaSetController implements Reconciler {
  readonly name = 'replicaset-controller';
  readonly watches = [RS_RESOURCE, 'pods'];
  private readonly wake: Wakeups;
  private readonly pods: PodControl;
  private readonly ownStatus = new OwnStatusWrite();
  private readonly factLists = new PodFactsLists();

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
    const client = ctx.clientAs('replicaset-controller');
    this.pods = new PodControl(client, ctx.recorder('replicaset-controller', client));
  }

  private get client() {
    return this.ctx.clientAs('replicaset-controller');
  }

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource === RS_RESOURCE) {
      const key = keyOf(event.object);
      return this.ownStatus.isOwn(event, key) ? [] : [key];
    }
    if (event.resource !== 'pods') return [];
    const pod = event.object as Pod;
    if (event.type === 'MODIFIED' && event.old && !podChangeMattersToOwner(event.old as Pod, pod)) return [];
    const keys = ownerKeys(pod, event.old, 'ReplicaSet');
    if (keys.length > 0 || controllerRef(pod) !== undefined) return keys;
    // An orphan: every ReplicaSet whose selector matches may want to adopt it.
    if (pod.metadata.deletionTimestamp || event.type === 'DELETED') return [];
    return this.ctx.store
      .list(RS_RESOURCE, pod.metadata.namespace)
      .filter((rs) => selectorMatches((rs as ReplicaSet).spec?.selector as LabelSelector, pod.metadata.labels))
      .map(keyOf);
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    return this.ctx.store.list(RS_RESOURCE).map(keyOf);
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const rs = this.ctx.store.get(RS_RESOURCE, namespace, name) as ReplicaSet | undefined;
    if (!rs) {
      this.wake.forget(key);
      return;
    }
    const { pods, facts } = this.claimActivePods(rs);

    let manageError: unknown;
    if (!rs.metadata.deletionTimestamp) {
      try {
        this.manageReplicas(rs, pods);
      } catch (e) {
        manageError = e;
      }
    }
    const now = this.ctx.now();
    const status = calculateStatus(rs, facts, manageError, now, this.ctx.clock.iso());
    const stored = this.ownStatus.run(key, () => writeStatus(this.client, RS_RESOURCE, rs, status) as ReplicaSet | undefined);
    if (manageError) throw manageError;
    return this.requeueForAvailability(key, stored ?? rs, pods, now);
  }

  /**
   * The namespace's active pods this ReplicaSet controls, in store order, with their facts in
   * the same order, after claimObjects has adopted matching orphans and released its pods that
   * stopped matching. Every pass reads every pod of the namespace, so the common case (ours and
   * matching) is decided here from the pod's facts and only the rest go through claimObjects.
   */
  private claimActivePods(rs: ReplicaSet): { pods: Pod[]; facts: PodFacts[] } {
    const matches = compileSelector(rs.spec?.selector as LabelSelector | undefined);
    const matchesPod = (p: Pod) => matches(p.metadata.labels);
    const uid = rs.metadata.uid;
    const all = this.ctx.store.list('pods', rs.metadata.namespace) as Pod[];
    const allFacts = this.factLists.factsOf(rs.metadata.namespace ?? '', all);
    const pods: Pod[] = [];
    const facts: PodFacts[] = [];
    for (let i = 0; i < all.length; i++) {
      const pod = all[i]!;
      const f = allFacts[i]!;
      if (!f.active) continue;
      const owner = f.controllerRef;
      if (owner !== undefined && owner.uid !== uid) continue;
      if (owner !== undefined && matches(f.labels)) {
        pods.push(pod);
        facts.push(f);
        continue;
      }
      for (const p of claimObjects<Pod>(this.client, 'pods', rs, newControllerRef(rs), matchesPod, [pod])) {
        pods.push(p);
        facts.push(podFacts(p));
      }
    }
    return { pods, facts };
  }

  /** Too few pods: create (slow start). Too many: delete the best-ranked candidates. */
  private manageReplicas(rs: ReplicaSet, pods: Pod[]): void {
    const want = rs.spec?.replicas ?? 1;
    let diff = pods.length - want;
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      // One pod body serves every create: the apiserver decodes (copies) each request.
      const pod = podFromTemplate(rs.spec?.template, rs, newControllerRef(rs));
      const created = slowStartBatch(count, SLOW_START_INITIAL_BATCH, () => {
        this.pods.create(rs, pod);
      });
      if (created.error) throw created.error;
    } else if (diff > 0) {
      diff = Math.min(diff, BURST_REPLICAS);
      const related = this.relatedPods(rs);
      for (const pod of podsToDelete(pods, related, diff, this.ctx.now())) this.pods.delete(rs, pod);
    }
  }

  /** Pods of every ReplicaSet with the same controller (a Deployment's old and new sets). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = rs.metadata.ownerReferences?.find((r) => r.controller);
    const siblings = new Set<string>([rs.metadata.uid]);
    if (owner) {
      for (const o of this.ctx.store.list(RS_RESOURCE, rs.metadata.namespace)) {
        if (o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.uid)) siblings.add(o.metadata.uid);
      }
    }
    return (this.ctx.store.list('pods', rs.metadata.namespace) as Pod[]).filter((p) => {
      const r = p.metadata.ownerReferences?.find((x) => x.controller);
      return r !== undefined && siblings.has(r.uid);
    });
  }

  /** Ready pods that are not yet available need a pass when minReadySeconds have gone by. */
  private requeueForAvailability(key: string, rs: ReplicaSet, pods: Pod[], now: number): ReconcileResult | undefined {
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (!minReady) return undefined;
    let next: number | undefined;
    for (const p of pods) {
      const at = podAvailableAt(p, minReady);
      if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
    }
    return next === undefined ? undefined : this.wake.after(key, (next - now) / 1000);
  }
}

/** Runs `fn` count times in batches of 1, 2, 4, ... stopping after the first batch with an error. */
export function slowStartBatch(count: number, initial: number, fn: () => void): { succeeded: number; error?: unknown } {
  let remaining = count;
  let succeeded = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        succeeded++;
      } catch (e) {
        error ??= e;
      }
    }
    if (error) return { succeeded, error };
    remaining -= batch;
  }
  return { succeeded };
}

function hasLabels(labels: Record<string, string> | undefined, wanted: [string, string][]): boolean {
  for (let i = 0; i < wanted.length; i++) if (labels?.[wanted[i]![0]] !== wanted[i]![1]) return false;
  return true;
}

/** calculateStatus: counts over the claimed active pods (their facts), plus the ReplicaFailure condition. */
export function calculateStatus(rs: ReplicaSet, pods: readonly PodFacts[], manageError: unknown, now: number, nowIso: string): ReplicaSetStatus {
  const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {});
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (let i = 0; i < pods.length; i++) {
    const facts = pods[i]!;
    if (hasLabels(facts.labels, templateLabels)) fullyLabeled++;
    if (facts.ready) {
      ready++;
      if (minReady === 0 || isAvailable(facts.readyCondition, minReady, now)) available++;
    }
  }
  let conditions: ReplicaSetCondition[] = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: nowIso, reason, message: errorMessage(manageError) });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? rs.status?.observedGeneration,
    conditions,
  };
  const compact = omitEmpty(status, ['replicas']);
  // Keep the stored object untouched when nothing but key order would change.
  return deepEqual(compact, rs.status) ? (rs.status as ReplicaSetStatus) : compact;
}
