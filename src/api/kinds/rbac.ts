/** Roles, ClusterRoles, RoleBindings and ClusterRoleBindings (rbac.authorization.k8s.io/v1). */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { validateLabelSelector } from '../validation/common.js';
import { fe, goStruct } from '../validation/field.js';
import { dns1123Subdomain } from '../validation/names.js';
import { isObj, list, setDefault, type Obj } from './util.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validateRule(rule: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const arr = (k: string): string[] => (Array.isArray(rule[k]) ? (rule[k] as string[]) : []);
  if (arr('verbs').length === 0) errs.push(fe.required(`${path}.verbs`, 'verbs must contain at least one value'));
  if (arr('nonResourceURLs').length > 0) {
    if (namespaced) errs.push(fe.invalid(`${path}.nonResourceURLs`, arr('nonResourceURLs'), 'namespaced rules cannot apply to non-resource URLs'));
    if (arr('apiGroups').length || arr('resources').length || arr('resourceNames').length) {
      errs.push(fe.invalid(`${path}.nonResourceURLs`, arr('nonResourceURLs'), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (arr('apiGroups').length === 0) errs.push(fe.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (arr('resources').length === 0) errs.push(fe.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(obj: Obj, namespaced: boolean): FieldError[] {
  return list(obj['rules']).flatMap((r, i) => validateRule(isObj(r) ? r : {}, namespaced, `rules[${i}]`));
}

function validateClusterRole(obj: Obj): FieldError[] {
  const errs = validateRules(obj, false);
  const agg = obj['aggregationRule'];
  if (isObj(agg)) {
    const selectors = list(agg['clusterRoleSelectors']);
    if (selectors.length === 0) errs.push(fe.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((s, i) => errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
  }
  return errs;
}

function pathSegmentErrors(name: string, path: string): FieldError[] {
  if (name === '.' || name === '..') return [fe.invalid(path, name, `may not be '${name}'`)];
  for (const bad of ['/', '%']) if (name.includes(bad)) return [fe.invalid(path, name, `may not contain '${bad}'`)];
  return [];
}

function validateSubject(s: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = typeof s['name'] === 'string' ? s['name'] : '';
  const apiGroup = s['apiGroup'] ?? '';
  if (!name) errs.push(fe.required(`${path}.name`));
  switch (s['kind']) {
    case 'ServiceAccount':
      if (name) errs.push(...dns1123Subdomain(name).map((m) => fe.invalid(`${path}.name`, name, m)));
      if (apiGroup) errs.push(fe.notSupported(`${path}.apiGroup`, apiGroup, ['']));
      if (!namespaced && !s['namespace']) errs.push(fe.required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(fe.notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(fe.notSupported(`${path}.kind`, s['kind'] ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(obj: Obj, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref: Obj = isObj(obj['roleRef']) ? obj['roleRef'] : {};
  if (ref['apiGroup'] !== RBAC_GROUP) errs.push(fe.notSupported('roleRef.apiGroup', ref['apiGroup'] ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref['kind'])) errs.push(fe.notSupported('roleRef.kind', ref['kind'] ?? '', kinds));
  if (!ref['name']) errs.push(fe.required('roleRef.name'));
  else errs.push(...pathSegmentErrors(String(ref['name']), 'roleRef.name'));
  list(obj['subjects']).forEach((s, i) => errs.push(...validateSubject(isObj(s) ? s : {}, namespaced, `subjects[${i}]`)));
  return errs;
}

function goRoleRef(ref: Obj): ReturnType<typeof goStruct> {
  return goStruct('rbac.RoleRef', [
    ['APIGroup', JSON.stringify(ref['apiGroup'] ?? '')],
    ['Kind', JSON.stringify(ref['kind'] ?? '')],
    ['Name', JSON.stringify(ref['name'] ?? '')],
  ]);
}

function validateBindingUpdate(obj: Obj, old: Obj, namespaced: boolean): FieldError[] {
  const errs = validateBinding(obj, namespaced);
  const a: Obj = obj['roleRef'] ?? {};
  const b: Obj = old['roleRef'] ?? {};
  if (a['apiGroup'] !== b['apiGroup'] || a['kind'] !== b['kind'] || a['name'] !== b['name']) errs.push(fe.invalid('roleRef', goRoleRef(a), 'cannot change roleRef'));
  return errs;
}

/** SetDefaults_RoleBinding and SetDefaults_Subject. */
function defaultBinding(obj: Obj): void {
  if (isObj(obj['roleRef'])) setDefault(obj['roleRef'], 'apiGroup', RBAC_GROUP);
  for (const s of list(obj['subjects'])) {
    if (!isObj(s) || s['apiGroup']) continue;
    if (s['kind'] === 'User' || s['kind'] === 'Group') s['apiGroup'] = RBAC_GROUP;
  }
}

export const roleStrategy: KindStrategy = { validate: (obj) => validateRules(obj as Obj, true) };
export const clusterRoleStrategy: KindStrategy = { validate: (obj) => validateClusterRole(obj as Obj) };
export const roleBindingStrategy: KindStrategy = {
  defaults: (obj) => defaultBinding(obj as Obj),
  validate: (obj) => validateBinding(obj as Obj, true),
  validateUpdate: (obj, old) => validateBindingUpdate(obj as Obj, old as Obj, true),
};
export const clusterRoleBindingStrategy: KindStrategy = {
  defaults: (obj) => defaultBinding(obj as Obj),
  validate: (obj) => validateBinding(obj as Obj, false),
  validateUpdate: (obj, old) => validateBindingUpdate(obj as Obj, old as Obj, false),
};

