/**
 * The run loop (DESIGN principle 2): level-triggered reconcilers fed by watch events and timers
 * on the virtual clock. After every command the loop runs until no queue holds a key
 * ("settles"); advancing time fires due timers in order and settles after each instant.
 *
 * A component (controller-manager, scheduler, a kubelet) only runs while `active()` says its
 * process runs; when it comes back it resyncs every key, as a restarted process relists.
 */
import type { Store, WatchEvent } from '../api/store.js';
import type { VirtualClock } from '../util/clock.js';

export interface ReconcileResult {
  /** Run this key again after so many seconds of virtual time. */
  requeueAfter?: number;
}

export interface Reconciler {
  readonly name: string;
  /**
   * The store resources ("pods", "deployments.apps") whose events keysFor looks at; events of
   * other resources are not offered. Without it, every event is.
   */
  readonly watches?: readonly string[];
  /** For a reconciler without `watches`: resources it is never offered (the GC ignores events). */
  readonly ignores?: readonly string[];
  /** Keys a store event makes dirty (for example the owner of a changed pod). */
  keysFor?(event: WatchEvent): Iterable<string>;
  /**
   * For a reconciler that only cares about one shard of what it watches (a kubelet: the pods
   * bound to its node): `of` names an event's shard (one function shared by every reconciler of
   * the kind), `mine` this reconciler's. keysFor must offer nothing outside its shard; the loop
   * then asks `of` once per event instead of asking every kubelet's keysFor. The loop remembers
   * each `mine()`: when it changes (a kubelet restarted under another name), call
   * RunLoop.reshard().
   */
  readonly shard?: { of(event: WatchEvent): string | undefined; mine(): string };
  /** Every key, for a full resync when the component starts. */
  resyncKeys(): Iterable<string>;
  reconcile(key: string): ReconcileResult | void;
}

export interface Component {
  readonly name: string;
  /** Is the process behind this component running (and able to reach what it needs)? */
  active(): boolean;
  readonly reconcilers: readonly Reconciler[];
  /** Called at the start of every settle pass: notice state that has no watch (node files). */
  poll?(): void;
}

/**
 * The object whose status a reconciler is writing right now. The store delivers the write's
 * watch event during the call, so the reconciler's keysFor can tell the event is its own: a
 * pass over a status it just wrote would change nothing (controllers and kubelets alike).
 */
export class OwnStatusWrite {
  private key?: string;

  /** Runs `write` (the status write of the object keyed `key`) with the mark set. */
  run<T>(key: string, write: () => T): T {
    this.key = key;
    try {
      return write();
    } finally {
      this.key = undefined;
    }
  }

  /** Is this watch event the reconciler's own status write of `key`? */
  isOwn(event: WatchEvent, key: string): boolean {
    return event.type === 'MODIFIED' && key === this.key;
  }
}

/** A reconciler and its queue, as dispatch offers it events. */
interface Route {
  readonly reconciler: Reconciler;
  readonly queue: Set<string>;
}

/** One shard function with its routes by shard (each reconciler's `mine()`). */
type ShardRoutes = readonly [of: (event: WatchEvent) => string | undefined, byShard: Map<string, Route[]>];

/** A component with its reconcilers' routes (in reconciler order), as settle runs them. */
interface Member {
  readonly component: Component;
  readonly routes: readonly Route[];
  /** Was the component running when settle last looked? */
  wasActive: boolean;
}

interface Timer {
  at: number;
  seq: number;
  reconciler: Reconciler;
  key: string;
}

/** Queues the keys a reconciler's keysFor names for an event. */
function offer(route: Route, event: WatchEvent): void {
  const keys = route.reconciler.keysFor!(event);
  if (Array.isArray(keys)) {
    for (let i = 0; i < keys.length; i++) route.queue.add(keys[i] as string);
    return;
  }
  for (const key of keys) route.queue.add(key);
}

/** Errors a reconcile throws are retried after this long, like a rate-limited workqueue. */
const ERROR_REQUEUE_SECONDS = 1;
/** A settle that needs more reconciles than this is a livelock: a bug, not a busy cluster. */
const MAX_RECONCILES_PER_SETTLE = 2_000_000;

