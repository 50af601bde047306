/**
 * The RBAC authorizer: allows when any rule of any binding that applies to the user allows the
 * request; otherwise has no opinion, with the resolution errors as its reason ("RBAC: ...").
 */
import type { Authorizer, AuthzAttributes, RulesResult, UserInfo } from '../../auth.js';
import type { Store } from '../../store.js';
import { aggregate } from '../../admission/util.js';
import { RbacResolver } from './resolver.js';
import { ruleAllows } from './rules.js';

export function rbacAuthorizer(store: () => Store): Authorizer & { resolver: RbacResolver } {
  const resolver = new RbacResolver(store);
  return {
    name: 'RBAC',
    resolver,
    authorize(attrs: AuthzAttributes) {
      let allowedBy: string | undefined;
      const errors: string[] = [];
      resolver.visitRulesFor(attrs.user, attrs.namespace ?? '', (src, rule, err) => {
        if (err) errors.push(err);
        if (rule && ruleAllows(attrs, rule)) {
          allowedBy = src?.describe() ?? '';
          return false;
        }
        return true;
      });
      if (allowedBy !== undefined) return { decision: 'allow', reason: `RBAC: allowed by ${allowedBy}` };
      return { decision: 'noopinion', reason: errors.length ? `RBAC: ${aggregate(errors)}` : undefined };
    },
    rulesFor(user: UserInfo, namespace: string): RulesResult {
      const { rules, errors } = resolver.rulesFor(user, namespace);
      return {
        resourceRules: rules.filter((r) => (r.resources?.length ?? 0) > 0).map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames })),
        nonResourceRules: rules.filter((r) => (r.nonResourceURLs?.length ?? 0) > 0).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs! })),
        incomplete: false,
        error: errors.length ? aggregate(errors) : undefined,
      };
    },
  };
}
