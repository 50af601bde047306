import { describe, expect, it } from 'vitest';
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { podTopologySpread } from '../../../src/scheduler/plugins/podTopologySpread.js';
import { podInfo, type SnapshotInput } from '../../../src/scheduler/snapshot.js';
import { cycle, node, pod, running, snapshotOf } from '../fixtures.js';

const NOT_MATCH = "node(s) didn't match pod topology spread constraints";

const spread = (topologyKey: string, maxSkew = 1, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew,
  topologyKey,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { app: 'web' } },
  ...extra,
});
const web = (name: string, nodeName: string): Pod => running(name, nodeName, { labels: { app: 'web' } });
const zoned = (name: string, zone: string): Node => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });

function verdicts(p: Pod, nodes: Node[], existing: Pod[]): Record<string, string> {
  const snap = snapshotOf(nodes, existing);
  const ctx = cycle(p, snap);
  podTopologySpread.preFilter!(ctx);
  return Object.fromEntries(snap.nodeInfos.map((n) => {
    const s = podTopologySpread.filter!(ctx, n);
    return [n.name, s ? `${s.code}: ${s.reasons.join(', ')}` : 'ok'];
  }));
}

describe('PodTopologySpread filter', () => {
  it('refuses the node that would make the skew exceed maxSkew', () => {
    const p = pod('web-4', { labels: { app: 'web' }, topologySpreadConstraints: [spread('kubernetes.io/hostname')] });
    expect(verdicts(p, [node('node01'), node('node02')], [web('w1', 'node01'), web('w2', 'node01'), web('w3', 'node02')])).toEqual({
      node01: `Unschedulable: ${NOT_MATCH}`,
      node02: 'ok',
    });
  });

  it('counts zones, not nodes, for a zone key', () => {
    const p = pod('web-3', { labels: { app: 'web' }, topologySpreadConstraints: [spread('topology.kubernetes.io/zone')] });
    const nodes = [zoned('a1', 'a'), zoned('a2', 'a'), zoned('b1', 'b')];
    expect(verdicts(p, nodes, [web('w1', 'a1'), web('w2', 'b1'), web('w3', 'a2')])).toEqual({
      a1: `Unschedulable: ${NOT_MATCH}`,
      a2: `Unschedulable: ${NOT_MATCH}`,
      b1: 'ok',
    });
  });

  it('a node without the topology key is out for good', () => {
    const p = pod('web', { labels: { app: 'web' }, topologySpreadConstraints: [spread('topology.kubernetes.io/zone')] });
    expect(verdicts(p, [zoned('a1', 'a'), node('bare')], [])).toEqual({
      a1: 'ok',
      bare: `UnschedulableAndUnresolvable: ${NOT_MATCH} (missing required label)`,
    });
  });

  it('minDomains above the domains there are makes the global minimum 0', () => {
    const p = pod('web', { labels: { app: 'web' }, topologySpreadConstraints: [spread('kubernetes.io/hostname', 1, { minDomains: 3 })] });
    expect(verdicts(p, [node('node01'), node('node02')], [web('w1', 'node01'), web('w2', 'node02')])).toEqual({
      node01: `Unschedulable: ${NOT_MATCH}`,
      node02: `Unschedulable: ${NOT_MATCH}`,
    });
  });

  it('by default only nodes matching the pod nodeSelector count toward the skew', () => {
    const p = pod('web', { labels: { app: 'web' }, nodeSelector: { pool: 'blue' }, topologySpreadConstraints: [spread('kubernetes.io/hostname')] });
    const nodes = [node('blue1', { labels: { pool: 'blue' } }), node('blue2', { labels: { pool: 'blue' } }), node('red')];
    expect(verdicts(p, nodes, [web('w1', 'blue1')])).toEqual({ blue1: `Unschedulable: ${NOT_MATCH}`, blue2: 'ok', red: 'ok' });
  });

  it('a pod with no constraints and no owner skips the plugin', () => {
    const snap = snapshotOf([node('node01')]);
    expect(podTopologySpread.preFilter!(cycle(pod('p'), snap))).toMatchObject({ code: 'Skip' });
  });
});