export class RunLoop {
  private readonly members: Member[] = [];
  private readonly owner = new Map<Reconciler, Component>();
  private readonly queues = new Map<Reconciler, Set<string>>();
  /** Who is offered an event, by resource (reconcilers that declare `watches`) and for any resource. */
  private readonly watchers = new Map<string, Reconciler[]>();
  private readonly watchAll: Reconciler[] = [];
  /**
   * Every unsharded reconciler offered a resource's events with its queue: watchAll less those
   * ignoring the resource, then the resource's watchers (made on first use; every store write
   * walks one of these, so no lookups per reconciler).
   */
  private readonly routes = new Map<string, Route[]>();
  /** Sharded watchers, by resource, then by their shard function. */
  private readonly sharded = new Map<string, Map<(event: WatchEvent) => string | undefined, Route[]>>();
  /**
   * The same routes by resource, shard function and shard (each `mine()` as last read), so an
   * event reaches its shard's reconcilers without asking every kubelet whose it is. Made on
   * first use; dropped when components come or go or a shard changes (reshard).
   */
  private shardIndex?: Map<string, ShardRoutes[]>;
  private timers: Timer[] = [];
  private timerSeq = 0;
  private settling = false;
  /**
   * When set, reconcile counts and wall time by "component/reconciler", per-node components
   * pooled ("kubelet/pods" for every node's kubelet): the benchmarks' breakdown of a settle.
   */
  profile?: Map<string, { runs: number; ms: number }>;
  /** Errors thrown by reconcilers, kept for tests and `kubedrill debug`. */
  readonly errors: { component: string; reconciler: string; key: string; error: unknown }[] = [];

  constructor(private readonly clock: VirtualClock) {}

  add(component: Component): void {
    const routes: Route[] = [];
    this.members.push({ component, routes, wasActive: false });
    for (const r of component.reconcilers) {
      const queue = new Set<string>();
      this.owner.set(r, component);
      this.queues.set(r, queue);
      routes.push({ reconciler: r, queue });
      if (!r.keysFor) continue;
      this.routes.clear();
      this.shardIndex = undefined;
      if (!r.watches) this.watchAll.push(r);
      else if (r.shard) {
        for (const resource of new Set(r.watches)) {
          let byFn = this.sharded.get(resource);
          if (!byFn) this.sharded.set(resource, (byFn = new Map()));
          byFn.set(r.shard.of, [...(byFn.get(r.shard.of) ?? []), { reconciler: r, queue }]);
        }
      } else for (const resource of new Set(r.watches)) this.watchers.set(resource, [...(this.watchers.get(resource) ?? []), r]);
    }
  }

  remove(component: Component): void {
    const i = this.members.findIndex((m) => m.component === component);
    if (i >= 0) this.members.splice(i, 1);
    const gone = new Set(component.reconcilers);
    for (const r of component.reconcilers) {
      this.owner.delete(r);
      this.queues.delete(r);
    }
    for (let i = this.watchAll.length - 1; i >= 0; i--) if (gone.has(this.watchAll[i]!)) this.watchAll.splice(i, 1);
    this.routes.clear();
    this.shardIndex = undefined;
    for (const [resource, list] of this.watchers) this.watchers.set(resource, list.filter((r) => !gone.has(r)));
    for (const byFn of this.sharded.values()) for (const [fn, list] of byFn) byFn.set(fn, list.filter((route) => !gone.has(route.reconciler)));
    this.timers = this.timers.filter((t) => this.owner.has(t.reconciler));
  }

  /** Feeds a store's watch events to every reconciler; returns the unsubscribe function. */
  attach(store: Store): () => void {
    return store.watch((event) => this.dispatch(event));
  }

  private dispatch(event: WatchEvent): void {
    const routes = this.routes.get(event.resource) ?? this.routesFor(event.resource);
    for (let i = 0; i < routes.length; i++) offer(routes[i]!, event);
    const sharded = (this.shardIndex ??= this.indexShards()).get(event.resource);
    if (!sharded) return;
    for (let i = 0; i < sharded.length; i++) {
      const [of, byShard] = sharded[i]!;
      const shard = of(event);
      if (shard === undefined) continue;
      const list = byShard.get(shard);
      if (list) for (let j = 0; j < list.length; j++) offer(list[j]!, event);
    }
  }

  /** A sharded reconciler's `mine()` may have changed: read them all again. */
  reshard(): void {
    this.shardIndex = undefined;
  }

  private indexShards(): Map<string, ShardRoutes[]> {
    const index = new Map<string, ShardRoutes[]>();
    for (const [resource, byFn] of this.sharded) {
      const entries: ShardRoutes[] = [];
      for (const [of, list] of byFn) {
        const byShard = new Map<string, Route[]>();
        for (const route of list) {
          const mine = route.reconciler.shard!.mine();
          byShard.set(mine, [...(byShard.get(mine) ?? []), route]);
        }
        entries.push([of, byShard]);
      }
      index.set(resource, entries);
    }
    return index;
  }

  private routesFor(resource: string): Route[] {
    const offered = [...this.watchAll.filter((r) => !r.ignores?.includes(resource)), ...(this.watchers.get(resource) ?? [])];
    const routes = offered.map((reconciler) => ({ reconciler, queue: this.queues.get(reconciler)! }));
    this.routes.set(resource, routes);
    return routes;
  }

