import { describe, expect, it } from 'vitest';
import { harness, podTemplate, statusOf, type Harness } from './harness.js';
import { parseSchedule } from '../../src/controllers/cronjob/schedule.js';

const CJ = 'cronjobs.batch';
const JOB = 'jobs.batch';
const minutes = (iso: string) => Date.parse(iso) / 60_000;

function cronJob(name: string, schedule: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule,
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { labels: { app: name } }, spec: { backoffLimit: 6, completions: 1, parallelism: 1, template: podTemplate({ app: name }, { restartPolicy: 'OnFailure' }) } },
      ...extra,
    },
  };
}

const jobs = (h: Harness) => h.list(JOB, 'default').map((j) => j.metadata.name);

function completeAll(h: Harness): void {
  for (const p of h.pods()) {
    const phase = statusOf<{ phase?: string }>(p).phase;
    if (phase !== 'Succeeded' && phase !== 'Failed') h.finishPod('default', p.metadata.name, 'Succeeded');
  }
}

describe('CronJob controller', () => {
  it('creates <cronjob>-<minutes since epoch> at the schedule time, not before', () => {
    const h = harness();
    h.create(CJ, cronJob('hello', '*/5 * * * *'));
    h.advance(300);
    expect(jobs(h)).toEqual([]); // the controller wakes 100 ms after the schedule time
    h.advance(0.1);
    const name = `hello-${minutes('2026-01-01T00:05:00Z')}`;
    expect(jobs(h)).toEqual([name]);
    const job = h.get(JOB, 'default', name)!;
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:05:00Z' });
    expect(job.metadata.labels).toMatchObject({ app: 'hello' });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    const status = statusOf<{ active: { name: string; kind: string }[]; lastScheduleTime: string }>(h.get(CJ, 'default', 'hello'));
    expect(status.lastScheduleTime).toBe('2026-01-01T00:05:00Z');
    expect(status.active.map((r) => `${r.kind}/${r.name}`)).toEqual([`Job/${name}`]);
    expect(h.events('hello')).toEqual([`SuccessfulCreate: Created job ${name}`]);
  });

  it('notices a completed job and records lastSuccessfulTime', () => {
    const h = harness();
    h.create(CJ, cronJob('hello', '*/5 * * * *'));
    h.advance(300);
    h.advance(3);
    completeAll(h);
    const name = jobs(h)[0]!;
    const status = statusOf<{ active?: unknown[]; lastSuccessfulTime: string }>(h.get(CJ, 'default', 'hello'));
    expect(status.active).toBeUndefined();
    expect(status.lastSuccessfulTime).toBe('2026-01-01T00:05:03Z');
    expect(h.events('hello')).toContain(`SawCompletedJob: Saw completed job: ${name}, condition: Complete`);
  });

  it('keeps successfulJobsHistoryLimit finished jobs and deletes the oldest', () => {
    const h = harness();
    h.create(CJ, cronJob('hello', '* * * * *', { successfulJobsHistoryLimit: 1 }));
    h.advance(1);
    for (let i = 0; i < 3; i++) {
      h.advance(60);
      completeAll(h);
    }
    h.advance(60);
    completeAll(h);
    expect(jobs(h)).toHaveLength(1);
    expect(jobs(h)[0]).toBe(`hello-${minutes('2026-01-01T00:04:00Z')}`);
    expect(h.events('hello')).toContain(`SuccessfulDelete: Deleted job hello-${minutes('2026-01-01T00:01:00Z')}`);
  });

  it('with Forbid skips a run while the previous job is still active', () => {
    const h = harness();
    h.create(CJ, cronJob('solo', '* * * * *', { concurrencyPolicy: 'Forbid' }));
    h.advance(1);
    h.advance(60);
    h.advance(60);
    expect(jobs(h)).toHaveLength(1);
    expect(h.events('solo')).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
  });

  it('with Replace deletes the running job and starts the new one', () => {
    const h = harness();
    h.create(CJ, cronJob('fresh', '* * * * *', { concurrencyPolicy: 'Replace' }));
    h.advance(1);
    h.advance(60);
    const first = jobs(h)[0]!;
    h.advance(60);
    expect(jobs(h)).toEqual([`fresh-${minutes('2026-01-01T00:02:00Z')}`]);
    expect(h.events('fresh')).toContain(`SuccessfulDelete: Deleted job ${first}`);
  });

  it('does nothing while suspended', () => {
    const h = harness();
    h.create(CJ, cronJob('off', '* * * * *', { suspend: true }));
    h.advance(180);
    expect(jobs(h)).toEqual([]);
  });

  it('after downtime starts only the most recent missed run, or none outside startingDeadlineSeconds', () => {
    const h = harness();
    h.create(CJ, cronJob('late', '*/5 * * * *'));
    h.create(CJ, cronJob('strict', '*/5 * * * *', { startingDeadlineSeconds: 60 }));
    h.setRunning(false);
    h.advance(12 * 60 + 30);
    h.setRunning(true);
    expect(jobs(h)).toEqual([`late-${minutes('2026-01-01T00:10:00Z')}`]);
  });

  it('warns about too many missed start times', () => {
    const h = harness();
    h.create(CJ, cronJob('often', '* * * * *'));
    h.setRunning(false);
    h.advance(102 * 60);
    h.setRunning(true);
    expect(h.events('often')).toContain('TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    expect(jobs(h)).toEqual([`often-${minutes('2026-01-01T01:42:00Z')}`]);
  });

  it('reads the schedule in spec.timeZone', () => {
    const h = harness();
    h.create(CJ, cronJob('paris', '0 9 * * *', { timeZone: 'Europe/Paris' }));
    h.advance(8 * 3600 + 1);
    const name = `paris-${minutes('2026-01-01T08:00:00Z')}`;
    expect(jobs(h)).toEqual([name]);
    expect(h.get(JOB, 'default', name)!.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T09:00:00+01:00');
  });

  it('reports an unparseable schedule as an event instead of failing', () => {
    const h = harness();
    h.create(CJ, cronJob('bad', '0 0 0 * * *'));
    expect(h.events('bad')).toEqual(['UnparseableSchedule: unparseable schedule: "0 0 0 * * *" : expected exactly 5 fields, found 6: [0 0 0 * * *]']);
    expect(h.loop.errors).toEqual([]);
  });
});

describe('CronJob schedules', () => {
  const next = (spec: string, from: string, tz?: string) => {
    const p = parseSchedule(spec, tz);
    if (!p.ok) return p.error;
    return new Date(p.schedule.next(Date.parse(from))!).toISOString();
  };
  it.each([
    ['*/15 * * * *', '2026-01-01T00:07:00Z', '2026-01-01T00:15:00.000Z'],
    ['@hourly', '2026-01-01T00:07:00Z', '2026-01-01T01:00:00.000Z'],
    ['@daily', '2026-01-01T00:07:00Z', '2026-01-02T00:00:00.000Z'],
    ['@every 90s', '2026-01-01T00:07:00Z', '2026-01-01T00:08:30.000Z'],
    ['0 0 * * MON', '2026-01-01T00:07:00Z', '2026-01-05T00:00:00.000Z'],
    ['TZ=Asia/Tokyo 0 9 * * *', '2026-01-01T00:07:00Z', '2026-01-02T00:00:00.000Z'],
    ['0 0 L * *', '2026-01-01T00:07:00Z', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
    ['0 0 * * 7', '2026-01-01T00:07:00Z', 'end of range (7) above maximum (6): 7'],
    ['@fortnightly', '2026-01-01T00:07:00Z', 'unrecognized descriptor: @fortnightly'],
  ])('%s after %s is %s', (spec, from, want) => {
    expect(next(spec, from)).toBe(want);
  });
});

describe('TTL-after-finished controller', () => {
  it('deletes a finished Job ttlSecondsAfterFinished after it completed', () => {
    const h = harness();
    h.create(JOB, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { ttlSecondsAfterFinished: 30, backoffLimit: 6, completions: 1, parallelism: 1, template: podTemplate({ app: 'once' }, { restartPolicy: 'Never' }) } });
    completeAll(h);
    expect(h.get(JOB, 'default', 'once')).toBeDefined();
    h.advance(29);
    expect(h.get(JOB, 'default', 'once')).toBeDefined();
    h.advance(1);
    const job = h.get(JOB, 'default', 'once');
    expect(job === undefined || job.metadata.deletionTimestamp !== undefined).toBe(true);
  });
});
