import { describe, expect, it, vi } from 'vitest';
import { bareP, harness, replicaSet, statusOf } from './harness.js';
import { SYSTEM_USERS } from '../../src/api/auth.js';
import { slowStartBatch } from '../../src/controllers/replicaset.js';
import { podsToDelete } from '../../src/controllers/util/ranking.js';
import type { Pod } from '../../src/controllers/util/types.js';

describe('ReplicaSet controller', () => {
  it('creates the missing pods named <rs>-<5 chars> with the controller owner reference', () => {
    const h = harness();
    h.create('replicasets.apps', replicaSet('web', 3));
    const pods = h.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: h.get('replicasets.apps', 'default', 'web')!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(h.events('web').sort()).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
  });

  it('reports replicas, then ready and available replicas once the kubelet marks pods ready', () => {
    const h = harness();
    h.create('replicasets.apps', replicaSet('web', 2));
    expect(statusOf(h.get('replicasets.apps', 'default', 'web'))).toEqual({ replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
    h.markPodsRunning();
    expect(statusOf(h.get('replicasets.apps', 'default', 'web'))).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
  });

  it('is not woken by kubelet status writes that change nothing it counts, nor by its own status write', () => {
    const h = harness();
    h.create('replicasets.apps', replicaSet('web', 2));
    h.markPodsRunning();
    const rs = h.loop['members'].flatMap((m) => m.component.reconcilers).find((r) => r.name === 'replicaset-controller')!;
    const offered = () => [...h.loop['queues'].get(rs)!];
    const reconcile = vi.spyOn(rs, 'reconcile');
    const pod = h.pods()[0]!;
    const status = { ...(pod['status'] as object), hostIP: '192.168.1.99' };
    h.api.update(SYSTEM_USERS.superAdmin, 'pods', 'default', { ...pod, status } as never, { subresource: 'status' });
    expect(offered()).toEqual([]);
    const notReady = { ...status, conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-03-01T10:00:09Z' }] };
    const stored = h.api.store.get('pods', 'default', pod.metadata.name)!;
    h.api.update(SYSTEM_USERS.superAdmin, 'pods', 'default', { ...stored, status: notReady } as never, { subresource: 'status' });
    expect(offered()).toEqual(['default/web']);
    h.settle();
    expect(statusOf<{ readyReplicas?: number }>(h.get('replicasets.apps', 'default', 'web')).readyReplicas).toBe(1);
    expect(reconcile).toHaveBeenCalledTimes(1);
  });

  it('counts a ready pod as available only after minReadySeconds on the virtual clock', () => {
    const h = harness();
    h.create('replicasets.apps', replicaSet('web', 1, { app: 'web' }, 10));
    h.markPodsRunning();
    expect(statusOf<{ availableReplicas?: number }>(h.get('replicasets.apps', 'default', 'web')).availableReplicas).toBeUndefined();
    h.advance(9);
    expect(statusOf<{ availableReplicas?: number }>(h.get('replicasets.apps', 'default', 'web')).availableReplicas).toBeUndefined();
    h.advance(1);
    expect(statusOf<{ availableReplicas?: number }>(h.get('replicasets.apps', 'default', 'web')).availableReplicas).toBe(1);
  });

  it('scales down by deleting not-ready pods before ready ones', () => {
    const h = harness();
    h.create('replicasets.apps', replicaSet('web', 3));
    const [a, b] = h.podNames();
    h.markPodsRunning({ names: [a!, b!] });
    h.patch('replicasets.apps', 'default', 'web', { spec: { replicas: 2 } });
    const left = h.podNames().filter((n) => !h.get('pods', 'default', n)!.metadata.deletionTimestamp);
    expect(left.sort()).toEqual([a, b].sort());
    expect(h.events('web').filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(1);
  });

  it('adopts a matching orphan pod instead of creating one', () => {
    const h = harness();
    h.create('pods', bareP('stray', { app: 'web' }));
    h.create('replicasets.apps', replicaSet('web', 2));
    expect(h.pods()).toHaveLength(2);
    expect(h.get('pods', 'default', 'stray')!.metadata.ownerReferences?.[0]?.name).toBe('web');
  });

  it('releases a pod whose labels stop matching and replaces it', () => {
    const h = harness();
    h.create('replicasets.apps', replicaSet('web', 1));
    const [name] = h.podNames();
    h.patch('pods', 'default', name!, { metadata: { labels: { app: 'debug' } } });
    expect(h.get('pods', 'default', name!)!.metadata.ownerReferences).toBeUndefined();
    expect(h.pods('default', { app: 'web' })).toHaveLength(1);
  });

  it('leaves the pods of another ReplicaSet with an overlapping selector alone, and counts only its own', () => {
    const h = harness();
    h.create('replicasets.apps', replicaSet('web', 2, { app: 'web' }));
    const theirs = h.podNames();
    h.create('replicasets.apps', replicaSet('web-canary', 1, { app: 'web' }));
    expect(h.pods()).toHaveLength(3);
    const owners = (names: string[]) => names.map((n) => h.get('pods', 'default', n)!.metadata.ownerReferences?.[0]?.name);
    expect(owners(theirs)).toEqual(['web', 'web']);
    expect(statusOf<{ replicas: number }>(h.get('replicasets.apps', 'default', 'web-canary')).replicas).toBe(1);
    expect(statusOf<{ replicas: number }>(h.get('replicasets.apps', 'default', 'web')).replicas).toBe(2);
  });

  it('records FailedCreate with the API error and sets the ReplicaFailure condition', () => {
    const h = harness();
    h.api.authorizers = [
      {
        name: 'deny-pods',
        authorize: (a) => (a.resource === 'pods' && a.verb === 'create' && a.user.username === 'system:kube-controller-manager' ? { decision: 'deny', reason: 'quota' } : { decision: 'allow' }),
      },
    ];
    h.create('replicasets.apps', replicaSet('web', 3));
    expect(h.pods()).toHaveLength(0);
    const failures = h.events('web').filter((e) => e.startsWith('FailedCreate'));
    expect(failures).toHaveLength(1); // slow start: the first batch of one fails, the rest is skipped
    expect(failures[0]).toMatch(/^FailedCreate: Error creating: pods is forbidden: User "system:kube-controller-manager" cannot create resource "pods"/);
    const cond = statusOf<{ conditions: { type: string; reason: string }[] }>(h.get('replicasets.apps', 'default', 'web')).conditions[0];
    expect([cond?.type, cond?.reason]).toEqual(['ReplicaFailure', 'FailedCreate']);
  });

  it('creates in slow-start batches of 1, 2, 4 and stops after the first failing batch', () => {
    let calls = 0;
    const r = slowStartBatch(10, 1, () => {
      calls++;
      if (calls === 3) throw new Error('quota');
    });
    expect([calls, r.succeeded]).toEqual([3, 2]);
    expect(slowStartBatch(10, 1, () => {}).succeeded).toBe(10);
  });
});

describe('pod deletion ranking', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');
  const pod = (name: string, o: { node?: string; phase?: string; ready?: boolean; readyAt?: string; created?: string; restarts?: number; cost?: string }): Pod =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', ...(o.cost ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}) },
      spec: { nodeName: o.node },
      status: { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: o.readyAt ?? '2026-01-01T00:00:00Z' }], containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0 }] },
    }) as unknown as Pod;

  const cases: [string, Pod[], string][] = [
    ['an unscheduled pod goes before a scheduled one', [pod('a', { node: 'n1', ready: true }), pod('b', {})], 'b'],
    ['a Pending pod goes before a Running one', [pod('a', { node: 'n1' }), pod('b', { node: 'n1', phase: 'Pending' })], 'b'],
    ['a not-ready pod goes before a ready one', [pod('a', { node: 'n1', ready: true }), pod('b', { node: 'n1' })], 'b'],
    ['a lower deletion cost goes first', [pod('a', { node: 'n1', ready: true }), pod('b', { node: 'n1', ready: true, cost: '-5' })], 'b'],
    ['a pod doubled up on a node goes first', [pod('a', { node: 'n1', ready: true }), pod('b', { node: 'n2', ready: true }), pod('c', { node: 'n2', ready: true })], 'b'],
    ['the more recently ready pod goes first (log scale)', [pod('a', { node: 'n1', ready: true, readyAt: '2026-01-01T00:00:00Z' }), pod('b', { node: 'n2', ready: true, readyAt: '2026-01-01T00:59:00Z' })], 'b'],
    ['more restarts go first', [pod('a', { node: 'n1' }), pod('b', { node: 'n2', restarts: 3 })], 'b'],
    ['the newer pod goes first', [pod('a', { node: 'n1', created: '2026-01-01T00:00:00Z' }), pod('b', { node: 'n2', created: '2026-01-01T00:59:30Z' })], 'b'],
  ];
  for (const [title, pods, first] of cases) {
    it(title, () => {
      expect(podsToDelete(pods, pods, 1, now)[0]?.metadata.name).toBe(first);
    });
  }
});
