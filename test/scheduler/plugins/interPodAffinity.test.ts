import { describe, expect, it } from 'vitest';
import type { Affinity, Node, Pod, PodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { interPodAffinity } from '../../../src/scheduler/plugins/interPodAffinity.js';
import { podInfo, type ClusterSnapshot } from '../../../src/scheduler/snapshot.js';
import { cycle, node, pod, running, snapshotOf } from '../fixtures.js';

const AFFINITY = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING_ANTI = "node(s) didn't satisfy existing pods anti-affinity rules";

const term = (labels: Record<string, string>, topologyKey = 'kubernetes.io/hostname', extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({
  labelSelector: { matchLabels: labels },
  topologyKey,
  ...extra,
});
const requiredAffinity = (...t: PodAffinityTerm[]): Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });
const requiredAnti = (...t: PodAffinityTerm[]): Affinity => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });

const zoned = (name: string, zone: string): Node => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });

/** The filter verdict for each node, as reason or "ok". */
function verdicts(p: Pod, nodes: Node[], existing: Pod[], extra = {}): Record<string, string> {
  const snap = snapshotOf(nodes, existing, extra);
  const ctx = cycle(p, snap);
  const pre = interPodAffinity.preFilter!(ctx);
  const out: Record<string, string> = {};
  for (const n of snap.nodeInfos) {
    const s = pre && 'code' in pre && pre.code === 'Skip' ? null : interPodAffinity.filter!(ctx, n);
    out[n.name] = s ? `${s.code}: ${s.reasons.join(', ')}` : 'ok';
  }
  return out;
}

describe('InterPodAffinity filter', () => {
  it('required affinity puts the pod beside a matching pod', () => {
    const p = pod('web', { affinity: requiredAffinity(term({ app: 'cache' })) });
    expect(verdicts(p, [node('node01'), node('node02')], [running('redis', 'node02', { labels: { app: 'cache' } })])).toEqual({
      node01: `UnschedulableAndUnresolvable: ${AFFINITY}`,
      node02: 'ok',
    });
  });

  it('required affinity by zone accepts any node of the matching pod zone', () => {
    const p = pod('web', { affinity: requiredAffinity(term({ app: 'cache' }, 'topology.kubernetes.io/zone')) });
    const nodes = [zoned('a1', 'a'), zoned('a2', 'a'), zoned('b1', 'b')];
    expect(verdicts(p, nodes, [running('redis', 'a2', { labels: { app: 'cache' } })])).toEqual({
      a1: 'ok',
      a2: 'ok',
      b1: `UnschedulableAndUnresolvable: ${AFFINITY}`,
    });
  });

  it('with no matching pod anywhere, nothing fits', () => {
    const p = pod('web', { affinity: requiredAffinity(term({ app: 'cache' })) });
    expect(verdicts(p, [node('node01')], [])).toEqual({ node01: `UnschedulableAndUnresolvable: ${AFFINITY}` });
  });

  it('the first pod of a group with affinity to itself may start it anywhere', () => {
    const p = pod('web-1', { labels: { app: 'web' }, affinity: requiredAffinity(term({ app: 'web' })) });
    expect(verdicts(p, [node('node01'), node('node02')], [])).toEqual({ node01: 'ok', node02: 'ok' });
  });

  it('a node without the topology label never satisfies affinity', () => {
    const p = pod('web-1', { labels: { app: 'web' }, affinity: requiredAffinity(term({ app: 'web' }, 'rack')) });
    expect(verdicts(p, [node('node01')], [])).toEqual({ node01: `UnschedulableAndUnresolvable: ${AFFINITY}` });
  });

  it('affinity only looks in the pod namespace unless told otherwise', () => {
    const p = pod('web', { affinity: requiredAffinity(term({ app: 'cache' })) });
    const other = running('redis', 'node01', { labels: { app: 'cache' }, namespace: 'infra' });
    expect(verdicts(p, [node('node01')], [other])).toEqual({ node01: `UnschedulableAndUnresolvable: ${AFFINITY}` });
    const anyNs = pod('web', { affinity: requiredAffinity(term({ app: 'cache' }, 'kubernetes.io/hostname', { namespaces: ['infra'] })) });
    expect(verdicts(anyNs, [node('node01')], [other])).toEqual({ node01: 'ok' });
  });

  it('a namespaceSelector picks namespaces by their labels', () => {
    const p = pod('web', { affinity: requiredAffinity(term({ app: 'cache' }, 'kubernetes.io/hostname', { namespaceSelector: { matchLabels: { team: 'infra' } } })) });
    const namespaces = [
      { metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } } },
      { metadata: { name: 'infra', labels: { 'kubernetes.io/metadata.name': 'infra', team: 'infra' } } },
    ];
    const existing = [running('redis', 'node02', { labels: { app: 'cache' }, namespace: 'infra' }), running('r2', 'node01', { labels: { app: 'cache' } })];
    expect(verdicts(p, [node('node01'), node('node02')], existing, { namespaces })).toEqual({
      node01: `UnschedulableAndUnresolvable: ${AFFINITY}`,
      node02: 'ok',
    });
  });

  it('required anti-affinity keeps replicas on different nodes', () => {
    const p = pod('web-2', { labels: { app: 'web' }, affinity: requiredAnti(term({ app: 'web' })) });
    expect(verdicts(p, [node('node01'), node('node02')], [running('web-1', 'node01', { labels: { app: 'web' } })])).toEqual({
      node01: `Unschedulable: ${ANTI}`,
      node02: 'ok',
    });
  });

  it('a running pod anti-affine to the newcomer keeps it out of its domain', () => {
    const guard = running('guard', 'node01', { affinity: requiredAnti(term({ app: 'noisy' })) });
    expect(verdicts(pod('noisy', { labels: { app: 'noisy' } }), [node('node01'), node('node02')], [guard])).toEqual({
      node01: `Unschedulable: ${EXISTING_ANTI}`,
      node02: 'ok',
    });
  });

  it('a pod with required anti-affinity placed since keeps the next pods out, though earlier ones found none', () => {
    const snap = snapshotOf([node('node01'), node('node02')], [running('a', 'node01', { labels: { app: 'web' } })]);
    expect(interPodAffinity.preFilter!(cycle(pod('p', { labels: { app: 'web' } }), snap))).toMatchObject({ code: 'Skip' });
    snap.assume(podInfo(running('lonely', 'node02', { affinity: requiredAnti(term({ app: 'web' })) })), 'node02');
    const ctx = cycle(pod('q', { labels: { app: 'web' } }), snap);
    expect(interPodAffinity.preFilter!(ctx)).toBeNull();
    expect(interPodAffinity.filter!(ctx, snap.get('node02')!)).toMatchObject({ reasons: [EXISTING_ANTI] });
  });

  it('a pod with no affinity and no anti-affine neighbours skips the plugin', () => {
    const snap = snapshotOf([node('node01')], [running('a', 'node01', { labels: { app: 'web' } })]);
    expect(interPodAffinity.preFilter!(cycle(pod('p'), snap))).toMatchObject({ code: 'Skip' });
  });
});

