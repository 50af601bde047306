/**
 * Small helpers for strategies, which work on plain JSON objects. `Obj` is deliberately loose:
 * strategies read fields a user may have set to anything, and validation reports what is wrong.
 */
import { badRequest } from '../errors.js';
import type { ResourceInfo } from '../registry.js';
import type { KObject } from '../types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** obj[key] as an object, created if missing (for defaulting nested structs). */
export function child(obj: Obj, key: string): Obj {
  if (!isObj(obj[key])) obj[key] = {};
  return obj[key] as Obj;
}

export function list(v: unknown): Obj[] {
  return Array.isArray(v) ? (v as Obj[]) : [];
}

export function specOf(obj: KObject): Obj {
  return child(obj as Obj, 'spec');
}

export function setDefault<T>(obj: Obj, key: string, value: T): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === '') obj[key] = value;
}

/** A decode failure as the apiserver reports one: `Pod in version "v1" cannot be handled as a Pod: ...`. */
export function cannotHandle(info: Pick<ResourceInfo, 'kind' | 'version'>, why: string): Error {
  return badRequest(`${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${why}`);
}

/** Status structs that Go always serializes (`status: {}` on a fresh Deployment). */
export function ensureStatus(obj: KObject): Obj {
  return child(obj as Obj, 'status');
}

/** `creationTimestamp: null` that Go prints for embedded ObjectMeta (templates) in v1.33. */
export function templateMeta(template: Obj): Obj {
  const meta = child(template, 'metadata');
  if (!('creationTimestamp' in meta)) meta['creationTimestamp'] = null;
  return meta;
}
