import { describe, expect, it, vi } from 'vitest';
import { bareP, deployment, harness, replicaSet } from './harness.js';

const DEPLOY = 'deployments.apps';
const RS = 'replicasets.apps';

describe('garbage collector', () => {
  it('ignores Events as the controller-manager does: an Event with a dangling owner stays, and Events are never offered', () => {
    const h = harness();
    const gc = h.loop['members'].flatMap((m) => m.component.reconcilers).find((r) => r.name === 'garbage-collector-controller')!;
    const keysFor = vi.spyOn(gc, 'keysFor');
    const owner = [{ apiVersion: 'v1', kind: 'Pod', name: 'gone', uid: 'no-such-uid', controller: true }];
    h.create('events', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1', namespace: 'default', ownerReferences: owner }, involvedObject: { kind: 'Pod', name: 'gone', namespace: 'default' }, reason: 'Test', message: 'x', type: 'Normal' });
    h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', namespace: 'default', ownerReferences: owner } });
    expect(keysFor.mock.calls.map(([e]) => e.resource)).not.toContain('events');
    expect(h.get('events', 'default', 'e1')).toBeDefined();
    expect(h.get('configmaps', 'default', 'c1')).toBeUndefined();
  });

  it('deletes the ReplicaSets and pods of a deleted Deployment (background cascade)', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 2));
    h.markPodsRunning();
    h.delete(DEPLOY, 'default', 'web');
    expect(h.list(RS)).toEqual([]);
    expect(h.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
    h.finishTerminating();
    expect(h.pods()).toEqual([]);
  });

  it('keeps a foreground-deleted owner until its blocking dependents are gone', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 2));
    h.markPodsRunning();
    h.delete(DEPLOY, 'default', 'web', 'Foreground');
    const d = h.get(DEPLOY, 'default', 'web')!;
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(h.list(RS)[0]!.metadata.finalizers).toEqual(['foregroundDeletion']);
    h.finishTerminating();
    expect(h.pods()).toEqual([]);
    expect(h.list(RS)).toEqual([]);
    expect(h.get(DEPLOY, 'default', 'web')).toBeUndefined();
  });

  it('orphans dependents of an owner deleted with propagationPolicy Orphan', () => {
    const h = harness();
    h.create(RS, replicaSet('web', 2));
    h.delete(RS, 'default', 'web', 'Orphan');
    expect(h.get(RS, 'default', 'web')).toBeUndefined();
    expect(h.pods()).toHaveLength(2);
    expect(h.pods().every((p) => p.metadata.ownerReferences === undefined)).toBe(true);
  });

  it('deletes an object whose only owner does not exist', () => {
    const h = harness();
    const pod = bareP('stray', { app: 'x' }) as ReturnType<typeof bareP> & { metadata: { ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string }[] } };
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: '00000000-0000-4000-8000-000000000000' }];
    h.create('pods', pod);
    expect(h.get('pods', 'default', 'stray')).toBeUndefined();
  });

  it('drops only the dangling reference when another owner still exists', () => {
    const h = harness();
    const cm = h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    h.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'child',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: cm.metadata.uid },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-4000-8000-000000000001' },
        ],
      },
    });
    expect(h.get('configmaps', 'default', 'child')!.metadata.ownerReferences?.map((r) => r.name)).toEqual(['owner']);
    h.delete('configmaps', 'default', 'owner');
    expect(h.get('configmaps', 'default', 'child')).toBeUndefined();
  });

  it('collects garbage left while the controller-manager was down once it restarts', () => {
    const h = harness();
    h.create(RS, replicaSet('web', 1));
    h.setRunning(false);
    h.delete(RS, 'default', 'web');
    expect(h.pods()).toHaveLength(1);
    h.setRunning(true);
    expect(h.pods()).toHaveLength(0);
  });
});
