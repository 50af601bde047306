/**
 * CustomResourceDefinitions (apiextensions.k8s.io/v1): defaults, the main validation rules,
 * and serving: an accepted CRD registers its resource (as the apiextensions controllers
 * establish it), and deleting it stops serving the resource and drops its objects.
 */
import type { FieldError } from '../errors.js';
import type { ResourceInfo } from '../registry.js';
import type { KindStrategy, StrategyContext } from '../strategy.js';
import type { KObject, Stored } from '../types.js';
import { fe, immutable } from '../validation/field.js';
import { dns1035Label, dns1123Subdomain } from '../validation/names.js';
import { child, isObj, list, setDefault, type Obj } from './util.js';

export const CRD_KEY = 'customresourcedefinitions.apiextensions.k8s.io';
const RW = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

/** The served version a client uses: the storage version, else the first served one. */
export function preferredVersion(spec: Obj): Obj | undefined {
  const versions = list(spec['versions']).filter((v) => v['served'] !== false);
  return versions.find((v) => v['storage'] === true) ?? versions[0];
}

export function crdResourceInfo(crd: Obj): ResourceInfo | undefined {
  const spec: Obj = crd['spec'] ?? {};
  const names: Obj = spec['names'] ?? {};
  const version = preferredVersion(spec);
  if (!version || !names['plural'] || !names['kind'] || !spec['group']) return undefined;
  const sub = version['subresources'] ?? {};
  return {
    group: spec['group'],
    version: version['name'],
    kind: names['kind'],
    resource: names['plural'],
    singular: names['singular'] ?? String(names['kind']).toLowerCase(),
    shortNames: Array.isArray(names['shortNames']) ? names['shortNames'] : [],
    namespaced: spec['scope'] !== 'Cluster',
    verbs: [...RW].sort(),
    categories: Array.isArray(names['categories']) ? names['categories'] : [],
    subresources: [...(isObj(sub['status']) ? ['status'] : []), ...(isObj(sub['scale']) ? ['scale'] : [])],
  };
}

function validate(obj: Obj): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const names: Obj = spec['names'] ?? {};
  const errs: FieldError[] = [];
  const group = String(spec['group'] ?? '');
  const name = obj['metadata']?.['name'] ?? '';
  if (name !== `${names['plural'] ?? ''}.${group}`) errs.push(fe.invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!group) errs.push(fe.required('spec.group'));
  else {
    errs.push(...dns1123Subdomain(group).map((m) => fe.invalid('spec.group', group, m)));
    if (group.split('.').length < 2) errs.push(fe.invalid('spec.group', group, 'should be a domain with at least one dot'));
  }
  const scope = spec['scope'] ?? '';
  if (!scope) errs.push(fe.required('spec.scope'));
  else if (scope !== 'Cluster' && scope !== 'Namespaced') errs.push(fe.notSupported('spec.scope', scope, ['Cluster', 'Namespaced']));
  const versions = list(spec['versions']);
  if (versions.length === 0) errs.push(fe.invalid('spec.versions', [], 'must have exactly one version marked as storage version'));
  else if (versions.filter((v) => v['storage'] === true).length !== 1) {
    errs.push(fe.invalid('spec.versions', versions.map((v) => String(v['name'])), 'must have exactly one version marked as storage version'));
  }
  versions.forEach((v, i) => {
    const p = `spec.versions[${i}]`;
    if (!v['name']) errs.push(fe.required(`${p}.name`));
    else errs.push(...dns1035Label(String(v['name'])).map((m) => fe.invalid(`${p}.name`, String(v['name']), m)));
    const schema = v['schema']?.['openAPIV3Schema'];
    if (!isObj(schema)) errs.push(fe.required(`${p}.schema.openAPIV3Schema`, 'schemas are required'));
    else if (!schema['type'] && !schema['x-kubernetes-preserve-unknown-fields']) errs.push(fe.required(`${p}.schema.openAPIV3Schema.type`, 'must not be empty at the root'));
    else if (schema['type'] && schema['type'] !== 'object') errs.push(fe.invalid(`${p}.schema.openAPIV3Schema.type`, schema['type'], 'must be object at the root'));
  });
  for (const k of ['plural', 'singular', 'kind', 'listKind']) {
    const v = names[k];
    if ((k === 'plural' || k === 'kind') && !v) errs.push(fe.required(`spec.names.${k}`));
    if (v && (k === 'plural' || k === 'singular')) errs.push(...dns1035Label(String(v)).map((m) => fe.invalid(`spec.names.${k}`, String(v), m)));
    if (v && (k === 'kind' || k === 'listKind') && !/^[A-Za-z][A-Za-z0-9]*$/.test(String(v))) {
      errs.push(fe.invalid(`spec.names.${k}`, String(v), "may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?"));
    }
  }
  return errs;
}

function acceptedStatus(obj: Obj, ctx: StrategyContext): Obj {
  const names: Obj = obj['spec']?.['names'] ?? {};
  const now = ctx.clock.iso();
  const storage = list(obj['spec']?.['versions']).find((v) => v['storage'] === true);
  return {
    acceptedNames: Object.fromEntries(['categories', 'kind', 'listKind', 'plural', 'shortNames', 'singular'].filter((k) => names[k] !== undefined).map((k) => [k, names[k]])),
    conditions: [
      { lastTransitionTime: now, message: 'no conflicts found', reason: 'NoConflicts', status: 'True', type: 'NamesAccepted' },
      { lastTransitionTime: now, message: 'the initial names have been accepted', reason: 'InitialNamesAccepted', status: 'True', type: 'Established' },
    ],
    storedVersions: storage ? [storage['name']] : [],
  };
}

export const crdStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj) {
    const spec = child(obj as Obj, 'spec');
    const names = child(spec, 'names');
    if (!names['singular'] && names['kind']) names['singular'] = String(names['kind']).toLowerCase();
    if (!names['listKind'] && names['kind']) names['listKind'] = `${names['kind']}List`;
    if (!isObj(spec['conversion'])) spec['conversion'] = { strategy: 'None' };
    for (const v of list(spec['versions'])) if (isObj(v)) setDefault(v, 'served', true);
  },
  prepareForCreate(obj, ctx) {
    (obj as Obj)['status'] = acceptedStatus(obj as Obj, ctx);
  },
  validate: (obj) => validate(obj as Obj),
  validateUpdate(obj: KObject, old: Stored, ctx) {
    if (ctx.subresource === 'status') return [];
    return [...validate(obj as Obj), ...immutable((obj as Obj)['spec']?.['scope'], (old as Obj)['spec']?.['scope'], 'spec.scope')];
  },
  beforeStore(obj, _old, ctx, dryRun) {
    const info = crdResourceInfo(obj as Obj);
    if (info && !dryRun) ctx.registerResource(info);
  },
  afterDelete(obj, ctx) {
    const info = crdResourceInfo(obj as Obj);
    if (info) ctx.unregisterResource(`${info.resource}.${info.group}`);
  },
};

/** Serves the resources of CRDs already in a store (after a snapshot restore). */
export function registerStoredCRDs(store: { list(resource: string): readonly KObject[] }, register: (info: ResourceInfo) => void): void {
  for (const crd of store.list(CRD_KEY)) {
    const info = crdResourceInfo(crd as Obj);
    if (info) register(info);
  }
}
