import { describe, expect, it } from 'vitest';
import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { EquivalenceClass, sameForNodes } from '../../src/scheduler/equivalence.js';
import { jsonEqual } from '../../src/api/types.js';
import type { Plugin, Profile } from '../../src/scheduler/framework.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { podInfo } from '../../src/scheduler/snapshot.js';
import { FakePort } from './fakePort.js';
import { kubeadmNodes, node, pod, running, snapshotOf } from './fixtures.js';

/** A replica as the ReplicaSet controller and API defaulting leave it: its token volume has a name of its own. */
function replica(name: string, o: Parameters<typeof pod>[1] = {}): Pod {
  const p = pod(name, { labels: { app: 'web' }, owner: { kind: 'ReplicaSet', name: 'web-7d9f' }, ...o });
  const token = `kube-api-access-${name}`;
  p.spec!.volumes = [...(p.spec!.volumes ?? []), { name: token, projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }];
  p.spec!.containers[0]!.volumeMounts = [{ name: token, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }];
  return p;
}

const placements = (port: FakePort): Record<string, string | undefined> =>
  Object.fromEntries(port.pods.map((p) => [p.metadata!.name!, p.spec?.nodeName]));

const failures = (port: FakePort): string[] => port.events.filter((e) => e.reason === 'FailedScheduling').map((e) => `${e.object}: ${e.message}`);

describe('sameForNodes', () => {
  const base = (): PodSpec => replica('a', { cpu: '100m', memory: '64Mi', tolerations: [{ key: 'k', operator: 'Exists' }] }).spec!;
  const edited = (f: (s: PodSpec) => void): PodSpec => {
    const s = base();
    f(s);
    return s;
  };

  it('replicas that differ only in their token volume name ask the same of a node', () => {
    expect(sameForNodes(replica('a').spec, replica('b').spec)).toBe(true);
  });

  it.each([
    ['a cpu request', (s: PodSpec) => (s.containers[0]!.resources = { requests: { cpu: '200m', memory: '64Mi' } })],
    ['the image', (s: PodSpec) => (s.containers[0]!.image = 'nginx:1.28')],
    ['a toleration', (s: PodSpec) => s.tolerations!.push({ key: 'gpu', operator: 'Exists' })],
    ['the nodeSelector', (s: PodSpec) => (s.nodeSelector = { disk: 'ssd' })],
    ['node affinity', (s: PodSpec) => (s.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } })],
    ['a host port', (s: PodSpec) => (s.containers[0]!.ports = [{ containerPort: 80, hostPort: 8080 }])],
    ['an init container', (s: PodSpec) => (s.initContainers = [{ name: 'init', image: 'busybox' }])],
    ['a sidecar', (s: PodSpec) => (s.initContainers = [{ name: 'log', image: 'busybox', restartPolicy: 'Always' }])],
    ['the pod overhead', (s: PodSpec) => (s.overhead = { cpu: '250m' })],
    ['a claim', (s: PodSpec) => s.volumes!.push({ name: 'data', persistentVolumeClaim: { claimName: 'data' } })],
  ])('%s makes pods ask something else', (_what, change) => {
    expect(sameForNodes(base(), edited(change))).toBe(false);
  });

  it('compares JSON values key by key, in any order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ length: 0 }, [])).toBe(false);
  });
});

describe('replicas placed in one pass', () => {
  it('the node the previous replica took is looked at again: the next one sees it full', () => {
    // Each worker holds one 600m replica; answers remembered from before the first was bound would put two on one node.
    const nodes = [node('node01', { cpu: '1' }), node('node02', { cpu: '1' })];
    const port = new FakePort(nodes, ['web-a', 'web-b', 'web-c'].map((n) => replica(n, { cpu: '600m' })));
    new Scheduler(port).scheduleAll();
    const placed = placements(port);
    expect(new Set([placed['web-a'], placed['web-b']])).toEqual(new Set(['node01', 'node02']));
    expect(placed['web-c']).toBeUndefined();
    expect(failures(port)).toEqual([
      'default/web-c: 0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    ]);
  });

  it('a replica edited apart (a toleration added) gets its own answers', () => {
    // node01 is tainted; node02 takes two pods. The plain replicas go to node02; the edited one may use node01.
    const nodes = [node('node01', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), node('node02', { pods: '2' })];
    const tolerating = replica('web-c', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] });
    const port = new FakePort(nodes, [replica('web-a'), replica('web-b'), tolerating]);
    new Scheduler(port).scheduleAll();
    expect(placements(port)).toEqual({ 'web-a': 'node02', 'web-b': 'node02', 'web-c': 'node01' });
  });
});

