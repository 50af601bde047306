/**
 * The two authorization reviews `kubectl auth can-i` creates: SelfSubjectAccessReview (may I do
 * this?) and SelfSubjectRulesReview (what may I do here?). Both are answered by the apiserver
 * for the caller's own identity. Until the apiserver grows review endpoints they are answered
 * here from the same sources the apiserver uses: the authorizer chain for access, and the RBAC
 * objects in its store (plus the system:masters short-circuit) for rules. When the server's
 * methods land, each function becomes one call.
 */
import type { ApiClient } from '../../api/client.js';
import { authorizeChain, SYSTEM_MASTERS, type UserInfo } from '../../api/auth.js';
import type { ApiServer } from '../../api/server.js';
import type { PolicyRule } from '../../api/authz/rbac/rules.js';

export type AccessRequest =
  | { kind: 'resource'; namespace: string; verb: string; group: string; resource: string; subresource: string; name: string }
  | { kind: 'nonResource'; verb: string; path: string };

export interface AccessStatus {
  allowed: boolean;
  reason?: string;
  evaluationError?: string;
}

export function selfSubjectAccessReview(client: ApiClient, req: AccessRequest): AccessStatus {
  const attrs =
    req.kind === 'resource'
      ? {
          user: client.user,
          verb: req.verb,
          resourceRequest: true,
          group: req.group,
          resource: req.resource,
          subresource: req.subresource || undefined,
          namespace: req.namespace || undefined,
          name: req.name || undefined,
        }
      : { user: client.user, verb: req.verb, resourceRequest: false, path: req.path };
  const r = authorizeChain(client.api.authorizers, attrs);
  return { allowed: r.allowed, reason: r.allowed ? undefined : r.reason || undefined };
}

export type { PolicyRule };

export interface RulesStatus {
  resourceRules: PolicyRule[];
  nonResourceRules: PolicyRule[];
  incomplete: boolean;
  evaluationError?: string;
}

export function selfSubjectRulesReview(client: ApiClient, namespace: string): RulesStatus {
  return rulesFor(client.api, client.user, namespace);
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface Binding {
  metadata: { name: string; namespace?: string };
  subjects?: Subject[];
  roleRef: { kind: string; name: string };
}

function appliesTo(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.username;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return user.username === `system:serviceaccount:${subject.namespace || bindingNamespace}:${subject.name}`;
  }
  return false;
}

/** The union authorizer's RulesFor: system:masters' everything, then RBAC (cluster bindings, then the namespace's). */
function rulesFor(api: ApiServer, user: UserInfo, namespace: string): RulesStatus {
  const status: RulesStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
  const errors: string[] = [];
  if (user.groups.includes(SYSTEM_MASTERS)) {
    status.resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    status.nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  const add = (rules: PolicyRule[]) => {
    for (const r of rules) {
      if (r.nonResourceURLs?.length) status.nonResourceRules.push({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs });
      else status.resourceRules.push({ verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames });
    }
  };
  const roleRules = (ref: Binding['roleRef'], ns: string): PolicyRule[] | undefined => {
    const key = ref.kind === 'ClusterRole' ? 'clusterroles.rbac.authorization.k8s.io' : 'roles.rbac.authorization.k8s.io';
    const role = api.store.get(key, ref.kind === 'ClusterRole' ? '' : ns, ref.name) as { rules?: PolicyRule[] } | undefined;
    if (!role) errors.push(`${ref.kind === 'ClusterRole' ? 'clusterrole' : 'role'}.rbac.authorization.k8s.io "${ref.name}" not found`);
    return role?.rules ?? undefined;
  };
  for (const b of api.store.list('clusterrolebindings.rbac.authorization.k8s.io') as unknown as Binding[]) {
    if (b.subjects?.some((s) => appliesTo(s, user, ''))) add(roleRules(b.roleRef, '') ?? []);
  }
  if (namespace) {
    for (const b of api.store.list('rolebindings.rbac.authorization.k8s.io', namespace) as unknown as Binding[]) {
      if (b.subjects?.some((s) => appliesTo(s, user, namespace))) add(roleRules(b.roleRef, namespace) ?? []);
    }
  }
  if (errors.length) {
    status.incomplete = true;
    status.evaluationError = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  }
  return status;
}
