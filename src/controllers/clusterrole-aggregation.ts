/**
 * The clusterrole-aggregation controller: a ClusterRole with an aggregationRule gets, as its
 * rules, the union of the rules of every other ClusterRole matching one of its label selectors
 * (sorted by name, duplicates dropped). This is how admin, edit and view get their rules, and how
 * a CRD's `aggregate-to-view: "true"` role extends view.
 */
import { fromLabelSelector, matchesAll, type LabelSelector, type Requirement } from '../api/labels.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { clone, type KObject, type Stored } from '../api/types.js';
import type { Reconciler } from '../cluster/runloop.js';
import { controllerEnabled, type SecurityControllerDeps } from './security-context.js';

const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';

interface ClusterRole extends KObject {
  rules?: unknown[];
  aggregationRule?: { clusterRoleSelectors?: unknown[] };
}

/** The rules an aggregated role should hold, from the roles its selectors match. */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): unknown[] {
  const matched = new Map<string, ClusterRole>();
  for (const sel of role.aggregationRule?.clusterRoleSelectors ?? []) {
    let reqs: Requirement[] | null;
    try {
      reqs = fromLabelSelector(sel as LabelSelector);
    } catch {
      continue;
    }
    // LabelSelectorAsSelector: an empty selector matches every ClusterRole.
    if (!reqs) continue;
    for (const other of all) if (matchesAll(other.metadata.labels, reqs)) matched.set(other.metadata.name!, other);
  }
  const rules: unknown[] = [];
  const seen = new Set<string>();
  for (const name of [...matched.keys()].sort()) {
    if (name === role.metadata.name) continue;
    for (const rule of matched.get(name)!.rules ?? []) {
      const key = JSON.stringify(rule);
      if (seen.has(key)) continue;
      seen.add(key);
      rules.push(clone(rule));
    }
  }
  return rules;
}

export class ClusterRoleAggregationController implements Reconciler {
  readonly name = 'clusterrole-aggregation';
  readonly watches = [CLUSTER_ROLES];

  constructor(private readonly deps: SecurityControllerDeps) {}

  private aggregating(): Stored<ClusterRole>[] {
    return (this.deps.store().list(CLUSTER_ROLES) as Stored<ClusterRole>[]).filter((r) => r.aggregationRule);
  }

  /** Any ClusterRole change may change any aggregated role. */
  keysFor(e: WatchEvent): Iterable<string> {
    return e.resource === CLUSTER_ROLES ? this.aggregating().map((r) => r.metadata.name) : [];
  }

  resyncKeys(): Iterable<string> {
    return this.aggregating().map((r) => r.metadata.name);
  }

  reconcile(name: string): void {
    if (!controllerEnabled(this.deps, 'clusterrole-aggregation-controller', 'clusterrole-aggregation')) return;
    const role = this.deps.store().get(CLUSTER_ROLES, '', name) as Stored<ClusterRole> | undefined;
    if (!role?.aggregationRule) return;
    const rules = aggregatedRules(role, this.deps.store().list(CLUSTER_ROLES) as ClusterRole[]);
    if (JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) return;
    const next = clone(role) as ClusterRole;
    next.rules = rules;
    try {
      this.deps.clientFor('clusterrole-aggregation-controller').update(CLUSTER_ROLES, next);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