describe('InterPodAffinity score', () => {
  /** PreScore, Score and NormalizeScore of `p` on a snapshot ('skip' when PreScore skips). */
  function scoresOn(snap: ClusterSnapshot, p: Pod): Record<string, number> | 'skip' {
    const ctx = cycle(p, snap);
    const pre = interPodAffinity.preScore!(ctx, snap.nodeInfos);
    if (pre?.code === 'Skip') return 'skip';
    const list = snap.nodeInfos.map((n) => ({ name: n.name, score: interPodAffinity.score!(ctx, n) }));
    interPodAffinity.normalizeScore!(ctx, list);
    return Object.fromEntries(list.map((s) => [s.name, s.score]));
  }

  const scores = (p: Pod, nodes: Node[], existing: Pod[]) => scoresOn(snapshotOf(nodes, existing), p);

  it('preferred affinity pulls toward the matching pods, anti-affinity pushes away', () => {
    const p = pod('web', {
      affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term({ app: 'cache' }) }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term({ app: 'batch' }) }] },
      },
    });
    const existing = [running('redis', 'a', { labels: { app: 'cache' } }), running('job', 'c', { labels: { app: 'batch' } })];
    expect(scores(p, [node('a'), node('b'), node('c')], existing)).toEqual({ a: 100, b: 33, c: 0 });
  });

  it('an existing pod with required affinity to the newcomer attracts it', () => {
    const sidecar = running('agent', 'b', { affinity: requiredAffinity(term({ app: 'web' })) });
    expect(scores(pod('web', { labels: { app: 'web' } }), [node('a'), node('b')], [sidecar])).toEqual({ a: 0, b: 100 });
  });

  it('with no preferences on either side there is nothing to score', () => {
    expect(scores(pod('web'), [node('a')], [running('x', 'a')])).toBe('skip');
  });

  describe('for pods without preferred terms of their own (worked out once for equal pods)', () => {
    const toWeb = requiredAffinity(term({ app: 'web' }));

    it('a pod with affinity placed since counts for the next replica', () => {
      const snap = snapshotOf([node('a'), node('b')], [running('agent', 'b', { affinity: toWeb })]);
      expect(scoresOn(snap, pod('web-1', { labels: { app: 'web' } }))).toEqual({ a: 0, b: 100 });
      snap.assume(podInfo(running('agent2', 'a', { affinity: toWeb })), 'a');
      snap.assume(podInfo(running('agent3', 'a', { affinity: toWeb })), 'a');
      expect(scoresOn(snap, pod('web-2', { labels: { app: 'web' } }))).toEqual({ a: 100, b: 0 });
    });

    it('a pod with other labels or in another namespace gets its own answer', () => {
      const snap = snapshotOf([node('a'), node('b')], [running('agent', 'b', { affinity: toWeb })]);
      expect(scoresOn(snap, pod('web-1', { labels: { app: 'web' } }))).toEqual({ a: 0, b: 100 });
      expect(scoresOn(snap, pod('db-1', { labels: { app: 'db' } }))).toBe('skip');
      expect(scoresOn(snap, pod('web-x', { labels: { app: 'web', extra: 'x' } }))).toEqual({ a: 0, b: 100 });
      expect(scoresOn(snap, pod('web-o', { labels: { app: 'web' }, namespace: 'other' }))).toBe('skip');
    });
  });
});
