/**
 * kubectl create role NAME --verb=... --resource=resource[.group][/subresource]
 * [--resource-name=...]: one rule per API group, resources resolved through discovery (short
 * names expand, unknown ones fail as the RESTMapper words it), with kubectl's checks for the
 * special verbs use, bind, escalate and impersonate.
 */
import type { ResourceRegistry } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import type { Invocation } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { defineGenerator, listFlag } from './generator.js';

export const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];

const SPECIAL_VERBS: Record<string, { group: string; resource: string }[]> = {
  use: [
    { group: 'policy', resource: 'podsecuritypolicies' },
    { group: 'extensions', resource: 'podsecuritypolicies' },
  ],
  bind: [
    { group: 'rbac.authorization.k8s.io', resource: 'roles' },
    { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  ],
  escalate: [
    { group: 'rbac.authorization.k8s.io', resource: 'roles' },
    { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  ],
  impersonate: [
    { group: '', resource: 'users' },
    { group: '', resource: 'serviceaccounts' },
    { group: '', resource: 'groups' },
    { group: 'authentication.k8s.io', resource: 'userextras' },
  ],
};

export interface ResourceOption {
  resource: string;
  group: string;
  subresource: string;
}

/** The role options after Complete: verbs and names de-duplicated, `*` absorbing the rest. */
export interface RuleOptions {
  verbs: string[];
  resources: ResourceOption[];
  resourceNames: string[];
}

function unique(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

export function ruleOptions(inv: Invocation): RuleOptions {
  const rawVerbs = listFlag(inv, 'verb');
  const verbs = rawVerbs.includes('*') ? ['*'] : unique(rawVerbs);
  const resources: ResourceOption[] = [];
  for (const r of listFlag(inv, 'resource')) {
    const slash = r.indexOf('/');
    const head = slash < 0 ? r : r.slice(0, slash);
    const dot = head.indexOf('.');
    const option = { resource: dot < 0 ? head : head.slice(0, dot), group: dot < 0 ? '' : head.slice(dot + 1), subresource: slash < 0 ? '' : r.slice(slash + 1) };
    if (option.resource === '*' && dot < 0 && slash < 0) {
      resources.splice(0, resources.length, option);
      break;
    }
    resources.push(option);
  }
  return { verbs, resources, resourceNames: unique(listFlag(inv, 'resource-name')) };
}

/** RESTMapper.ResourceFor: the plural resource and group, or the mapper's error. */
function resourceFor(registry: ResourceRegistry, r: ResourceOption): { resource: string; group: string } | { error: string } {
  const name = r.resource.toLowerCase();
  const hits = registry
    .list()
    .filter((i) => (i.resource === name || i.singular === name || i.shortNames.includes(name)) && (!r.group || i.group === r.group))
    .sort((a, b) => (a.group === '' ? 0 : 1) - (b.group === '' ? 0 : 1));
  const hit = hits[0];
  if (hit) return { resource: hit.resource, group: hit.group };
  return { error: r.group ? `the server doesn't have a resource type "${r.resource}" in group "${r.group}"` : `the server doesn't have a resource type "${r.resource}"` };
}

/** validateResource: every resource must resolve, and special verbs only apply to their resources. */
export function validateResources(registry: ResourceRegistry, o: RuleOptions): void {
  for (const r of o.resources) {
    if (!r.resource) throw usageError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = resourceFor(registry, r);
    let error = 'error' in mapped ? mapped.error : undefined;
    const resolved = 'error' in mapped ? { resource: r.resource, group: r.group } : mapped;
    for (const v of o.verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (!allowed) continue;
      if (!allowed.some((x) => x.resource === resolved.resource && x.group === resolved.group)) throw usageError(`can not perform '${v}' on '${resolved.resource}' in group '${resolved.group}'`);
      error = undefined;
    }
    if (error) throw new KubectlError(error);
  }
}

export function warnNonStandardVerbs(inv: Invocation, verbs: string[]): void {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) inv.err.write(`Warning: '${v}' is not a standard resource verb\n`);
}

/** generateResourcePolicyRules: one rule per group (groups sorted), then the non-resource URLs. */
export function policyRules(registry: ResourceRegistry, o: RuleOptions, nonResourceURLs: string[] = []): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of o.resources) {
    const mapped = resourceFor(registry, r);
    const res = 'error' in mapped ? { resource: r.resource, group: r.group } : mapped;
    const name = r.subresource ? `${res.resource}/${r.subresource}` : res.resource;
    const list = byGroup.get(res.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(res.group, list);
  }
  const rules: Record<string, unknown>[] = [...byGroup.keys()].sort().map((g) => ({
    verbs: o.verbs,
    apiGroups: [g],
    resources: byGroup.get(g),
    ...(o.resourceNames.length ? { resourceNames: o.resourceNames } : {}),
  }));
  if (nonResourceURLs.length) rules.push({ verbs: o.verbs, nonResourceURLs });
  return rules;
}

export const createRoleCommand = defineGenerator({
  path: ['create', 'role'],
  resource: 'roles.rbac.authorization.k8s.io',
  discovery: 'create role',
  help: {
    short: 'Create a role with single rule',
    long: `Create a role with single rule.`,
    examples: `# Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods

# Create a role named "pod-reader" with ResourceName specified
kubectl create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod

# Create a role named "foo" with API Group specified
kubectl create role foo --verb=get,list,watch --resource=rs.apps

# Create a role named "foo" with SubResource specified
kubectl create role foo --verb=get,list,watch --resource=pods,pods/status`,
    use: 'NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'resource', type: 'stringSlice', usage: 'Resource that the rule applies to' },
    { name: 'resource-name', type: 'stringArray', usage: 'Resource in the white list that the rule applies to, repeat this flag for multiple items' },
    { name: 'verb', type: 'stringSlice', usage: 'Verb that applies to the resources contained in the rule' },
  ],
  validate({ inv }) {
    const o = ruleOptions(inv);
    if (o.verbs.length === 0) throw usageError('at least one verb must be specified');
    warnNonStandardVerbs(inv, o.verbs);
    if (o.resources.length === 0) throw usageError('at least one resource must be specified');
    validateResources(inv.kctx.cluster().api.registry, o);
  },
  build({ inv, name, enforcedNamespace }): KObject {
    const rules = policyRules(inv.kctx.cluster().api.registry, ruleOptions(inv));
    return { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null }, rules };
  },
});
