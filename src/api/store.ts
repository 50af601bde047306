/**
 * The etcd of the simulation: objects by resource, namespace and name, one monotonically
 * increasing revision that becomes each object's resourceVersion, and watch events.
 *
 * Stored objects are deep-frozen and shared with readers, so a read costs no copy; writers hand
 * in a new object. The store knows nothing of validation or defaulting: the API server does.
 */
import { clone, deepFreeze, type KObject, type Stored } from './types.js';
import { shallowCopy } from './shallow.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** Store key of the resource: "pods", "deployments.apps". */
  resource: string;
  object: Stored;
  /** The object before a MODIFIED event. */
  old?: Stored;
}

export type WatchListener = (event: WatchEvent) => void;

export interface StoreSnapshot {
  revision: number;
  /** [resource, object] pairs in insertion order. */
  objects: [string, KObject][];
}

/** One namespace's objects, with their names kept sorted for cheap ordered lists. */
class Names {
  readonly byName = new Map<string, Stored>();
  private sorted: string[] | undefined = [];
  /** The objects in name order, until a name comes or goes: lists far outnumber those between them. */
  private objects: Stored[] | undefined = [];
  /**
   * Names whose object was replaced since `objects` was built: their new objects are put in
   * place at the next list (status writes come in thousands between a controller's lists, and
   * rebuilding meant a lookup per object). Past a quarter of the names, a rebuild is cheaper.
   */
  private replaced: string[] = [];

  set(name: string, obj: Stored): void {
    if (!this.byName.has(name)) return this.add(name, obj);
    this.byName.set(name, obj);
    if (!this.objects) return;
    if (this.replaced.length < (this.byName.size >> 2)) this.replaced.push(name);
    else this.objects = undefined;
  }

  /** set() for a name known to be new (a create): no lookup first, one less in a large map. */
  add(name: string, obj: Stored): void {
    this.sorted = undefined;
    this.byName.set(name, obj);
    this.objects = undefined;
  }

  delete(name: string): void {
    if (this.byName.delete(name)) {
      this.sorted = undefined;
      this.objects = undefined;
    }
  }

  get size(): number {
    return this.byName.size;
  }

  /** A fresh array (callers may sort or change it) of the objects in name order. */
  values(): Stored[] {
    return this.ordered().slice();
  }

  /** Appends the objects in name order to `out`. */
  appendTo(out: Stored[]): void {
    const objects = this.ordered();
    for (let i = 0; i < objects.length; i++) out.push(objects[i]!);
  }

  /** The current objects in name order (shared: callers copy). */
  private ordered(): Stored[] {
    if (!this.objects) {
      this.sorted ??= [...this.byName.keys()].sort();
      this.objects = this.sorted.map((n) => this.byName.get(n)!);
    } else {
      for (const name of this.replaced) this.objects[indexOf(this.sorted!, name)] = this.byName.get(name)!;
    }
    if (this.replaced.length) this.replaced = [];
    return this.objects;
  }
}

/** Where a name is in a sorted list of names (binary search in the order sort() gives). */
function indexOf(sorted: string[], name: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Bucket = Map<string, Names>; // namespace ('' for cluster-scoped) -> names

export class Store {
  private buckets = new Map<string, Bucket>();
  private listeners = new Set<WatchListener>();
  private rev = 0;

  /** The current revision (etcd's header revision). */
  get revision(): number {
    return this.rev;
  }

  private bucket(resource: string): Bucket {
    let b = this.buckets.get(resource);
    if (!b) this.buckets.set(resource, (b = new Map()));
    return b;
  }

  get(resource: string, namespace: string, name: string): Stored | undefined {
    return this.buckets.get(resource)?.get(namespace)?.byName.get(name);
  }

  /** Objects of a resource, in one namespace or (namespace undefined) in all, sorted as etcd keys. */
  list(resource: string, namespace?: string): Stored[] {
    const b = this.buckets.get(resource);
    if (!b) return [];
    if (namespace !== undefined) return b.get(namespace)?.values() ?? [];
    const out: Stored[] = [];
    for (const ns of [...b.keys()].sort()) b.get(ns)!.appendTo(out);
    return out;
  }

  count(resource: string, namespace?: string): number {
    const b = this.buckets.get(resource);
    if (!b) return 0;
    if (namespace !== undefined) return b.get(namespace)?.size ?? 0;
    let n = 0;
    for (const m of b.values()) n += m.size;
    return n;
  }

  /** Inserts a new object; the caller has checked it does not exist. Returns the stored copy. */
  create(resource: string, obj: KObject): Stored {
    const stored = this.stamp(obj);
    const namespace = stored.metadata.namespace ?? '';
    const b = this.bucket(resource);
    let ns = b.get(namespace);
    if (!ns) b.set(namespace, (ns = new Names()));
    ns.add(stored.metadata.name ?? '', stored);
    this.emit({ type: 'ADDED', resource, object: stored });
    return stored;
  }

  /** Replaces an existing object unconditionally (the server checks resourceVersion first). */
  update(resource: string, obj: KObject): Stored {
    const namespace = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    const ns = this.buckets.get(resource)?.get(namespace);
    const old = ns?.byName.get(name);
    if (!ns || !old) throw new Error(`store: update of missing ${resource} ${namespace}/${name}`);
    const stored = this.stamp(obj);
    ns.set(name, stored);
    this.emit({ type: 'MODIFIED', resource, object: stored, old });
    return stored;
  }

  delete(resource: string, namespace: string, name: string): Stored | undefined {
    const ns = this.buckets.get(resource)?.get(namespace);
    const old = ns?.byName.get(name);
    if (!ns || !old) return undefined;
    ns.delete(name);
    this.rev++;
    // The DELETED event carries the last state with the deletion's revision, as etcd watch does.
    const gone = shallowCopy(old);
    gone.metadata = shallowCopy(old.metadata);
    gone.metadata.resourceVersion = String(this.rev);
    deepFreeze(gone);
    this.emit({ type: 'DELETED', resource, object: gone });
    return gone;
  }

  watch(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): StoreSnapshot {
    const objects: [string, KObject][] = [];
    for (const [resource, b] of this.buckets) for (const ns of b.values()) for (const obj of ns.byName.values()) objects.push([resource, obj]);
    return { revision: this.rev, objects };
  }

  /** A store holding exactly a snapshot's objects (etcdctl snapshot restore). */
  static fromSnapshot(snap: StoreSnapshot): Store {
    const s = new Store();
    for (const [resource, obj] of snap.objects) {
      const frozen = deepFreeze(clone(obj)) as Stored;
      const { namespace, name } = keyOf(frozen);
      const b = s.bucket(resource);
      let ns = b.get(namespace);
      if (!ns) b.set(namespace, (ns = new Names()));
      ns.set(name, frozen);
    }
    s.rev = snap.revision;
    return s;
  }

  private stamp(obj: KObject): Stored {
    this.rev++;
    const resourceVersion = String(this.rev);
    // Writers hand in a private object (the server's decoded copy): it is stamped and frozen in
    // place. Parts it shares with a stored object are frozen already, and copied if they change.
    const stamped = Object.isFrozen(obj) ? shallowCopy(obj) : obj;
    if (Object.isFrozen(stamped.metadata)) stamped.metadata = shallowCopy(stamped.metadata);
    stamped.metadata.resourceVersion = resourceVersion;
    return deepFreeze(stamped) as Stored;
  }

  private emit(event: WatchEvent): void {
    for (const l of this.listeners) l(event);
  }
}

function keyOf(obj: KObject): { namespace: string; name: string } {
  return { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
}
