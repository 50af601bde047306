/** Service-account identities: `system:serviceaccount:<ns>:<name>` in its two groups. */
import type { UserInfo } from '../auth.js';

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';

export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS_GROUP, `${ALL_SERVICE_ACCOUNTS_GROUP}:${namespace}`];
}

/** The user a service-account token authenticates as (system:authenticated added). */
export function serviceAccountUser(namespace: string, name: string, uid?: string, extra?: Record<string, string[]>): UserInfo {
  const user: UserInfo = { username: `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`, groups: [...serviceAccountGroups(namespace), AUTHENTICATED] };
  if (uid) user.uid = uid;
  if (extra && Object.keys(extra).length) user.extra = extra;
  return user;
}

/** `system:serviceaccount:ns:name` → {namespace, name}; undefined for other users. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/**
 * The identity a kube-controller-manager controller uses with --use-service-account-credentials:
 * one frozen object per controller, asked for on every request a controller makes, so that the
 * authorizers' per-user caches (keyed by the user object) hold across requests.
 */
export function controllerUser(controller: string): UserInfo {
  let user = CONTROLLER_USERS.get(controller);
  if (!user) {
    const u = serviceAccountUser('kube-system', controller);
    Object.freeze(u.groups);
    CONTROLLER_USERS.set(controller, (user = Object.freeze(u)));
  }
  return user;
}

const CONTROLLER_USERS = new Map<string, UserInfo>();

export const ANONYMOUS_USER: UserInfo = { username: ANONYMOUS, groups: [UNAUTHENTICATED] };
