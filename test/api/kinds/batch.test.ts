import { describe, expect, it } from 'vitest';
import { cronScheduleError } from '../../../src/api/validation/cron.js';
import { harness, has, kubectlClientObject } from './helpers.js';

const job = (name: string, spec: Record<string, unknown> = {}, restartPolicy = 'Never') => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { restartPolicy, containers: [{ name: 'pi', image: 'perl' }] } }, ...spec },
});

const cronJob = (name: string, schedule: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name },
  spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...extra },
});

describe('Job', () => {
  it.skipIf(!has('kubectl'))('defaults what kubectl create job sends and generates the selector and labels (needs kubectl)', () => {
    const h = harness();
    const j = h.create('jobs.batch', kubectlClientObject(['create', 'job', 'pi', '--image=perl'])) as any;
    const uid = j.metadata.uid;
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(j.metadata.labels).toEqual(labels);
    expect(j.spec).toMatchObject({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      suspend: false,
    });
    expect(j.spec.template.metadata).toEqual({ creationTimestamp: null, labels });
    expect(j.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('requires OnFailure or Never, as the apiserver words it', () => {
    const h = harness();
    const e = h.error(() => h.create('jobs.batch', job('pi', {}, 'Always')));
    expect(e.message).toBe('Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('keeps the pod template immutable', () => {
    const h = harness();
    h.create('jobs.batch', job('pi'));
    const e = h.error(() => h.patch('jobs.batch', 'pi', { spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.40' }] } } } }));
    expect(e.message).toMatch(/^Job\.batch "pi" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/);
  });

  it('rejects a selector it did not generate', () => {
    const h = harness();
    const e = h.error(() => h.create('jobs.batch', job('pi', { selector: { matchLabels: { app: 'x' } } })));
    expect(e.message).toContain('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":');
    expect(e.message).toContain('`selector` not auto-generated');
  });
});

describe('CronJob', () => {
  it('fills the CronJob defaults but leaves the job template spec alone', () => {
    const h = harness();
    const cj = h.create('cronjobs.batch', cronJob('hello', '*/1 * * * *')) as any;
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', failedJobsHistoryLimit: 1, successfulJobsHistoryLimit: 3, suspend: false });
    expect(cj.spec.jobTemplate.metadata).toEqual({ creationTimestamp: null });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
  });

  const schedules: [string, string][] = [
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['0 0 * foo *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
    ['@sometimes', 'unrecognized descriptor: @sometimes'],
  ];
  for (const [schedule, why] of schedules) {
    it(`rejects the schedule "${schedule}" with robfig/cron's message`, () => {
      const h = harness();
      const e = h.error(() => h.create('cronjobs.batch', cronJob('c', schedule)));
      expect(e.message).toBe(`CronJob.batch "c" is invalid: spec.schedule: Invalid value: ${JSON.stringify(schedule)}: ${why}`);
    });
  }

  it('accepts names, ranges, steps and descriptors', () => {
    for (const s of ['0 9 * * mon-fri', '*/15 0-6 1,15 jan-jun *', '@daily', '@every 1h30m', '30 2 * * SUN']) expect(cronScheduleError(s)).toBeUndefined();
  });

  it('refuses TZ in the schedule, unknown time zones and long names', () => {
    const h = harness();
    expect(h.error(() => h.create('cronjobs.batch', cronJob('c', 'TZ=UTC 0 * * * *'))).message).toBe(
      'CronJob.batch "c" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
    expect(h.error(() => h.create('cronjobs.batch', cronJob('c', '0 * * * *', { timeZone: 'Mars/Olympus' }))).message).toBe(
      'CronJob.batch "c" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    );
    const long = 'a'.repeat(53);
    expect(h.error(() => h.create('cronjobs.batch', cronJob(long, '0 * * * *'))).message).toBe(`CronJob.batch "${long}" is invalid: metadata.name: Invalid value: "${long}": must be no more than 52 characters`);
    expect(h.create('cronjobs.batch', cronJob('tz', '0 * * * *', { timeZone: 'Europe/Berlin' }))).toBeDefined();
  });
});