describe('PodTopologySpread score', () => {
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-7d9f', namespace: 'default', uid: 'uid-web-7d9f' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: {} },
  };
  const replica = (name: string, nodeName?: string): Pod =>
    nodeName ? running(name, nodeName, { labels: { app: 'web' }, owner: { kind: 'ReplicaSet', name: 'web-7d9f' } }) : pod(name, { labels: { app: 'web' }, owner: { kind: 'ReplicaSet', name: 'web-7d9f' } });

  function scores(p: Pod, nodes: Node[], existing: Pod[], extra: Partial<SnapshotInput> = {}): Record<string, number> | 'skip' {
    const snap = snapshotOf(nodes, existing, extra);
    const ctx = cycle(p, snap);
    if (podTopologySpread.preScore!(ctx, snap.nodeInfos)?.code === 'Skip') return 'skip';
    const list = snap.nodeInfos.map((n) => ({ name: n.name, score: podTopologySpread.score!(ctx, n) }));
    podTopologySpread.normalizeScore!(ctx, list);
    return Object.fromEntries(list.map((s) => [s.name, s.score]));
  }

  it("spreads a ReplicaSet's replicas by default: the node with fewer scores higher", () => {
    expect(scores(replica('web-3'), [node('node01'), node('node02')], [replica('web-1', 'node01'), replica('web-2', 'node01')], { replicaSets: [rs] })).toEqual({
      node01: 40,
      node02: 100,
    });
  });

  it('gives every node full marks while the replicas are even', () => {
    expect(scores(replica('web-3'), [node('node01'), node('node02')], [replica('web-1', 'node01'), replica('web-2', 'node02')], { replicaSets: [rs] })).toEqual({
      node01: 100,
      node02: 100,
    });
  });

  it('a service selecting the pod spreads it too', () => {
    const svc = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } };
    expect(scores(pod('solo', { labels: { app: 'web' } }), [node('node01'), node('node02')], [web('w1', 'node02')], { services: [svc] })).toEqual({
      node01: 100,
      node02: 66,
    });
  });

  it('an owner the scheduler cannot see gives no default spreading', () => {
    expect(scores(replica('web-3'), [node('node01')], [replica('web-1', 'node01')])).toBe('skip');
  });

  it('pods of one pass get the default selector of their own owner and labels (it is worked out once for equal pods)', () => {
    const snap = snapshotOf([node('node01'), node('node02')], [replica('web-1', 'node01'), replica('web-2', 'node01')], { replicaSets: [rs] });
    const scoresIn = (p: Pod): Record<string, number> | 'skip' => {
      const ctx = cycle(p, snap);
      if (podTopologySpread.preScore!(ctx, snap.nodeInfos)?.code === 'Skip') return 'skip';
      const list = snap.nodeInfos.map((n) => ({ name: n.name, score: podTopologySpread.score!(ctx, n) }));
      podTopologySpread.normalizeScore!(ctx, list);
      return Object.fromEntries(list.map((s) => [s.name, s.score]));
    };
    expect(scoresIn(replica('web-3'))).toEqual({ node01: 40, node02: 100 });
    // The same labels without the owner, or the owner's pods labelled apart: no defaults.
    expect(scoresIn(pod('loose', { labels: { app: 'web' } }))).toBe('skip');
    expect(scoresIn(pod('other', { labels: { app: 'web' }, owner: { kind: 'ReplicaSet', name: 'gone' } }))).toBe('skip');
    expect(scoresIn(replica('web-4'))).toEqual({ node01: 40, node02: 100 });
  });

  it("the default zone spreading weighs each pass's own zones", () => {
    const zonedReplicas = (zones: string[]) => {
      const nodes = zones.map((z, i) => zoned(`n${i}`, z));
      return scores(replica('web-9'), nodes, [replica('web-1', 'n0'), replica('web-2', 'n0'), replica('web-3', 'n1')], { replicaSets: [rs] });
    };
    expect(zonedReplicas(['a', 'a', 'b'])).toEqual({ n0: 46, n1: 53, n2: 100 });
    expect(zonedReplicas(['a', 'b', 'c'])).toEqual({ n0: 50, n1: 75, n2: 100 });
    expect(zonedReplicas(['a', 'a', 'b'])).toEqual({ n0: 46, n1: 53, n2: 100 });
  });

  it('the default zone spreading weighs only the zones of the feasible nodes', () => {
    const snap = snapshotOf([zoned('n0', 'a'), zoned('n1', 'a'), zoned('n2', 'b'), zoned('n3', 'c')], [replica('web-1', 'n0'), replica('web-2', 'n0'), replica('web-3', 'n2')], { replicaSets: [rs] });
    const ctx = cycle(replica('web-9'), snap);
    const feasible = snap.nodeInfos.slice(0, 2);
    podTopologySpread.preScore!(ctx, feasible);
    const list = feasible.map((n) => ({ name: n.name, score: podTopologySpread.score!(ctx, n) }));
    podTopologySpread.normalizeScore!(ctx, list);
    expect(Object.fromEntries(list.map((x) => [x.name, x.score]))).toEqual({ n0: 72, n1: 100 });
  });

  /** PreScore, Score and NormalizeScore of `p` over `feasible` nodes of `snap`. */
  function scoresOver(p: Pod, snap: ReturnType<typeof snapshotOf>, feasible = snap.nodeInfos): Record<string, number> {
    const ctx = cycle(p, snap);
    podTopologySpread.preScore!(ctx, feasible);
    const list = feasible.map((n) => ({ name: n.name, score: podTopologySpread.score!(ctx, n) }));
    podTopologySpread.normalizeScore!(ctx, list);
    return Object.fromEntries(list.map((x) => [x.name, x.score]));
  }

  it('replicas of one pass share the default spreading worked out once, but not over fewer feasible nodes', () => {
    const input = [[node('node01'), node('node02'), node('node03')], [replica('web-1', 'node01'), replica('web-2', 'node02'), replica('web-3', 'node02')]] as const;
    const snap = snapshotOf([...input[0]], [...input[1]], { replicaSets: [rs] });
    expect(scoresOver(replica('web-4'), snap)).toEqual({ node01: 60, node02: 40, node03: 100 });
    // Two feasible nodes weigh the hostname counts by log(2 + 2), not log(3 + 2): as on a snapshot of its own.
    const two = (sn: typeof snap) => scoresOver(replica('web-5'), sn, sn.nodeInfos.slice(0, 2));
    expect(two(snap)).toEqual(two(snapshotOf([...input[0]], [...input[1]], { replicaSets: [rs] })));
    expect(two(snap)).toEqual({ node01: 100, node02: 60 });
  });

  it('replicas of one pass sharing the default spreading see the node the previous replica took', () => {
    const nodes = () => [node('node01'), node('node02'), node('node03')];
    const existing = [replica('web-1', 'node01'), replica('web-2', 'node02'), replica('web-3', 'node02')];
    const snap = snapshotOf(nodes(), existing, { replicaSets: [rs] });
    expect(scoresOver(replica('web-4'), snap)).toEqual({ node01: 60, node02: 40, node03: 100 });
    snap.assume(podInfo(replica('web-4', 'node03')), 'node03');
    const fresh = snapshotOf(nodes(), [...existing, replica('web-4', 'node03')], { replicaSets: [rs] });
    expect(scoresOver(replica('web-5'), snap)).toEqual(scoresOver(replica('web-5'), fresh));
    expect(scoresOver(replica('web-5'), snap)).toEqual({ node01: 100, node02: 80, node03: 100 });
  });

  it('replicas of one pass see the zone counts as the previous replicas left them', () => {
    const snap = snapshotOf([zoned('n0', 'a'), zoned('n1', 'b')], [replica('web-1', 'n0')], { replicaSets: [rs] });
    expect(scoresOver(replica('web-2'), snap)).toEqual({ n0: 66, n1: 100 });
    snap.assume(podInfo(replica('web-2', 'n1')), 'n1');
    expect(scoresOver(replica('web-3'), snap)).toEqual({ n0: 100, n1: 100 });
  });

  it('a ScheduleAnyway constraint of the pod replaces the defaults and ignores nodes without its key', () => {
    const p = pod('web', { labels: { app: 'web' }, topologySpreadConstraints: [spread('topology.kubernetes.io/zone', 1, { whenUnsatisfiable: 'ScheduleAnyway' })] });
    expect(scores(p, [zoned('a1', 'a'), zoned('b1', 'b'), node('bare')], [web('w1', 'a1')])).toEqual({ a1: 0, b1: 100, bare: 0 });
  });
});
