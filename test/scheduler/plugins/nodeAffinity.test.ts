import { describe, expect, it } from 'vitest';
import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1.js';
import { nodeAffinity } from '../../../src/scheduler/plugins/nodeAffinity.js';
import { cycle, node, pod, snapshotOf } from '../fixtures.js';

const DIDNT_MATCH = "node(s) didn't match Pod's node affinity/selector";

const required = (...terms: NodeSelectorTerm[]): Affinity => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});
const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });

const labelled = node('node01', { labels: { size: 'Large', disktype: 'ssd', cores: '8' } });

function filter(p: Pod): unknown {
  const snap = snapshotOf([labelled]);
  const ctx = cycle(p, snap);
  const pre = nodeAffinity.preFilter!(ctx);
  if (pre && 'code' in pre && pre.code === 'Skip') return null;
  return nodeAffinity.filter!(ctx, snap.get('node01')!);
}

describe('NodeAffinity filter', () => {
  it.each<[string, Pod, boolean]>([
    ['a matching nodeSelector passes', pod('p', { nodeSelector: { size: 'Large' } }), true],
    ['every nodeSelector label must match', pod('p', { nodeSelector: { size: 'Large', disktype: 'hdd' } }), false],
    ['In matches one of the values', pod('p', { affinity: required({ matchExpressions: [expr('size', 'In', ['Large', 'Medium'])] }) }), true],
    ['NotIn excludes the values', pod('p', { affinity: required({ matchExpressions: [expr('size', 'NotIn', ['Large'])] }) }), false],
    ['NotIn matches a node without the label', pod('p', { affinity: required({ matchExpressions: [expr('gpu', 'NotIn', ['yes'])] }) }), true],
    ['Exists needs the label', pod('p', { affinity: required({ matchExpressions: [expr('disktype', 'Exists')] }) }), true],
    ['DoesNotExist needs it absent', pod('p', { affinity: required({ matchExpressions: [expr('disktype', 'DoesNotExist')] }) }), false],
    ['Gt compares integers', pod('p', { affinity: required({ matchExpressions: [expr('cores', 'Gt', ['4'])] }) }), true],
    ['Lt compares integers', pod('p', { affinity: required({ matchExpressions: [expr('cores', 'Lt', ['4'])] }) }), false],
    ['Gt with a non-integer value matches nothing', pod('p', { affinity: required({ matchExpressions: [expr('cores', 'Gt', ['four'])] }) }), false],
    ['expressions of one term are ANDed', pod('p', { affinity: required({ matchExpressions: [expr('size', 'In', ['Large']), expr('disktype', 'In', ['hdd'])] }) }), false],
    ['terms are ORed', pod('p', { affinity: required({ matchExpressions: [expr('size', 'In', ['Small'])] }, { matchExpressions: [expr('disktype', 'In', ['ssd'])] }) }), true],
    ['an empty term matches nothing', pod('p', { affinity: required({}) }), false],
    ['In without values is invalid and matches nothing', pod('p', { affinity: required({ matchExpressions: [expr('size', 'In', [])] }) }), false],
    ['matchFields metadata.name picks the node by name', pod('p', { affinity: required({ matchFields: [expr('metadata.name', 'In', ['node01'])] }) }), true],
    ['nodeSelector and affinity must both match', pod('p', { nodeSelector: { size: 'Small' }, affinity: required({ matchExpressions: [expr('disktype', 'Exists')] }) }), false],
  ])('%s', (_name, p, fits) => {
    expect(filter(p)).toEqual(fits ? null : { code: 'UnschedulableAndUnresolvable', reasons: [DIDNT_MATCH] });
  });

  it('a pod without nodeSelector or required affinity skips the filter', () => {
    const snap = snapshotOf([labelled]);
    expect(nodeAffinity.preFilter!(cycle(pod('p'), snap))).toMatchObject({ code: 'Skip' });
  });

  it('required terms naming nodes by metadata.name narrow the cycle to those nodes', () => {
    const snap = snapshotOf([node('node01'), node('node02')]);
    const ds = pod('p', { affinity: required({ matchFields: [expr('metadata.name', 'In', ['node02'])] }) });
    expect(nodeAffinity.preFilter!(cycle(ds, snap))).toEqual({ nodeNames: new Set(['node02']) });
  });

  it('terms whose names contradict each other conflict', () => {
    const snap = snapshotOf([node('node01')]);
    const p = pod('p', { affinity: required({ matchFields: [expr('metadata.name', 'In', ['a']), expr('metadata.name', 'In', ['b'])] }) });
    expect(nodeAffinity.preFilter!(cycle(p, snap))).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['pod affinity terms conflict'] });
  });
});

describe('NodeAffinity score', () => {
  it('adds the weights of the preferred terms a node matches, scaled to the best node', () => {
    const nodes = [node('a', { labels: { zone: 'east', ssd: 'yes' } }), node('b', { labels: { zone: 'east' } }), node('c')];
    const snap = snapshotOf(nodes);
    const p = pod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 20, preference: { matchExpressions: [expr('zone', 'In', ['east'])] } },
            { weight: 60, preference: { matchExpressions: [expr('ssd', 'Exists')] } },
          ],
        },
      },
    });
    const ctx = cycle(p, snap);
    expect(nodeAffinity.preScore!(ctx, snap.nodeInfos)).toBeNull();
    const scores = snap.nodeInfos.map((n) => ({ name: n.name, score: nodeAffinity.score!(ctx, n) }));
    expect(scores.map((s) => s.score)).toEqual([80, 20, 0]);
    nodeAffinity.normalizeScore!(ctx, scores);
    expect(scores.map((s) => s.score)).toEqual([100, 25, 0]);
  });
});
