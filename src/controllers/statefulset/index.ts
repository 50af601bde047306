/**
 * The StatefulSet controller (pkg/controller/statefulset). OrderedReady creates `<set>-0`,
 * then `-1` once `-0` is Running and Ready, and scales down from the highest ordinal one at a
 * time; Parallel does all at once. Claims from volumeClaimTemplates are created before their
 * pod and kept when it goes. RollingUpdate replaces pods from the highest ordinal down to the
 * partition, one at a time, each after its predecessor is healthy again.
 */
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import type { ReconcileResult, Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { ApiError } from '../../api/errors.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import type { KObject } from '../../api/types.js';

import { compileSelector } from '../util/selector.js';
import type { ControllerContext } from '../context.js';
import { claimObjects } from '../util/claim.js';
import { omitEmpty } from '../util/equal.js';
import { byRevisionNumber, controllerRevisionName, ownedRevisions, pruneRevisions, renumber, REVISIONS, revisionNumber, sameData, templatePatch } from '../util/history.js';
import { keyOf, ownerKeys, splitKey, controllerRef } from '../util/keys.js';
import { isPodAvailable, podAvailableAt } from '../util/pods.js';
import { newControllerRef } from '../util/template.js';
import type { ControllerRevision, Pod, StatefulSet } from '../util/types.js';
import { Wakeups } from '../util/wakeups.js';
import { errorMessage, ignoreNotFound, isAlreadyExists, writeStatus } from '../util/writes.js';
import { claimsFor, endOrdinal, identityMatches, isHealthy, isRunningAndAvailable, isRunningAndReady, isTerminating, newStatefulSetPod, ordinalOf, POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL, startOrdinal } from './identity.js';

export const STS_RESOURCE = 'statefulsets.apps';
export const COMPONENT = 'statefulset-controller';

/** A slot of the ordinal range: a stored pod, or one to create. */
interface Slot {
  ordinal: number;
  pod?: Pod;
  planned?: KObject;
}

export class StatefulSetController implements Reconciler {
  readonly name = COMPONENT;
  readonly watches = [STS_RESOURCE, REVISIONS, 'pods'];
  private readonly wake: Wakeups;

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs('statefulset-controller');
  }

  private get recorder() {
    return this.ctx.recorder(COMPONENT, this.client);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    switch (event.resource) {
      case STS_RESOURCE:
        return [keyOf(event.object)];
      case REVISIONS:
        return ownerKeys(event.object, event.old, 'StatefulSet');
      case 'pods': {
        const keys = ownerKeys(event.object, event.old, 'StatefulSet');
        if (keys.length || controllerRef(event.object) !== undefined || event.type === 'DELETED') return keys;
        return this.ctx.store
          .list(STS_RESOURCE, event.object.metadata.namespace)
          .filter((s) => selectorMatches((s as StatefulSet).spec?.selector as LabelSelector, event.object.metadata.labels))
          .map(keyOf);
      }
      default:
        return [];
    }
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    return this.ctx.store.list(STS_RESOURCE).map(keyOf);
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const set = this.ctx.store.get(STS_RESOURCE, namespace, name) as StatefulSet | undefined;
    if (!set) {
      this.wake.forget(key);
      return;
    }
    const selector = set.spec?.selector as LabelSelector | undefined;
    const matches = compileSelector(selector);
    const pods = claimObjects<Pod>(this.client, 'pods', set, newControllerRef(set), (p) => matches(p.metadata.labels) && ordinalOf(set, p) >= 0, this.ctx.store.list('pods', namespace) as Pod[]);
    const revisions = ownedRevisions(this.client, this.ctx.store, set, selector);
    const { current, update, collisionCount } = this.revisions(set, revisions);
    let status: StatefulSetStatus;
    let error: unknown;
    try {
      status = this.updateStatefulSet(set, current, update, collisionCount, pods);
    } catch (e) {
      error = e;
      status = this.countStatus(set, current, update, collisionCount, this.currentPods(set));
    }
    const written = this.writeStatus(set, status);
    this.truncateHistory(set, revisions, current, update);
    if (error) throw error;
    return this.requeueForAvailability(key, set, written);
  }

  private currentPods(set: StatefulSet): Pod[] {
    return (this.ctx.store.list('pods', set.metadata.namespace) as Pod[]).filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === set.metadata.uid));
  }

  // ---- revisions -----------------------------------------------------------------------

  /** getStatefulSetRevisions: the update revision (created, reused or renumbered) and the current one. */
  private revisions(set: StatefulSet, revisions: ControllerRevision[]): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } {
    const sorted = [...revisions].sort(byRevisionNumber);
    let collisionCount = set.status?.collisionCount ?? 0;
    const data = templatePatch(set.spec?.template);
    const next = (sorted.at(-1) ? revisionNumber(sorted.at(-1)!) : 0) + 1;
    const equal = sorted.filter((r) => sameData(r, data));
    let update: ControllerRevision;
    if (equal.length > 0 && sorted.at(-1) === equal.at(-1)) update = equal.at(-1)!;
    else if (equal.length > 0) update = renumber(this.client, equal.at(-1)!, next);
    else ({ revision: update, collisionCount } = this.createRevision(set, data, next, collisionCount));
    const current = sorted.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  private createRevision(set: StatefulSet, data: unknown, revision: number, collisionCount: number): { revision: ControllerRevision; collisionCount: number } {
    for (;;) {
      const { name, hash } = controllerRevisionName(set.metadata.name, data, collisionCount);
      const cr = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: set.metadata.namespace,
          labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [REVISION_LABEL]: hash },
          ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
          ownerReferences: [newControllerRef(set)],
        },
        data,
        revision,
      };
      try {
        return { revision: this.client.create<ControllerRevision>(REVISIONS, cr as unknown as ControllerRevision), collisionCount };
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const existing = this.ctx.store.get(REVISIONS, set.metadata.namespace ?? '', name) as ControllerRevision | undefined;
        if (existing && sameData(existing, data)) return { revision: existing, collisionCount };
        collisionCount++;
      }
    }
  }

  private truncateHistory(set: StatefulSet, revisions: ControllerRevision[], current: ControllerRevision, update: ControllerRevision): void {
    const live = new Set<string>([current.metadata.name, update.metadata.name]);
    for (const p of this.currentPods(set)) if (p.metadata.labels?.[REVISION_LABEL]) live.add(p.metadata.labels[REVISION_LABEL]);
    const old = revisions.filter((r) => !live.has(r.metadata.name));
    pruneRevisions(this.client, old, set.spec?.revisionHistoryLimit ?? 10, () => false);
  }

  // ---- the update algorithm ------------------------------------------------------------

  private updateStatefulSet(set: StatefulSet, current: ControllerRevision, update: ControllerRevision, collisionCount: number, pods: Pod[]): StatefulSetStatus {
    const now = this.ctx.now();
    const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const start = startOrdinal(set);
    const end = endOrdinal(set);
    const slots: Slot[] = [];
    const condemned: Pod[] = [];
    for (let ord = start; ord <= end; ord++) slots.push({ ordinal: ord });
    for (const p of pods) {
      const ord = ordinalOf(set, p);
      if (ord >= start && ord <= end) slots[ord - start]!.pod = p;
      else if (ord >= 0) condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    const done = () => this.countStatus(set, current, update, collisionCount, [...slots.map((s) => s.pod).filter((p): p is Pod => !!p), ...condemned]);

    // The first unhealthy replica (a pod still to create counts) may be scaled away out of order.
    let firstUnhealthy: Pod | 'planned' | undefined;
    for (const s of slots) if (!s.pod || !isHealthy(s.pod)) firstUnhealthy ??= s.pod ?? 'planned';
    for (let i = condemned.length - 1; i >= 0; i--) if (!isHealthy(condemned[i]!)) firstUnhealthy ??= condemned[i];

    if (set.metadata.deletionTimestamp) return done();

    for (const slot of slots) {
      const exit = this.processReplica(set, current, update, slot, monotonic, now);
      if (exit && monotonic) return done();
    }
    for (const pod of condemned) {
      const exit = this.processCondemned(set, pod, firstUnhealthy, monotonic, now);
      if (exit && monotonic) return done();
    }
    this.applyRetentionPolicy(set, slots, condemned);
    if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'OnDelete') return done();

    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let i = slots.length - 1; i >= partition; i--) {
      const pod = slots[i]!.pod;
      if (!pod) return done();
      if (pod.metadata.labels?.[REVISION_LABEL] !== update.metadata.name && !isTerminating(pod)) {
        this.deletePod(set, pod);
        return done();
      }
      if (!isHealthy(pod)) return done();
    }
    return done();
  }

  /** processReplica: recreate failed pods, create missing ones, wait for predecessors. True means stop here. */
  private processReplica(set: StatefulSet, current: ControllerRevision, update: ControllerRevision, slot: Slot, monotonic: boolean, now: number): boolean {
    let pod = slot.pod;
    if (pod && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') && !isTerminating(pod)) {
      if (pod.status.phase === 'Failed') this.recorder.record(set, 'Warning', 'RecreatingFailedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${pod.metadata.name}`);
      else this.recorder.record(set, 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating terminated Pod ${pod.metadata.name}`);
      this.deletePod(set, pod);
      const gone = !this.ctx.store.get('pods', set.metadata.namespace ?? '', pod.metadata.name);
      if (!gone) return true;
      pod = slot.pod = undefined;
    }
    if (!pod) {
      const revision = this.revisionFor(set, current, update, slot.ordinal);
      const planned = newStatefulSetPod(this.templateSet(set, revision), slot.ordinal, revision.metadata.name);
      slot.pod = this.createPod(set, planned);
      return monotonic;
    }
    if (pod.status?.phase === 'Pending' || !pod.status?.phase) this.createClaims(set, pod, slot.ordinal);
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, now) && monotonic) return true;
    if (!identityMatches(set, pod)) this.fixIdentity(set, pod);
    return false;
  }

  /** processCondemned: scale down from the top, waiting for health in OrderedReady. */
  private processCondemned(set: StatefulSet, pod: Pod, firstUnhealthy: Pod | 'planned' | undefined, monotonic: boolean, now: number): boolean {
    if (isTerminating(pod)) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) return true;
    if (!isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, now) && monotonic && pod !== firstUnhealthy) return true;
    this.deletePod(set, pod);
    return true;
  }

  /** newVersionedStatefulSetPod: ordinals below the partition keep the current revision. */
  private revisionFor(set: StatefulSet, current: ControllerRevision, update: ControllerRevision, ordinal: number): ControllerRevision {
    if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return current;
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition;
    const below = partition === undefined ? ordinal < startOrdinal(set) + (set.status?.currentReplicas ?? 0) && current !== update : ordinal < startOrdinal(set) + partition;
    return below ? current : update;
  }

  /** ApplyRevision: the set as it was at a revision (its template). */
  private templateSet(set: StatefulSet, revision: ControllerRevision): StatefulSet {
    const data = (revision as unknown as { data?: { spec?: { template?: Record<string, unknown> } } }).data;
    const template = data?.spec?.template ? { ...data.spec.template } : undefined;
    if (!template) return set;
    delete template['$patch'];
    return { ...set, spec: { ...set.spec!, template } } as StatefulSet;
  }

  private createPod(set: StatefulSet, pod: KObject): Pod | undefined {
    const ordinal = ordinalOf(set, pod);
    try {
      this.createClaims(set, pod, ordinal);
    } catch (e) {
      this.podEvent('create', set, pod, e);
      throw e;
    }
    let created: Pod | undefined;
    try {
      created = this.client.create<Pod>('pods', pod as Pod);
    } catch (e) {
      if (isAlreadyExists(e)) throw e;
      this.podEvent('create', set, pod, e);
      throw e;
    }
    this.podEvent('create', set, pod, undefined);
    return created;
  }

  /** createPersistentVolumeClaims: every missing claim of the pod, in template order. */
  private createClaims(set: StatefulSet, pod: KObject, ordinal: number): void {
    const errors: string[] = [];
    for (const claim of claimsFor(set, ordinal)) {
      const existing = this.ctx.store.get('persistentvolumeclaims', set.metadata.namespace ?? '', claim.metadata.name!);
      if (!existing) {
        try {
          this.client.create('persistentvolumeclaims', claim);
          this.claimEvent(set, pod, claim, undefined);
        } catch (e) {
          errors.push(`failed to create PVC ${claim.metadata.name}: ${errorMessage(e)}`);
          if (!isAlreadyExists(e)) this.claimEvent(set, pod, claim, e);
        }
      } else if (existing.metadata.deletionTimestamp) {
        errors.push(`pvc ${claim.metadata.name} is being deleted`);
      }
    }
    if (errors.length === 1) throw new Error(errors[0]);
    if (errors.length > 1) throw new Error(`[${errors.join(', ')}]`);
  }

  private deletePod(set: StatefulSet, pod: Pod): void {
    try {
      this.client.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      this.podEvent('delete', set, pod, e);
      throw e;
    }
    this.podEvent('delete', set, pod, undefined);
  }

  private fixIdentity(set: StatefulSet, pod: Pod): void {
    const ord = ordinalOf(set, pod);
    try {
      this.client.patch('pods', pod.metadata.namespace ?? '', pod.metadata.name, 'merge', { metadata: { labels: { [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ord) } } });
      this.podEvent('update', set, pod, undefined);
    } catch (e) {
      this.podEvent('update', set, pod, e);
      throw e;
    }
  }

  /** persistentVolumeClaimRetentionPolicy: claims of a deleted set or of condemned pods get owners for the GC. */
  private applyRetentionPolicy(set: StatefulSet, slots: Slot[], condemned: Pod[]): void {
    const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
    if (!policy || (policy.whenDeleted !== 'Delete' && policy.whenScaled !== 'Delete')) return;
    const want = (pod: Pod, scaledAway: boolean) => {
      const refs: { apiVersion: string; kind: string; name: string; uid: string; blockOwnerDeletion?: boolean; controller?: boolean }[] = [];
      if (policy.whenDeleted === 'Delete') refs.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid, blockOwnerDeletion: true, controller: true });
      if (scaledAway && policy.whenScaled === 'Delete') refs.push({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid, blockOwnerDeletion: true });
      return refs;
    };
    const apply = (pod: Pod, scaledAway: boolean) => {
      for (const claim of claimsFor(set, ordinalOf(set, pod))) {
        const pvc = this.ctx.store.get('persistentvolumeclaims', set.metadata.namespace ?? '', claim.metadata.name!);
        if (!pvc || pvc.metadata.deletionTimestamp) continue;
        const others = (pvc.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid && r.kind !== 'Pod');
        const refs = [...others, ...want(pod, scaledAway)];
        if (JSON.stringify(refs) === JSON.stringify(pvc.metadata.ownerReferences ?? [])) continue;
        ignoreNotFound(() => this.client.patch('persistentvolumeclaims', pvc.metadata.namespace ?? '', pvc.metadata.name, 'merge', { metadata: { ownerReferences: refs.length ? refs : null } }));
      }
    };
    for (const s of slots) if (s.pod?.metadata.uid) apply(s.pod, false);
    for (const p of condemned) apply(p, true);
  }

  private podEvent(verb: string, set: StatefulSet, pod: KObject, error: unknown): void {
    const title = verb[0]!.toUpperCase() + verb.slice(1);
    if (!error) this.recorder.record(set, 'Normal', `Successful${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    else this.recorder.record(set, 'Warning', `Failed${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(error)}`);
  }

  private claimEvent(set: StatefulSet, pod: KObject, claim: KObject, error: unknown): void {
    if (!error) this.recorder.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
    else this.recorder.record(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(error)}`);
  }

  // ---- status --------------------------------------------------------------------------

  private countStatus(set: StatefulSet, current: ControllerRevision, update: ControllerRevision, collisionCount: number, pods: Pod[]): StatefulSetStatus {
    const now = this.ctx.now();
    const minReady = set.spec?.minReadySeconds ?? 0;
    const status = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
    for (const p of pods) {
      if (!p.metadata.uid) continue;
      status.replicas++;
      if (isRunningAndReady(p)) {
        status.readyReplicas++;
        if (isPodAvailable(p, minReady, now)) status.availableReplicas++;
      }
      if (!isTerminating(p)) {
        const rev = p.metadata.labels?.[REVISION_LABEL];
        if (rev === current.metadata.name) status.currentReplicas++;
        if (rev === update.metadata.name) status.updatedReplicas++;
      }
    }
    const out: StatefulSetStatus = {
      observedGeneration: set.metadata.generation ?? 1,
      ...status,
      currentRevision: current.metadata.name,
      updateRevision: update.metadata.name,
      collisionCount,
    };
    // completeRollingUpdate
    if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && out.updatedReplicas === out.replicas && out.readyReplicas === out.replicas) {
      out.currentReplicas = out.updatedReplicas;
      out.currentRevision = out.updateRevision;
    }
    if (set.status?.conditions?.length) out.conditions = set.status.conditions;
    return omitEmpty(out, ['replicas', 'availableReplicas', 'collisionCount']);
  }

  private writeStatus(set: StatefulSet, status: StatefulSetStatus): StatefulSetStatus {
    writeStatus(this.client, STS_RESOURCE, set, status);
    return status;
  }

  private requeueForAvailability(key: string, set: StatefulSet, status: StatefulSetStatus): ReconcileResult | undefined {
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (!minReady || status.availableReplicas === (set.spec?.replicas ?? 1)) return undefined;
    const now = this.ctx.now();
    let next: number | undefined;
    for (const p of this.currentPods(set)) {
      const at = podAvailableAt(p, minReady);
      if (at !== undefined && at > now) next = Math.min(next ?? Infinity, at);
    }
    return next === undefined ? undefined : this.wake.after(key, (next - now) / 1000);
  }
}
