/**
 * The apiserver's rbac/bootstrap-roles post-start hook: create every default role and binding
 * that is missing, and reconcile existing ones that still carry
 * `rbac.authorization.kubernetes.io/autoupdate: "true"` by adding back missing rules, labels,
 * aggregation selectors and subjects (never removing anything). A deleted `view` role comes
 * back when the apiserver restarts, exactly as on a real cluster.
 */
import type { ApiClient } from '../../client.js';
import { ApiError } from '../../errors.js';
import { clone, type KObject } from '../../types.js';
import { covers } from '../rbac/escalation.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, RBAC_GROUP, ROLE_BINDINGS, ROLES, rulesOf, type Subject } from '../rbac/resolver.js';
import type { PolicyRule } from '../rbac/rules.js';
import { clusterRoleBindings, clusterRoles, type BindingDef, type RoleDef, type SubjectDef } from './cluster-roles.js';
import { controllerRoleBindings, controllerRoles, namespaceRoleBindings, namespaceRoles } from './controller-roles.js';

export { nodeRules, clusterRoles, clusterRoleBindings } from './cluster-roles.js';
export { controllerRoles, controllerRoleBindings, namespaceRoles, namespaceRoleBindings, CONTROLLER_SERVICE_ACCOUNTS, CONTROLLER_ROLE_PREFIX } from './controller-roles.js';

export const AUTOUPDATE = 'rbac.authorization.kubernetes.io/autoupdate';
export const BOOTSTRAPPING_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

const API_VERSION = `${RBAC_GROUP}/v1`;

export function roleObject(def: RoleDef, kind: 'Role' | 'ClusterRole', namespace?: string, defaults = true): KObject {
  const obj: KObject & Record<string, unknown> = {
    apiVersion: API_VERSION,
    kind,
    metadata: {
      name: def.name,
      ...(namespace ? { namespace } : {}),
      ...(defaults ? { annotations: { [AUTOUPDATE]: 'true' } } : {}),
      ...(defaults || def.labels ? { labels: { ...(defaults ? BOOTSTRAPPING_LABEL : {}), ...def.labels } } : {}),
    },
    rules: def.rules.map((r) => clone(r)),
  };
  if (def.aggregate) obj['aggregationRule'] = { clusterRoleSelectors: def.aggregate.map((m) => ({ matchLabels: { ...m } })) };
  return obj;
}

export function subjectObject(s: SubjectDef): Subject {
  if (s.kind === 'ServiceAccount') return { kind: s.kind, name: s.name, namespace: s.namespace };
  return { apiGroup: RBAC_GROUP, kind: s.kind, name: s.name };
}

export function bindingObject(def: BindingDef, kind: 'RoleBinding' | 'ClusterRoleBinding', namespace?: string, defaults = true): KObject {
  const obj: KObject & Record<string, unknown> = {
    apiVersion: API_VERSION,
    kind,
    metadata: {
      name: def.name,
      ...(namespace ? { namespace } : {}),
      ...(defaults ? { annotations: { [AUTOUPDATE]: 'true' }, labels: { ...BOOTSTRAPPING_LABEL } } : {}),
    },
    roleRef: { apiGroup: RBAC_GROUP, kind: def.roleKind ?? 'ClusterRole', name: def.role },
  };
  if (def.subjects.length) obj['subjects'] = def.subjects.map(subjectObject);
  return obj;
}

/** Every object of the bootstrap policy, in the order the hook writes them. */
export function bootstrapPolicyObjects(): { resource: string; object: KObject }[] {
  return [
    ...[...clusterRoles(), ...controllerRoles()].map((d) => ({ resource: CLUSTER_ROLES, object: roleObject(d, 'ClusterRole') })),
    ...[...clusterRoleBindings(), ...controllerRoleBindings()].map((d) => ({ resource: CLUSTER_ROLE_BINDINGS, object: bindingObject(d, 'ClusterRoleBinding') })),
    ...namespaceRoles().map((d) => ({ resource: ROLES, object: roleObject(d, 'Role', d.namespace) })),
    ...namespaceRoleBindings().map((d) => ({ resource: ROLE_BINDINGS, object: bindingObject(d, 'RoleBinding', d.namespace) })),
  ];
}

