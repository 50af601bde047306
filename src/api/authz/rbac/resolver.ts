/**
 * Which RBAC rules apply to a user (DefaultRuleResolver): ClusterRoleBindings everywhere, then the
 * RoleBindings of the request's namespace, each resolved to its Role or ClusterRole. A binding
 * whose role is missing contributes an error (`clusterrole.rbac.authorization.k8s.io "x" not
 * found`) that the Forbidden message carries, as the apiserver's does.
 */
import type { UserInfo } from '../../auth.js';
import type { Store } from '../../store.js';
import type { KObject } from '../../types.js';
import { toPolicyRule, type PolicyRule } from './rules.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const ROLES = `roles.${RBAC_GROUP}`;
export const CLUSTER_ROLES = `clusterroles.${RBAC_GROUP}`;
export const ROLE_BINDINGS = `rolebindings.${RBAC_GROUP}`;
export const CLUSTER_ROLE_BINDINGS = `clusterrolebindings.${RBAC_GROUP}`;

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind: string;
  name: string;
}

/** Where a rule came from, described as the RBAC authorizer's "allowed by" reason. */
export type RuleSource = { describe(): string };

export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

interface Binding extends KObject {
  subjects?: Subject[];
  roleRef?: RoleRef;
}

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/** appliesToUser: a ServiceAccount subject without a namespace means the binding's namespace. */
export function subjectApplies(user: UserInfo, s: Subject, namespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.username === s.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || namespace;
      return !!ns && user.username === serviceAccountUsername(ns, s.name);
    }
    default:
      return false;
  }
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

function source(binding: Binding, subject: Subject): RuleSource {
  const ns = binding.metadata.namespace;
  const ref = binding.roleRef!;
  return {
    describe: () =>
      ns
        ? `RoleBinding ${JSON.stringify(`${binding.metadata.name}/${ns}`)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, ns)}`
        : `ClusterRoleBinding ${JSON.stringify(binding.metadata.name)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, '')}`,
  };
}

export class RbacResolver {
  constructor(private readonly store: () => Store) {}

  /** GetRoleReferenceRules: the rules a binding grants, or the lister's not-found error. */
  roleRefRules(ref: RoleRef, namespace: string): { rules: PolicyRule[] } | { error: string } {
    if (ref.kind === 'Role') {
      const role = this.store().get(ROLES, namespace, ref.name);
      if (!role) return { error: `role.${RBAC_GROUP} ${JSON.stringify(ref.name)} not found` };
      return { rules: rulesOf(role) };
    }
    if (ref.kind === 'ClusterRole') {
      const role = this.store().get(CLUSTER_ROLES, '', ref.name);
      if (!role) return { error: `clusterrole.${RBAC_GROUP} ${JSON.stringify(ref.name)} not found` };
      return { rules: rulesOf(role) };
    }
    return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind)}` };
  }

  /** VisitRulesFor: stops as soon as the visitor returns false. */
  visitRulesFor(user: UserInfo, namespace: string, visit: RuleVisitor): void {
    const store = this.store();
    const bindings = [...(store.list(CLUSTER_ROLE_BINDINGS) as Binding[]), ...(namespace ? (store.list(ROLE_BINDINGS, namespace) as Binding[]) : [])];
    for (const b of bindings) {
      const ns = b.metadata.namespace ?? '';
      const subject = (b.subjects ?? []).find((s) => subjectApplies(user, s, ns));
      if (!subject || !b.roleRef) continue;
      const resolved = this.roleRefRules(b.roleRef, ns);
      if ('error' in resolved) {
        if (!visit(undefined, undefined, resolved.error)) return;
        continue;
      }
      const src = source(b, subject);
      for (const rule of resolved.rules) if (!visit(src, rule, undefined)) return;
    }
  }

  /** RulesFor: every rule that applies, plus the errors met on the way. */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(user, namespace, (_s, rule, err) => {
      if (rule) rules.push(rule);
      if (err) errors.push(err);
      return true;
    });
    return { rules, errors };
  }
}

export function rulesOf(role: KObject): PolicyRule[] {
  const raw = (role as { rules?: unknown }).rules;
  return Array.isArray(raw) ? raw.map(toPolicyRule) : [];
}
