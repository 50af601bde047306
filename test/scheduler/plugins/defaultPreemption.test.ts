import { describe, expect, it } from 'vitest';
import { kubeadmNodes, node, placement, podRequesting, running, schedule } from '../fixtures.js';

const low = (name: string, nodeName: string, cpu: string, priority = 0, startTime?: string) =>
  running(name, nodeName, { cpu, memory: '100Mi', priority, ...(startTime ? { startTime } : {}) });

describe('DefaultPreemption', () => {
  it('evicts the lower-priority pod that makes room and nominates its node', () => {
    const existing = [low('batch', 'node01', '1500m', 0), low('api', 'node02', '1500m', 2000)];
    const r = schedule(podRequesting('1', '1Gi', { priority: 1000 }), kubeadmNodes(), existing);
    expect(r).toMatchObject({
      unschedulable: true,
      nominatedNodeName: 'node01',
      message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
    });
    expect('victims' in r && r.victims!.map((v) => v.metadata!.name)).toEqual(['batch']);
  });

  it('evicts only as many as needed, reprieving the more important ones first', () => {
    const existing = [low('a', 'node01', '600m', 10), low('b', 'node01', '600m', 20), low('c', 'node01', '600m', 30)];
    const r = schedule(podRequesting('700m', '1Gi', { priority: 100 }), [node('node01')], existing);
    expect('victims' in r && r.victims!.map((v) => v.metadata!.name)).toEqual(['a']);
    const more = schedule(podRequesting('1', '1Gi', { priority: 100 }), [node('node01')], existing);
    expect('victims' in more && more.victims!.map((v) => v.metadata!.name)).toEqual(['b', 'a']);
  });

  it('prefers the node whose most important victim matters least', () => {
    const existing = [low('x', 'node01', '2', 50), low('y', 'node02', '2', 5)];
    const r = schedule(podRequesting('1', '1Gi', { priority: 100 }), kubeadmNodes(), existing);
    expect(r).toMatchObject({ nominatedNodeName: 'node02' });
  });

  it('then the node with fewer victims', () => {
    const existing = [low('x1', 'node01', '1', 5), low('x2', 'node01', '1', 5), low('y', 'node02', '2', 5)];
    const r = schedule(podRequesting('2', '1Gi', { priority: 100 }), kubeadmNodes(), existing);
    expect(r).toMatchObject({ nominatedNodeName: 'node02' });
  });

  it('a node that stays too small with every lower pod gone keeps its filter reason', () => {
    const existing = [low('batch', 'node01', '1', 0), low('sys', 'node01', '1', 5000), low('x', 'node02', '2', 5000)];
    expect(placement(schedule(podRequesting('1500m', '1Gi', { priority: 1000 }), kubeadmNodes(), existing))).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it('a pod with preemptionPolicy Never does not preempt', () => {
    const existing = [low('batch', 'node01', '2', 0), low('batch2', 'node02', '2', 0)];
    expect(placement(schedule(podRequesting('1', '1Gi', { priority: 1000, preemptionPolicy: 'Never' }), kubeadmNodes(), existing))).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('a pod waiting for its victims to terminate on its nominated node does not preempt again', () => {
    const batch = low('batch', 'node01', '2', 0);
    const victim = { ...batch, metadata: { ...batch.metadata, deletionTimestamp: '2026-01-01T00:01:00Z' } };
    victim.status!.conditions = [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }];
    const preemptor = podRequesting('1', '1Gi', { priority: 1000 });
    preemptor.status!.nominatedNodeName = 'node01';
    expect(placement(schedule(preemptor, kubeadmNodes(), [victim, low('other', 'node02', '2', 0)]))).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.',
    );
  });
});

describe('a pod nominated by an earlier preemption', () => {
  it('goes to its nominated node as soon as that fits, even if another node would score higher', () => {
    const preemptor = podRequesting('1', '1Gi', { priority: 1000 });
    preemptor.status!.nominatedNodeName = 'node01';
    const existing = [low('half', 'node01', '900m', 0)];
    expect(placement(schedule(preemptor, kubeadmNodes(), existing))).toBe('node01');
  });

  it('is scheduled normally when its nominated node does not fit', () => {
    const preemptor = podRequesting('1', '1Gi', { priority: 1000 });
    preemptor.status!.nominatedNodeName = 'node01';
    expect(placement(schedule(preemptor, kubeadmNodes(), [low('full', 'node01', '2', 5000)]))).toBe('node02');
  });

  it('holds its room against lower-priority pods while the victims terminate', () => {
    const preemptor = podRequesting('1500m', '1Gi', { name: 'vip', priority: 1000 });
    preemptor.status!.nominatedNodeName = 'node01';
    const nodes = [node('node01')];
    expect(placement(schedule(podRequesting('1', '1Gi', { name: 'late' }), nodes, [preemptor]))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    expect(placement(schedule(podRequesting('1', '1Gi', { name: 'late' }), nodes, []))).toBe('node01');
  });
});
