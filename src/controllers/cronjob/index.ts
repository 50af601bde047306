/**
 * The CronJob controller (pkg/controller/cronjob, the v2 controller): on the virtual clock,
 * creates Job `<cronjob>-<scheduled time in minutes since the epoch>` at each schedule time,
 * honouring startingDeadlineSeconds, concurrencyPolicy, suspend and timeZone; keeps
 * status.active, lastScheduleTime and lastSuccessfulTime; trims finished Jobs to the history
 * limits; then sleeps until the next schedule time.
 */
import type { CronJobStatus, Job as KJob } from 'kubernetes-types/batch/v1.js';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { ReconcileResult, Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { ApiError } from '../../api/errors.js';
import { clone, type KObject } from '../../api/types.js';
import { parseTime, toRfc3339 } from '../../util/clock.js';
import type { ControllerContext } from '../context.js';
import { omitEmpty } from '../util/equal.js';
import { keyOf, ownerKeys, splitKey } from '../util/keys.js';
import { newControllerRef } from '../util/template.js';
import type { CronJob, Job } from '../util/types.js';
import { Wakeups } from '../util/wakeups.js';
import { errorMessage, writeStatus } from '../util/writes.js';
import { isNamespaceTerminating } from '../podcontrol.js';
import { isJobFinished, JOB_RESOURCE } from '../job/index.js';
import { parseSchedule, timeZoneError, type Schedule } from './schedule.js';

export const CRONJOB_RESOURCE = 'cronjobs.batch';
export const COMPONENT = 'cronjob-controller';
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** The requeue lands a little after the schedule time (nextScheduleDelta). */
const NEXT_SCHEDULE_DELTA_MS = 100;

type Missed = 'none' | 'few' | 'many';

export class CronJobController implements Reconciler {
  readonly name = COMPONENT;
  readonly watches = [CRONJOB_RESOURCE, JOB_RESOURCE];
  private readonly wake: Wakeups;

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs('cronjob-controller');
  }

  private get recorder() {
    return this.ctx.recorder(COMPONENT, this.client);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource === CRONJOB_RESOURCE) return [keyOf(event.object)];
    if (event.resource === JOB_RESOURCE) return ownerKeys(event.object, event.old, 'CronJob');
    return [];
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    return this.ctx.store.list(CRONJOB_RESOURCE).map(keyOf);
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.store.get(CRONJOB_RESOURCE, namespace, name) as CronJob | undefined;
    if (!stored) {
      this.wake.forget(key);
      return;
    }
    const cj = clone(stored) as CronJob;
    (cj as { status?: CronJobStatus }).status ??= {};
    const jobs = (this.ctx.store.list(JOB_RESOURCE, namespace) as Job[]).filter((j) => {
      const ref = j.metadata.ownerReferences?.find((r) => r.controller);
      return ref?.kind === 'CronJob' && ref.name === name;
    });
    const cleaned = this.cleanupFinishedJobs(cj, jobs);
    let result: { requeueAfter?: number; updateStatus: boolean };
    let error: unknown;
    try {
      result = this.syncCronJob(cj, jobs);
    } catch (e) {
      error = e;
      result = { updateStatus: true };
    }
    if (cleaned || result.updateStatus) {
      const status = omitEmpty({ ...(cj.status ?? {}) }) as CronJobStatus;
      writeStatus(this.client, CRONJOB_RESOURCE, stored, status);
    }
    if (error) throw error;
    return result.requeueAfter === undefined ? undefined : this.wake.after(key, result.requeueAfter);
  }

  private syncCronJob(cj: CronJob, jobs: Job[]): { requeueAfter?: number; updateStatus: boolean } {
    const now = this.ctx.now();
    const status = cj.status!;
    let updateStatus = false;
    const children = new Set<string>();
    for (const j of jobs) {
      children.add(j.metadata.uid);
      const found = (status.active ?? []).some((r) => r.uid === j.metadata.uid);
      if (!found && !isJobFinished(j)) {
        this.recorder.record(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (found && isJobFinished(j)) {
        const cond = finishedCondition(j);
        status.active = (status.active ?? []).filter((r) => r.uid !== j.metadata.uid);
        this.recorder.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${cond}`);
        updateStatus = true;
      } else if (isJobFinished(j) && j.status?.completionTime) {
        const done = parseTime(j.status.completionTime)!;
        const last = parseTime(status.lastSuccessfulTime);
        if (last === undefined || done > last) {
          status.lastSuccessfulTime = j.status.completionTime;
          updateStatus = true;
        }
      }
    }
    for (const ref of [...(status.active ?? [])]) {
      if (children.has(ref.uid ?? '')) continue;
      if (this.ctx.store.get(JOB_RESOURCE, ref.namespace ?? '', ref.name ?? '')) continue;
      this.recorder.record(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid);
      updateStatus = true;
    }
    if (cj.metadata.deletionTimestamp) return { updateStatus };

    const zone = cj.spec?.timeZone;
    if (zone !== undefined && zone !== null) {
      const err = timeZoneError(zone);
      if (err) {
        this.recorder.record(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${zone}": ${err}`);
        return { updateStatus };
      }
    }
    if (cj.spec?.suspend) return { updateStatus };

    const spec = cj.spec?.schedule ?? '';
    if (spec.includes('TZ')) {
      this.recorder.record(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule "${spec}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
    }
    const parsed = parseSchedule(spec, spec.includes('TZ') ? undefined : (zone ?? undefined));
    if (!parsed.ok) {
      this.recorder.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${spec}" : ${parsed.error}`);
      return { updateStatus };
    }
    const sched = parsed.schedule;
    const recent = mostRecentScheduleTime(cj, now, sched, true);
    if (recent.error) {
      this.recorder.record(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${spec} : ${recent.error}`);
      return { updateStatus };
    }
    if (recent.mostRecent === undefined || recent.mostRecent > now) {
      return { updateStatus, requeueAfter: nextScheduleDelay(cj, now, sched) };
    }
    if (recent.missed === 'many') {
      this.recorder.record(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const scheduled = recent.mostRecent;
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      this.recorder.record(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return { updateStatus, requeueAfter: nextScheduleDelay(cj, now, sched) };
    }
    const jobName = jobNameFor(cj, scheduled);
    if ((status.active ?? []).some((r) => r.name === jobName) || parseTime(status.lastScheduleTime) === scheduled) {
      return { updateStatus, requeueAfter: nextScheduleDelay(cj, now, sched) };
    }
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && (status.active ?? []).length > 0) {
      this.recorder.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return { updateStatus, requeueAfter: nextScheduleDelay(cj, now, sched) };
    }
    if (policy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const j = this.ctx.store.get(JOB_RESOURCE, ref.namespace ?? '', ref.name ?? '') as Job | undefined;
        if (!j) continue;
        if (!this.deleteJob(cj, j)) throw new Error(`could not replace job ${j.metadata.namespace}/${j.metadata.name}`);
        updateStatus = true;
      }
    }

    let created: Job;
    let alreadyExists = false;
    try {
      created = this.client.create<Job>(JOB_RESOURCE, jobFromTemplate(cj, scheduled) as Job);
    } catch (e) {
      if (isNamespaceTerminating(e)) throw e;
      if (e instanceof ApiError && e.reason === 'AlreadyExists') {
        const existing = this.ctx.store.get(JOB_RESOURCE, cj.metadata.namespace ?? '', jobName) as Job | undefined;
        if (!existing) throw e;
        const ref = existing.metadata.ownerReferences?.find((r) => r.controller);
        if (ref?.uid !== cj.metadata.uid) return { updateStatus };
        if ((status.active ?? []).some((r) => r.uid === existing.metadata.uid)) return { updateStatus };
        created = existing;
        alreadyExists = true;
      } else {
        this.recorder.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${errorMessage(e)}`);
        throw e;
      }
    }
    if (!alreadyExists) this.recorder.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    status.active = [...(status.active ?? []), jobRef(created)];
    status.lastScheduleTime = toRfc3339(scheduled);
    return { updateStatus: true, requeueAfter: nextScheduleDelay(cj, now, sched) };
  }

  /** Keeps successfulJobsHistoryLimit finished and failedJobsHistoryLimit failed jobs, oldest go first. */
  private cleanupFinishedJobs(cj: CronJob, jobs: Job[]): boolean {
    const okLimit = cj.spec?.successfulJobsHistoryLimit;
    const failLimit = cj.spec?.failedJobsHistoryLimit;
    if ((okLimit === undefined || okLimit === null) && (failLimit === undefined || failLimit === null)) return false;
    const ok = jobs.filter((j) => finishedCondition(j) === 'Complete');
    const failed = jobs.filter((j) => finishedCondition(j) === 'Failed');
    let changed = false;
    if (okLimit !== undefined && okLimit !== null && this.removeOldest(cj, ok, okLimit)) changed = true;
    if (failLimit !== undefined && failLimit !== null && this.removeOldest(cj, failed, failLimit)) changed = true;
    return changed;
  }

  private removeOldest(cj: CronJob, jobs: Job[], keep: number): boolean {
    const n = jobs.length - keep;
    if (n <= 0) return false;
    const sorted = [...jobs].sort(byStartTime);
    let changed = false;
    for (const j of sorted.slice(0, n)) if (this.deleteJob(cj, j)) changed = true;
    return changed;
  }

  private deleteJob(cj: CronJob, j: Job): boolean {
    try {
      this.client.delete(JOB_RESOURCE, j.metadata.namespace ?? '', j.metadata.name, { propagationPolicy: 'Background' });
    } catch (e) {
      this.recorder.record(cj, 'Warning', 'FailedDelete', `Deleted job: ${errorMessage(e)}`);
      return false;
    }
    const status = cj.status!;
    status.active = (status.active ?? []).filter((r) => r.uid !== j.metadata.uid);
    this.recorder.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
    return true;
  }
}

