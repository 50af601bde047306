/**
 * The garbage collector (pkg/controller/garbagecollector): objects whose owners are all gone
 * are deleted (background cascade); an owner deleted in the foreground keeps its
 * foregroundDeletion finalizer until no dependent with blockOwnerDeletion is left; an owner
 * deleted with propagationPolicy Orphan releases its dependents and loses the orphan finalizer.
 *
 * The dependency graph is an index built from watch events (rebuilt from the store when the
 * controller-manager restarts or etcd is swapped); every decision re-reads the store.
 */
import type { ReconcileResult, Reconciler } from '../cluster/runloop.js';
import type { Store, WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { resourceKey } from '../api/registry.js';
import type { KObject, OwnerReference, Stored } from '../api/types.js';
import type { ControllerContext } from './context.js';

export const FOREGROUND = 'foregroundDeletion';
const NO_KEYS: readonly string[] = Object.freeze([]);
export const ORPHAN = 'orphan';

interface Identity {
  resource: string;
  namespace: string;
  name: string;
}

function idOf(resource: string, obj: KObject): string {
  return `${resource}|${obj.metadata.namespace ?? ''}|${obj.metadata.name ?? ''}`;
}

function parseId(id: string): Identity {
  const [resource, namespace, name] = id.split('|') as [string, string, string];
  return { resource, namespace, name };
}

/** Resources the collector never tracks (the controller-manager's GC ignoredResources). */
export const GC_IGNORED_RESOURCES = ['events', 'events.events.k8s.io'];

export class GarbageCollector implements Reconciler {
  readonly name = 'garbage-collector-controller';
  readonly ignores = GC_IGNORED_RESOURCES;
  /** owner uid -> identities of objects naming it in ownerReferences */
  private dependents = new Map<string, Set<string>>();
  /** identity -> owner uids it names */
  private owners = new Map<string, string[]>();
  /** uid -> identity of every object seen */
  private byUid = new Map<string, string>();
  private indexed?: Store;

  constructor(private readonly ctx: ControllerContext) {}

  private get client() {
    return this.ctx.clientAs('generic-garbage-collector');
  }

  keysFor(event: WatchEvent): Iterable<string> {
    this.ensureIndex();
    const obj = event.object;
    // Most events are status writes: owners unchanged, object known, not being deleted.
    if (event.type === 'MODIFIED' && !obj.metadata.deletionTimestamp && event.old && sameOwners(event.old.metadata.ownerReferences, obj.metadata.ownerReferences) && this.byUid.has(obj.metadata.uid)) return NO_KEYS;
    const id = idOf(event.resource, obj);
    const keys: string[] = [];
    if (event.type === 'DELETED') {
      this.unindex(id, obj.metadata.uid);
      for (const dep of this.dependents.get(obj.metadata.uid) ?? []) keys.push(dep);
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const owner = this.byUid.get(ref.uid);
        if (owner) keys.push(owner);
      }
      return keys;
    }
    const refsChanged = event.type === 'ADDED' || !sameOwners(event.old?.metadata.ownerReferences, obj.metadata.ownerReferences);
    if (refsChanged || !this.byUid.has(obj.metadata.uid)) this.index(id, obj);
    if ((obj.metadata.ownerReferences?.length ?? 0) > 0 && refsChanged) keys.push(id);
    if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).some((f) => f === FOREGROUND || f === ORPHAN)) {
      keys.push(id);
      for (const dep of this.dependents.get(obj.metadata.uid) ?? []) keys.push(dep);
    }
    return keys;
  }

  resyncKeys(): Iterable<string> {
    this.rebuild();
    const keys: string[] = [];
    for (const [resource, obj] of this.ctx.store.snapshot().objects) {
      const gcFinalizer = obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).some((f) => f === FOREGROUND || f === ORPHAN);
      if ((obj.metadata.ownerReferences?.length ?? 0) > 0 || gcFinalizer) keys.push(idOf(resource, obj));
    }
    return keys;
  }

  private ensureIndex(): void {
    if (this.indexed !== this.ctx.store) this.rebuild();
  }

  private rebuild(): void {
    this.dependents = new Map();
    this.owners = new Map();
    this.byUid = new Map();
    this.indexed = this.ctx.store;
    for (const [resource, obj] of this.ctx.store.snapshot().objects) if (!GC_IGNORED_RESOURCES.includes(resource)) this.index(idOf(resource, obj), obj);
  }

  private index(id: string, obj: KObject): void {
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, id);
    // Most objects (events above all) name no owner and never did: nothing more to record.
    if (!obj.metadata.ownerReferences?.length && !this.owners.has(id)) return;
    const before = this.owners.get(id) ?? [];
    const after = (obj.metadata.ownerReferences ?? []).map((r) => r.uid);
    for (const uid of before) if (!after.includes(uid)) this.dependents.get(uid)?.delete(id);
    for (const uid of after) {
      let set = this.dependents.get(uid);
      if (!set) this.dependents.set(uid, (set = new Set()));
      set.add(id);
    }
    if (after.length) this.owners.set(id, after);
    else this.owners.delete(id);
  }

  private unindex(id: string, uid: string): void {
    for (const owner of this.owners.get(id) ?? []) this.dependents.get(owner)?.delete(id);
    this.owners.delete(id);
    if (this.byUid.get(uid) === id) this.byUid.delete(uid);
  }

  reconcile(key: string): ReconcileResult | void {
    this.ensureIndex();
    const { resource, namespace, name } = parseId(key);
    const obj = this.ctx.store.get(resource, namespace, name);
    if (!obj) return;
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && finalizers.includes(ORPHAN)) {
      this.orphanDependents(obj);
      this.removeFinalizer(resource, obj, ORPHAN);
      return;
    }
    if (obj.metadata.deletionTimestamp && finalizers.includes(FOREGROUND)) {
      this.processDeletingDependents(resource, obj);
      return;
    }
    this.attemptToDelete(resource, obj);
  }

  /** The stored dependents of an owner (those still naming its uid). */
  private dependentsOf(owner: Stored): { resource: string; obj: Stored; ref: OwnerReference }[] {
    const out: { resource: string; obj: Stored; ref: OwnerReference }[] = [];
    for (const id of [...(this.dependents.get(owner.metadata.uid) ?? [])].sort()) {
      const { resource, namespace, name } = parseId(id);
      const obj = this.ctx.store.get(resource, namespace, name);
      const ref = obj?.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid);
      if (obj && ref) out.push({ resource, obj, ref });
    }
    return out;
  }

  /** Resolves an owner reference to the stored owner, or undefined when it is gone (dangling). */
  private ownerOf(dependent: Stored, ref: OwnerReference): { owner?: Stored; unknownKind: boolean } {
    const info = this.ctx.client.api.registry.byKind(ref.apiVersion, ref.kind);
    if (!info) return { unknownKind: true };
    if (info.namespaced && !dependent.metadata.namespace) return { unknownKind: false };
    const owner = this.ctx.store.get(resourceKey(info), info.namespaced ? (dependent.metadata.namespace ?? '') : '', ref.name);
    return { owner: owner && owner.metadata.uid === ref.uid ? owner : undefined, unknownKind: false };
  }

  /** attemptToDeleteItem: delete an object whose owners are all gone or deleting in the foreground. */
  private attemptToDelete(resource: string, obj: Stored): void {
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).includes(FOREGROUND)) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const { owner, unknownKind } = this.ownerOf(obj, ref);
      if (unknownKind) solid.push(ref);
      else if (!owner) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      const keep = refs.filter((r) => !drop.has(r.uid));
      this.patchOwners(resource, obj, keep);
      return;
    }
    let policy: 'Foreground' | 'Background' | 'Orphan';
    if (waiting.length > 0 && (this.dependents.get(obj.metadata.uid)?.size ?? 0) > 0) policy = 'Foreground';
    else if ((obj.metadata.finalizers ?? []).includes(ORPHAN)) policy = 'Orphan';
    else if ((obj.metadata.finalizers ?? []).includes(FOREGROUND)) policy = 'Foreground';
    else policy = 'Background';
    if (obj.metadata.deletionTimestamp) return;
    this.deleteObject(resource, obj, policy);
  }

  /** processDeletingDependentsItem: the owner goes once no blocking dependent is left. */
  private processDeletingDependents(resource: string, owner: Stored): void {
    for (const dep of this.dependentsOf(owner)) {
      if ((dep.obj.metadata.finalizers ?? []).includes(FOREGROUND) && dep.obj.metadata.deletionTimestamp) continue;
      this.attemptToDelete(dep.resource, dep.obj);
    }
    const blocking = this.dependentsOf(owner).filter((d) => d.ref.blockOwnerDeletion);
    if (blocking.length === 0) this.removeFinalizer(resource, owner, FOREGROUND);
  }

  /** orphanDependents: remove the owner from every dependent's ownerReferences. */
  private orphanDependents(owner: Stored): void {
    for (const dep of this.dependentsOf(owner)) {
      const keep = (dep.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      this.patchOwners(dep.resource, dep.obj, keep);
    }
  }

  private patchOwners(resource: string, obj: Stored, refs: OwnerReference[]): void {
    this.quiet(() => this.client.patch(resource, obj.metadata.namespace ?? '', obj.metadata.name, 'merge', { metadata: { ownerReferences: refs.length ? refs : null } }));
  }

  private removeFinalizer(resource: string, obj: Stored, finalizer: string): void {
    const rest = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.quiet(() => this.client.patch(resource, obj.metadata.namespace ?? '', obj.metadata.name, 'merge', { metadata: { finalizers: rest.length ? rest : null } }));
  }

  private deleteObject(resource: string, obj: Stored, policy: 'Foreground' | 'Background' | 'Orphan'): void {
    this.quiet(() => this.client.delete(resource, obj.metadata.namespace ?? '', obj.metadata.name, { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } }));
  }

  /** NotFound and Conflict (the object changed meanwhile) are not errors: the next event retries. */
  private quiet(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }
}

function sameOwners(a: readonly OwnerReference[] | undefined, b: readonly OwnerReference[] | undefined): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  for (let i = 0; i < (a?.length ?? 0); i++) {
    const x = a![i]!;
    const y = b![i]!;
    if (x.uid !== y.uid || x.name !== y.name || x.kind !== y.kind || x.apiVersion !== y.apiVersion || !!x.controller !== !!y.controller || !!x.blockOwnerDeletion !== !!y.blockOwnerDeletion) return false;
  }
  return true;
}
