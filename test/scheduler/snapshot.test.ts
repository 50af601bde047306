import { describe, expect, it } from 'vitest';
import { podInfo, type PodCounter } from '../../src/scheduler/snapshot.js';
import { node, running, snapshotOf } from './fixtures.js';

const web: PodCounter = { matches: (p) => p.labels['app'] === 'web' };

describe('NodeInfo.countPods', () => {
  it('keeps a group it has counted up to date as pods are added and removed', () => {
    const w1 = running('w1', 'node01', { labels: { app: 'web' } });
    const snap = snapshotOf([node('node01')], [w1, running('db', 'node01', { labels: { app: 'db' } })]);
    const n = snap.get('node01')!;
    expect(n.countPods(web)).toBe(1);
    n.addPod(podInfo(running('w2', 'node01', { labels: { app: 'web' } })));
    n.addPod(podInfo(running('db2', 'node01', { labels: { app: 'db' } })));
    expect(n.countPods(web)).toBe(2);
    expect(n.removePod(podInfo(w1))).toBe(true);
    expect(n.countPods(web)).toBe(1);
  });

  it('keeps each of several groups right, whichever was asked about last', () => {
    const db: PodCounter = { matches: (p) => p.labels['app'] === 'db' };
    const snap = snapshotOf([node('node01')], [running('w1', 'node01', { labels: { app: 'web' } })]);
    const n = snap.get('node01')!;
    expect([n.countPods(web), n.countPods(db)]).toEqual([1, 0]);
    n.addPod(podInfo(running('db1', 'node01', { labels: { app: 'db' } })));
    expect(n.countPods(db)).toBe(1);
    n.addPod(podInfo(running('w2', 'node01', { labels: { app: 'web' } })));
    expect([n.countPods(db), n.countPods(web), n.countPods(web), n.countPods(db)]).toEqual([1, 2, 2, 1]);
  });

  it('a copy counts its own pods: taking pods off a trial copy leaves the node as it was', () => {
    const snap = snapshotOf([node('node01')], [running('w1', 'node01', { labels: { app: 'web' } }), running('w2', 'node01', { labels: { app: 'web' } })]);
    const n = snap.get('node01')!;
    expect(n.countPods(web)).toBe(2);
    const trial = n.clone();
    trial.removePod(trial.pods[0]!);
    expect(trial.countPods(web)).toBe(1);
    expect(n.countPods(web)).toBe(2);
  });

  it('each added or removed pod moves the generation on', () => {
    const snap = snapshotOf([node('node01')]);
    const n = snap.get('node01')!;
    const before = n.generation;
    const p = podInfo(running('w1', 'node01'));
    n.addPod(p);
    const added = n.generation;
    n.removePod(p);
    expect([added > before, n.generation > added]).toEqual([true, true]);
  });
});

describe('podInfo', () => {
  it('answers for the object asked about, even right after an equal-named one', () => {
    const a = running('web', 'node01', { labels: { app: 'a' } });
    const b = running('web', 'node02', { labels: { app: 'b' } });
    expect(podInfo(a).labels).toEqual({ app: 'a' });
    expect(podInfo(b).labels).toEqual({ app: 'b' });
    expect(podInfo(b)).toBe(podInfo(b));
    expect(podInfo(a).labels).toEqual({ app: 'a' });
  });
});
