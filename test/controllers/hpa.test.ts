import { describe, expect, it } from 'vitest';
import { deployment, harness, statusOf, type Harness } from './harness.js';
import { StaticMetrics } from '../../src/controllers/index.js';
import { resourceReplicas } from '../../src/controllers/hpa/replicas.js';
import type { Pod } from '../../src/controllers/util/types.js';

const HPA = 'horizontalpodautoscalers.autoscaling';

function hpa(name: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }], ...extra },
  };
}

function webWithRequests(h: Harness, replicas: number): void {
  h.node('node01');
  h.kubelet('node01');
  const d = deployment('web', replicas);
  (d.spec.template.spec.containers[0]!.resources as Record<string, unknown>) = { requests: { cpu: '200m' } };
  h.create('deployments.apps', d);
  h.markPodsRunning();
}

const conds = (h: Harness) => Object.fromEntries((statusOf<{ conditions?: { type: string; status: string; reason: string; message: string }[] }>(h.get(HPA, 'default', 'web')).conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));

describe('HorizontalPodAutoscaler controller', () => {
  it('reports FailedGetResourceMetric when no metrics API is installed', () => {
    const h = harness();
    webWithRequests(h, 2);
    h.create(HPA, hpa('web'));
    const msg = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(conds(h)).toEqual({ AbleToScale: "True SucceededGetScale: the HPA controller was able to get the target's current scale", ScalingActive: `False FailedGetResourceMetric: the HPA was unable to compute the replica count: ${msg}` });
    expect(h.events('web').filter((e) => e.startsWith('Failed'))).toEqual([`FailedGetResourceMetric: ${msg}`, `FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${msg}`]);
  });

  it('scales up from CPU utilization and records SuccessfulRescale', () => {
    const metrics = new StaticMetrics(() => 0);
    const h = harness({ metrics });
    webWithRequests(h, 2);
    h.advance(400); // past the CPU initialization period
    for (const name of h.podNames()) metrics.set(name, 200); // 100 % of the 200m request, target 50 %
    h.create(HPA, hpa('web'));
    expect((h.get('deployments.apps', 'default', 'web')!['spec'] as { replicas: number }).replicas).toBe(4);
    expect(h.events('web')).toContain('SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target');
    const status = statusOf<{ desiredReplicas: number; currentMetrics: unknown[] }>(h.get(HPA, 'default', 'web'));
    expect(status.desiredReplicas).toBe(4);
    expect(status.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '200m' } } }]);
    expect(conds(h).ScalingActive).toBe('True ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
  });

  it('waits out the 5-minute stabilization window before scaling down', () => {
    const metrics = new StaticMetrics(() => 0);
    const h = harness({ metrics });
    webWithRequests(h, 4);
    h.advance(400);
    for (const name of h.podNames()) metrics.set(name, 100);
    h.create(HPA, hpa('web'));
    for (const name of h.podNames()) metrics.set(name, 10);
    h.advance(200);
    expect((h.get('deployments.apps', 'default', 'web')!['spec'] as { replicas: number }).replicas).toBe(4);
    expect(conds(h).AbleToScale).toMatch(/ScaleDownStabilized/);
    h.advance(120);
    expect((h.get('deployments.apps', 'default', 'web')!['spec'] as { replicas: number }).replicas).toBe(1);
  });

  it('reports a missing scale target', () => {
    const h = harness();
    h.create(HPA, hpa('web'));
    expect(conds(h).AbleToScale).toBe(`False FailedGetScale: the HPA controller was unable to get the target's current scale: deployments.apps "web" not found`);
  });
});

describe('HPA replica calculation', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');
  const pod = (name: string, ready = true, phase = 'Running'): Pod =>
    ({ metadata: { name }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m' } } }] }, status: { phase, startTime: '2026-01-01T00:00:00Z', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:10Z' }] } }) as unknown as Pod;
  const calc = (pods: Pod[], usage: Record<string, number>, current = pods.length) =>
    resourceReplicas({ currentReplicas: current, pods, usage: new Map(Object.entries(usage).map(([k, v]) => [k, { milliCpu: v, timestamp: now }])), targetUtilization: 50, tolerance: 0.1, now, cpuInitializationSeconds: 300, initialReadinessDelaySeconds: 30 }).replicas;

  it.each([
    ['keeps the count within the 10 % tolerance', [pod('a'), pod('b')], { a: 54, b: 54 }, 2],
    ['doubles at twice the target', [pod('a'), pod('b')], { a: 100, b: 100 }, 4],
    ['halves at half the target', [pod('a'), pod('b'), pod('c'), pod('d')], { a: 25, b: 25, c: 25, d: 25 }, 2],
    ['counts a pod without metrics as idle when scaling up', [pod('a'), pod('b')], { a: 150 }, 3],
    ['does not scale down because of a pod without metrics', [pod('a'), pod('b')], { a: 40 }, 2],
    ['treats unready pods as idle on a scale-up', [pod('a'), pod('b', false)], { a: 200, b: 0 }, 4],
  ] as [string, Pod[], Record<string, number>, number][])('%s', (_t, pods, usage, want) => {
    expect(calc(pods, usage)).toBe(want);
  });
});
