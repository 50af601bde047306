/**
 * A DescribeLookup over a fixed set of objects: resources resolved through the registry,
 * label selectors with apimachinery's syntax, field selectors as `a.b=x,c!=y` over dotted
 * paths. The describe verb can use it over a store snapshot; tests use it over fixtures.
 */

import { matchesAll, parseSelector } from '../../api/labels.js';
import { ResourceRegistry } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import type { DescribeLookup } from './common.js';

function fieldValue(obj: KObject, path: string): string {
  let v: unknown = obj;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

/** Does the object satisfy a field selector string ("spec.nodeName=n1,status.phase!=Failed")? */
export function fieldSelectorMatches(obj: KObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(term.trim());
    if (!m) return true;
    const actual = fieldValue(obj, m[1]!);
    return m[2] === '!=' ? actual !== m[3] : actual === m[3];
  });
}

export function objectsLookup(objects: readonly KObject[], registry = new ResourceRegistry()): DescribeLookup {
  const ofResource = (resource: string): KObject[] => {
    const info = registry.resolve(resource);
    if (!info) return [];
    const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
    return objects.filter((o) => o.kind === info.kind && o.apiVersion === apiVersion);
  };
  return {
    list(resource, namespace, selector) {
      let items = ofResource(resource);
      if (namespace) items = items.filter((o) => o.metadata.namespace === namespace);
      if (selector?.labels) {
        const reqs = parseSelector(selector.labels);
        items = items.filter((o) => matchesAll(o.metadata.labels, reqs));
      }
      if (selector?.fields) items = items.filter((o) => fieldSelectorMatches(o, selector.fields));
      return items;
    },
    get(resource, namespace, name) {
      return ofResource(resource).find((o) => o.metadata.name === name && (!namespace || o.metadata.namespace === namespace || !o.metadata.namespace));
    },
  };
}
