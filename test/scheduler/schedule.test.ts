/**
 * scheduleOne on a kubeadm-like cluster: controlplane (tainted NoSchedule, running the control
 * plane), node01 and node02 (2 cpu, 4Gi, 110 pods each). Placements and messages are what
 * kube-scheduler v1.33 gives.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { Rng } from '../../src/util/rng.js';
import { scheduleOne, isScheduled } from '../../src/scheduler/schedule.js';
import { buildSnapshot, podInfo, type SnapshotInput } from '../../src/scheduler/snapshot.js';
import { defaultProfile } from '../../src/scheduler/profile.js';
import { kubeadmNodes, node, placement, pod, podRequesting, running, schedule, type PodOptions } from './fixtures.js';

const TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const tolerateControlPlane = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }];

/** What kubeadm and a CNI leave running. */
function systemPods(): Pod[] {
  const onCp = (name: string, o: PodOptions) => running(name, 'controlplane', { namespace: 'kube-system', ...o });
  return [
    onCp('kube-apiserver-controlplane', { cpu: '250m' }),
    onCp('kube-controller-manager-controlplane', { cpu: '200m' }),
    onCp('kube-scheduler-controlplane', { cpu: '100m' }),
    onCp('etcd-controlplane', { cpu: '100m', memory: '100Mi' }),
    onCp('coredns-1', { cpu: '100m', memory: '70Mi', labels: { 'k8s-app': 'kube-dns' } }),
    onCp('coredns-2', { cpu: '100m', memory: '70Mi', labels: { 'k8s-app': 'kube-dns' } }),
    ...['controlplane', 'node01', 'node02'].map((n) => running(`kube-proxy-${n}`, n, { namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } })),
  ];
}

function labelled(labels: Record<string, string>, which = 'node02'): Node[] {
  return kubeadmNodes().map((n) => (n.metadata!.name === which ? { ...n, metadata: { ...n.metadata, labels: { ...n.metadata!.labels, ...labels } } } : n));
}

/** Schedules pods one after another on one snapshot, each bound pod counting for the next. */
function scheduleInTurn(pods: Pod[], nodes: Node[], existing: Pod[] = [], extra: Partial<SnapshotInput> = {}, seed = 1): string[] {
  const snap = buildSnapshot({ nodes, pods: existing, ...extra });
  const rng = new Rng(seed);
  return pods.map((p) => {
    const r = scheduleOne(p, snap, { rng });
    if (isScheduled(r)) snap.assume(podInfo(p), r.nodeName);
    return placement(r);
  });
}

