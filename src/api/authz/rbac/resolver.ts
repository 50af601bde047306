/**
 * Which RBAC rules apply to a user (DefaultRuleResolver): ClusterRoleBindings everywhere, then the
 * RoleBindings of the request's namespace, each resolved to its Role or ClusterRole. A binding
 * whose role is missing contributes an error (`clusterrole.rbac.authorization.k8s.io "x" not
 * found`) that the Forbidden message carries, as the apiserver's does.
 */
import type { AuthzAttributes, UserInfo } from '../../auth.js';
import { DecisionMemo } from '../decision-memo.js';
import type { Store } from '../../store.js';
import type { KObject } from '../../types.js';
import { nameMatters, toPolicyRule, type PolicyRule } from './rules.js';

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
  let text: string | undefined;
  // Built on demand: most allowed requests never read their reason.
  return {
    describe: () =>
      (text ??= ns
        ? `RoleBinding ${JSON.stringify(`${binding.metadata.name}/${ns}`)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, ns)}`
        : `ClusterRoleBinding ${JSON.stringify(binding.metadata.name)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, '')}`),
  };
}

interface Resolved {
  entries: { source: RuleSource; rule: PolicyRule }[];
  errors: string[];
  /** Does any rule name resources (then a request's name may matter to the decision)? */
  namesResources: boolean;
  /** Decisions already made on these rules, by request attributes (made on first use). */
  decisions?: DecisionMemo<unknown>;
}

const RBAC_RESOURCES = new Set([ROLES, CLUSTER_ROLES, ROLE_BINDINGS, CLUSTER_ROLE_BINDINGS]);
const CACHE_LIMIT = 1024;

export class RbacResolver {
  /** Resolved rules per user and namespace, dropped whenever an RBAC object changes. */
  private readonly cache = new Map<string, Resolved>();
  /**
   * The same, by the identity of the user object a client keeps (a component's client asks
   * thousands of times): no key string to build per request. Entries of an older cache
   * generation are stale.
   */
  private byUser = new WeakMap<UserInfo, { generation: number; byNamespace: Map<string, Resolved> }>();
  private generation = 0;
  private watched?: { store: Store; unwatch: () => void };

  constructor(private readonly store: () => Store) {}

  /** Watches the current store (an etcd restore swaps it) so cached rules never go stale. */
  private current(): Store {
    const store = this.store();
    if (this.watched?.store !== store) {
      this.watched?.unwatch();
      this.forget();
      const unwatch = store.watch((e) => {
        if (RBAC_RESOURCES.has(e.resource)) this.forget();
      });
      this.watched = { store, unwatch };
    }
    return store;
  }

  /** GetRoleReferenceRules: the rules a binding grants, or the lister's not-found error. */
  roleRefRules(ref: RoleRef, namespace: string): { rules: PolicyRule[] } | { error: string } {
    if (ref.kind === 'Role') {
      const role = this.current().get(ROLES, namespace, ref.name);
      if (!role) return { error: `role.${RBAC_GROUP} ${JSON.stringify(ref.name)} not found` };
      return { rules: rulesOf(role) };
    }
    if (ref.kind === 'ClusterRole') {
      const role = this.current().get(CLUSTER_ROLES, '', ref.name);
      if (!role) return { error: `clusterrole.${RBAC_GROUP} ${JSON.stringify(ref.name)} not found` };
      return { rules: rulesOf(role) };
    }
    return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind)}` };
  }

  /** VisitRulesFor: stops as soon as the visitor returns false. */
  visitRulesFor(user: UserInfo, namespace: string, visit: RuleVisitor): void {
    const { entries, errors } = this.resolve(user, namespace);
    // Errors first: the real resolver meets them in binding order, and they only feed reasons.
    for (const e of errors) if (!visit(undefined, undefined, e)) return;
    for (const { source: src, rule } of entries) if (!visit(src, rule, undefined)) return;
  }

  private forget(): void {
    this.cache.clear();
    this.generation++;
  }

  private resolve(user: UserInfo, namespace: string): Resolved {
    this.current();
    let mine = this.byUser.get(user);
    if (mine?.generation !== this.generation) this.byUser.set(user, (mine = { generation: this.generation, byNamespace: new Map() }));
    let resolved = mine.byNamespace.get(namespace);
    if (!resolved) mine.byNamespace.set(namespace, (resolved = this.resolveByName(user, namespace)));
    return resolved;
  }

  private resolveByName(user: UserInfo, namespace: string): Resolved {
    const store = this.current();
    const key = `${namespace}\0${user.username}\0${user.groups.join('\0')}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const resolved: Resolved = { entries: [], errors: [], namesResources: false };
    const bindings = [...(store.list(CLUSTER_ROLE_BINDINGS) as Binding[]), ...(namespace ? (store.list(ROLE_BINDINGS, namespace) as Binding[]) : [])];
    for (const b of bindings) {
      const ns = b.metadata.namespace ?? '';
      const subject = (b.subjects ?? []).find((s) => subjectApplies(user, s, ns));
      if (!subject || !b.roleRef) continue;
      const rules = this.roleRefRules(b.roleRef, ns);
      if ('error' in rules) {
        resolved.errors.push(rules.error);
        continue;
      }
      const src = source(b, subject);
      for (const rule of rules.rules) {
        resolved.entries.push({ source: src, rule });
        if (rule.resourceNames?.length) resolved.namesResources = true;
      }
    }
    if (this.cache.size >= CACHE_LIMIT) this.forget();
    this.cache.set(key, resolved);
    return resolved;
  }

  /**
   * A decision over the rules of the request's user in its namespace, remembered with the rules
   * (and dropped with them when an RBAC object changes), by the request's attributes with the
   * name only when a rule naming resources could allow the request. Every request is
   * authorized, mostly the same few over again.
   */
  decide<T>(attrs: AuthzAttributes, decide: (attrs: AuthzAttributes) => T): T {
    const resolved = this.resolve(attrs.user, attrs.namespace ?? '');
    resolved.decisions ??= new DecisionMemo<unknown>(resolved.namesResources ? (a) => nameMatters(a, ruleList(resolved)) : undefined);
    return resolved.decisions.get(attrs, decide) as T;
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

function* ruleList(resolved: Resolved): Iterable<PolicyRule> {
  for (const e of resolved.entries) yield e.rule;
}

export function rulesOf(role: KObject): PolicyRule[] {
  const raw = (role as { rules?: unknown }).rules;
  return Array.isArray(raw) ? raw.map(toPolicyRule) : [];
}
