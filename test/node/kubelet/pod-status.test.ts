import { describe, expect, it } from 'vitest';
import { computePodStatus, qosClass, type ContainerView, type PodView } from '../../../src/node/kubelet/pod-status.js';
import type { ContainerRecord } from '../../../src/node/runtime.js';
import { deepFreeze, type KObject } from '../../../src/api/types.js';

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

describe('pod status parts taken over from the previous status', () => {
  const p = pod({});
  const first = computePodStatus(view(p, [{ name: 'v', mountPath: '/a' }]), undefined);

  it('reuses unchanged conditions and address lists, and rebuilds those that changed', () => {
    const same = computePodStatus(view(p, [{ name: 'v', mountPath: '/a' }]), first);
    const c1 = first['conditions'] as unknown[];
    const c2 = same['conditions'] as unknown[];
    for (let i = 0; i < c1.length; i++) expect(c2[i]).toBe(c1[i]);
    expect(same['hostIPs']).toBe(first['hostIPs']);
    expect(same['podIPs']).toBe(first['podIPs']);
    // A new pod IP and an unready container: new lists and conditions, not the previous ones.
    const v = view(p, [{ name: 'v', mountPath: '/a' }]);
    v.podIp = '10.244.1.9';
    v.containers[0]!.ready = false;
    v.now = T0 + 5000;
    const moved = computePodStatus(v, first);
    expect(moved['podIPs']).toEqual([{ ip: '10.244.1.9' }]);
    const ready = (moved['conditions'] as Record<string, unknown>[]).find((c) => c['type'] === 'Ready')!;
    expect(ready).toEqual({ lastProbeTime: null, lastTransitionTime: '2026-01-01T09:00:05Z', message: 'containers with unready status: [c]', reason: 'ContainersNotReady', status: 'False', type: 'Ready' });
  });

  it('rebuilds a condition another writer wrote with its keys in another order (the order shows in -o json)', () => {
    const foreign = { ...first, conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T08:30:00Z' }], hostIPs: [{ ip: '192.168.0.3', extra: 1 }] };
    const next = computePodStatus(view(p, [{ name: 'v', mountPath: '/a' }]), foreign);
    const ready = (next['conditions'] as Record<string, unknown>[]).find((c) => c['type'] === 'Ready')!;
    expect(Object.keys(ready)).toEqual(['lastProbeTime', 'lastTransitionTime', 'status', 'type']);
    expect(ready['lastTransitionTime']).toBe('2026-01-01T08:30:00Z');
    expect(next['hostIPs']).toEqual([{ ip: '192.168.0.3' }]);
  });
});

/** Parts equal between pods are shared (frozen): each status must still say exactly its own. */
describe('pod status parts shared between pods', () => {
  /** A stored (frozen) pod with this container resources, its container not started yet or running. */
  const at = (resources: Record<string, unknown>, now: number, started: boolean, uid: string) => {
    const p = deepFreeze({ apiVersion: 'v1', kind: 'Pod', metadata: { name: uid, namespace: 'default', uid }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources }] } }) as KObject;
    const v = view(p, [{ name: 'v', mountPath: '/a' }]);
    v.now = now;
    v.startTime = now;
    const c = v.containers[0]!;
    c.specParts = {};
    if (started) c.current = { ...running(), id: `id-${uid}`, startedAt: now };
    else {
      c.current = undefined;
      c.ready = false;
      c.started = false;
    }
    return JSON.stringify(computePodStatus(v, undefined));
  };

  it('say their own resources, key order included, and their own times and states', () => {
    const a = at({ requests: { cpu: '10m', memory: '16Mi' } }, T0, true, 'a');
    expect(a).toBe(`{"conditions":[{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T09:00:00Z","status":"True","type":"PodReadyToStartContainers"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T09:00:00Z","status":"True","type":"Initialized"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T09:00:00Z","status":"True","type":"Ready"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T09:00:00Z","status":"True","type":"ContainersReady"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T09:00:00Z","status":"True","type":"PodScheduled"}],"containerStatuses":[{"containerID":"containerd://id-a","image":"docker.io/library/nginx:1.27","imageID":"docker.io/library/nginx@sha256:2","lastState":{},"name":"c","ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"2026-01-01T09:00:00Z"}},"allocatedResources":{"cpu":"10m","memory":"16Mi"},"resources":{"requests":{"cpu":"10m","memory":"16Mi"}},"volumeMounts":[{"mountPath":"/a","name":"v"}]}],"hostIP":"192.168.0.3","hostIPs":[{"ip":"192.168.0.3"}],"phase":"Running","podIP":"10.244.1.2","podIPs":[{"ip":"10.244.1.2"}],"qosClass":"Burstable","startTime":"2026-01-01T09:00:00Z"}`);
    // Equal resources, equal second: the same text.
    expect(at({ requests: { cpu: '10m', memory: '16Mi' } }, T0 + 400, true, 'a')).toBe(a);
    // The same requests in another key order, other requests, limits too.
    expect(at({ requests: { memory: '16Mi', cpu: '10m' } }, T0, true, 'b')).toContain('"allocatedResources":{"memory":"16Mi","cpu":"10m"},"resources":{"requests":{"memory":"16Mi","cpu":"10m"}}');
    expect(at({ requests: { cpu: '20m', memory: '16Mi' } }, T0, true, 'c')).toContain('"allocatedResources":{"cpu":"20m","memory":"16Mi"},"resources":{"requests":{"cpu":"20m","memory":"16Mi"}}');
    expect(at({ limits: { cpu: '20m' }, requests: { cpu: '20m', memory: '16Mi' } }, T0, true, 'd')).toContain('"resources":{"limits":{"cpu":"20m"},"requests":{"cpu":"20m","memory":"16Mi"}}');
    // A later second: its own transition and start times.
    const later = at({ requests: { cpu: '10m', memory: '16Mi' } }, T0 + 1000, true, 'e');
    expect(later.match(/09:00:01Z/g)).toHaveLength(7);
    expect(later).not.toContain('09:00:00Z');
    // Not started: waiting, unready conditions with their reasons; then started again, ready.
    const waiting = at({ requests: { cpu: '10m', memory: '16Mi' } }, T0 + 1000, false, 'f');
    expect(waiting).toContain('"state":{"waiting":{"reason":"ContainerCreating"}}');
    expect(waiting).toContain('{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T09:00:01Z","message":"containers with unready status: [c]","reason":"ContainersNotReady","status":"False","type":"Ready"}');
    expect(at({ requests: { cpu: '10m', memory: '16Mi' } }, T0 + 1000, true, 'e')).toBe(later);
  });

  it('stamp the start, the transitions and the container start each with its own second, in any order', () => {
    const p = pod({});
    const times = (startTime: number, now: number, startedAt: number) => {
      const v = view(p, []);
      v.startTime = startTime;
      v.now = now;
      v.containers[0]!.current = { ...running(), startedAt };
      const s = computePodStatus(v, undefined);
      const cs = (s['containerStatuses'] as { state: { running: { startedAt: string } } }[])[0]!;
      return [s['startTime'], (s['conditions'] as { lastTransitionTime: string }[])[0]!.lastTransitionTime, cs.state.running.startedAt].map((t) => String(t).slice(11, 19));
    };
    expect(times(T0, T0 + 5000, T0 + 3000)).toEqual(['09:00:00', '09:00:05', '09:00:03']);
    expect(times(T0 + 3000, T0 + 5000, T0)).toEqual(['09:00:03', '09:00:05', '09:00:00']);
    expect(times(T0 + 9000, T0 + 9500, T0 + 5000)).toEqual(['09:00:09', '09:00:09', '09:00:05']);
  });
});