function withMissingMetadata(existing: KObject, wanted: KObject): KObject | undefined {
  const missing = (['labels', 'annotations'] as const).some((f) => Object.keys(wanted.metadata[f] ?? {}).some((k) => existing.metadata[f]?.[k] === undefined));
  if (!missing) return undefined;
  const next = clone(existing);
  let changed = false;
  for (const field of ['labels', 'annotations'] as const) {
    for (const [k, v] of Object.entries(wanted.metadata[field] ?? {})) {
      if (next.metadata[field]?.[k] === undefined) {
        next.metadata[field] = { ...(next.metadata[field] ?? {}), [k]: v };
        changed = true;
      }
    }
  }
  return changed ? next : undefined;
}

/** computeReconciledRole: missing rules appended (broken down), missing selectors added. */
function reconcileRole(existing: KObject, wanted: KObject): KObject | undefined {
  // The common case on every restart: the role is still exactly what the apiserver wrote.
  if (sameRulesAndSelectors(existing, wanted) && !withMissingMetadata(existing, wanted)) return undefined;
  const next = withMissingMetadata(existing, wanted) ?? clone(existing);
  let changed = JSON.stringify(next) !== JSON.stringify(existing);
  const { missing } = covers(rulesOf(existing), rulesOf(wanted));
  if (missing.length) {
    (next as { rules?: PolicyRule[] }).rules = [...rulesOf(existing), ...missing];
    changed = true;
  }
  const wantedAgg = (wanted as { aggregationRule?: { clusterRoleSelectors: unknown[] } }).aggregationRule;
  if (wantedAgg) {
    const agg = ((next as { aggregationRule?: { clusterRoleSelectors?: unknown[] } }).aggregationRule ??= { clusterRoleSelectors: [] });
    const have = (agg.clusterRoleSelectors ??= []);
    for (const sel of wantedAgg.clusterRoleSelectors) {
      if (!have.some((h) => JSON.stringify(h) === JSON.stringify(sel))) {
        have.push(clone(sel));
        changed = true;
      }
    }
  }
  return changed ? next : undefined;
}

function sameRulesAndSelectors(existing: KObject, wanted: KObject): boolean {
  const e = existing as { rules?: unknown; aggregationRule?: unknown };
  const w = wanted as { rules?: unknown; aggregationRule?: unknown };
  const wantedRules = (w.rules as unknown[] | undefined) ?? [];
  // Aggregated roles want no rules of their own: whatever the controller filled in is covered.
  const rulesOk = wantedRules.length === 0 || JSON.stringify(e.rules ?? []) === JSON.stringify(wantedRules);
  return rulesOk && JSON.stringify(e.aggregationRule ?? null) === JSON.stringify(w.aggregationRule ?? null);
}

function reconcileBinding(existing: KObject, wanted: KObject): KObject | undefined {
  const next = withMissingMetadata(existing, wanted) ?? clone(existing);
  let changed = JSON.stringify(next) !== JSON.stringify(existing);
  const have = ((next as { subjects?: Subject[] }).subjects ??= []);
  for (const s of (wanted as { subjects?: Subject[] }).subjects ?? []) {
    if (!have.some((h) => h.kind === s.kind && h.name === s.name && (h.namespace ?? '') === (s.namespace ?? ''))) {
      have.push(clone(s));
      changed = true;
    }
  }
  if (have.length === 0) delete (next as { subjects?: Subject[] }).subjects;
  return changed ? next : undefined;
}

/** Creates or reconciles one object; the caller ignores API errors as the hook retries later. */
export function ensurePolicyObject(client: ApiClient, resource: string, wanted: KObject): void {
  const ns = wanted.metadata.namespace ?? '';
  const existing = client.find(resource, ns, wanted.metadata.name!);
  if (!existing) {
    client.create(resource, wanted);
    return;
  }
  if (existing.metadata.annotations?.[AUTOUPDATE] === 'false') return;
  const isBinding = resource === CLUSTER_ROLE_BINDINGS || resource === ROLE_BINDINGS;
  if (isBinding && JSON.stringify((existing as { roleRef?: unknown }).roleRef) !== JSON.stringify((wanted as { roleRef?: unknown }).roleRef)) {
    // roleRef is immutable: the reconciler recreates the binding.
    client.delete(resource, ns, wanted.metadata.name!);
    client.create(resource, wanted);
    return;
  }
  const next = isBinding ? reconcileBinding(existing, wanted) : reconcileRole(existing, wanted);
  if (next) client.update(resource, next);
}

/** Runs the whole hook: roles before bindings, cluster scope before namespaces. */
export function ensureBootstrapPolicy(client: ApiClient): void {
  for (const { resource, object } of bootstrapPolicyObjects()) {
    try {
      ensurePolicyObject(client, resource, object);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
