import { describe, expect, it } from 'vitest';
import { harness, podTemplate, statusOf } from './harness.js';
import { controllerManagerReconcilers, ControllerContext, isControllerEnabled, optionsFromFlags, parseControllersFlag } from '../../src/controllers/index.js';
import { ApiServer } from '../../src/api/server.js';
import { ApiClient } from '../../src/api/client.js';
import { SYSTEM_USERS } from '../../src/api/auth.js';
import { VirtualClock } from '../../src/util/clock.js';
import { Rng } from '../../src/util/rng.js';

describe('--controllers', () => {
  it.each([
    [['*'], 'deployment-controller', true],
    [['*'], 'bootstrap-signer-controller', false],
    [['*', 'bootstrapsigner', 'tokencleaner'], 'token-cleaner-controller', true],
    [['*', '-deployment'], 'deployment-controller', false],
    [['deployment'], 'replicaset-controller', false],
    [['-replicaset', '*'], 'replicaset-controller', false],
  ] as [string[], string, boolean][])('%j enables %s: %s', (list, name, want) => {
    expect(isControllerEnabled(name, list)).toBe(want);
  });

  it('leaves a disabled controller out of the reconcilers', () => {
    const clock = new VirtualClock();
    const api = new ApiServer({ clock, rng: new Rng(1) });
    const ctx = new ControllerContext({ client: new ApiClient(api, SYSTEM_USERS.controllerManager), clock, rng: new Rng(2), settings: { controllers: parseControllersFlag('*,-deployment,-job') } });
    const names = controllerManagerReconcilers(ctx).map((r) => r.name);
    expect(names).not.toContain('deployment-controller');
    expect(names).not.toContain('job-controller');
    expect(names).toContain('replicaset-controller');
  });

  it('reads settings from the manifest flags', () => {
    expect(optionsFromFlags(['--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--controllers=*,bootstrapsigner,tokencleaner', '--node-monitor-grace-period=40s', '--use-service-account-credentials=true'])).toEqual({
      allocateNodeCidrs: true,
      clusterCidr: '10.244.0.0/16',
      controllers: ['*', 'bootstrapsigner', 'tokencleaner'],
      nodeMonitorGracePeriodSeconds: 40,
    });
  });
});

describe('ResourceQuota controller', () => {
  it('recomputes status.used from the store', () => {
    const h = harness();
    h.create('resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '10', 'requests.cpu': '2', 'requests.memory': '1Gi', 'count/deployments.apps': '5', configmaps: '3' } } });
    const spec = podTemplate({ app: 'x' }).spec;
    spec.containers[0]!.resources = { requests: { cpu: '250m', memory: '128Mi' } } as never;
    h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec });
    h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec });
    expect(statusOf(h.get('resourcequotas', 'default', 'q'))).toEqual({
      hard: { pods: '10', 'requests.cpu': '2', 'requests.memory': '1Gi', 'count/deployments.apps': '5', configmaps: '3' },
      used: { pods: '2', 'requests.cpu': '500m', 'requests.memory': '256Mi', 'count/deployments.apps': '0', configmaps: '1' }, // kube-root-ca.crt counts
    });
    h.finishPod('default', 'a', 'Succeeded');
    expect(statusOf<{ used: Record<string, string> }>(h.get('resourcequotas', 'default', 'q')).used.pods).toBe('1');
  });
});

describe('pod garbage collector', () => {
  it('force-deletes pods bound to a node that is gone after the quarantine', () => {
    const h = harness();
    h.node('node09');
    h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lost' }, spec: { ...podTemplate({ app: 'x' }).spec, nodeName: 'node09' } });
    h.delete('nodes', '', 'node09');
    h.advance(40);
    expect(h.get('pods', 'default', 'lost')).toBeDefined();
    h.advance(20);
    expect(h.get('pods', 'default', 'lost')).toBeUndefined();
  });

  it('keeps at most terminated-pod-gc-threshold finished pods, deleting the oldest', () => {
    const h = harness({ settings: { terminatedPodGcThreshold: 2 } });
    for (const n of ['p1', 'p2', 'p3']) {
      h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: n }, spec: podTemplate({ app: 'x' }).spec });
      h.finishPod('default', n, 'Succeeded');
      h.advance(1);
    }
    h.advance(20);
    expect(h.podNames()).toEqual(['p2', 'p3']);
  });
});
