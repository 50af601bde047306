/**
 * The Job controller (pkg/controller/job), as v1.33 runs it with JobPodReplacementPolicy and
 * JobManagedBy on: pods carry the batch.kubernetes.io/job-tracking finalizer until they are
 * counted; terminal conditions come in two steps, SuccessCriteriaMet / FailureTarget first and
 * Complete / Failed once no pod is terminating; pod creation backs off after failures on the
 * virtual clock; activeDeadlineSeconds, suspend, Indexed completion and the failure and success
 * policies.
 */
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { ReconcileResult, Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { ApiError } from '../../api/errors.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import { clone } from '../../api/types.js';
import { parseTime } from '../../util/clock.js';
import { compileSelector } from '../util/selector.js';
import type { ControllerContext } from '../context.js';
import { claimObjects } from '../util/claim.js';
import { deepEqual } from '../util/equal.js';
import { keyOf, ownerKeys, splitKey, controllerRef } from '../util/keys.js';
import { isPodActive, isPodReady, isPodTerminal } from '../util/pods.js';
import { sortActivePods } from '../util/ranking.js';
import { newControllerRef, podFromTemplate } from '../util/template.js';
import type { Job, Pod } from '../util/types.js';
import { Wakeups } from '../util/wakeups.js';
import { ignoreNotFound } from '../util/writes.js';
import { PodControl, isNamespaceTerminating } from '../podcontrol.js';
import { slowStartBatch, SLOW_START_INITIAL_BATCH } from '../replicaset.js';
import { BackoffStore, remainingBackoff, type BackoffRecord } from './backoff.js';
import { formatIndexes, has, parseIndexes, total, withIndexes, type Intervals } from './indexes.js';
import { matchPodFailurePolicy, matchSuccessPolicy } from './policy.js';

export const JOB_RESOURCE = 'jobs.batch';
export const COMPONENT = 'job-controller';
export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** Pods created or deleted per sync at most. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export const REASON = {
  backoffLimitExceeded: 'BackoffLimitExceeded',
  deadlineExceeded: 'DeadlineExceeded',
  podFailurePolicy: 'PodFailurePolicy',
  successPolicy: 'SuccessPolicy',
  completionsReached: 'CompletionsReached',
} as const;

const ORPHAN_PREFIX = 'orphan-pod:';

interface SyncCtx {
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  ready: number;
  terminating: number;
  succeeded: number;
  failed: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  finished?: JobCondition;
  prevSucceededIndexes: Intervals;
  succeededIndexes: Intervals;
  backoff: BackoffRecord;
}

export function isJobFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

function hasFinalizer(p: Pod): boolean {
  return p.metadata.finalizers?.includes(TRACKING_FINALIZER) ?? false;
}

function isIndexed(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

function completionIndex(p: Pod): number {
  const v = p.metadata.annotations?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/** isPodFailed: Failed, or (unless only failed pods are replaced) deleted before succeeding. */
function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

export class JobController implements Reconciler {
  readonly name = COMPONENT;
  readonly watches = [JOB_RESOURCE, 'pods'];
  private readonly wake: Wakeups;
  private readonly backoffs = new BackoffStore();

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs('job-controller');
  }

  private get recorder() {
    return this.ctx.recorder(COMPONENT, this.client);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource === JOB_RESOURCE) return [keyOf(event.object)];
    if (event.resource !== 'pods') return [];
    const pod = event.object as Pod;
    const keys = ownerKeys(pod, event.old, 'Job');
    if (keys.length) return event.type === 'DELETED' || !hasFinalizer(pod) ? keys : [...keys, ORPHAN_PREFIX + keyOf(pod)];
    const out: string[] = [];
    if (hasFinalizer(pod) && event.type !== 'DELETED') out.push(ORPHAN_PREFIX + keyOf(pod));
    if (controllerRef(pod) === undefined && event.type !== 'DELETED' && !pod.metadata.deletionTimestamp) {
      for (const j of this.ctx.store.list(JOB_RESOURCE, pod.metadata.namespace)) {
        if (selectorMatches((j as Job).spec?.selector as LabelSelector, pod.metadata.labels)) out.push(keyOf(j));
      }
    }
    return out;
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    this.backoffs.clear();
    const keys = this.ctx.store.list(JOB_RESOURCE).map(keyOf);
    for (const p of this.ctx.store.list('pods')) if (hasFinalizer(p as Pod)) keys.push(ORPHAN_PREFIX + keyOf(p));
    return keys;
  }

  reconcile(key: string): ReconcileResult | void {
    if (key.startsWith(ORPHAN_PREFIX)) return this.syncOrphanPod(key.slice(ORPHAN_PREFIX.length));
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.store.get(JOB_RESOURCE, namespace, name) as Job | undefined;
    if (!stored) {
      this.backoffs.remove(key);
      this.wake.forget(key);
      return;
    }
    if (stored.spec?.managedBy && stored.spec.managedBy !== 'kubernetes.io/job-controller') return;
    if (!stored.spec?.selector) return; // the apiserver always generates one; without it nothing is ours
    if (isJobFinished(stored)) {
      this.backoffs.remove(key);
      return;
    }
    const mode = stored.spec?.completionMode;
    if (mode && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.recorder.record(stored, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return;
    }
    return this.syncJob(key, stored);
  }

  /** A pod without a live Job owner keeps no tracking finalizer. */
  private syncOrphanPod(podKey: string): void {
    const { namespace, name } = splitKey(podKey);
    const pod = this.ctx.store.get('pods', namespace, name) as Pod | undefined;
    if (!pod || !hasFinalizer(pod)) return;
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.ctx.store.get(JOB_RESOURCE, namespace, ref.name) as Job | undefined;
      if (job && job.metadata.uid === ref.uid && !isJobFinished(job)) return;
    }
    this.removeFinalizer(pod);
  }

  private syncJob(key: string, stored: Job): ReconcileResult | undefined {
    const now = this.ctx.now();
    const job = clone(stored) as Job;
    const status = ((job as { status?: JobStatus }).status ??= {});
    status.uncountedTerminatedPods ??= {};
    const selector = job.spec?.selector as LabelSelector | undefined;
    const matches = compileSelector(selector);
    const pods = claimObjects<Pod>(this.client, 'pods', stored, newControllerRef(stored), (p) => matches(p.metadata.labels), this.ctx.store.list('pods', job.metadata.namespace) as Pod[], { finalizers: [TRACKING_FINALIZER] });
    const activePods = pods.filter(isPodActive);
    const c: SyncCtx = {
      job,
      pods,
      activePods,
      ready: activePods.filter(isPodReady).length,
      terminating: pods.filter((p) => !!p.metadata.deletionTimestamp && !isPodTerminal(p)).length,
      succeeded: 0,
      failed: 0,
      uncountedSucceeded: new Set(status.uncountedTerminatedPods.succeeded ?? []),
      uncountedFailed: new Set(status.uncountedTerminatedPods.failed ?? []),
      prevSucceededIndexes: [],
      succeededIndexes: [],
      backoff: { key, failuresAfterLastSuccess: 0 },
    };
    let active = activePods.length;
    const newSucceeded = this.newFinished(c, c.uncountedSucceeded, (p) => p.status?.phase === 'Succeeded');
    const newFailed = this.newFinished(c, c.uncountedFailed, (p) => isPodFailed(p, job));
    c.succeeded = (status.succeeded ?? 0) + newSucceeded.length + c.uncountedSucceeded.size;
    c.failed = (status.failed ?? 0) + newFailed.filter((p) => !job.spec?.podFailurePolicy || matchPodFailurePolicy(job, p).countFailed).length + c.uncountedFailed.size;
    if (!status.startTime && !job.spec?.suspend) status.startTime = this.ctx.clock.iso();
    c.backoff = this.backoffs.next(key, newSucceeded, newFailed);

    const delays: (number | undefined)[] = [];
    const backoffLimit = job.spec?.backoffLimit ?? 6;
    c.finished = this.conditionOf(job, 'SuccessCriteriaMet');
    if (!c.finished) {
      const target = this.conditionOf(job, 'FailureTarget');
      if (target) c.finished = this.newCondition('Failed', target.reason ?? '', target.message ?? '');
      else {
        const msg = this.failJobMessage(job, pods);
        if (msg) c.finished = this.newCondition('FailureTarget', REASON.podFailurePolicy, msg);
      }
    }
    if (!c.finished) {
      if (c.failed > backoffLimit || pastBackoffLimitOnFailure(job, pods, backoffLimit)) {
        c.finished = this.newCondition('FailureTarget', REASON.backoffLimitExceeded, 'Job has reached the specified backoff limit');
      } else if (this.pastActiveDeadline(job, now)) {
        c.finished = this.newCondition('FailureTarget', REASON.deadlineExceeded, 'Job was active longer than specified deadline');
      } else if (job.spec?.activeDeadlineSeconds !== undefined && !job.spec?.suspend && status.startTime) {
        delays.push((parseTime(status.startTime)! + job.spec.activeDeadlineSeconds * 1000 - now) / 1000);
      }
    }
    if (isIndexed(job)) {
      const completions = job.spec?.completions ?? 1;
      c.prevSucceededIndexes = parseIndexes(status.completedIndexes, completions);
      const fresh = pods.filter((p) => p.status?.phase === 'Succeeded' && hasFinalizer(p)).map(completionIndex).filter((i) => i >= 0 && i < completions);
      c.succeededIndexes = withIndexes(c.prevSucceededIndexes, fresh);
      c.succeeded = total(c.succeededIndexes);
      if (!c.finished) {
        const msg = matchSuccessPolicy(job, c.succeededIndexes);
        if (msg) c.finished = this.newCondition('SuccessCriteriaMet', REASON.successPolicy, msg);
      }
    }

    let suspendChanged = false;
    let manageError: unknown;
    if (c.finished) {
      const { deleted, deletedReady } = this.deleteActivePods(job, c.activePods);
      if (deleted !== active) c.finished = undefined;
      active -= deleted;
      c.terminating += deleted;
      c.ready -= deletedReady;
    } else {
      let managed = false;
      if (!job.metadata.deletionTimestamp) {
        try {
          const r = this.manageJob(c);
          active = r.active;
          delays.push(r.retryIn);
        } catch (e) {
          manageError = e;
          active = this.ctx.store.list('pods', job.metadata.namespace).filter((p) => isPodActive(p as Pod) && p.metadata.ownerReferences?.some((r) => r.uid === job.metadata.uid)).length;
        }
        managed = true;
      }
      const completions = job.spec?.completions;
      const complete = completions === undefined || completions === null ? c.succeeded > 0 && active === 0 : c.succeeded >= completions && active === 0;
      if (complete) c.finished = this.newCondition('SuccessCriteriaMet', REASON.completionsReached, 'Reached expected number of succeeded pods');
      else if (managed) suspendChanged = this.syncSuspended(job);
    }

    const needsUpdate = suspendChanged || active !== (status.active ?? 0) || c.ready !== status.ready || c.terminating !== status.terminating;
    status.active = active;
    status.ready = c.ready;
    status.terminating = c.terminating;
    this.trackStatusAndRemoveFinalizers(key, c, needsUpdate);
    if (manageError) throw manageError;
    return this.wake.atEarliest(key, delays);
  }

  private newFinished(c: SyncCtx, uncounted: Set<string>, filter: (p: Pod) => boolean): Pod[] {
    return c.pods.filter((p) => {
      if (!hasFinalizer(p) || uncounted.has(p.metadata.uid)) return false;
      if (isIndexed(c.job)) {
        const ix = completionIndex(p);
        if (ix < 0 || ix >= (c.job.spec?.completions ?? 1)) return false;
      }
      return filter(p);
    });
  }

  private conditionOf(job: Job, type: string): JobCondition | undefined {
    return job.status?.conditions?.find((x) => x.type === type && x.status === 'True');
  }

  private newCondition(type: string, reason: string, message: string): JobCondition {
    const now = this.ctx.clock.iso();
    return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
  }

  private failJobMessage(job: Job, pods: Pod[]): string | undefined {
    if (!job.spec?.podFailurePolicy) return undefined;
    for (const p of pods) {
      if (!isPodFailed(p, job)) continue;
      const m = matchPodFailurePolicy(job, p).failJobMessage;
      if (m) return m;
    }
    return undefined;
  }

  private pastActiveDeadline(job: Job, now: number): boolean {
    const ads = job.spec?.activeDeadlineSeconds;
    const start = parseTime(job.status?.startTime);
    if (ads === undefined || start === undefined || job.spec?.suspend) return false;
    return now - start >= ads * 1000;
  }

  /** Suspended condition and events; a resume restarts the activeDeadlineSeconds clock. */
  private syncSuspended(job: Job): boolean {
    const status = job.status!;
    const conds = [...(status.conditions ?? [])];
    const i = conds.findIndex((x) => x.type === 'Suspended');
    const want = job.spec?.suspend ? { status: 'True', reason: 'JobSuspended', message: 'Job suspended', event: 'Suspended' } : { status: 'False', reason: 'JobResumed', message: 'Job resumed', event: 'Resumed' };
    const cur = i >= 0 ? conds[i] : undefined;
    if (cur && cur.status === want.status && cur.reason === want.reason && cur.message === want.message) return false;
    if (!cur && want.status === 'False') return false;
    const cond = this.newCondition('Suspended', want.reason, want.message);
    cond.status = want.status;
    if (i >= 0) conds[i] = cond;
    else conds.push(cond);
    (status as { conditions?: JobCondition[] }).conditions = conds;
    this.recorder.record(job, 'Normal', want.event, want.message);
    if (!job.spec?.suspend) status.startTime = this.ctx.clock.iso();
    return true;
  }

  /** manageJob: delete extra pods, or create missing ones after the back-off. */
  private manageJob(c: SyncCtx): { active: number; retryIn?: number } {
    const job = c.job;
    let active = c.activePods.length;
    const parallelism = job.spec?.parallelism ?? 1;
    if (job.spec?.suspend) {
      const { deleted, deletedReady } = this.deleteJobPods(job, c.activePods);
      c.terminating += deleted;
      c.ready -= deletedReady;
      return { active: active - deleted };
    }
    const completions = job.spec?.completions;
    let want: number;
    if (completions === undefined || completions === null) want = c.succeeded > 0 ? active : parallelism;
    else want = Math.max(0, Math.min(completions - c.succeeded, parallelism));

    const rmAtLeast = Math.max(0, active - want);
    const toRemove = this.podsForRemoval(job, c.activePods, rmAtLeast).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (toRemove.length > 0) {
      const { deleted, deletedReady } = this.deleteJobPods(job, toRemove);
      c.terminating += deleted;
      c.ready -= deletedReady;
      return { active: active - deleted };
    }
    const terminating = onlyReplaceFailedPods(job) ? c.terminating : 0;
    let diff = want - terminating - active;
    if (diff <= 0) return { active };
    const wait = remainingBackoff(c.backoff, this.ctx.now());
    if (wait > 0) return { active, retryIn: Math.max(1, wait) };
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    let indexes: number[] = [];
    if (isIndexed(job)) {
      indexes = this.firstPendingIndexes(c, diff, completions ?? 1);
      diff = indexes.length;
    }
    const template = clone(job.spec?.template ?? {}) as PodTemplateSpec;
    if (isIndexed(job)) addCompletionIndexEnv(template);
    template.metadata = { ...(template.metadata ?? {}), finalizers: [...new Set([...(template.metadata?.finalizers ?? []), TRACKING_FINALIZER])] };
    const control = new PodControl(this.client, this.recorder);
    const ref = newControllerRef(job);
    let next = 0;
    const r = slowStartBatch(diff, SLOW_START_INITIAL_BATCH, () => {
      const ix = indexes.length ? indexes[next++]! : -1;
      let t = template;
      let generateName: string | undefined;
      if (ix >= 0) {
        t = clone(template);
        t.metadata!.annotations = { ...(t.metadata!.annotations ?? {}), [COMPLETION_INDEX]: String(ix) };
        t.metadata!.labels = { ...(t.metadata!.labels ?? {}), [COMPLETION_INDEX]: String(ix) };
        t.spec = { ...t.spec!, hostname: `${job.metadata.name}-${ix}` };
        generateName = `${job.metadata.name}-${ix}-`;
      }
      try {
        control.create(job, podFromTemplate(t, job, ref, { generateName }));
      } catch (e) {
        if (isNamespaceTerminating(e)) return;
        throw e;
      }
    });
    active += r.succeeded;
    if (r.error) {
      if (!(r.error instanceof ApiError) || !isNamespaceTerminating(r.error)) throw r.error;
    }
    return { active };
  }

  /** activePodsForRemoval: duplicated or out-of-range indexes first, then the ActivePods order. */
  private podsForRemoval(job: Job, pods: Pod[], atLeast: number): Pod[] {
    const rm: Pod[] = [];
    let left = pods;
    if (isIndexed(job)) {
      const completions = job.spec?.completions ?? 1;
      const seen = new Set<number>();
      left = [];
      for (const p of sortActivePods(pods, this.ctx.now()).reverse()) {
        const ix = completionIndex(p);
        if (ix < 0 || ix >= completions || seen.has(ix)) rm.push(p);
        else {
          seen.add(ix);
          left.push(p);
        }
      }
    }
    if (rm.length < atLeast) rm.push(...sortActivePods(left, this.ctx.now()).slice(0, atLeast - rm.length));
    return rm;
  }

  private firstPendingIndexes(c: SyncCtx, count: number, completions: number): number[] {
    const activeIx = new Set(c.activePods.map(completionIndex));
    const out: number[] = [];
    for (let i = 0; i < completions && out.length < count; i++) {
      if (has(c.succeededIndexes, i) || activeIx.has(i)) continue;
      out.push(i);
    }
    return out;
  }

  /** deleteJobPods: drop the tracking finalizer, then delete. */
  private deleteJobPods(job: Job, pods: Pod[]): { deleted: number; deletedReady: number } {
    const control = new PodControl(this.client, this.recorder);
    let deleted = 0;
    let deletedReady = 0;
    for (const p of pods) {
      this.removeFinalizer(p);
      control.delete(job, p);
      deleted++;
      if (isPodReady(p)) deletedReady++;
    }
    return { deleted, deletedReady };
  }

  /** deleteActivePods: DELETE keeping finalizers (they are removed once counted). */
  private deleteActivePods(job: Job, pods: Pod[]): { deleted: number; deletedReady: number } {
    let deleted = 0;
    let deletedReady = 0;
    for (const p of pods) {
      ignoreNotFound(() => this.client.delete('pods', p.metadata.namespace ?? '', p.metadata.name));
      deleted++;
      if (isPodReady(p)) deletedReady++;
    }
    void job;
    return { deleted, deletedReady };
  }

  private removeFinalizer(p: Pod): void {
    const cur = this.ctx.store.get('pods', p.metadata.namespace ?? '', p.metadata.name) as Pod | undefined;
    if (!cur || !hasFinalizer(cur)) return;
    const rest = (cur.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
    ignoreNotFound(() => this.client.patch('pods', cur.metadata.namespace ?? '', cur.metadata.name, 'merge', { metadata: { finalizers: rest.length ? rest : null } }));
  }

  /**
   * trackJobStatusAndRemoveFinalizers: finished pods go to uncountedTerminatedPods, their
   * finalizers come off, the counters take them, then the terminal condition when nothing is
   * left to count or terminate.
   */
  private trackStatusAndRemoveFinalizers(key: string, c: SyncCtx, needsFlush: boolean): void {
    const job = c.job;
    const status = job.status!;
    const uncounted = status.uncountedTerminatedPods!;
    const withFinalizer = new Set(c.pods.filter(hasFinalizer).map((p) => p.metadata.uid));
    if (cleanUncounted(status, withFinalizer)) needsFlush = true;
    const toRemove: Pod[] = [];
    const newIndexes: number[] = [];
    const isSuccessTarget = c.finished?.type === 'SuccessCriteriaMet' || c.finished?.type === 'Complete';
    for (const p of isIndexed(job) ? [...c.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : c.pods) {
      if (!hasFinalizer(p)) continue;
      const failed = isPodFailed(p, job);
      if (!(job.metadata.deletionTimestamp || c.finished || p.status?.phase === 'Succeeded' || failed)) continue;
      toRemove.push(p);
      if (p.status?.phase === 'Succeeded' && !c.uncountedFailed.has(p.metadata.uid)) {
        if (isIndexed(job)) {
          const ix = completionIndex(p);
          if (ix >= 0 && ix < (job.spec?.completions ?? 1) && !has(c.prevSucceededIndexes, ix)) {
            newIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!c.uncountedSucceeded.has(p.metadata.uid)) {
          uncounted.succeeded = [...(uncounted.succeeded ?? []), p.metadata.uid];
          needsFlush = true;
        }
      } else if (failed || (c.finished && !isSuccessTarget)) {
        const ix = completionIndex(p);
        if (!c.uncountedFailed.has(p.metadata.uid) && (!isIndexed(job) || (ix >= 0 && ix < (job.spec?.completions ?? 1)))) {
          if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job, p).countFailed) {
            uncounted.failed = [...(uncounted.failed ?? []), p.metadata.uid];
            needsFlush = true;
          }
        }
      }
    }
    if (isIndexed(job)) {
      c.succeededIndexes = withIndexes(c.succeededIndexes, newIndexes);
      const text = formatIndexes(c.succeededIndexes);
      if (text !== (status.completedIndexes ?? '')) needsFlush = true;
      status.succeeded = total(c.succeededIndexes);
      status.completedIndexes = text;
    }
    const conditions = [...(status.conditions ?? [])];
    if (c.finished?.type === 'FailureTarget') {
      conditions.push(c.finished);
      needsFlush = true;
      c.finished = this.newCondition('Failed', c.finished.reason ?? '', c.finished.message ?? '');
    }
    if (c.finished?.type === 'SuccessCriteriaMet') {
      if (!this.conditionOf(job, 'SuccessCriteriaMet')) {
        conditions.push(c.finished);
        needsFlush = true;
      }
      c.finished = this.newCondition('Complete', c.finished.reason ?? '', c.finished.message ?? '');
    }
    (status as { conditions?: JobCondition[] }).conditions = conditions;

    if (needsFlush) {
      this.flush(job);
      this.backoffs.update(c.backoff);
    }
    for (const p of toRemove) {
      this.removeFinalizer(p);
      withFinalizer.delete(p.metadata.uid);
    }
    let flushAgain = cleanUncounted(status, withFinalizer);
    if (this.enactFinished(c)) flushAgain = true;
    if (flushAgain) this.flush(job);
    if (flushAgain && isJobFinished(job)) this.recordFinished(job, c.finished!);
    void key;
  }

  /** enactJobFinished: the terminal condition, once nothing is uncounted or terminating. */
  private enactFinished(c: SyncCtx): boolean {
    if (!c.finished) return false;
    const status = c.job.status!;
    const u = status.uncountedTerminatedPods;
    if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
    if (c.terminating > 0) return false;
    const conds = [...(status.conditions ?? [])];
    const i = conds.findIndex((x) => x.type === c.finished!.type);
    if (i >= 0) conds[i] = c.finished;
    else conds.push(c.finished);
    (status as { conditions?: JobCondition[] }).conditions = conds;
    if (c.finished.type === 'Complete') status.completionTime = c.finished.lastTransitionTime;
    return true;
  }

  private recordFinished(job: Job, cond: JobCondition): void {
    if (cond.type === 'Complete') {
      const completions = job.spec?.completions;
      if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions) {
        this.recorder.record(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      this.recorder.record(job, 'Normal', 'Completed', 'Job completed');
    } else {
      this.recorder.record(job, 'Warning', cond.reason ?? '', cond.message ?? '');
    }
  }

  /** PUT /status with the working status (zero counters left out as the API omits them). */
  private flush(job: Job): void {
    const stored = this.ctx.store.get(JOB_RESOURCE, job.metadata.namespace ?? '', job.metadata.name) as Job | undefined;
    if (!stored) return;
    const s = clone(job.status ?? {}) as JobStatus & Record<string, unknown>;
    for (const k of ['active', 'succeeded', 'failed'] as const) if (!s[k]) delete s[k];
    if (!s.completedIndexes) delete s.completedIndexes;
    if (!s.conditions?.length) delete s.conditions;
    const u = s.uncountedTerminatedPods ?? {};
    if (!u.succeeded?.length) delete u.succeeded;
    if (!u.failed?.length) delete u.failed;
    s.uncountedTerminatedPods = u;
    if (deepEqual(stored.status, s)) return;
    const updated = this.client.updateStatus<Job>(JOB_RESOURCE, { ...clone(stored), status: s });
    (job.metadata as { resourceVersion?: string }).resourceVersion = updated.metadata.resourceVersion;
  }
}

/** cleanUncountedPodsWithoutFinalizers: uncounted pods whose finalizer is gone join the counters. */
function cleanUncounted(status: JobStatus, withFinalizer: Set<string>): boolean {
  const u = (status.uncountedTerminatedPods ??= {});
  let changed = false;
  const keepS = (u.succeeded ?? []).filter((x) => withFinalizer.has(x));
  if (keepS.length !== (u.succeeded ?? []).length) {
    status.succeeded = (status.succeeded ?? 0) + (u.succeeded ?? []).length - keepS.length;
    u.succeeded = keepS;
    changed = true;
  }
  const keepF = (u.failed ?? []).filter((x) => withFinalizer.has(x));
  if (keepF.length !== (u.failed ?? []).length) {
    status.failed = (status.failed ?? 0) + (u.failed ?? []).length - keepF.length;
    u.failed = keepF;
    changed = true;
  }
  return changed;
}

/** With restartPolicy OnFailure, container restarts of running pods count against backoffLimit. */
function pastBackoffLimitOnFailure(job: Job, pods: Pod[], limit: number): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
  }
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function addCompletionIndexEnv(template: PodTemplateSpec): void {
  const add = (c: { env?: { name: string; valueFrom?: unknown }[] }) => {
    if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) return;
    c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } }];
  };
  for (const c of template.spec?.initContainers ?? []) add(c);
  for (const c of template.spec?.containers ?? []) add(c);
}
