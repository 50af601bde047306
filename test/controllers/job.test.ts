import { describe, expect, it } from 'vitest';
import { harness, podTemplate, specOf, statusOf, type Harness } from './harness.js';

const JOB = 'jobs.batch';

function job(name: string, extra: Record<string, unknown> = {}, restartPolicy = 'Never') {
  const uid = 'fixed';
  const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
      manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: podTemplate(labels, { restartPolicy }),
      ...extra,
    },
  };
}

const active = (h: Harness) => h.pods().filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(statusOf<{ phase?: string }>(p).phase ?? ''));

function conditions(h: Harness, name: string): string[] {
  return (statusOf<{ conditions?: { type: string; status: string; reason: string; message: string }[] }>(h.get(JOB, 'default', name)).conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);
}

describe('Job controller', () => {
  it('runs a pod with the tracking finalizer, then completes with SuccessCriteriaMet and Complete', () => {
    const h = harness();
    h.create(JOB, job('pi'));
    const [pod] = h.pods();
    expect(pod!.metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(pod!.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(statusOf(h.get(JOB, 'default', 'pi'))).toEqual({ active: 1, ready: 0, terminating: 0, startTime: '2026-01-01T00:00:00Z', uncountedTerminatedPods: {} });
    h.advance(5);
    h.finishPod('default', pod!.metadata.name, 'Succeeded');
    const status = statusOf(h.get(JOB, 'default', 'pi'));
    expect(status).toEqual({
      succeeded: 1,
      ready: 0,
      terminating: 0,
      startTime: '2026-01-01T00:00:00Z',
      completionTime: '2026-01-01T00:00:05Z',
      uncountedTerminatedPods: {},
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: '2026-01-01T00:00:05Z', lastTransitionTime: '2026-01-01T00:00:05Z', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        { type: 'Complete', status: 'True', lastProbeTime: '2026-01-01T00:00:05Z', lastTransitionTime: '2026-01-01T00:00:05Z', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      ],
    });
    expect(h.get('pods', 'default', pod!.metadata.name)!.metadata.finalizers).toBeUndefined();
    expect(h.events('pi')).toEqual([`SuccessfulCreate: Created pod: ${pod!.metadata.name}`, 'Completed: Job completed']);
  });

  it('runs completions with parallelism, never more pods than remaining completions', () => {
    const h = harness();
    h.create(JOB, job('batch', { completions: 3, parallelism: 2 }));
    expect(active(h)).toHaveLength(2);
    h.finishPod('default', active(h)[0]!.metadata.name, 'Succeeded');
    expect(active(h)).toHaveLength(2);
    h.finishPod('default', active(h)[0]!.metadata.name, 'Succeeded');
    expect(active(h)).toHaveLength(1);
    h.finishPod('default', active(h)[0]!.metadata.name, 'Succeeded');
    expect(statusOf<{ succeeded: number }>(h.get(JOB, 'default', 'batch')).succeeded).toBe(3);
    expect(conditions(h, 'batch').at(-1)).toBe('Complete=True CompletionsReached: Reached expected number of succeeded pods');
  });

  it('recreates failed pods 10 s and then 20 s after the failures (exponential back-off)', () => {
    const h = harness();
    h.create(JOB, job('flaky'));
    h.finishPod('default', active(h)[0]!.metadata.name, 'Failed');
    expect(active(h)).toHaveLength(0);
    h.advance(9);
    expect(active(h)).toHaveLength(0);
    h.advance(1);
    expect(active(h)).toHaveLength(1);
    h.finishPod('default', active(h)[0]!.metadata.name, 'Failed');
    h.advance(19);
    expect(active(h)).toHaveLength(0);
    h.advance(1);
    expect(active(h)).toHaveLength(1);
    expect(statusOf<{ failed: number }>(h.get(JOB, 'default', 'flaky')).failed).toBe(2);
  });

  it('fails with BackoffLimitExceeded after backoffLimit failures: FailureTarget first, Failed once pods are gone', () => {
    const h = harness();
    h.create(JOB, job('bad', { backoffLimit: 1 }));
    h.finishPod('default', active(h)[0]!.metadata.name, 'Failed');
    h.advance(10);
    h.finishPod('default', active(h)[0]!.metadata.name, 'Failed');
    expect(conditions(h, 'bad')).toEqual(['FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit', 'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit']);
    expect(statusOf<{ failed: number }>(h.get(JOB, 'default', 'bad')).failed).toBe(2);
    expect(h.events('bad').at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
  });

  it('counts container restarts against backoffLimit with restartPolicy OnFailure', () => {
    const h = harness();
    h.create(JOB, job('restarts', { backoffLimit: 2 }, 'OnFailure'));
    h.markPodsRunning();
    const [pod] = h.pods();
    const st = structuredClone(statusOf<{ containerStatuses: { restartCount: number }[] }>(pod));
    st.containerStatuses[0]!.restartCount = 2;
    h.patch('pods', 'default', pod!.metadata.name, { status: st }, 'status');
    expect(conditions(h, 'restarts')[0]).toBe('FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(h.get('pods', 'default', pod!.metadata.name)!.metadata.deletionTimestamp).toBeDefined();
    h.finishTerminating();
    expect(conditions(h, 'restarts')[1]).toBe('Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(statusOf<{ terminating: number }>(h.get(JOB, 'default', 'restarts')).terminating).toBe(0);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds on the virtual clock', () => {
    const h = harness();
    h.create(JOB, job('slow', { activeDeadlineSeconds: 30 }));
    h.markPodsRunning();
    h.advance(29);
    expect(conditions(h, 'slow')).toEqual([]);
    h.advance(1);
    expect(conditions(h, 'slow')).toEqual(['FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline']);
    h.finishTerminating();
    expect(conditions(h, 'slow')[1]).toBe('Failed=True DeadlineExceeded: Job was active longer than specified deadline');
  });

  it('runs Indexed pods named <job>-<index>-xxxxx with the completion index annotation, label, hostname and env', () => {
    const h = harness();
    h.create(JOB, job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const pods = active(h).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'])).toEqual(['0', '1', '2']);
    expect(pods[1]!.metadata.name).toMatch(/^idx-1-[a-z0-9]{5}$/);
    expect(pods[1]!.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    const spec = specOf<{ hostname: string; containers: { env: unknown[] }[] }>(pods[1]);
    expect(spec.hostname).toBe('idx-1');
    expect(spec.containers[0]!.env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
    h.finishPod('default', pods[0]!.metadata.name, 'Succeeded');
    h.finishPod('default', pods[2]!.metadata.name, 'Succeeded');
    expect(statusOf<{ completedIndexes: string }>(h.get(JOB, 'default', 'idx')).completedIndexes).toBe('0,2');
    h.finishPod('default', pods[1]!.metadata.name, 'Failed');
    h.advance(10);
    expect(active(h).map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'])).toEqual(['1']);
  });

  it('suspends by deleting active pods and resumes with a fresh start time', () => {
    const h = harness();
    h.create(JOB, job('pausable', { parallelism: 2, completions: 4 }));
    expect(active(h)).toHaveLength(2);
    h.patch(JOB, 'default', 'pausable', { spec: { suspend: true } });
    expect(active(h)).toHaveLength(0);
    expect(conditions(h, 'pausable')).toEqual(['Suspended=True JobSuspended: Job suspended']);
    h.advance(60);
    h.patch(JOB, 'default', 'pausable', { spec: { suspend: false } });
    expect(active(h)).toHaveLength(2);
    expect(conditions(h, 'pausable')).toEqual(['Suspended=False JobResumed: Job resumed']);
    expect(statusOf<{ startTime: string }>(h.get(JOB, 'default', 'pausable')).startTime).toBe('2026-01-01T00:01:00Z');
    expect(h.events('pausable')).toContain('Suspended: Job suspended');
  });

  it('fails the job at once when a pod failure policy rule says FailJob', () => {
    const h = harness();
    h.create(JOB, job('policy', { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } }));
    const [pod] = h.pods();
    h.finishPod('default', pod!.metadata.name, 'Failed', 42);
    expect(conditions(h, 'policy')[0]).toBe(`FailureTarget=True PodFailurePolicy: Container app for pod default/${pod!.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
  });
});
