/**
 * The authorizer chain of `--authorization-mode` (Node,RBAC by kubeadm), built when the
 * kube-apiserver process starts. Unknown modes are reported so the process can fail as the
 * real one does.
 */
import { alwaysAllow, alwaysDeny, type Authorizer } from '../auth.js';
import type { Store } from '../store.js';
import { nodeRules } from './bootstrap/cluster-roles.js';
import { nodeAuthorizer } from './node.js';
import { rbacAuthorizer } from './rbac/authorizer.js';
import type { RbacResolver } from './rbac/resolver.js';

export const AUTHORIZATION_MODES = ['AlwaysAllow', 'AlwaysDeny', 'ABAC', 'Webhook', 'RBAC', 'Node'];

/** The apiserver's validation of --authorization-mode, or undefined when it is fine. */
export function authorizationModesError(modes: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const m of modes) {
    if (!AUTHORIZATION_MODES.includes(m)) return `authorization-mode ${JSON.stringify(m)} is not a valid mode`;
    if (seen.has(m)) return `authorization-mode ${JSON.stringify(m)} has mode specified more than once`;
    seen.add(m);
  }
  if (modes.includes('ABAC')) return 'authorization-mode ABAC\'s authorization policy file not passed';
  if (modes.includes('Webhook')) return "authorization-mode Webhook's authorization config file not passed";
  return undefined;
}

/** The chain for `modes`; pass the apiserver's RBAC resolver to share its rule cache. */
export function buildAuthorizers(modes: readonly string[], store: () => Store, resolver?: RbacResolver): Authorizer[] {
  const chain: Authorizer[] = [];
  for (const mode of modes) {
    if (mode === 'AlwaysAllow') chain.push(alwaysAllow);
    else if (mode === 'AlwaysDeny') chain.push(alwaysDeny);
    else if (mode === 'Node') chain.push(nodeAuthorizer(store, nodeRules()));
    else if (mode === 'RBAC') chain.push(rbacAuthorizer(resolver ?? store));
  }
  return chain;
}
