/**
 * kubectl create clusterrole NAME: a role's rule (see role.ts) plus --non-resource-url, or an
 * --aggregation-rule label selector instead of rules.
 */
import type { KObject } from '../../api/types.js';
import { usageError } from '../errors.js';
import { defineGenerator, listFlag } from './generator.js';
import { policyRules, ruleOptions, validateResources, warnNonStandardVerbs } from './role.js';
import { sortedMap } from './sources.js';

const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

function nonResourceURLs(inv: Parameters<typeof listFlag>[0]): string[] {
  const urls = listFlag(inv, 'non-resource-url');
  return urls.filter((u, i) => urls.indexOf(u) === i);
}

function aggregationRule(inv: Parameters<typeof listFlag>[0]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of listFlag(inv, 'aggregation-rule')) {
    const i = pair.indexOf('=');
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return sortedMap(out);
}

export const createClusterRoleCommand = defineGenerator({
  path: ['create', 'clusterrole'],
  resource: 'clusterroles.rbac.authorization.k8s.io',
  discovery: 'create role',
  help: {
    short: 'Create a cluster role',
    long: `Create a cluster role.`,
    examples: `# Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods

# Create a cluster role named "pod-reader" with ResourceName specified
kubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod

# Create a cluster role named "foo" with API Group specified
kubectl create clusterrole foo --verb=get,list,watch --resource=rs.apps

# Create a cluster role named "foo" with SubResource specified
kubectl create clusterrole foo --verb=get,list,watch --resource=pods,pods/status

# Create a cluster role name "foo" with NonResourceURL specified
kubectl create clusterrole "foo" --verb=get --non-resource-url=/logs/*

# Create a cluster role name "monitoring" with AggregationRule specified
kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"`,
    use: 'NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'aggregation-rule', type: 'mapStringString', usage: 'An aggregation label selector for combining ClusterRoles.' },
    { name: 'non-resource-url', type: 'stringSlice', usage: 'A partial url that user should have access to.' },
    { name: 'resource', type: 'stringSlice', usage: 'Resource that the rule applies to' },
    { name: 'resource-name', type: 'stringArray', usage: 'Resource in the white list that the rule applies to, repeat this flag for multiple items' },
    { name: 'verb', type: 'stringSlice', usage: 'Verb that applies to the resources contained in the rule' },
  ],
  validate({ inv }) {
    const o = ruleOptions(inv);
    const urls = nonResourceURLs(inv);
    if (Object.keys(aggregationRule(inv)).length) {
      if (urls.length || o.verbs.length || o.resources.length || o.resourceNames.length) throw usageError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
      return;
    }
    if (o.verbs.length === 0) throw usageError('at least one verb must be specified');
    if (o.resources.length === 0 && urls.length === 0) throw usageError('one of resource or nonResourceURL must be specified');
    if (o.resources.length) {
      warnNonStandardVerbs(inv, o.verbs);
      validateResources(inv.kctx.cluster().api.registry, o);
    }
    if (urls.length) {
      for (const v of o.verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw usageError(`invalid verb: '${v}' for nonResourceURL`);
      for (const u of urls) {
        if (u === '*') continue;
        if (u === '' || !u.startsWith('/')) throw usageError('nonResourceURL should start with /');
        if (u.slice(0, -1).includes('*')) throw usageError("nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    }
  },
  build({ inv, name }): KObject {
    const rule = aggregationRule(inv);
    const meta = { name, creationTimestamp: null };
    if (Object.keys(rule).length) {
      return { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta, rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: rule }] } };
    }
    return { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta, rules: policyRules(inv.kctx.cluster().api.registry, ruleOptions(inv), nonResourceURLs(inv)) };
  },
});
