import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { nodeResourcesFit, leastAllocatedScore, fitsRequest } from '../../../src/scheduler/plugins/nodeResourcesFit.js';
import { nodeResourcesBalancedAllocation, balancedAllocationScore } from '../../../src/scheduler/plugins/nodeResourcesBalancedAllocation.js';
import { podInfo } from '../../../src/scheduler/snapshot.js';
import { cycle, node, pod, podRequesting, running, snapshotOf } from '../fixtures.js';

function gpuPod(count: string): Pod {
  const p = pod('trainer');
  p.spec!.containers[0]!.resources = { requests: { 'nvidia.com/gpu': count } };
  return p;
}

describe('NodeResourcesFit filter', () => {
  it.each<[string, Pod, Pod[], string[]]>([
    ['a pod that fits beside the others passes', podRequesting('500m', '1Gi'), [running('a', 'node01', { cpu: '1', memory: '2Gi' })], []],
    ['exactly filling the node still fits', podRequesting('1', '2Gi'), [running('a', 'node01', { cpu: '1', memory: '2Gi' })], []],
    ['one millicore too many is Insufficient cpu', podRequesting('1001m', '1Gi'), [running('a', 'node01', { cpu: '1' })], ['Insufficient cpu']],
    ['too much memory is Insufficient memory', podRequesting('100m', '3Gi'), [running('a', 'node01', { memory: '2Gi' })], ['Insufficient memory']],
    ['both short are both reported, cpu first', podRequesting('3', '5Gi'), [], ['Insufficient cpu', 'Insufficient memory']],
    ['a request larger than the whole node is still only Insufficient (v1.33)', podRequesting('4', '1Gi'), [], ['Insufficient cpu']],
    ['an extended resource the node lacks is Insufficient by its name', gpuPod('1'), [], ['Insufficient nvidia.com/gpu']],
    ['a pod requesting nothing fits an overcommitted node', pod('be'), [running('a', 'node01', { cpu: '3' })], []],
  ])('%s', (_name, p, existing, reasons) => {
    const snap = snapshotOf([node('node01')], existing);
    const status = nodeResourcesFit.filter!(cycle(p, snap), snap.get('node01')!);
    expect(status).toEqual(reasons.length === 0 ? null : { code: 'Unschedulable', reasons });
  });

  it('a node at its pod limit says Too many pods, before any resource', () => {
    const snap = snapshotOf([node('node01', { pods: '2' })], [running('a', 'node01'), running('b', 'node01')]);
    const status = nodeResourcesFit.filter!(cycle(podRequesting('3', '1Gi'), snap), snap.get('node01')!);
    expect(status).toEqual({ code: 'Unschedulable', reasons: ['Too many pods', 'Insufficient cpu'] });
  });

  it('reports the shortfall with the numbers behind it', () => {
    const snap = snapshotOf([node('node01')], [running('a', 'node01', { cpu: '1500m' })]);
    expect(fitsRequest(podInfo(podRequesting('600m', '1Gi')).requests, snap.get('node01')!)).toEqual([
      { resourceName: 'cpu', reason: 'Insufficient cpu', requested: 600, used: 1500, capacity: 2000 },
    ]);
  });

  it('pods that finished (Succeeded or Failed) no longer hold resources', () => {
    const done = running('job', 'node01', { cpu: '2' });
    done.status!.phase = 'Succeeded';
    const snap = snapshotOf([node('node01')], [done]);
    expect(nodeResourcesFit.filter!(cycle(podRequesting('1', '1Gi'), snap), snap.get('node01')!)).toBeNull();
  });
});

describe('NodeResourcesFit score (LeastAllocated)', () => {
  it.each<[string, Pod, Pod[], number]>([
    ['an empty node scores by what the pod takes: 500m of 2 and 1Gi of 4Gi', podRequesting('500m', '1Gi'), [], 75],
    ['a pod without requests counts as 100m and 200Mi', pod('be'), [], 95],
    ['the pods already there count', podRequesting('500m', '1Gi'), [running('a', 'node01', { cpu: '1', memory: '1Gi' })], 37],
    ['a node past full scores 0 on that resource', podRequesting('3', '1Gi'), [], 37],
  ])('%s', (_name, p, existing, score) => {
    const snap = snapshotOf([node('node01')], existing);
    expect(leastAllocatedScore(podInfo(p), snap.get('node01')!)).toBe(score);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it.each<[string, Pod, Pod[], number]>([
    ['equal shares of cpu and memory score 100', podRequesting('1', '2Gi'), [], 100],
    ['a quarter of cpu against half of memory scores 87', podRequesting('500m', '2Gi'), [], 87],
    ['shares over 1 are capped', podRequesting('4', '2Gi'), [], 75],
    ['existing requests count, without defaults for pods that set none', podRequesting('500m', '1Gi'), [running('a', 'node01'), running('b', 'node01', { cpu: '500m' })], 87],
  ])('%s', (_name, p, existing, score) => {
    const snap = snapshotOf([node('node01')], existing);
    expect(balancedAllocationScore(podInfo(p), snap.get('node01')!)).toBe(score);
  });

  it('does not score a pod requesting nothing', () => {
    const snap = snapshotOf([node('node01')]);
    expect(nodeResourcesBalancedAllocation.preScore!(cycle(pod('be'), snap), snap.nodeInfos)).toMatchObject({ code: 'Skip' });
    expect(nodeResourcesBalancedAllocation.preScore!(cycle(podRequesting('1m', '1'), snap), snap.nodeInfos)).toBeNull();
  });
});
