/** Helpers admission plugins share: what a request is about, and Forbidden as admission words it. */
import type { AdmissionRequest } from '../admission.js';
import { ApiError, forbidden } from '../errors.js';
import type { Obj } from '../kinds/util.js';

/** Is the request about the resource of this store key? (Every plugin asks on every write: no key string built.) */
export function isResource(req: AdmissionRequest, key: string): boolean {
  const { group, resource } = req.resource;
  if (!group) return resource === key;
  return key.length === resource.length + 1 + group.length && key.startsWith(resource) && key.charCodeAt(resource.length) === 46 && key.endsWith(group);
}

const CREATE_ONLY: readonly string[] = ['CREATE'];

/** A write of the main resource (not a subresource) of the given kind. */
export function isMainWrite(req: AdmissionRequest, key: string, ops: readonly string[] = CREATE_ONLY): boolean {
  return isResource(req, key) && !req.subresource && ops.includes(req.operation) && !!req.object;
}

/** admission.NewForbidden: `pods "x" is forbidden: <why>` (or `pods is forbidden:` without a name). */
export function admissionForbidden(req: AdmissionRequest, why: string): ApiError {
  const name = req.name || req.object?.metadata.name || req.old?.metadata.name || '';
  return forbidden(req.resource, name, why);
}

export function obj(req: AdmissionRequest): Obj {
  return req.object as unknown as Obj;
}

/** Go's utilerrors.NewAggregate(...).Error(): one message alone, several in brackets. */
export function aggregate(messages: string[]): string {
  const unique = messages.filter((m, i) => messages.indexOf(m) === i);
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}
