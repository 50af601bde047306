/**
 * Who is asking, and may they: the identity a request carries after authentication, and the
 * authorizer chain (`--authorization-mode`). RBAC and Node authorizers plug in here.
 */

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** Request attributes as the apiserver's authorizer.Attributes. */
export interface AuthzAttributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  /** Resource requests. */
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests (/healthz, /version, /api). */
  path?: string;
}

export type Decision = 'allow' | 'deny' | 'noopinion';

export interface Authorizer {
  readonly name: string;
  authorize(attrs: AuthzAttributes): { decision: Decision; reason?: string };
}

export const SYSTEM_MASTERS = 'system:masters';

/** The identities the simulation's own components use. */
export const SYSTEM_USERS = {
  controllerManager: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] },
  scheduler: { username: 'system:kube-scheduler', groups: ['system:authenticated'] },
  apiserver: { username: 'system:apiserver', groups: ['system:authenticated', SYSTEM_MASTERS] },
  /** The cluster-admin used for grading and bootstrap (super-admin.conf). */
  superAdmin: { username: 'kubernetes-super-admin', groups: [SYSTEM_MASTERS, 'system:authenticated'] },
  node(name: string): UserInfo {
    return { username: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] };
  },
} satisfies Record<string, UserInfo | ((n: string) => UserInfo)>;

export const alwaysAllow: Authorizer = { name: 'AlwaysAllow', authorize: () => ({ decision: 'allow' }) };
export const alwaysDeny: Authorizer = { name: 'AlwaysDeny', authorize: () => ({ decision: 'deny' }) };

/** Runs authorizers in order; the first allow or deny wins, as the union authorizer does. */
export function authorizeChain(chain: readonly Authorizer[], attrs: AuthzAttributes): { allowed: boolean; reason?: string } {
  // system:masters is short-circuited by the apiserver before any configured authorizer.
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true };
  const reasons: string[] = [];
  for (const a of chain) {
    const { decision, reason } = a.authorize(attrs);
    if (decision === 'allow') return { allowed: true };
    if (reason) reasons.push(reason);
    if (decision === 'deny') return { allowed: false, reason: reasons.join(', ') };
  }
  return { allowed: false, reason: reasons.join(', ') };
}

/** The Forbidden message body: `User "jane" cannot list resource "pods" in API group "" in the namespace "dev"`. */
export function forbiddenReason(attrs: AuthzAttributes): string {
  if (!attrs.resourceRequest) return `User "${attrs.user.username}" cannot ${attrs.verb} path "${attrs.path}"`;
  const res = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  return `User "${attrs.user.username}" cannot ${attrs.verb} resource "${res}" in API group "${attrs.group ?? ''}" ${scope}`;
}
