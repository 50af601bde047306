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

/** The controller reference of an object when it names `kind`. */
export function controllerRefOfKind(obj: KObject | undefined, kind: string): OwnerReference | undefined {
  const ref = obj?.metadata.ownerReferences?.find((r) => r.controller);
  return ref && ref.kind === kind ? ref : undefined;
}

/** Keys of the owners of kind `kind` of an object and, when it changed, of its previous owner. */
export function ownerKeys(obj: KObject, old: KObject | undefined, kind: string): string[] {
  const ns = obj.metadata.namespace ?? '';
  const out: string[] = [];
  const cur = controllerRefOfKind(obj, kind);
  if (cur) out.push(ns ? `${ns}/${cur.name}` : cur.name);
  const prev = controllerRefOfKind(old, kind);
  if (prev && prev.uid !== cur?.uid) out.push(ns ? `${ns}/${prev.name}` : prev.name);
  return out;
}