function finishedCondition(j: Job): string | undefined {
  return j.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

function byStartTime(a: Job, b: Job): number {
  const ta = parseTime(a.status?.startTime);
  const tb = parseTime(b.status?.startTime);
  if (ta === undefined && tb !== undefined) return 1;
  if (tb === undefined && ta !== undefined) return -1;
  if (ta !== tb) return (ta ?? 0) - (tb ?? 0);
  return a.metadata.name.localeCompare(b.metadata.name);
}

/** getJobName: the scheduled time in minutes since the epoch makes the name deterministic. */
export function jobNameFor(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

function jobRef(j: Job): ObjectReference {
  return { kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion };
}

/** getJobFromTemplate2. */
function jobFromTemplate(cj: CronJob, scheduled: number): KObject {
  const t = cj.spec?.jobTemplate;
  const annotations = { ...(t?.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: formatInZone(scheduled, cj.spec?.timeZone ?? undefined) };
  const job: KJob & KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cj, scheduled),
      namespace: cj.metadata.namespace,
      ...(t?.metadata?.labels ? { labels: { ...t.metadata.labels } } : {}),
      annotations,
      ownerReferences: [newControllerRef(cj)],
    },
    spec: clone(t?.spec ?? { template: {} }),
  };
  return job;
}

/** RFC 3339 in the CronJob's time zone ("2026-01-01T10:00:00+01:00"). */
export function formatInZone(ms: number, zone: string | undefined): string {
  if (!zone || zone === 'UTC' || zone === 'Local') return toRfc3339(ms);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const local = Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')), Number(get('hour')), Number(get('minute')), Number(get('second')));
  const offset = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const off = offset === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${off}`;
}

function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * mostRecentScheduleTime: the latest schedule time in (earliest, now], counting roughly how many
 * were missed (more than 100 is "too many").
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, sched: Schedule, withDeadline: boolean): { earliest: number; mostRecent?: number; missed: Missed; error?: string } {
  let earliest = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp ?? undefined) ?? now;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (withDeadline && deadline !== undefined && deadline !== null) earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = sched.next(earliest);
  if (t1 === undefined) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const t2 = sched.next(t1);
  if (now < t1) return { earliest, missed: 'none' };
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.floor((now - t1) / 1000);
  const missedCount = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const start = t1 + (missedCount - 2) * between * 1000;
  for (let t = sched.next(start); t !== undefined && t <= now; t = sched.next(t)) mostRecent = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** nextScheduleTimeDuration: seconds until just after the next schedule time. */
export function nextScheduleDelay(cj: CronJob, now: number, sched: Schedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, sched, false);
  let from: number;
  if (r.error) from = now;
  else if (r.mostRecent === undefined) from = r.missed === 'none' ? r.earliest : now;
  else from = r.mostRecent;
  const next = sched.next(from);
  if (next === undefined) return undefined;
  return Math.max(0, (next + NEXT_SCHEDULE_DELTA_MS - now) / 1000);
}
