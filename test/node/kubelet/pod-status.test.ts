import { describe, expect, it } from 'vitest';
import { computePodStatus, qosClass, type ContainerView, type PodView } from '../../../src/node/kubelet/pod-status.js';
import type { ContainerRecord } from '../../../src/node/runtime.js';
import type { KObject } from '../../../src/api/types.js';

const T0 = Date.parse('2026-01-01T09:00:00Z');

function pod(resources: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources }] } };
}

function running(): ContainerRecord {
  return { id: 'abc', name: 'c', sandboxId: 's', podUid: 'u1', podName: 'p', podNamespace: 'default', image: 'nginx:1.27', imageRef: 'docker.io/library/nginx:1.27', imageId: 'sha256:1', imageDigest: 'sha256:2', attempt: 0, state: 'running', createdAt: T0, startedAt: T0, logs: [], argv: [], env: [], mounts: [], listens: [] };
}

function view(p: KObject, mounts: ContainerView['volumeMounts']): PodView {
  const spec = (p['spec'] as { containers: { resources: ContainerView['resources'] }[] }).containers[0]!;
  return {
    pod: p,
    nodeIp: '192.168.0.3',
    podIp: '10.244.1.2',
    startTime: T0,
    containers: [{ name: 'c', specImage: 'nginx:1.27', kind: 'regular', current: running(), restartCount: 0, ready: true, started: true, volumeMounts: mounts, resources: spec.resources }],
    initContainers: [],
    sandboxReady: true,
    terminal: false,
    now: T0,
    qosClass: qosClass(p),
  };
}

describe('pod status parts that follow from the spec', () => {
  it('follow a new spec of the same pod: resources, allocated resources, mounts and QoS class', () => {
    const burstable = pod({ requests: { cpu: '10m' } });
    const first = computePodStatus(view(burstable, [{ name: 'v', mountPath: '/a' }]), undefined);
    expect(first['qosClass']).toBe('Burstable');
    const cs1 = (first['containerStatuses'] as Record<string, unknown>[])[0]!;
    expect(cs1['resources']).toEqual({ requests: { cpu: '10m' } });
    expect(cs1['allocatedResources']).toEqual({ cpu: '10m' });
    expect(cs1['volumeMounts']).toEqual([{ mountPath: '/a', name: 'v' }]);
    // The same pod (name, uid) with a replaced spec.
    const guaranteed = pod({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
    const second = computePodStatus(view(guaranteed, [{ name: 'v', mountPath: '/b', readOnly: true }]), first);
    expect(second['qosClass']).toBe('Guaranteed');
    const cs2 = (second['containerStatuses'] as Record<string, unknown>[])[0]!;
    expect(cs2['resources']).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } });
    expect(cs2['allocatedResources']).toEqual({ cpu: '1', memory: '1Gi' });
    expect(cs2['volumeMounts']).toEqual([{ mountPath: '/b', name: 'v', readOnly: true, recursiveReadOnly: 'Disabled' }]);
    const bestEffort = pod({});
    expect(qosClass(bestEffort)).toBe('BestEffort');
    const none = computePodStatus(view(bestEffort, []), second);
    expect((none['containerStatuses'] as Record<string, unknown>[])[0]!['allocatedResources']).toBeUndefined();
  });

  it('keeps the transition times of unchanged conditions and the conditions others own, once each', () => {
    const p = pod({});
    const previous = {
      conditions: [
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T08:00:00Z' },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T08:30:00Z' },
        { type: 'example.com/gate', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T08:10:00Z' },
        { type: 'example.com/gate', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T08:20:00Z' },
        { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T08:40:00Z' },
      ],
    };
    const s = computePodStatus(view(p, []), previous);
    const conds = s['conditions'] as { type: string; status: string; lastTransitionTime: string }[];
    expect(conds.map((c) => `${c.type}=${c.status}@${c.lastTransitionTime}`)).toEqual([
      'PodReadyToStartContainers=True@2026-01-01T09:00:00Z',
      'Initialized=True@2026-01-01T09:00:00Z',
      'Ready=True@2026-01-01T08:30:00Z',
      'ContainersReady=True@2026-01-01T09:00:00Z',
      'PodScheduled=True@2026-01-01T08:00:00Z',
      'example.com/gate=True@2026-01-01T08:20:00Z',
    ]);
  });
});
