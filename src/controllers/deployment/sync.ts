/**
 * One deployment sync (deployment/sync.go): finding the new and old ReplicaSets and syncing
 * revisions, creating the new ReplicaSet, scaling (proportionally when a rollout is under way),
 * cleaning up old sets beyond revisionHistoryLimit, and computing status.
 */
import type { DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import type { ApiClient } from '../../api/client.js';
import type { EventRecorder } from '../../api/events.js';
import { ApiError } from '../../api/errors.js';
import { clone } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import { deepEqual, omitEmpty } from '../util/equal.js';
import { computeHash } from '../util/hash.js';
import { newControllerRef } from '../util/template.js';
import type { Deployment, Pod, ReplicaSet } from '../util/types.js';
import { errorMessage, ignoreNotFound, isAlreadyExists } from '../util/writes.js';
import { OwnStatusWrite } from '../../cluster/runloop.js';
import { isNamespaceTerminating } from '../podcontrol.js';
import {
  activeSets,
  bySizeNewer,
  bySizeOlder,
  byCreation,
  byRevision,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  findNewReplicaSet,
  getCondition,
  hasProgressDeadline,
  MAX_REPLICAS,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  POD_TEMPLATE_HASH,
  REASON,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  REVISION,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumSpecReplicas,
  sumStatus,
} from './util.js';

export const DEPLOYMENT_RESOURCE = 'deployments.apps';
export const RS_RESOURCE = 'replicasets.apps';

/** The state of one reconcile of one Deployment; `d` is a working copy whose status and annotations get written back. */
export class DeploymentSync {
  d: Deployment;
  rsList: ReplicaSet[];
  private readonly podMapFn: () => Map<string, Pod[]>;
  private podMapCache?: Map<string, Pod[]>;

  constructor(
    readonly ctx: ControllerContext,
    readonly client: ApiClient,
    readonly recorder: EventRecorder,
    d: Deployment,
    rsList: ReplicaSet[],
    podMap: () => Map<string, Pod[]>,
    /** Marks this sync's status write, so the controller skips its own event. */
    private readonly ownStatus = new OwnStatusWrite(),
  ) {
    this.d = clone(d) as Deployment;
    this.rsList = rsList;
    this.podMapFn = podMap;
  }

  /** Pods of the deployment by the uid of the ReplicaSet controlling them (read on first use). */
  get podMap(): Map<string, Pod[]> {
    return (this.podMapCache ??= this.podMapFn());
  }

  get nowIso(): string {
    return this.ctx.clock.iso();
  }

  // ---- new and old ReplicaSets -------------------------------------------------------

  /** getAllReplicaSetsAndSyncRevision: the new set (created if asked) and all old ones. */
  allReplicaSets(createIfMissing: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const existing = findNewReplicaSet(this.d, this.rsList);
    const oldRSs = this.rsList.filter((rs) => rs.metadata.uid !== existing?.metadata.uid);
    const newRS = this.newReplicaSet(existing, oldRSs, createIfMissing);
    return { newRS, oldRSs };
  }

  private newReplicaSet(existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) return this.syncExistingNewRS(existing, newRevision);
    if (!create) return undefined;
    return this.createNewRS(oldRSs, newRevision);
  }

  private syncExistingNewRS(rs: ReplicaSet, newRevision: number): ReplicaSet {
    const copy = clone(rs) as ReplicaSet;
    const annotationsUpdated = setNewReplicaSetAnnotations(this.d, copy, newRevision, true);
    const minReady = this.d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
      (copy.spec ??= { selector: {} }).minReadySeconds = minReady || undefined;
      if (!minReady) delete copy.spec.minReadySeconds;
      return this.replaceRS(this.client.update<ReplicaSet>(RS_RESOURCE, copy));
    }
    let changed = this.setRevision(copy.metadata.annotations?.[REVISION] ?? '');
    if (hasProgressDeadline(this.d) && !getCondition(this.d.status, 'Progressing')) {
      setCondition(this.status(), newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${copy.metadata.name}"`, this.nowIso));
      changed = true;
    }
    if (changed) this.persist();
    return copy;
  }

  private createNewRS(oldRSs: ReplicaSet[], newRevision: number): ReplicaSet {
    const d = this.d;
    const template = clone(d.spec?.template ?? {});
    const hash = computeHash(template, d.status?.collisionCount);
    const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
    template.metadata = { ...(template.metadata ?? {}), labels };
    const selector = clone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [newControllerRef(d)], annotations: {} as Record<string, string> },
      spec: { replicas: 0, ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
    };
    const replicas = newRSNewReplicas(d, [...oldRSs, rs as unknown as ReplicaSet], rs as unknown as ReplicaSet);
    rs.spec.replicas = replicas;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);

    let created: ReplicaSet;
    let alreadyExisted = false;
    try {
      created = this.client.create<ReplicaSet>(RS_RESOURCE, rs as unknown as ReplicaSet);
    } catch (e) {
      if (isAlreadyExists(e)) {
        const found = this.ctx.store.get(RS_RESOURCE, d.metadata.namespace ?? '', rs.metadata.name) as ReplicaSet | undefined;
        const ref = found?.metadata.ownerReferences?.find((r) => r.controller);
        if (found && ref?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
          created = found;
          alreadyExisted = true;
        } else {
          // A hash collision: bump collisionCount so the next name differs, and try again.
          this.status().collisionCount = (d.status?.collisionCount ?? 0) + 1;
          this.persist();
          throw e;
        }
      } else {
        if (!isNamespaceTerminating(e)) {
          const msg = `Failed to create new replica set "${rs.metadata.name}": ${errorMessage(e)}`;
          if (hasProgressDeadline(d)) {
            setCondition(this.status(), newCondition('Progressing', 'False', REASON.failedRSCreate, msg, this.nowIso));
            this.persist();
          }
          this.recorder.record(d, 'Warning', REASON.failedRSCreate, msg);
        }
        throw e;
      }
    }
    if (!alreadyExisted && replicas > 0) {
      this.recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`);
    }
    this.setRevision(String(newRevision));
    if (!alreadyExisted && hasProgressDeadline(d)) {
      setCondition(this.status(), newCondition('Progressing', 'True', REASON.newReplicaSet, `Created new replica set "${created.metadata.name}"`, this.nowIso));
    }
    this.persist();
    this.rsList = [...this.rsList.filter((x) => x.metadata.uid !== created.metadata.uid), created];
    return created;
  }

  // ---- scaling -------------------------------------------------------------------------

  /** scale: the only active set takes all replicas; otherwise spread the change proportionally. */
  scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const d = this.d;
    const want = replicasOf(d);
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) !== want) this.scaleAndRecord(activeOrLatest, want);
      return;
    }
    if (newRS && isSaturated(d, newRS)) {
      for (const old of activeSets(oldRSs)) this.scaleAndRecord(old, 0);
      return;
    }
    if ((d.spec?.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const all = activeSets([...oldRSs, newRS]);
    const current = sumSpecReplicas(all);
    const allowed = want > 0 ? want + maxSurge(d) : 0;
    const toAdd = allowed - current;
    let operation = '';
    if (toAdd > 0) {
      all.sort(bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      all.sort(bySizeOlder);
      operation = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = proportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.name, replicasOf(rs) + p);
        added += p;
      } else sizes.set(rs.metadata.name, replicasOf(rs));
    }
    all.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) sizes.set(rs.metadata.name, Math.max(0, sizes.get(rs.metadata.name)! + toAdd - added));
      this.scaleReplicaSet(rs, sizes.get(rs.metadata.name)!, operation);
    });
  }

  /** scaleReplicaSetAndRecordEvent: no-op when already at that size. */
  scaleAndRecord(rs: ReplicaSet, size: number): { scaled: boolean; rs: ReplicaSet } {
    if (replicasOf(rs) === size) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, size, replicasOf(rs) < size ? 'up' : 'down');
  }

  scaleReplicaSet(rs: ReplicaSet, size: number, operation: string): { scaled: boolean; rs: ReplicaSet } {
    const d = this.d;
    const desired = replicasOf(d);
    const max = desired + maxSurge(d);
    const sizeChanged = replicasOf(rs) !== size;
    if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const oldSize = replicasOf(rs);
    const copy = clone(rs) as ReplicaSet;
    (copy.spec ??= { selector: {} }).replicas = size;
    setReplicasAnnotations(copy, desired, max);
    const updated = this.replaceRS(this.client.update<ReplicaSet>(RS_RESOURCE, copy));
    if (sizeChanged) this.recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata.name} from ${oldSize} to ${size}`);
    return { scaled: sizeChanged, rs: updated };
  }

  private replaceRS(rs: ReplicaSet): ReplicaSet {
    this.rsList = this.rsList.map((x) => (x.metadata.uid === rs.metadata.uid ? rs : x));
    return rs;
  }

  /** The freshest copy of a set this sync touched. */
  current(rs: ReplicaSet): ReplicaSet {
    return this.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs;
  }

  // ---- cleanup ---------------------------------------------------------------------------

  /** Deletes the oldest idle sets beyond revisionHistoryLimit. */
  cleanup(oldRSs: ReplicaSet[]): void {
    const limit = this.d.spec?.revisionHistoryLimit ?? 10;
    if (limit === undefined || limit === null) return;
    const alive = oldRSs.map((rs) => this.current(rs)).filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    alive.sort(byRevision);
    for (const rs of alive.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      ignoreNotFound(() => this.client.delete(RS_RESOURCE, rs.metadata.namespace ?? '', rs.metadata.name));
    }
  }

  // ---- status ----------------------------------------------------------------------------

  /** The working status (created on first use). */
  status(): DeploymentStatus {
    return ((this.d as { status?: DeploymentStatus }).status ??= {});
  }

  /** calculateStatus: counts over all sets plus the Available condition. */
  calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentStatus {
    const d = this.d;
    const sets = allRSs.map((rs) => (rs ? this.current(rs) : rs));
    const available = sumStatus(sets, 'availableReplicas');
    const total = sumSpecReplicas(sets);
    const status: DeploymentStatus = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: sumStatus(sets, 'replicas'),
      updatedReplicas: sumStatus([newRS ? this.current(newRS) : undefined], 'replicas'),
      readyReplicas: sumStatus(sets, 'readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
      ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    };
    if (d.status?.conditions?.length) status.conditions = clone(d.status.conditions);
    if (available >= replicasOf(d) - maxUnavailable(d)) {
      setCondition(status, newCondition('Available', 'True', REASON.minimumAvailable, 'Deployment has minimum availability.', this.nowIso));
    } else {
      setCondition(status, newCondition('Available', 'False', REASON.minimumUnavailable, 'Deployment does not have minimum availability.', this.nowIso));
    }
    return status;
  }

  /** syncDeploymentStatus: write the computed status when it changed. */
  syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    this.writeStatus(this.calculateStatus(allRSs, newRS));
  }

  writeStatus(status: DeploymentStatus): void {
    this.d = { ...this.d, status } as Deployment;
    this.persist();
  }

  /** SetDeploymentRevision on the working copy; true when it changed. */
  setRevision(revision: string): boolean {
    const a = (this.d.metadata.annotations ??= {});
    if (a[REVISION] === revision) return false;
    a[REVISION] = revision;
    return true;
  }

  /**
   * Writes the working copy back: the revision annotation through the main resource (our status
   * writes keep metadata, where the real apiserver lets a deployment status update carry
   * annotations), then status.
   */
  persist(): void {
    const ns = this.d.metadata.namespace ?? '';
    const name = this.d.metadata.name;
    const stored = this.ctx.store.get(DEPLOYMENT_RESOURCE, ns, name) as Deployment | undefined;
    if (!stored) return;
    const rev = this.d.metadata.annotations?.[REVISION];
    if (rev !== undefined && stored.metadata.annotations?.[REVISION] !== rev) {
      // An update, as the real controller writes it: its RBAC role grants update, not patch.
      const next = clone(stored);
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: rev };
      this.client.update(DEPLOYMENT_RESOURCE, next);
    }
    const status = omitEmpty(clone(this.d.status ?? {}) as DeploymentStatus);
    const latest = this.ctx.store.get(DEPLOYMENT_RESOURCE, ns, name) as Deployment;
    if (!deepEqual(latest.status ?? {}, status)) {
      try {
        this.ownStatus.run(`${ns}/${name}`, () => this.client.updateStatus(DEPLOYMENT_RESOURCE, { ...latest, status }));
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
  }
}

/** NewRSNewReplicas: how far the new set may grow now. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate') return replicasOf(d);
  const want = replicasOf(d);
  const maxTotal = want + maxSurge(d);
  const current = sumSpecReplicas(allRSs);
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, want - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

/** FindActiveOrLatest: the one set with replicas, or the newest when none has any; undefined when several have. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = [...oldRSs].sort((a, b) => -byCreation(a, b));
  const active = activeSets([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** IsSaturated: the new set has all replicas, all of them available. */
export function isSaturated(d: Deployment, rs: ReplicaSet): boolean {
  const desired = desiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  return replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** GetProportion: this set's share of the replicas being added or removed. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = setFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function setFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const maxReplicas = replicasOf(d) + maxSurge(d);
  let before = Number(rs.metadata.annotations?.[MAX_REPLICAS]);
  if (!Number.isInteger(before) || before === 0) before = d.status?.replicas ?? 0;
  if (before === 0) return 0;
  return Math.round((replicasOf(rs) * maxReplicas) / before) - replicasOf(rs);
}
