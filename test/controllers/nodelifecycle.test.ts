import { describe, expect, it } from 'vitest';
import { toRfc3339Micro } from '../../src/util/clock.js';
import { harness, podTemplate, replicaSet, specOf, statusOf, type Harness } from './harness.js';

function renewLease(h: Harness, node: string): void {
  const renewTime = toRfc3339Micro(h.clock.now());
  const existing = h.get('leases.coordination.k8s.io', 'kube-node-lease', node);
  if (!existing) h.create('leases.coordination.k8s.io', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: node, namespace: 'kube-node-lease' }, spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime } });
  else h.patch('leases.coordination.k8s.io', 'kube-node-lease', node, { spec: { renewTime } });
}

/** Plays a kubelet that renews its lease every 10 s for `seconds`. */
function kubeletRuns(h: Harness, node: string, seconds: number): void {
  for (let t = 0; t < seconds; t += 10) {
    renewLease(h, node);
    h.advance(10);
  }
}

const ready = (h: Harness, node = 'node01') => statusOf<{ conditions: { type: string; status: string; reason: string; message: string }[] }>(h.get('nodes', '', node)).conditions.find((c) => c.type === 'Ready')!;
const taints = (h: Harness, node = 'node01') => (specOf<{ taints?: { key: string; effect: string }[] }>(h.get('nodes', '', node)).taints ?? []).map((t) => `${t.key}:${t.effect}`);

describe('node lifecycle controller', () => {
  it('registers nodes with the RegisteredNode event', () => {
    const h = harness();
    h.node('node01');
    expect(h.events('node01')).toEqual(['RegisteredNode: Node node01 event: Registered Node node01 in Controller']);
  });

  it('marks a node Unknown only after the 50 s grace period without heartbeats, then taints it unreachable', () => {
    const h = harness();
    h.node('node01');
    kubeletRuns(h, 'node01', 30); // last renewal at t=20
    h.advance(50 - 10); // t=70... grace runs from the pass that saw the last renewal
    expect(ready(h).status).toBe('True');
    h.advance(10);
    expect(ready(h)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(statusOf<{ conditions: { type: string; status: string }[] }>(h.get('nodes', '', 'node01')).conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Ready=Unknown', 'MemoryPressure=Unknown', 'DiskPressure=Unknown', 'PIDPressure=Unknown']);
    expect(taints(h)).toContain('node.kubernetes.io/unreachable:NoSchedule');
    h.advance(5);
    expect(taints(h)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(h.events('node01')).toContain('NodeNotReady: Node node01 status is now: NodeNotReady');
  });

  it('sets Ready=False on the pods of a lost node', () => {
    const h = harness();
    h.node('node01');
    h.create('replicasets.apps', replicaSet('web', 1));
    h.markPodsRunning();
    h.advance(120);
    const pod = h.pods()[0]!;
    expect(statusOf<{ conditions: { type: string; status: string }[] }>(pod).conditions.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(h.events(pod.metadata.name)).toContain('NodeNotReady: Node is not ready');
  });

  it('taints not-ready when the kubelet reports NotReady and clears the taints when it is Ready again', () => {
    const h = harness();
    h.node('node01', { ready: false });
    h.advance(5);
    expect(taints(h)).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    const now = h.clock.iso();
    h.patch('nodes', '', 'node01', { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }] } });
    h.advance(5);
    expect(taints(h)).toEqual([]);
  });

  it('adds the unschedulable taint to a cordoned node', () => {
    const h = harness();
    h.node('node01');
    h.patch('nodes', '', 'node01', { spec: { unschedulable: true } });
    expect(taints(h)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    h.patch('nodes', '', 'node01', { spec: { unschedulable: null } });
    expect(taints(h)).toEqual([]);
  });

  it('gives every node a fresh grace period after a controller-manager restart', () => {
    const h = harness();
    h.node('node01');
    renewLease(h, 'node01');
    h.setRunning(false);
    h.advance(300);
    h.setRunning(true);
    expect(ready(h).status).toBe('True');
    h.advance(55);
    expect(ready(h).status).toBe('Unknown');
  });
});

describe('taint eviction controller', () => {
  const tolerant = (seconds: number) => [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds },
  ];

  it('evicts a pod that does not tolerate a NoExecute taint at once', () => {
    const h = harness();
    h.node('node01');
    h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { ...podTemplate({ app: 'p' }).spec, nodeName: 'node01' } });
    h.patch('nodes', '', 'node01', { spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } });
    expect(h.get('pods', 'default', 'p')?.metadata.deletionTimestamp ?? 'gone').toBeTruthy();
    expect(h.events('p')).toEqual(['TaintManagerEviction: Marking for deletion Pod default/p']);
  });

  it('evicts a pod tolerationSeconds after its node became unreachable', () => {
    const h = harness();
    h.node('node01');
    h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { ...podTemplate({ app: 'p' }, { tolerations: tolerant(300) }).spec, nodeName: 'node01' } });
    h.advance(60); // NoExecute taint lands at t=60 (first pass after the grace period... plus one)
    expect(taints(h)).toContain('node.kubernetes.io/unreachable:NoExecute');
    h.advance(299);
    expect(h.get('pods', 'default', 'p')!.metadata.deletionTimestamp).toBeUndefined();
    h.advance(1);
    const pod = h.get('pods', 'default', 'p')!;
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(statusOf<{ conditions: { type: string; reason: string }[] }>(pod).conditions.find((c) => c.type === 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
  });

  it('cancels the eviction when the taint goes away', () => {
    const h = harness();
    h.node('node01');
    h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { ...podTemplate({ app: 'p' }, { tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }).spec, nodeName: 'node01' } });
    h.patch('nodes', '', 'node01', { spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } });
    kubeletRuns(h, 'node01', 30);
    h.patch('nodes', '', 'node01', { spec: { taints: null } });
    kubeletRuns(h, 'node01', 60);
    expect(h.get('pods', 'default', 'p')!.metadata.deletionTimestamp).toBeUndefined();
    expect(h.events('p')).toEqual(['TaintManagerEviction: Cancelling deletion of Pod default/p']);
  });
});

describe('node IPAM', () => {
  it('gives each new node the next /24 of the cluster CIDR', () => {
    const h = harness({ settings: { allocateNodeCidrs: true, clusterCidr: '10.244.0.0/16' } });
    h.node('controlplane');
    h.node('node01');
    expect(specOf(h.get('nodes', '', 'controlplane'))).toMatchObject({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] });
    expect(specOf(h.get('nodes', '', 'node01'))).toMatchObject({ podCIDR: '10.244.1.0/24' });
  });

  it('leaves nodes alone without --allocate-node-cidrs', () => {
    const h = harness();
    h.node('node01');
    expect(specOf<{ podCIDR?: string }>(h.get('nodes', '', 'node01')).podCIDR).toBeUndefined();
  });
});
