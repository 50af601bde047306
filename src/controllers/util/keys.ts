/** Work-queue keys: `namespace/name` for namespaced objects, `name` for cluster-scoped ones. */
import type { KObject, OwnerReference } from '../../api/types.js';

export function keyOf(obj: KObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : (obj.metadata.name ?? '');
}

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/**
 * The controller reference of an object. Every controller asks it of every pod event and every
 * pod of a namespace: a plain loop (objects have one or two references), no closure.
 */
export function controllerRef(obj: KObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i]!.controller) return refs[i];
  return undefined;
}

/** The controller reference of an object when it names `kind`. */
export function controllerRefOfKind(obj: KObject | undefined, kind: string): OwnerReference | undefined {
  const ref = obj ? controllerRef(obj) : undefined;
  return ref && ref.kind === kind ? ref : undefined;
}

/** The shared empty key list keysFor returns when an event concerns nothing (frozen: never filled). */
export const NO_KEYS: string[] = Object.freeze([]) as unknown as string[];

/** Keys of the owners of kind `kind` of an object and, when it changed, of its previous owner (a shared empty list when none). */
export function ownerKeys(obj: KObject, old: KObject | undefined, kind: string): string[] {
  const cur = controllerRefOfKind(obj, kind);
  const prev = controllerRefOfKind(old, kind);
  if (!cur && !prev) return NO_KEYS;
  const ns = obj.metadata.namespace ?? '';
  const out: string[] = [];
  if (cur) out.push(ns ? `${ns}/${cur.name}` : cur.name);
  if (prev && prev.uid !== cur?.uid) out.push(ns ? `${ns}/${prev.name}` : prev.name);
  return out;
}
