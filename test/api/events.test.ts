import { describe, expect, it } from 'vitest';
import { ApiServer } from '../../src/api/server.js';
import { ApiClient } from '../../src/api/client.js';
import { SYSTEM_USERS } from '../../src/api/auth.js';
import { EventRecorder, nanosHex } from '../../src/api/events.js';
import { VirtualClock } from '../../src/util/clock.js';
import { Rng } from '../../src/util/rng.js';

function setup() {
  const clock = new VirtualClock('2026-01-01T00:00:00Z');
  const api = new ApiServer({ clock, rng: new Rng(7) });
  const client = new ApiClient(api, SYSTEM_USERS.superAdmin);
  const pod = client.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'default' } });
  return { clock, api, recorder: new EventRecorder(client, { component: 'kubelet', host: 'node01' }), pod };
}

const events = (api: ApiServer) => api.store.list('events', 'default') as unknown as { reason: string; message: string; count: number; lastTimestamp: string }[];

describe('EventRecorder', () => {
  it('bumps count and lastTimestamp of an identical event within ten minutes, and starts a new one after', () => {
    const { clock, api, recorder, pod } = setup();
    recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    clock.advance(30_000);
    recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    expect(events(api).map((e) => [e.count, e.lastTimestamp])).toEqual([[2, '2026-01-01T00:00:30Z']]);
    recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container (other)');
    expect(events(api)).toHaveLength(2);
    clock.advance(11 * 60_000);
    recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    expect(events(api)).toHaveLength(3);
  });

  it('names events of one millisecond in the order they happen, whichever component records them', () => {
    const { api, recorder: kubelet, pod } = setup();
    const scheduler = new EventRecorder(new ApiClient(api, SYSTEM_USERS.superAdmin), { component: 'default-scheduler' });
    const rs = new EventRecorder(new ApiClient(api, SYSTEM_USERS.superAdmin), { component: 'replicaset-controller' });
    rs.record(pod, 'Normal', 'SuccessfulCreate', 'Created pod: web');
    scheduler.record(pod, 'Normal', 'Scheduled', 'Successfully assigned default/web to node01');
    kubelet.record(pod, 'Normal', 'Pulling', 'Pulling image "nginx:1.27"');
    kubelet.record(pod, 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine');
    // The store lists by name, as etcd does: the order kubectl get events and describe show.
    expect(events(api).map((e) => e.reason)).toEqual(['SuccessfulCreate', 'Scheduled', 'Pulling', 'Pulled']);
    expect(api.store.list('events', 'default')[0]!.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
  });

  it("records events after the clock moved by a fraction of a millisecond, as the TUI's wall-time clock moves it", () => {
    const { clock, api, recorder, pod } = setup();
    clock.advance(1234.567);
    recorder.record(pod, 'Normal', 'Created', 'Created container: nginx');
    recorder.record(pod, 'Normal', 'Started', 'Started container nginx');
    expect(events(api).map((e) => [e.reason, e.lastTimestamp])).toEqual([
      ['Created', '2026-01-01T00:00:01Z'],
      ['Started', '2026-01-01T00:00:01Z'],
    ]);
  });

  it('names an event by the nanosecond in hex exactly as the 64-bit arithmetic does, beyond 2^53 nanoseconds too', () => {
    const ms = [0, 1, 999, 0xffffff, 0x1000000, Date.parse('2026-01-01T00:00:00Z') + 123, 4102444800000];
    for (const m of ms) for (const n of [0, 1, 7919, 999_999]) expect(nanosHex(m, n)).toBe((BigInt(m) * 1_000_000n + BigInt(n)).toString(16));
    // Consecutive milliseconds and nanoseconds, the low 24 bits carrying over within some of them.
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let m = start; m < start + 400; m++) for (let n = 0; n < 1_000_000; n += 99_991) expect(nanosHex(m, n)).toBe((BigInt(m) * 1_000_000n + BigInt(n)).toString(16));
  });

  it('gives every event its own source, as the recorder was told it', () => {
    const { api, recorder, pod } = setup();
    recorder.record(pod, 'Normal', 'Pulling', 'Pulling image "nginx:1.27"');
    recorder.record(pod, 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine');
    expect(api.store.list('events', 'default').map((e) => e['source'])).toEqual([
      { component: 'kubelet', host: 'node01' },
      { component: 'kubelet', host: 'node01' },
    ]);
  });

  it('stores a frozen event the recorder cannot change afterwards', () => {
    const { api, recorder, pod } = setup();
    recorder.record(pod, 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine', 'spec.containers{nginx}');
    const stored = api.store.list('events', 'default')[0]!;
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored['involvedObject'])).toBe(true);
    expect(stored['involvedObject']).toMatchObject({ kind: 'ConfigMap', name: 'web', fieldPath: 'spec.containers{nginx}' });
  });

  it('remembers only the newest 4,096 events for aggregation, as client-go does', () => {
    const { api, recorder, pod } = setup();
    recorder.record(pod, 'Normal', 'Tick', 'first');
    for (let i = 0; i < 4096; i++) recorder.record(pod, 'Normal', 'Tick', `n${i}`);
    recorder.record(pod, 'Normal', 'Tick', 'first');
    expect(events(api).filter((e) => e.message === 'first').map((e) => e.count)).toEqual([1, 1]);
    recorder.record(pod, 'Normal', 'Tick', 'n4095');
    expect(events(api).find((e) => e.message === 'n4095')!.count).toBe(2);
  });

  it('aggregates by object, field path, reason, type and message alike, keeping a same-message event of another reason apart', () => {
    const { clock, api, recorder, pod } = setup();
    recorder.record(pod, 'Normal', 'Pulled', 'same text', 'spec.containers{a}');
    recorder.record(pod, 'Normal', 'Pulled', 'same text', 'spec.containers{b}');
    recorder.record(pod, 'Warning', 'Pulled', 'same text', 'spec.containers{a}');
    recorder.record(pod, 'Normal', 'Other', 'same text', 'spec.containers{a}');
    clock.advance(1000);
    // The middle ones bumped: one goes stale below while the others of its message stay found.
    recorder.record(pod, 'Normal', 'Pulled', 'same text', 'spec.containers{b}');
    recorder.record(pod, 'Warning', 'Pulled', 'same text', 'spec.containers{a}');
    clock.advance(10 * 60_000 + 1000);
    recorder.record(pod, 'Normal', 'Pulled', 'same text', 'spec.containers{b}');
    recorder.record(pod, 'Normal', 'Pulled', 'same text', 'spec.containers{b}');
    recorder.record(pod, 'Normal', 'Other', 'same text', 'spec.containers{a}');
    const rows = (api.store.list('events', 'default') as unknown as { reason: string; type: string; count: number; involvedObject: { fieldPath: string } }[]).map(
      (e) => `${e.type} ${e.reason} ${e.involvedObject.fieldPath} x${e.count}`,
    );
    expect(rows.sort()).toEqual([
      'Normal Other spec.containers{a} x1',
      'Normal Other spec.containers{a} x1',
      'Normal Pulled spec.containers{a} x1',
      'Normal Pulled spec.containers{b} x2',
      'Normal Pulled spec.containers{b} x2',
      'Warning Pulled spec.containers{a} x2',
    ]);
  });

  it('aggregates exactly as a 4,096-entry LRU of joined keys would, over many objects, reuses and evictions', () => {
    const { clock, api } = setup();
    const client = new ApiClient(api, SYSTEM_USERS.superAdmin);
    const recorder = new EventRecorder(client, { component: 'kubelet' });
    const objs = ['a', 'b', 'c'].map((n) => client.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, namespace: 'default' } }));
    // The model: client-go's cache, one key per object, field path, reason, type and message.
    const lru = new Map<string, number>();
    const counts: number[] = [];
    const lastSeen: number[] = [];
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let i = 0; i < 9000; i++) {
      const o = rand(3);
      const reason = rand(4) === 0 ? 'Killing' : 'Pulled';
      const message = `m${rand(1700)}`;
      const path = rand(2) ? 'spec.containers{x}' : undefined;
      if (rand(500) === 0) clock.advance(4 * 60_000);
      recorder.record(objs[o]!, 'Normal', reason, message, path);
      const key = [o, path ?? '', reason, message].join('|');
      const at = lru.get(key);
      lru.delete(key);
      if (at !== undefined && clock.now() - lastSeen[at]! <= 10 * 60_000) {
        counts[at]!++;
        lastSeen[at] = clock.now();
        lru.set(key, at);
      } else {
        counts.push(1);
        lastSeen.push(clock.now());
        lru.set(key, counts.length - 1);
        if (lru.size > 4096) lru.delete(lru.keys().next().value!);
      }
    }
    const stored = events(api).map((e) => e.count);
    expect(stored.length).toBe(counts.length);
    expect(stored.sort((x, y) => x - y)).toEqual([...counts].sort((x, y) => x - y));
  });

  it('takes the LRU order from use: an event bumped after many others outlives older untouched ones', () => {
    const { api, recorder, pod } = setup();
    recorder.record(pod, 'Normal', 'Tick', 'first');
    recorder.record(pod, 'Normal', 'Tick', 'second');
    for (let i = 0; i < 4094; i++) recorder.record(pod, 'Normal', 'Tick', `n${i}`);
    recorder.record(pod, 'Normal', 'Tick', 'first');
    recorder.record(pod, 'Normal', 'Tick', 'last');
    recorder.record(pod, 'Normal', 'Tick', 'first');
    recorder.record(pod, 'Normal', 'Tick', 'second');
    expect(events(api).filter((e) => e.message === 'first').map((e) => e.count)).toEqual([3]);
    expect(events(api).filter((e) => e.message === 'second').map((e) => e.count)).toEqual([1, 1]);
  });
});
