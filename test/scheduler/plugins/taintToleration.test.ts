import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { taintToleration } from '../../../src/scheduler/plugins/taintToleration.js';
import { toleratesTaint } from '../../../src/scheduler/taints.js';
import { cycle, node, nodeWithTaints, pod, snapshotOf } from '../fixtures.js';

const noSchedule = (key: string, value?: string): Taint => ({ key, ...(value !== undefined ? { value } : {}), effect: 'NoSchedule' });

describe('TaintToleration filter', () => {
  it.each<[string, Taint[], Toleration[], string | null]>([
    ['a node without taints takes any pod', [], [], null],
    ['an untolerated NoSchedule taint with a value names key and value', [noSchedule('spray', 'mortein')], [], 'node(s) had untolerated taint {spray: mortein}'],
    ['a taint without a value leaves the space after the colon', [noSchedule('node-role.kubernetes.io/control-plane')], [], 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    ['an untolerated NoExecute taint rejects too', [{ key: 'gpu', value: 'true', effect: 'NoExecute' }], [], 'node(s) had untolerated taint {gpu: true}'],
    ['a PreferNoSchedule taint never rejects', [{ key: 'slow', effect: 'PreferNoSchedule' }], [], null],
    ['Equal with the same value tolerates', [noSchedule('spray', 'mortein')], [{ key: 'spray', operator: 'Equal', value: 'mortein', effect: 'NoSchedule' }], null],
    ['an empty operator means Equal', [noSchedule('spray', 'mortein')], [{ key: 'spray', value: 'mortein' }], null],
    ['Equal with another value does not tolerate', [noSchedule('spray', 'mortein')], [{ key: 'spray', operator: 'Equal', value: 'goodknight', effect: 'NoSchedule' }], 'node(s) had untolerated taint {spray: mortein}'],
    ['Exists tolerates any value of the key', [noSchedule('spray', 'mortein')], [{ key: 'spray', operator: 'Exists' }], null],
    ['Exists with an empty key tolerates every taint', [noSchedule('a', '1'), { key: 'b', effect: 'NoExecute' }], [{ operator: 'Exists' }], null],
    ['a toleration for another effect does not tolerate', [noSchedule('spray', 'mortein')], [{ key: 'spray', operator: 'Exists', effect: 'NoExecute' }], 'node(s) had untolerated taint {spray: mortein}'],
    ['the first untolerated taint in node order is reported', [noSchedule('a', '1'), noSchedule('b', '2')], [{ key: 'a', operator: 'Exists' }], 'node(s) had untolerated taint {b: 2}'],
  ])('%s', (_name, taints, tolerations, reason) => {
    const n = nodeWithTaints('node01', ...taints);
    const status = taintToleration.filter!(cycle(pod('p', { tolerations }), snapshotOf([n])), snapshotOf([n]).get('node01')!);
    if (reason === null) expect(status).toBeNull();
    else expect(status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [reason] });
  });

  it('an unknown operator tolerates nothing', () => {
    expect(toleratesTaint({ key: 'a', operator: 'Matches' }, noSchedule('a'))).toBe(false);
  });
});

describe('TaintToleration score', () => {
  it('ranks nodes by untolerated PreferNoSchedule taints, fewest first, scaled to 0..100', () => {
    const prefer = (key: string): Taint => ({ key, effect: 'PreferNoSchedule' });
    const nodes = [node('clean'), nodeWithTaints('one', prefer('a')), nodeWithTaints('two', prefer('a'), prefer('b'))];
    const snap = snapshotOf(nodes);
    const ctx = cycle(pod('p', { tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoSchedule' }] }), snap);
    const scores = snap.nodeInfos.map((n) => ({ name: n.name, score: taintToleration.score!(ctx, n) }));
    taintToleration.normalizeScore!(ctx, scores);
    expect(scores).toEqual([
      { name: 'clean', score: 100 },
      { name: 'one', score: 50 },
      { name: 'two', score: 0 },
    ]);
  });

  it('a toleration without an effect also tolerates PreferNoSchedule taints', () => {
    const nodes = [node('clean'), nodeWithTaints('tainted', { key: 'a', effect: 'PreferNoSchedule' })];
    const snap = snapshotOf(nodes);
    const ctx = cycle(pod('p', { tolerations: [{ key: 'a', operator: 'Exists' }] }), snap);
    expect(snap.nodeInfos.map((n) => taintToleration.score!(ctx, n))).toEqual([0, 0]);
  });
});
