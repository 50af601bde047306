/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * ttlSecondsAfterFinished is deleted (foreground, so its pods go first) that long after its
 * Complete or Failed condition, measured on the virtual clock.
 */
import type { ReconcileResult, Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { parseTime } from '../util/clock.js';
import type { ControllerContext } from './context.js';
import { keyOf, splitKey } from './util/keys.js';
import type { Job } from './util/types.js';
import { Wakeups } from './util/wakeups.js';
import { ignoreNotFound } from './util/writes.js';
import { JOB_RESOURCE } from './job/index.js';

export class TtlAfterFinishedController implements Reconciler {
  readonly name = 'ttl-after-finished-controller';
  readonly watches = [JOB_RESOURCE];
  private readonly wake: Wakeups;

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource !== JOB_RESOURCE || event.type === 'DELETED') return [];
    const job = event.object as Job;
    return job.spec?.ttlSecondsAfterFinished !== undefined && finishTime(job) !== undefined ? [keyOf(job)] : [];
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    return this.ctx.store.list(JOB_RESOURCE).map(keyOf);
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const job = this.ctx.store.get(JOB_RESOURCE, namespace, name) as Job | undefined;
    const ttl = job?.spec?.ttlSecondsAfterFinished;
    if (!job || ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return;
    const finished = finishTime(job);
    if (finished === undefined) return;
    const expireAt = finished + ttl * 1000;
    const now = this.ctx.now();
    if (now < expireAt) return this.wake.after(key, (expireAt - now) / 1000);
    const client = this.ctx.clientAs('ttl-after-finished-controller');
    ignoreNotFound(() => client.delete(JOB_RESOURCE, namespace, name, { propagationPolicy: 'Foreground', preconditions: { resourceVersion: job.metadata.resourceVersion } }));
  }
}

/** When the Job finished: the transition time of its Complete or Failed condition. */
function finishTime(job: Job): number | undefined {
  const c = job.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c ? parseTime(c.lastTransitionTime) : undefined;
}
