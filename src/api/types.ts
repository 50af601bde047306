/**
 * The shape every API object shares. Objects are plain JSON (as the apiserver stores them);
 * kinds are typed where code needs it through `kubernetes-types` (e.g. `Pod` from
 * 'kubernetes-types/core/v1.js'), cast from KObject at the point of use.
 *
 * Objects read from the store are deep-frozen: clone (`clone()`) before changing one, as a
 * Kubernetes controller must never mutate its informer cache.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** A stored object: what the API hands out. Never mutate it; clone first. */
export type Stored<T extends KObject = KObject> = T & { metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string } };

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Recursively freezes plain JSON values (store writes only; reads share the frozen copy). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** "apps/v1" -> {group: "apps", version: "v1"}; "v1" -> {group: "", version: "v1"}. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function joinApiVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The controller owner reference of an object, if any. */
export function controllerOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

export function nsName(obj: KObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : (obj.metadata.name ?? '');
}
