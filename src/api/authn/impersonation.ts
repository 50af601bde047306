/**
 * Impersonation (`kubectl --as`, `--as-group`, `--as-uid`), as the apiserver's impersonation
 * filter grants it: the requester needs the `impersonate` verb on users (or serviceaccounts for
 * system:serviceaccount:<ns>:<name>), on each group, on the uid and on each extra. A service
 * account impersonated without groups gets its own two groups; everyone but system:anonymous is
 * also system:authenticated.
 */
import { authorizeChain, forbiddenReason, type Authorizer, type AuthzAttributes, type UserInfo } from '../auth.js';
import { badRequest, forbidden } from '../errors.js';
import { ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED, parseServiceAccountUsername, serviceAccountGroups } from './serviceaccount.js';

export interface ImpersonationRequest {
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

function check(chain: readonly Authorizer[], attrs: AuthzAttributes): void {
  const { allowed, reason } = authorizeChain(chain, attrs);
  if (allowed) return;
  const why = reason ? `${forbiddenReason(attrs)}: ${reason}` : forbiddenReason(attrs);
  throw forbidden({ group: attrs.group ?? '', resource: attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource! }, attrs.name ?? '', why);
}

/** The user the request runs as, or the apiserver's Forbidden/BadRequest error. */
export function impersonate(chain: readonly Authorizer[], requester: UserInfo, req: ImpersonationRequest): UserInfo {
  const groups = req.groups ?? [];
  if (!req.user) {
    if (groups.length || req.uid || req.extra) throw badRequest(`requested ${describe(req)} without impersonating a user`);
    return requester;
  }
  const base = { user: requester, verb: 'impersonate', resourceRequest: true } as const;
  const sa = parseServiceAccountUsername(req.user);
  if (sa) check(chain, { ...base, group: '', resource: 'serviceaccounts', namespace: sa.namespace, name: sa.name });
  else check(chain, { ...base, group: '', resource: 'users', name: req.user });
  for (const g of groups) check(chain, { ...base, group: '', resource: 'groups', name: g });
  for (const [key, values] of Object.entries(req.extra ?? {})) {
    for (const v of values) check(chain, { ...base, group: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: v });
  }
  if (req.uid) check(chain, { ...base, group: 'authentication.k8s.io', resource: 'uids', name: req.uid });

  const out: string[] = sa && groups.length === 0 ? serviceAccountGroups(sa.namespace) : [...groups];
  if (req.user === ANONYMOUS) {
    if (!out.includes(UNAUTHENTICATED)) out.push(UNAUTHENTICATED);
  } else if (!out.includes(AUTHENTICATED) && !out.includes(UNAUTHENTICATED)) out.push(AUTHENTICATED);
  const user: UserInfo = { username: req.user, groups: out };
  if (req.uid) user.uid = req.uid;
  if (req.extra && Object.keys(req.extra).length) user.extra = req.extra;
  return user;
}

/** Go's %v of the []v1.ObjectReference the filter collected. */
function describe(req: ImpersonationRequest): string {
  const parts = (req.groups ?? []).map((g) => `{${['Group', '', g, '', '', '', ''].join(' ')}}`);
  return `[${parts.join(' ')}]`;
}
