import { describe, expect, it } from 'vitest';
import { PodFactsLists, podChangeMattersToOwner } from '../../src/controllers/util/pods.js';
import type { Pod } from '../../src/controllers/util/types.js';

const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-1', controller: true };
const base = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-abc-x', namespace: 'default', uid: 'p1', labels: { app: 'web' }, ownerReferences: [ref] },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase: 'Running', hostIP: '192.168.1.2', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:10Z' }] },
} as unknown as Pod;

const withStatus = (status: object) => ({ ...base, status: { ...base.status, ...status } }) as Pod;
const withMeta = (metadata: object) => ({ ...base, metadata: { ...base.metadata, ...metadata } }) as Pod;

describe('podChangeMattersToOwner', () => {
  it('ignores status writes that change nothing a ReplicaSet counts', () => {
    expect(podChangeMattersToOwner(base, withStatus({ hostIP: '192.168.1.3', podIP: '10.244.1.5' }))).toBe(false);
    expect(podChangeMattersToOwner(base, withMeta({ annotations: { a: 'b' } }))).toBe(false);
    expect(podChangeMattersToOwner(base, withMeta({ labels: { app: 'web' } }))).toBe(false);
  });

  it('sees readiness, its transition time, phase, labels, the controller and deletion', () => {
    expect(podChangeMattersToOwner(base, withStatus({ conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:20Z' }] }))).toBe(true);
    expect(podChangeMattersToOwner(base, withStatus({ conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:20Z' }] }))).toBe(true);
    expect(podChangeMattersToOwner(base, withStatus({ phase: 'Succeeded' }))).toBe(true);
    expect(podChangeMattersToOwner(base, withMeta({ labels: { app: 'other' } }))).toBe(true);
    expect(podChangeMattersToOwner(base, withMeta({ ownerReferences: [] }))).toBe(true);
    expect(podChangeMattersToOwner(base, withMeta({ deletionTimestamp: '2026-01-01T00:01:00Z' }))).toBe(true);
  });
});

describe('PodFactsLists', () => {
  it('reuses facts only for the same object, per namespace, across inserted and deleted pods', () => {
    const lists = new PodFactsLists();
    const other = withMeta({ name: 'web-abc-y', uid: 'p2' });
    const first = lists.factsOf('default', [base, other]);
    expect(first.map((f) => f.readyCondition?.status)).toEqual(['True', 'True']);
    // The first pod is replaced by a not-ready version: its facts are taken afresh.
    const notReady = withStatus({ conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:20Z' }] });
    const second = lists.factsOf('default', [notReady, other]);
    expect(second.map((f) => f.readyCondition?.status)).toEqual(['False', 'True']);
    expect(second[1]).toBe(first[1]);
    // A pod inserted before them shifts positions: the others keep their own facts, nothing is
    // taken from the wrong pod.
    const finished = { ...withMeta({ name: 'a-first', uid: 'p0' }), status: { phase: 'Succeeded' } } as Pod;
    const shifted = lists.factsOf('default', [finished, notReady, other]);
    expect(shifted.map((f) => [f.active, f.ready, f.readyCondition?.status])).toEqual([[false, false, undefined], [true, false, 'False'], [true, true, 'True']]);
    expect(shifted[1]).toBe(second[0]);
    expect(shifted[2]).toBe(first[1]);
    // A deleted pod and a changed one after it: the changed one is read afresh.
    const otherLabelled = { ...other, metadata: { ...other.metadata, labels: { app: 'db' } } } as Pod;
    const after = lists.factsOf('default', [finished, otherLabelled]);
    expect(after[0]).toBe(shifted[0]);
    expect(after[1]!.labels).toEqual({ app: 'db' });
    expect(lists.factsOf('kube-system', [other])[0]!.labels).toEqual({ app: 'web' });
  });
});
