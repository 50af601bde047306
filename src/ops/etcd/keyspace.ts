/**
 * The etcd key space of a Kubernetes cluster: every stored object under
 * /registry/<resource>/<namespace>/<name> as the apiserver's storage layer names it (Services
 * under services/specs, Nodes under minions, custom resources under their group), plus keys a
 * user wrote with `etcdctl put`, which the apiserver never reads.
 */
import type { Store } from '../../api/store.js';
import type { KObject } from '../../api/types.js';

export interface KeyValue {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

/** Keys written with `etcdctl put` outside the apiserver's objects, per etcd database. */
const rawKeys = new WeakMap<Store, Map<string, KeyValue>>();

export function rawKeysOf(store: Store): Map<string, KeyValue> {
  let m = rawKeys.get(store);
  if (!m) rawKeys.set(store, (m = new Map()));
  return m;
}

/** Groups whose resources the apiserver stores without a group prefix. */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'certificates.k8s.io', 'node.k8s.io', 'admissionregistration.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'events.k8s.io', 'resource.k8s.io', 'storagemigration.k8s.io', 'internal.apiserver.k8s.io',
]);

/** Resources whose storage prefix is not their plural name. */
const SPECIAL_PREFIXES: Record<string, string> = {
  services: 'services/specs',
  endpoints: 'services/endpoints',
  nodes: 'minions',
  'ingresses.networking.k8s.io': 'ingress',
  'customresourcedefinitions.apiextensions.k8s.io': 'apiextensions.k8s.io/customresourcedefinitions',
  'apiservices.apiregistration.k8s.io': 'apiregistration.k8s.io/apiservices',
  'events.events.k8s.io': 'events',
};

/** The key prefix (without trailing slash) of a store resource such as "deployments.apps". */
export function registryPrefix(resource: string): string {
  const special = SPECIAL_PREFIXES[resource];
  if (special) return `/registry/${special}`;
  const dot = resource.indexOf('.');
  const plural = dot < 0 ? resource : resource.slice(0, dot);
  const group = dot < 0 ? '' : resource.slice(dot + 1);
  return BUILTIN_GROUPS.has(group) ? `/registry/${plural}` : `/registry/${group}/${plural}`;
}

export function objectKey(resource: string, obj: KObject): string {
  const ns = obj.metadata.namespace;
  return `${registryPrefix(resource)}/${ns ? `${ns}/` : ''}${obj.metadata.name ?? ''}`;
}

/** How the apiserver's JSON serializer stores an object (what `etcdctl get` prints as its value). */
export function encodeValue(obj: KObject): string {
  return JSON.stringify(obj) + '\n';
}

/** Every key of the database, sorted by byte order as etcd's range returns them. */
export function allKeyValues(store: Store): KeyValue[] {
  const seen = new Set<string>();
  const out: KeyValue[] = [];
  for (const [resource, obj] of store.snapshot().objects) {
    const key = objectKey(resource, obj);
    if (seen.has(key)) continue; // events.k8s.io Events share core Events' keys
    seen.add(key);
    const rev = Number(obj.metadata.resourceVersion ?? store.revision) || store.revision;
    out.push({ key, value: encodeValue(obj), createRevision: rev, modRevision: rev, version: 1 });
  }
  for (const kv of rawKeysOf(store).values()) if (!seen.has(kv.key)) out.push(kv);
  return out.sort((a, b) => compareBytes(a.key, b.key));
}

export function compareBytes(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}

/** The object behind a key, for `etcdctl del`: [resource, namespace, name]. */
export function objectAt(store: Store, key: string): [string, string, string] | undefined {
  for (const [resource, obj] of store.snapshot().objects) {
    if (objectKey(resource, obj) === key) return [resource, obj.metadata.namespace ?? '', obj.metadata.name ?? ''];
  }
  return undefined;
}