describe('scheduleOne on a kubeadm cluster', () => {
  it('a plain pod goes to a worker, never the tainted control plane; ties are broken at random', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) seen.add(placement(schedule(pod('web'), kubeadmNodes(), systemPods(), {}, seed)));
    expect([...seen].sort()).toEqual(['node01', 'node02']);
  });

  it('the same seed always makes the same choice', () => {
    const picks = [1, 2, 3].map(() => placement(schedule(pod('web'), kubeadmNodes(), systemPods(), {}, 42)));
    expect(new Set(picks).size).toBe(1);
  });

  it('nodeSelector puts the pod on the labelled node', () => {
    expect(placement(schedule(pod('web', { nodeSelector: { disktype: 'ssd' } }), labelled({ disktype: 'ssd' }), systemPods()))).toBe('node02');
  });

  it('a nodeSelector no node matches', () => {
    expect(placement(schedule(pod('web', { nodeSelector: { disktype: 'ssd' } }), kubeadmNodes(), systemPods()))).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
  });

  it('tolerating the control-plane taint and selecting the control plane lands there', () => {
    const p = pod('admin', { tolerations: tolerateControlPlane, nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } });
    expect(placement(schedule(p, kubeadmNodes(), systemPods()))).toBe('controlplane');
  });

  it('a toleration alone allows the control plane, but its load keeps the pod on a worker', () => {
    for (let seed = 1; seed <= 10; seed++) {
      expect(placement(schedule(podRequesting('500m', '512Mi', { tolerations: tolerateControlPlane }), kubeadmNodes(), systemPods(), {}, seed))).not.toBe('controlplane');
    }
  });

  it('a pod the workers cannot hold goes to the control plane if it tolerates it', () => {
    const busy = [...systemPods(), running('a', 'node01', { cpu: '1800m' }), running('b', 'node02', { cpu: '1800m' })];
    expect(placement(schedule(podRequesting('1', '256Mi', { tolerations: tolerateControlPlane }), kubeadmNodes(), busy))).toBe('controlplane');
  });

  it('required node affinity picks the node with the label value', () => {
    const p = pod('web', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'size', operator: 'In', values: ['Large', 'Medium'] }] }] } } },
    });
    expect(placement(schedule(p, labelled({ size: 'Medium' }, 'node01'), systemPods()))).toBe('node01');
  });

  it('preferred node affinity wins over an even spread', () => {
    const p = pod('web', {
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } }] } },
    });
    for (let seed = 1; seed <= 10; seed++) expect(placement(schedule(p, labelled({ disktype: 'ssd' }), systemPods(), {}, seed))).toBe('node02');
  });

  it('required anti-affinity spreads replicas one per worker, and the third has nowhere to go', () => {
    const replica = (i: number) =>
      pod(`web-${i}`, {
        labels: { app: 'web' },
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
      });
    const [first, second, third] = scheduleInTurn([replica(1), replica(2), replica(3)], kubeadmNodes(), systemPods());
    expect([first, second].sort()).toEqual(['node01', 'node02']);
    expect(third).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it("a Deployment's replicas spread evenly over the workers by default", () => {
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-5d8f', namespace: 'default', uid: 'uid-web-5d8f' },
      spec: { selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f' } }, template: {} },
    };
    const replicas = [1, 2, 3, 4, 5, 6].map((i) => pod(`web-5d8f-${i}`, { labels: { app: 'web', 'pod-template-hash': '5d8f' }, owner: { kind: 'ReplicaSet', name: 'web-5d8f' } }));
    for (const seed of [1, 7, 99]) {
      const placed = scheduleInTurn(replicas, kubeadmNodes(), systemPods(), { replicaSets: [rs] }, seed);
      expect(placed.filter((n) => n === 'node01').length).toBe(3);
      expect(placed.filter((n) => n === 'node02').length).toBe(3);
    }
  });

  it('pods requesting cpu fill the workers, then the next one is Insufficient cpu', () => {
    const big = (i: number) => podRequesting('1500m', '1Gi', { name: `big-${i}` });
    const placed = scheduleInTurn([big(1), big(2), big(3)], kubeadmNodes(), systemPods());
    expect(placed.slice(0, 2).sort()).toEqual(['node01', 'node02']);
    expect(placed[2]).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it('more memory than any worker has left is Insufficient memory', () => {
    expect(placement(schedule(podRequesting('100m', '5Gi'), kubeadmNodes(), systemPods()))).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it('a cordoned worker is skipped; with the other one full, both reasons are counted', () => {
    const nodes = kubeadmNodes().map((n) => (n.metadata!.name === 'node01' ? { ...n, spec: { ...n.spec, unschedulable: true } } : n));
    expect(placement(schedule(pod('web'), nodes, systemPods()))).toBe('node02');
    const full = [...systemPods(), running('hog', 'node02', { cpu: '2' })];
    expect(placement(schedule(podRequesting('1', '1Gi'), nodes, full))).toBe(
      `0/3 nodes are available: 1 Insufficient cpu, 1 ${TAINT}, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.`,
    );
  });

  it('pod affinity places the pod beside the pod it wants', () => {
    const p = pod('web', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'redis' } }, topologyKey: 'kubernetes.io/hostname' }] } } });
    expect(placement(schedule(p, kubeadmNodes(), [...systemPods(), running('redis', 'node02', { labels: { app: 'redis' } })]))).toBe('node02');
    expect(placement(schedule(p, kubeadmNodes(), systemPods()))).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
  });

  it('a host port already taken on both workers', () => {
    const existing = [...systemPods(), running('a', 'node01', { hostPort: 8080 }), running('b', 'node02', { hostPort: 8080 })];
    expect(placement(schedule(pod('web', { hostPort: 8080 }), kubeadmNodes(), existing))).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it('a DaemonSet pod pinned to a full node: the other nodes did not satisfy NodeAffinity', () => {
    const nodes = kubeadmNodes().map((n) => (n.metadata!.name === 'node01' ? node('node01', { pods: '1' }) : n));
    const ds = pod('fluentd-x', {
      tolerations: [{ operator: 'Exists' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node01'] }] }] } } },
    });
    expect(placement(schedule(ds, nodes, systemPods()))).toBe(
      "0/3 nodes are available: 1 Too many pods, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('with only one feasible node nothing is scored', () => {
    const r = schedule(pod('web', { nodeSelector: { disktype: 'ssd' } }), labelled({ disktype: 'ssd' }), systemPods());
    expect(isScheduled(r) && { nodeName: r.nodeName, scores: r.scores, volumeBindings: r.volumeBindings }).toEqual({ nodeName: 'node02', scores: [] });
  });

  it('returns each plugin weighted score, best node first', () => {
    const r = schedule(podRequesting('500m', '1Gi'), kubeadmNodes(), [...systemPods(), running('x', 'node01', { cpu: '1', memory: '1Gi' })]);
    expect(r).toMatchObject({ nodeName: 'node02' });
    expect(isScheduled(r) && r.scores.map((s) => [s.name, s.total, s.plugins])).toEqual([
      // node02: kube-proxy counts 100m/200Mi for LeastAllocated (no requests) and nothing for balance.
      ['node02', 470, { TaintToleration: 300, NodeResourcesFit: 70, NodeResourcesBalancedAllocation: 100, ImageLocality: 0 }],
      ['node01', 419, { TaintToleration: 300, NodeResourcesFit: 32, NodeResourcesBalancedAllocation: 87, ImageLocality: 0 }],
    ]);
  });

  it('a breakdown read after later cycles is still its own pod\'s (the score lists are reused from cycle to cycle)', () => {
    const snap = buildSnapshot({ nodes: kubeadmNodes(), pods: [...systemPods(), running('x', 'node01', { cpu: '1', memory: '1Gi' })] });
    const first = scheduleOne(podRequesting('500m', '1Gi'), snap, { rng: new Rng(1) });
    scheduleOne(podRequesting('100m', '100Mi', { name: 'small' }), buildSnapshot({ nodes: kubeadmNodes(), pods: systemPods() }), { rng: new Rng(1) });
    expect(isScheduled(first) && first.scores.map((s) => [s.name, s.total])).toEqual([
      ['node02', 470],
      ['node01', 419],
    ]);
  });

  it('with scores: false the same node is chosen and no breakdown is kept', () => {
    const pods = [...systemPods(), running('x', 'node01', { cpu: '1', memory: '1Gi' })];
    const r = scheduleOne(podRequesting('500m', '1Gi'), buildSnapshot({ nodes: kubeadmNodes(), pods }), { rng: new Rng(1), scores: false });
    expect(isScheduled(r) && { nodeName: r.nodeName, scores: r.scores }).toEqual({ nodeName: 'node02', scores: [] });
  });

  it('pods skipping different filters each get their own filters (one list per set of skips)', () => {
    // A profile of its own, so the first pod's list is the first made for it. The first pod has
    // no host port, so NodePorts is skipped for it; the second's port is taken on node01, which
    // would score higher without it.
    const pods = [...systemPods(), running('holder', 'node01', { hostPort: 8080 }), running('busy', 'node02', { cpu: '1', memory: '1Gi' })];
    for (let seed = 1; seed <= 10; seed++) {
      const profile = { ...defaultProfile };
      const snap = buildSnapshot({ nodes: kubeadmNodes(), pods });
      const rng = new Rng(seed);
      scheduleOne(pod('plain'), snap, { rng, profile });
      expect(placement(scheduleOne(pod('porty', { hostPort: 8080 }), snap, { rng, profile }))).toBe('node02');
    }
  });

  it('no nodes at all', () => {
    expect(placement(schedule(pod('web'), []))).toBe('no nodes available to schedule pods');
  });
});
