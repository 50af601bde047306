/**
 * Go struct field order for the parts every typed object shares. kubectl prints the objects
 * it builds (and the typed objects the server returns) with encoding/json, which writes struct
 * fields in declaration order: kind, apiVersion, metadata, then the kind's own fields; inside
 * ObjectMeta name, generateName, namespace, ..., creationTimestamp, ..., labels, annotations.
 * Generators build their own fields in order; this puts the shared ones where Go has them.
 */
import type { KObject } from '../../api/types.js';

const TYPE_META = ['kind', 'apiVersion'];

const OBJECT_META = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

function ordered<T extends Record<string, unknown>>(obj: T, first: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in obj) out[k] = obj[k];
  for (const [k, v] of Object.entries(obj)) if (!(k in out)) out[k] = v;
  return out as T;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Orders metadata blocks anywhere in the tree (pod templates, job templates). */
function orderTree(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(orderTree);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'metadata' && isObject(x) ? ordered(x, OBJECT_META) : orderTree(x);
  return out;
}

/** The object with TypeMeta first and every ObjectMeta in Go order. */
export function goOrdered<T extends KObject>(obj: T): T {
  return ordered(orderTree(obj) as T, [...TYPE_META, 'metadata']);
}
