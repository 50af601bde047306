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
  /** A list's field selector (the Node authorizer lets a kubelet list only its own pods). */
  fieldSelector?: string;
}

export type Decision = 'allow' | 'deny' | 'noopinion';

export interface Authorizer {
  readonly name: string;
  authorize(attrs: AuthzAttributes): { decision: Decision; reason?: string };
  /** What the user may do in a namespace (SelfSubjectRulesReview, `kubectl auth can-i --list`). */
  rulesFor?(user: UserInfo, namespace: string): RulesResult;
}

export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs: string[];
}

export interface RulesResult {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  /** The authorizer cannot enumerate everything it would allow (the Node authorizer). */
  incomplete: boolean;
  error?: string;
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

export const alwaysAllow: Authorizer = {
  name: 'AlwaysAllow',
  authorize: () => ({ decision: 'allow' }),
  rulesFor: () => ({ resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false }),
};
/** The apiserver's AlwaysDeny has no opinion, with a reason the Forbidden message ends with. */
export const alwaysDeny: Authorizer = {
  name: 'AlwaysDeny',
  authorize: () => ({ decision: 'noopinion', reason: 'Everything is forbidden.' }),
  rulesFor: () => ({ resourceRules: [], nonResourceRules: [], incomplete: false }),
};

/**
 * Runs authorizers in order as the union authorizer does: the first allow or deny decides (with
 * its own reason); when none has an opinion, the request is denied with every reason, one a line.
 */
export function authorizeChain(chain: readonly Authorizer[], attrs: AuthzAttributes): { allowed: boolean; reason?: string } {
  // system:masters is short-circuited by the apiserver before any configured authorizer.
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  const reasons: string[] = [];
  for (const a of chain) {
    const { decision, reason } = a.authorize(attrs);
    if (decision === 'allow') return { allowed: true, reason };
    if (decision === 'deny') return { allowed: false, reason };
    if (reason) reasons.push(reason);
  }
  return { allowed: false, reason: reasons.join('\n') || undefined };
}

/**
 * authorizeChain's verdict alone, for the hot path of every request: reads no authorizer's
 * reason (RBAC words its "allowed by" reason on demand) and collects none.
 */
export function chainAllows(chain: readonly Authorizer[], attrs: AuthzAttributes): boolean {
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return true;
  for (let i = 0; i < chain.length; i++) {
    const decision = chain[i]!.authorize(attrs).decision;
    if (decision === 'allow') return true;
    if (decision === 'deny') return false;
  }
  return false;
}

/** The Forbidden message body: `User "jane" cannot list resource "pods" in API group "" in the namespace "dev"`. */
export function forbiddenReason(attrs: AuthzAttributes): string {
  if (!attrs.resourceRequest) return `User "${attrs.user.username}" cannot ${attrs.verb} path "${attrs.path}"`;
  const res = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  return `User "${attrs.user.username}" cannot ${attrs.verb} resource "${res}" in API group "${attrs.group ?? ''}" ${scope}`;
}