  enqueue(reconciler: Reconciler, key: string): void {
    this.queues.get(reconciler)?.add(key);
  }

  /** Runs `key` of `reconciler` once `seconds` of virtual time have passed. */
  schedule(reconciler: Reconciler, key: string, seconds: number): void {
    this.pushTimer({ at: wholeMs(this.clock.now() + Math.max(0, seconds) * 1000), seq: this.timerSeq++, reconciler, key });
  }

  /** Runs reconcilers until every active component's queue is empty. */
  settle(): void {
    if (this.settling) return; // a reconciler that runs a command must not re-enter
    this.settling = true;
    try {
      let budget = MAX_RECONCILES_PER_SETTLE;
      for (;;) {
        for (const m of this.members) m.component.poll?.();
        let worked = false;
        for (const m of this.members) {
          const c = m.component;
          // Activity is read just before a component runs: an earlier component in this pass
          // may have stopped its process (a kubelet replacing the scheduler's static pod).
          if (!this.refreshActivity(m)) continue;
          for (const { reconciler: r, queue: q } of m.routes) {
            // In insertion order; a key queued again while it runs is visited again at the end.
            for (const key of q) {
              q.delete(key);
              this.runOne(c, r, key);
              worked = true;
              if (--budget <= 0) throw new Error(`run loop did not settle: ${c.name}/${r.name} keeps requeueing (last key ${key})`);
              if (!c.active()) break;
            }
          }
        }
        if (!worked) return;
      }
    } finally {
      this.settling = false;
    }
  }

  /** Records whether a component runs; a component that (re)starts resyncs every key. */
  private refreshActivity(m: Member): boolean {
    const active = m.component.active();
    if (active && !m.wasActive) for (const { reconciler, queue } of m.routes) for (const key of reconciler.resyncKeys()) queue.add(key);
    if (!active) for (const { queue } of m.routes) queue.clear();
    m.wasActive = active;
    return active;
  }

  private runOne(c: Component, r: Reconciler, key: string): void {
    if (!this.profile) return this.reconcileOnce(c, r, key);
    const start = performance.now();
    try {
      this.reconcileOnce(c, r, key);
    } finally {
      const name = `${c.name.split('/')[0]}/${r.name}`;
      const entry = this.profile.get(name) ?? { runs: 0, ms: 0 };
      entry.runs++;
      entry.ms += performance.now() - start;
      this.profile.set(name, entry);
    }
  }

  private reconcileOnce(c: Component, r: Reconciler, key: string): void {
    try {
      const result = r.reconcile(key);
      if (result?.requeueAfter !== undefined) this.schedule(r, key, result.requeueAfter);
    } catch (error) {
      this.errors.push({ component: c.name, reconciler: r.name, key, error });
      if (this.errors.length > 1000) this.errors.shift();
      this.schedule(r, key, ERROR_REQUEUE_SECONDS);
    }
  }

  /** Advances virtual time by `seconds`, firing timers in order and settling at each instant. */
  advance(seconds: number): void {
    const target = Math.round(this.clock.now() + seconds * 1000);
    this.settle();
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.clock.advanceTo(next.at);
      while (this.timers.length > 0 && this.timers[0]!.at <= this.clock.now()) {
        const t = this.popTimer();
        this.queues.get(t.reconciler)?.add(t.key);
      }
      this.settle();
    }
    this.clock.advanceTo(target);
    this.settle();
  }

  /** Advances until `done()` holds or `timeoutSeconds` pass; returns whether it held. */
  advanceUntil(done: () => boolean, timeoutSeconds: number, stepSeconds = 1): boolean {
    this.settle();
    if (done()) return true;
    const deadline = Math.round(this.clock.now() + timeoutSeconds * 1000);
    while (this.clock.now() < deadline) {
      this.advance(Math.min(stepSeconds, (deadline - this.clock.now()) / 1000));
      if (done()) return true;
    }
    return false;
  }

  /** Instant of the next pending timer (ms), for the TUI's idle wake-ups. */
  nextTimerAt(): number | undefined {
    return this.timers[0]?.at;
  }

  // ---- a small binary heap ordered by (at, seq) --------------------------------------------

  private pushTimer(t: Timer): void {
    const h = this.timers;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private popTimer(): Timer {
    const h = this.timers;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A timer's instant on the clock's whole milliseconds: never before the time asked for (a
 * component woken early would ask again for the same instant), float noise aside.
 */
function wholeMs(ms: number): number {
  return Math.ceil(ms - 1e-6);
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
