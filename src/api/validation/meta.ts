/** ObjectMeta validation shared by every kind: name syntax, labels, annotations. */
import { field, type FieldError } from '../errors.js';
import type { ResourceInfo } from '../registry.js';
import type { KObject } from '../types.js';
import { dns1123Label, dns1123Subdomain, dns1035Label, labelValue, qualifiedName } from './names.js';

/** Kinds whose names must be DNS-1123 labels (not subdomains), and services (DNS-1035). */
const LABEL_NAMED = new Set(['namespaces']);
const DNS1035_NAMED = new Set(['services']);
/** RBAC and a few others accept path-segment names (anything without / or %). */
const PATH_SEGMENT_NAMED = new Set(['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings']);

export function validateObjectMeta(obj: KObject, info: ResourceInfo): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata;
  const name = m.name ?? '';
  if (name) {
    const problems = PATH_SEGMENT_NAMED.has(info.resource)
      ? pathSegment(name)
      : LABEL_NAMED.has(info.resource)
        ? dns1123Label(name)
        : DNS1035_NAMED.has(info.resource)
          ? dns1035Label(name)
          : info.group.includes('.') && !info.group.endsWith('k8s.io')
            ? []
            : dns1123Subdomain(name);
    for (const p of problems) errs.push(field.invalid('metadata.name', name, p));
  }
  // for-in rather than Object.entries: every write of every object comes through here.
  const labels = m.labels;
  if (labels && !knownValid(labels)) {
    const before = errs.length;
    for (const k in labels) {
      const v = labels[k];
      for (const p of qualifiedName(k)) errs.push(field.invalid('metadata.labels', k, p));
      if (typeof v !== 'string') errs.push(field.invalid(`metadata.labels`, v, 'label values must be strings'));
      else for (const p of labelValue(v)) errs.push(field.invalid('metadata.labels', v, p));
    }
    if (errs.length === before) rememberValid(labels);
  }
  const annotations = m.annotations;
  if (annotations && !knownValid(annotations)) {
    const before = errs.length;
    for (const k in annotations) for (const p of qualifiedName(k.toLowerCase())) errs.push(field.invalid('metadata.annotations', k, p));
    if (errs.length === before) rememberValid(annotations);
  }
  return errs;
}

/**
 * Label and annotation maps found valid, when frozen (a stored object's, which a status write
 * or an update that leaves them alone carries again): they can no longer change, and their
 * validation is a pure function of them.
 */
const VALID_FROZEN_MAPS = new WeakSet<object>();

function knownValid(map: object): boolean {
  return VALID_FROZEN_MAPS.has(map);
}

/** Valid labels hold strings only; of annotations, only the keys are checked here. */
function rememberValid(map: object): void {
  if (Object.isFrozen(map)) VALID_FROZEN_MAPS.add(map);
}

function pathSegment(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  if (name.includes('/')) return [`may not contain '/'`];
  if (name.includes('%')) return [`may not contain '%'`];
  return [];
}
