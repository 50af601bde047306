import { describe, expect, it } from 'vitest';
import { OwnStatusWrite, RunLoop, type Reconciler } from '../../src/cluster/runloop.js';
import { Store } from '../../src/api/store.js';
import { VirtualClock } from '../../src/util/clock.js';

function recorder(name: string, extra: Partial<Reconciler> = {}): Reconciler & { seen: string[] } {
  const seen: string[] = [];
  return { name, seen, keysFor: (e) => [`${e.resource}/${e.object.metadata.name}`], resyncKeys: () => [], reconcile: (key) => void seen.push(key), ...extra };
}

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });

describe('RunLoop', () => {
  it('offers every resource to a reconciler without `watches`, except those it ignores', () => {
    const loop = new RunLoop(new VirtualClock('2026-01-01T00:00:00Z'));
    const store = new Store();
    loop.attach(store);
    const all = recorder('all');
    const noEvents = recorder('no-events', { ignores: ['events'] });
    loop.add({ name: 'kcm', active: () => true, reconcilers: [all, noEvents] });
    loop.settle();
    store.create('configmaps', cm('a'));
    store.create('events', cm('e'));
    loop.settle();
    expect(all.seen).toEqual(['configmaps/a', 'events/e']);
    expect(noEvents.seen).toEqual(['configmaps/a']);
  });

  it('offers a sharded event only to its shard, and follows a shard renamed with reshard()', () => {
    const loop = new RunLoop(new VirtualClock('2026-01-01T00:00:00Z'));
    const store = new Store();
    loop.attach(store);
    const nodeOf = (e: { object: { metadata: { labels?: Record<string, string> } } }) => e.object.metadata.labels?.['node'];
    const names = { a: 'node01', b: 'node02' };
    const kubelet = (who: 'a' | 'b') => recorder(`pods-${who}`, { watches: ['configmaps'], shard: { of: nodeOf, mine: () => names[who] } });
    const a = kubelet('a');
    const b = kubelet('b');
    loop.add({ name: 'kubelet/a', active: () => true, reconcilers: [a] });
    loop.add({ name: 'kubelet/b', active: () => true, reconcilers: [b] });
    loop.settle();
    const on = (name: string, node?: string) => store.create('configmaps', { ...cm(name), metadata: { ...cm(name).metadata, labels: node ? { node } : {} } });
    on('x', 'node01');
    on('y', 'node02');
    on('z');
    loop.settle();
    expect([a.seen, b.seen]).toEqual([['configmaps/x'], ['configmaps/y']]);
    // b now runs as node01 too (a kubelet restarted with another hostnameOverride).
    names.b = 'node01';
    loop.reshard();
    on('w', 'node01');
    loop.settle();
    expect([a.seen, b.seen]).toEqual([['configmaps/x', 'configmaps/w'], ['configmaps/y', 'configmaps/w']]);
  });

  it('runs queued keys in order, and a key queued again while it runs once more in the same settle', () => {
    const loop = new RunLoop(new VirtualClock('2026-01-01T00:00:00Z'));
    const seen: string[] = [];
    const worker: Reconciler = {
      name: 'w',
      resyncKeys: () => ['a', 'b', 'c'],
      reconcile: (key) => {
        seen.push(key);
        // a asks for b again (already queued: no second run) and for itself once (runs again last).
        if (key === 'a' && seen.length === 1) {
          loop.enqueue(worker, 'b');
          loop.enqueue(worker, 'a');
        }
      },
    };
    loop.add({ name: 'kcm', active: () => true, reconcilers: [worker] });
    loop.settle();
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });

  it('counts reconciles and their time per component kind when profiling', () => {
    const loop = new RunLoop(new VirtualClock('2026-01-01T00:00:00Z'));
    const store = new Store();
    loop.attach(store);
    loop.add({ name: 'kubelet/node01', active: () => true, reconcilers: [recorder('pods')] });
    loop.add({ name: 'kubelet/node02', active: () => true, reconcilers: [recorder('pods')] });
    loop.settle();
    loop.profile = new Map();
    store.create('configmaps', cm('a'));
    loop.settle();
    expect([...loop.profile.keys()]).toEqual(['kubelet/pods']);
    expect(loop.profile.get('kubelet/pods')!.runs).toBe(2);
    expect(loop.profile.get('kubelet/pods')!.ms).toBeGreaterThanOrEqual(0);
  });

  it('knows a status write as its own only while it runs, and only for that key', () => {
    const own = new OwnStatusWrite();
    const store = new Store();
    store.create('configmaps', cm('a'));
    const seen: boolean[] = [];
    store.watch((e) => seen.push(own.isOwn(e, 'default/a')));
    const a = store.get('configmaps', 'default', 'a')!;
    own.run('default/a', () => store.update('configmaps', { ...a, data: { x: '1' } }));
    own.run('default/b', () => store.update('configmaps', { ...store.get('configmaps', 'default', 'a')!, data: { x: '2' } }));
    store.update('configmaps', { ...store.get('configmaps', 'default', 'a')!, data: { x: '3' } });
    expect(seen).toEqual([true, false, false]);
  });

  it('keeps whole milliseconds when asked for fractions: a wake-up is never early, a timeout ends', () => {
    // A clock that gives up instead of letting a loop that no longer moves time spin forever.
    class GuardedClock extends VirtualClock {
      moves = 0;
      override advanceTo(ms: number): void {
        if (++this.moves > 10_000) throw new Error('time stopped moving');
        super.advanceTo(ms);
      }
    }
    const clock = new GuardedClock('2026-01-01T00:00:00Z');
    const loop = new RunLoop(clock);
    const due = clock.now() + 1234.3;
    let runs = 0;
    // A worker that wants its next look at a fractional instant, and asks again if woken early.
    const worker: Reconciler = { name: 'pods', resyncKeys: () => ['p'], reconcile: () => (++runs, clock.now() < due ? { requeueAfter: (due - clock.now()) / 1000 } : undefined) };
    loop.add({ name: 'kubelet/node01', active: () => true, reconcilers: [worker] });
    loop.advance(2);
    expect(runs).toBe(2);
    expect(Number.isInteger(clock.now())).toBe(true);
    expect(loop.advanceUntil(() => false, 0.0004)).toBe(false);
    expect(Number.isInteger(clock.now())).toBe(true);
  });
});
