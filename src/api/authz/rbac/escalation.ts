/**
 * RBAC escalation prevention, as the apiserver's policy-based storage for roles and bindings does
 * it: a user may write a Role or ClusterRole only with rules they already hold (or with the
 * `escalate` verb on it), and bind a role only if they hold its rules (or have `bind` on it).
 * system:masters is never checked. The refusal lists the missing rules in Go's compact form:
 *
 *   roles.rbac.authorization.k8s.io "r" is forbidden: user "jane" (groups=["dev" "system:authenticated"])
 *   is attempting to grant RBAC permissions not currently held:
 *   {APIGroups:[""], Resources:["pods"], Verbs:["delete"]}
 */
import { SYSTEM_MASTERS, type AuthzAttributes, type UserInfo } from '../../auth.js';
import type { AdmissionRequest } from '../../admission.js';
import { aggregate } from '../../admission/util.js';
import { forbidden } from '../../errors.js';
import { resourceKey } from '../../registry.js';
import type { KObject } from '../../types.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, RBAC_GROUP, ROLE_BINDINGS, ROLES, rulesOf, type RbacResolver, type RoleRef } from './resolver.js';
import { ALL, type PolicyRule } from './rules.js';

/** Go's %q of a []string: ["a" "b"]. */
export function goQuotedList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

/** rbacv1helpers.BreakdownRule: one rule per group, resource, (name,) verb; URLs per verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        if (rule.resourceNames?.length) {
          for (const name of rule.resourceNames) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

const hasAll = (set: readonly string[], subset: readonly string[]) => subset.every((s) => set.includes(s));

function resourceCoversAll(set: readonly string[], covers: readonly string[]): boolean {
  if (set.includes(ALL) || hasAll(set, covers)) return true;
  for (const path of covers) {
    if (set.includes(path)) continue;
    const slash = path.indexOf('/');
    if (slash < 0) return false;
    if (!set.includes(`*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function nonResourceUrlCovers(owner: string, sub: string): boolean {
  return owner === sub || (owner.endsWith('*') && sub.startsWith(owner.replace(/\*+$/, '')));
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = owner.verbs.includes(ALL) || hasAll(owner.verbs, sub.verbs);
  const groups = (owner.apiGroups ?? []).includes(ALL) || hasAll(owner.apiGroups ?? [], sub.apiGroups ?? []);
  const resources = resourceCoversAll(owner.resources ?? [], sub.resources ?? []);
  const urls = (sub.nonResourceURLs ?? []).every((u) => (owner.nonResourceURLs ?? []).some((o) => nonResourceUrlCovers(o, u)));
  const ownerNames = owner.resourceNames ?? [];
  const subNames = sub.resourceNames ?? [];
  const names = subNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return verbs && groups && resources && names && urls;
}

/** validation.Covers: whether the owner's rules cover every broken-down servant rule, and which do not. */
export function covers(ownerRules: readonly PolicyRule[], servantRules: readonly PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing = servantRules.flatMap(breakdownRule).filter((sub) => !ownerRules.some((o) => ruleCovers(o, sub)));
  return { covered: missing.length === 0, missing };
}

/** CompactRules: simple rules (one group, one resource, at most one name) merge their verbs. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames?.length ?? 0) <= 1 && !r.nonResourceURLs?.length && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], r.resourceNames?.[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** rbacv1helpers.CompactString. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuotedList(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuotedList(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuotedList(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuotedList(r.resourceNames)}`);
  if (r.verbs.length) parts.push(`Verbs:${goQuotedList(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** ConfirmNoEscalation: undefined when the user holds every rule, else the refusal text. */
export function confirmNoEscalation(resolver: RbacResolver, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const owner = resolver.rulesFor(user, namespace);
  const { covered, missing } = covers(owner.rules, rules);
  if (covered) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.username)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (owner.errors.length) msg += `; resolution errors: [${aggregate(owner.errors)}]`;
  return msg;
}

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: [ALL], apiGroups: [ALL], resources: [ALL] },
  { verbs: [ALL], nonResourceURLs: [ALL] },
];

export interface EscalationDeps {
  resolver: RbacResolver;
  /** The whole authorizer chain, for the escalate and bind verbs. */
  can(attrs: AuthzAttributes): boolean;
}

/** Metadata a garbage collector may change without any escalation check. */
function onlyGcFieldsChanged(obj: KObject, old: KObject | undefined): boolean {
  if (!old) return false;
  const strip = (o: KObject) => {
    const { ownerReferences: _o, finalizers: _f, resourceVersion: _r, managedFields: _m, ...meta } = o.metadata;
    return JSON.stringify({ ...o, metadata: meta });
  };
  return strip(obj) === strip(old);
}

/** The store keys the check is about (one list: core-group writes, pods and events among them, ask on every write). */
const RBAC_KINDS: readonly string[] = [ROLES, CLUSTER_ROLES, ROLE_BINDINGS, CLUSTER_ROLE_BINDINGS];

/**
 * The check the apiserver's role and binding storage runs on create and update (after mutating
 * admission, before validation). Throws the Forbidden ApiError.
 */
export function checkRbacEscalation(req: AdmissionRequest, deps: EscalationDeps): void {
  if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
  if (req.subresource || !req.object) return;
  // Only RBAC's own kinds (every write comes through here: no key string for the others).
  if (req.resource.group !== RBAC_GROUP && req.resource.group !== '') return;
  const key = resourceKey(req.resource);
  if (!RBAC_KINDS.includes(key)) return;
  if (req.user.groups.includes(SYSTEM_MASTERS)) return;
  if (req.operation === 'UPDATE' && onlyGcFieldsChanged(req.object, req.old)) return;
  const name = req.object.metadata.name ?? req.name;
  const deny = (why: string) => forbidden(req.resource, name, why);
  if (key === ROLES || key === CLUSTER_ROLES) {
    const escalate = deps.can({ user: req.user, verb: 'escalate', resourceRequest: true, group: RBAC_GROUP, resource: req.resource.resource, namespace: req.namespace || undefined, name });
    if (escalate) return;
    const why = confirmNoEscalation(deps.resolver, req.user, req.namespace, rulesOf(req.object));
    if (why) throw deny(why);
    if (key === CLUSTER_ROLES && (req.object as { aggregationRule?: unknown }).aggregationRule && confirmNoEscalation(deps.resolver, req.user, '', FULL_AUTHORITY)) {
      throw deny('must have cluster-admin privileges to use the aggregationRule');
    }
    return;
  }
  const ref = (req.object as { roleRef?: RoleRef }).roleRef;
  if (!ref) return;
  const bind = deps.can({
    user: req.user,
    verb: 'bind',
    resourceRequest: true,
    group: ref.apiGroup ?? RBAC_GROUP,
    resource: ref.kind === 'ClusterRole' ? 'clusterroles' : 'roles',
    namespace: req.namespace || undefined,
    name: ref.name,
  });
  if (bind) return;
  const resolved = deps.resolver.roleRefRules(ref, req.namespace);
  if ('error' in resolved) throw deny(resolved.error);
  const why = confirmNoEscalation(deps.resolver, req.user, req.namespace, resolved.rules);
  if (why) throw deny(why);
}
