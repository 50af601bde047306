import { describe, expect, it } from 'vitest';
import { NodeToStatus, unresolvable, unschedulable } from '../../src/scheduler/framework.js';
import { formatFitError, truncateMessage } from '../../src/scheduler/fitError.js';

describe('the FailedScheduling message', () => {
  it('counts each reason over the nodes and sorts the counts as strings, so 10 comes before 2', () => {
    const statuses = new NodeToStatus();
    for (let i = 0; i < 10; i++) statuses.set(`w${i}`, unschedulable('Insufficient memory'));
    statuses.set('a', unschedulable('Insufficient cpu'));
    statuses.set('b', unschedulable('Insufficient cpu'));
    expect(formatFitError({ numAllNodes: 12, statuses })).toBe('0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.');
  });

  it('a node short of two resources counts toward both', () => {
    const statuses = new NodeToStatus();
    statuses.set('n', unschedulable('Insufficient cpu', 'Insufficient memory'));
    expect(formatFitError({ numAllNodes: 1, statuses })).toBe('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.');
  });

  it('nodes absent from the map all share the absent status', () => {
    const statuses = new NodeToStatus(unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]"));
    statuses.set('n1', unschedulable('Too many pods'));
    expect(formatFitError({ numAllNodes: 4, statuses })).toBe("0/4 nodes are available: 1 Too many pods, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('a PreFilter message replaces the histogram and the PostFilter message follows as is', () => {
    const statuses = new NodeToStatus(unresolvable('pod has unbound immediate PersistentVolumeClaims'));
    expect(
      formatFitError({ numAllNodes: 2, statuses, preFilterMsg: 'pod has unbound immediate PersistentVolumeClaims', postFilterMsg: 'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.' }),
    ).toBe('0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  it('event notes longer than 1024 characters are cut with " ..."', () => {
    const cut = truncateMessage('x'.repeat(2000));
    expect(cut.length).toBe(1024);
    expect(cut.endsWith('x ...')).toBe(true);
  });
});
