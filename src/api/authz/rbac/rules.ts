/**
 * RBAC policy rules and how one matches a request, with Kubernetes' exact semantics
 * (pkg/apis/rbac/v1/evaluation_helpers.go): `*` verbs, groups and resources; `pods/log` and
 * `*\/scale` subresources; resourceNames that never match a nameless request (list, create);
 * nonResourceURLs with a trailing `*` as a prefix.
 */
import type { AuthzAttributes } from '../../auth.js';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export const ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

/** `combined` is "pods" or "pods/log"; a rule's `*\/log` matches any resource's log subresource. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combined) return true;
    if (!subresource) continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** rbac.RuleAllows. */
export function ruleAllows(attrs: AuthzAttributes, rule: PolicyRule): boolean {
  if (attrs.resourceRequest) {
    const sub = attrs.subresource ?? '';
    const combined = sub ? `${attrs.resource}/${sub}` : (attrs.resource ?? '');
    return verbMatches(rule, attrs.verb) && apiGroupMatches(rule, attrs.group ?? '') && resourceMatches(rule, combined, sub) && resourceNameMatches(rule, attrs.name ?? '');
  }
  return verbMatches(rule, attrs.verb) && nonResourceUrlMatches(rule, attrs.path ?? '');
}

/**
 * Could a rule that names resources allow the request, for some name? Only then does the
 * request's name change what the rules decide (a rule naming nothing ignores names).
 */
export function nameMatters(attrs: AuthzAttributes, rules: Iterable<PolicyRule>): boolean {
  if (!attrs.resourceRequest) return false;
  for (const rule of rules) {
    const names = rule.resourceNames;
    if (names?.length && names.some((name) => ruleAllows({ ...attrs, name }, rule))) return true;
  }
  return false;
}

export function rulesAllow(attrs: AuthzAttributes, rules: readonly PolicyRule[]): boolean {
  return rules.some((r) => ruleAllows(attrs, r));
}

/** A rule as stored objects carry it (loose JSON) made safe to evaluate. */
export function toPolicyRule(raw: unknown): PolicyRule {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  const rule: PolicyRule = { verbs: strings(r['verbs']) ?? [] };
  for (const k of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
    const v = strings(r[k]);
    if (v) rule[k] = v;
  }
  return rule;
}
