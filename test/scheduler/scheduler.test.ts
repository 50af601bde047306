import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Scheduler, queueOrder } from '../../src/scheduler/scheduler.js';
import { FakePort } from './fakePort.js';
import { kubeadmNodes, node, pod, podRequesting, running } from './fixtures.js';

const TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

describe('Scheduler.scheduleAll', () => {
  it('binds a pending pod and records the Scheduled event', () => {
    const port = new FakePort(kubeadmNodes(), [pod('web-1', { nodeSelector: { 'kubernetes.io/hostname': 'node01' } })]);
    const result = new Scheduler(port).scheduleAll();
    expect(result.scheduled.map((s) => s.nodeName)).toEqual(['node01']);
    expect(port.get('web-1').spec!.nodeName).toBe('node01');
    expect(port.events).toEqual([{ object: 'default/web-1', type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node01' }]);
  });

  it('records FailedScheduling and the PodScheduled=False condition for a pod that fits nowhere', () => {
    const port = new FakePort(kubeadmNodes(), [podRequesting('3', '1Gi', { name: 'big' })]);
    new Scheduler(port).scheduleAll();
    const message = `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`;
    expect(port.events).toEqual([{ object: 'default/big', type: 'Warning', reason: 'FailedScheduling', message }]);
    expect(port.get('big').status!.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('does not retry an unschedulable pod until something changes, so the run loop goes quiet', () => {
    const port = new FakePort(kubeadmNodes(), [podRequesting('3', '1Gi', { name: 'big' })]);
    const scheduler = new Scheduler(port);
    scheduler.scheduleAll();
    scheduler.scheduleAll();
    scheduler.scheduleAll();
    expect(port.events.filter((e) => e.reason === 'FailedScheduling')).toHaveLength(1);
    // A bigger node joins: the pod is tried again and placed.
    port.nodes = [...port.nodes, { ...kubeadmNodes()[1]!, metadata: { name: 'node03', labels: { 'kubernetes.io/hostname': 'node03' } }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } }];
    scheduler.scheduleAll();
    expect(port.get('big').spec!.nodeName).toBe('node03');
  });

  it('a pod that did not fit is not retried merely because others were bound in the same pass', () => {
    const pods = [1, 2, 3].map((i) => podRequesting('1200m', '1Gi', { name: `w${i}`, created: `2026-01-01T00:00:0${i}Z` }));
    const port = new FakePort(kubeadmNodes(), pods);
    const scheduler = new Scheduler(port);
    scheduler.scheduleAll();
    scheduler.scheduleAll();
    expect(port.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.object)).toEqual(['default/w3']);
    // One of the bound pods goes away: w3 fits now.
    port.pods = port.pods.filter((p) => p.metadata!.name !== 'w1');
    scheduler.scheduleAll();
    expect(port.get('w3').spec!.nodeName).toBeDefined();
  });

  it('retries an unschedulable pod after five minutes even if nothing changed', () => {
    const port = new FakePort(kubeadmNodes(), [podRequesting('3', '1Gi', { name: 'big' })]);
    const scheduler = new Scheduler(port);
    scheduler.scheduleAll();
    port.time += 4 * 60 * 1000;
    scheduler.scheduleAll();
    port.time += 60 * 1000;
    scheduler.scheduleAll();
    expect(port.events.filter((e) => e.reason === 'FailedScheduling')).toHaveLength(2);
  });

  it('a fix to the pod itself (a toleration added) is retried at once', () => {
    const port = new FakePort(kubeadmNodes(), [pod('admin', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } })]);
    const scheduler = new Scheduler(port);
    scheduler.scheduleAll();
    expect(port.get('admin').spec!.nodeName).toBeUndefined();
    const p = port.get('admin');
    port.pods = [{ ...p, spec: { ...p.spec!, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] } }];
    scheduler.scheduleAll();
    expect(port.get('admin').spec!.nodeName).toBe('controlplane');
  });

  it('each bound pod counts for the next in the same pass', () => {
    const pods = [1, 2, 3].map((i) => podRequesting('1200m', '1Gi', { name: `w${i}`, created: `2026-01-01T00:00:0${i}Z` }));
    const port = new FakePort(kubeadmNodes(), pods);
    const result = new Scheduler(port).scheduleAll();
    expect(result.scheduled.map((s) => s.nodeName).sort()).toEqual(['node01', 'node02']);
    expect(result.unschedulable.map((u) => u.pod.metadata!.name)).toEqual(['w3']);
  });

  it('leaves alone pods of another scheduler, bound, terminating, finished or gated pods', () => {
    const gated: Pod = { ...pod('gated'), spec: { ...pod('gated').spec!, schedulingGates: [{ name: 'wait' }] } };
    const dying: Pod = { ...pod('dying'), metadata: { ...pod('dying').metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    const done = pod('done', { phase: 'Succeeded' });
    const port = new FakePort(kubeadmNodes(), [pod('custom', { schedulerName: 'my-scheduler' }), running('bound', 'node01'), gated, dying, done]);
    const result = new Scheduler(port).scheduleAll();
    expect(result).toEqual({ scheduled: [], unschedulable: [], preempted: [] });
    expect(port.events).toEqual([]);
  });

  it('preempts: marks and deletes the victim, nominates the node, and the pod lands there next pass', () => {
    const victim = running('batch', 'node01', { cpu: '1800m' });
    const filler = running('steady', 'node02', { cpu: '1800m', priority: 5000 });
    const vip = podRequesting('1', '1Gi', { name: 'vip', priority: 1000 });
    const port = new FakePort(kubeadmNodes(), [victim, filler, vip]);
    const scheduler = new Scheduler(port);
    const result = scheduler.scheduleAll();
    expect(result.preempted).toMatchObject([{ nominatedNodeName: 'node01' }]);
    expect(port.deleted).toEqual(['batch']);
    expect(port.events).toEqual([
      { object: 'default/batch', type: 'Normal', reason: 'Preempted', message: 'Preempted by pod uid-default-vip on node node01' },
      { object: 'default/vip', type: 'Warning', reason: 'FailedScheduling', message: `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient cpu.` },
    ]);
    expect(port.get('vip').status!.nominatedNodeName).toBe('node01');
    expect(result.preempted[0]!.victims[0]!.metadata!.name).toBe('batch');
    scheduler.scheduleAll();
    expect(port.get('vip').spec!.nodeName).toBe('node01');
  });

  it('marks a victim DisruptionTarget before deleting it', () => {
    const port = new FakePort(kubeadmNodes(), [running('batch', 'node01', { cpu: '2' }), running('steady', 'node02', { cpu: '2', priority: 10 }), podRequesting('1', '1Gi', { name: 'vip', priority: 1000 })]);
    const marked: unknown[] = [];
    const setPodCondition = port.setPodCondition.bind(port);
    port.setPodCondition = (p, c) => {
      if (c.type === 'DisruptionTarget') marked.push([p.metadata!.name, c]);
      setPodCondition(p, c);
    };
    new Scheduler(port).scheduleAll();
    expect(marked).toEqual([
      ['batch', { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }],
    ]);
  });

  it("spreads a Deployment's replicas over the workers in one pass", () => {
    const owner = { kind: 'ReplicaSet', name: 'web-5d8f' };
    const replicas = [1, 2, 3, 4].map((i) => pod(`web-5d8f-${i}`, { labels: { app: 'web' }, owner }));
    const port = Object.assign(new FakePort(kubeadmNodes(), replicas), {
      listReplicaSets: () => [{ metadata: { name: 'web-5d8f', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } }],
    });
    const placed = new Scheduler(port, { rng: 3 }).scheduleAll().scheduled.map((s) => s.nodeName);
    expect(placed.filter((n) => n === 'node01')).toHaveLength(2);
    expect(placed.filter((n) => n === 'node02')).toHaveLength(2);
  });

  it('hands WaitForFirstConsumer decisions to the port before binding', () => {
    const p = pod('db', { nodeSelector: { 'kubernetes.io/hostname': 'node02' }, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
    const port = Object.assign(new FakePort(kubeadmNodes(), [p]), {
      listPVCs: () => [{ metadata: { name: 'data', namespace: 'default' }, spec: { storageClassName: 'local-path', accessModes: ['ReadWriteOnce'] } }],
      listStorageClasses: () => [{ metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' }],
    });
    new Scheduler(port).scheduleAll();
    expect(port.volumeBindings).toEqual([[{ namespace: 'default', claimName: 'data', provisionOnNode: 'node02' }]]);
    expect(port.get('db').spec!.nodeName).toBe('node02');
  });

  it('a binding the API refuses becomes a FailedScheduling event', () => {
    const port = new FakePort(kubeadmNodes(), [pod('web')]);
    port.bind = () => {
      throw new Error('pods "web" not found');
    };
    new Scheduler(port).scheduleAll();
    expect(port.events).toEqual([{ object: 'default/web', type: 'Warning', reason: 'FailedScheduling', message: 'Binding rejected: pods "web" not found' }]);
  });
});

describe('the scheduling queue order', () => {
  it('takes higher priority first, then older, then by name', () => {
    const pods = [
      pod('b', { created: '2026-01-01T00:00:05Z' }),
      pod('a', { created: '2026-01-01T00:00:05Z' }),
      pod('old', { created: '2026-01-01T00:00:01Z' }),
      pod('vip', { created: '2026-01-01T00:00:09Z', priority: 100 }),
    ];
    expect([...pods].sort(queueOrder).map((p) => p.metadata!.name)).toEqual(['vip', 'old', 'a', 'b']);
  });

  it('a pass takes its pods oldest first, each by its own creation time', () => {
    const created = ['00:00:05', '00:00:05', '00:00:01', '00:00:07', '00:00:01', ''];
    const pods = created.map((t, i) => podRequesting('10m', '16Mi', { name: `p${i}`, ...(t ? { created: `2026-01-01T${t}Z` } : {}) }));
    const port = new FakePort([node('node01')], pods);
    const order = new Scheduler(port).scheduleAll().scheduled.map((s) => s.pod.metadata!.name);
    expect(order).toEqual(['p5', 'p2', 'p4', 'p0', 'p1', 'p3']);
  });
});