describe('replicas placed in the next pass', () => {
  it('see a taint added to a node since', () => {
    const port = new FakePort(kubeadmNodes(), [replica('web-a'), replica('web-b')]);
    const scheduler = new Scheduler(port);
    scheduler.scheduleAll();
    expect(new Set(Object.values(placements(port)))).toEqual(new Set(['node01', 'node02']));
    port.nodes = port.nodes.map((n) => (n.metadata!.name === 'node02' ? { ...n, spec: { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] } } : n));
    port.pods = [...port.pods, replica('web-c'), replica('web-d'), replica('web-e')];
    scheduler.scheduleAll();
    const placed = placements(port);
    expect([placed['web-c'], placed['web-d'], placed['web-e']]).toEqual(['node01', 'node01', 'node01']);
  });

  it('see a label a nodeSelector wants, added to a node since', () => {
    const port = new FakePort(kubeadmNodes(), ['web-a', 'web-b'].map((n) => replica(n, { nodeSelector: { disk: 'ssd' } })));
    const scheduler = new Scheduler(port);
    scheduler.scheduleAll();
    expect(placements(port)).toEqual({ 'web-a': undefined, 'web-b': undefined });
    port.nodes = port.nodes.map((n) => (n.metadata!.name === 'node02' ? { ...n, metadata: { ...n.metadata, labels: { ...n.metadata!.labels, disk: 'ssd' } } } : n));
    scheduler.scheduleAll();
    expect(placements(port)).toEqual({ 'web-a': 'node02', 'web-b': 'node02' });
  });

  it('see room a deleted pod left', () => {
    const nodes = [node('node01', { pods: '1' }), node('node02', { pods: '1' })];
    const port = new FakePort(nodes, [running('old', 'node01'), replica('web-a'), replica('web-b')]);
    const scheduler = new Scheduler(port);
    scheduler.scheduleAll();
    expect(placements(port)).toEqual({ old: 'node01', 'web-a': 'node02', 'web-b': undefined });
    expect(failures(port)).toEqual([
      'default/web-b: 0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    ]);
    port.pods = port.pods.filter((p) => p.metadata!.name !== 'old');
    scheduler.scheduleAll();
    expect(placements(port)).toEqual({ 'web-a': 'node02', 'web-b': 'node01' });
  });

  it('see room left by a pod deleted and replaced by a smaller one (the node holds as many pods as before)', () => {
    const nodes = [node('node01', { cpu: '1' }), node('node02', { cpu: '1' })];
    const port = new FakePort(nodes, [running('hog', 'node01', { cpu: '900m' }), ...['web-a', 'web-b', 'web-c'].map((n) => replica(n, { cpu: '600m' }))]);
    const scheduler = new Scheduler(port);
    scheduler.scheduleAll();
    expect(placements(port)).toEqual({ hog: 'node01', 'web-a': 'node02', 'web-b': undefined, 'web-c': undefined });
    port.pods = [...port.pods.filter((p) => p.metadata!.name !== 'hog'), running('tiny', 'node01', { cpu: '100m' })];
    scheduler.scheduleAll();
    expect(placements(port)).toEqual({ 'web-a': 'node02', 'web-b': 'node01', 'web-c': undefined, tiny: 'node01' });
  });
});

describe('node-local scores kept as one sum per node', () => {
  // Weighted scores that are not integers add up differently in another order:
  // (0.1 + 0.2) + 0.3 is 0.6000000000000001, 0.1 + (0.2 + 0.3) is 0.6.
  const flat = (name: string, nodeLocal: boolean, byNode: Record<string, number>): Plugin => ({ name, nodeLocal, score: (_ctx, n) => byNode[n.name] ?? 0 });
  const profile: Profile = {
    schedulerName: 'default-scheduler',
    plugins: [
      { plugin: flat('Global', false, { x: 0.1, y: 0.1 }), weight: 1 },
      { plugin: flat('LocalA', true, { x: 0.2, y: 0.25 }), weight: 1 },
      { plugin: flat('LocalB', true, { x: 0.3, y: 0.25 }), weight: 1 },
    ],
  };

  it('are added in profile order when their order would change the totals', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const port = new FakePort([node('x'), node('y')], ['web-a', 'web-b', 'web-c', 'web-d'].map((n) => replica(n)));
      new Scheduler(port, { rng: seed, profile }).scheduleAll();
      expect(Object.values(placements(port))).toEqual(['x', 'x', 'x', 'x']);
    }
  });

  it('are worked out again on the node the previous replica took', () => {
    // LeastAllocated and balance change on the node that got the pod: the next replica goes to the other.
    const port = new FakePort([node('node01', { cpu: '1' }), node('node02', { cpu: '1' })], ['web-a', 'web-b', 'web-c', 'web-d'].map((n) => replica(n, { cpu: '200m' })));
    new Scheduler(port).scheduleAll();
    const counts = Object.values(placements(port)).reduce<Record<string, number>>((m, n) => ({ ...m, [n!]: (m[n!] ?? 0) + 1 }), {});
    expect(counts).toEqual({ node01: 2, node02: 2 });
  });
});

describe('EquivalenceClass.on', () => {
  it("keeps a node's answers until its pods change, and never hands them to a trial copy of it", () => {
    const snap = snapshotOf([node('node01'), node('node02')], [running('a', 'node01')]);
    const [n1, n2] = snap.nodeInfos as [NonNullable<(typeof snap.nodeInfos)[0]>, NonNullable<(typeof snap.nodeInfos)[0]>];
    const c = new EquivalenceClass(undefined, 'default', 3);
    c.share();
    c.on(n1).scores[0] = 42;
    expect(c.on(n1).scores[0]).toBe(42);
    expect(c.on(n2).scores[0]).toBeUndefined();
    // A copy at the same index with as many changes behind it is another node.
    const copy = n1.clone();
    expect(copy.index).toBe(n1.index);
    expect(copy.generation).toBe(n1.generation);
    expect(c.on(copy).scores[0]).toBeUndefined();
    c.on(n1).scores[0] = 42;
    snap.assume(podInfo(running('b', 'node01')), 'node01');
    expect(c.on(n1).scores[0]).toBeUndefined();
    // Started afresh in place, and again after the next change: filters and scores alike.
    c.on(n1).scores[1] = 7;
    c.on(n1).filters[2] = null;
    expect([c.on(n1).scores[1], c.on(n1).filters[2]]).toEqual([7, null]);
    snap.assume(podInfo(running('c', 'node01')), 'node01');
    expect([c.on(n1).scores[1], c.on(n1).filters[2]]).toEqual([undefined, undefined]);
  });
});
