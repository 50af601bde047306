import { describe, expect, it } from 'vitest';
import type { Toleration } from 'kubernetes-types/core/v1.js';
import { nodeUnschedulable } from '../../../src/scheduler/plugins/nodeUnschedulable.js';
import { nodeName } from '../../../src/scheduler/plugins/nodeName.js';
import { cycle, node, pod, snapshotOf } from '../fixtures.js';

describe('NodeUnschedulable', () => {
  it.each<[string, boolean, Toleration[], boolean]>([
    ['a schedulable node takes the pod', false, [], true],
    ['a cordoned node refuses a pod without tolerations', true, [], false],
    ['a cordoned node takes a pod tolerating node.kubernetes.io/unschedulable', true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], true],
    ['a cordoned node takes a pod tolerating everything', true, [{ operator: 'Exists' }], true],
    ['a toleration of another taint does not help', true, [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }], false],
  ])('%s', (_name, cordoned, tolerations, fits) => {
    const snap = snapshotOf([node('node01', { unschedulable: cordoned })]);
    const status = nodeUnschedulable.filter!(cycle(pod('p', { tolerations }), snap), snap.get('node01')!);
    expect(status).toEqual(fits ? null : { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
  });
});

describe('NodeName', () => {
  it.each([
    ['a pod naming no node fits anywhere', undefined, true],
    ['a pod naming this node fits', 'node01', true],
    ['a pod naming another node does not', 'node02', false],
  ])('%s', (_name, wanted, fits) => {
    const snap = snapshotOf([node('node01')]);
    const status = nodeName.filter!(cycle(pod('p', { nodeName: wanted }), snap), snap.get('node01')!);
    expect(status).toEqual(fits ? null : { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] });
  });
});
