/**
 * The RBAC authorizer: allows when any rule of any binding that applies to the user allows the
 * request; otherwise has no opinion, with the resolution errors as its reason ("RBAC: ...").
 */
import type { Authorizer, AuthzAttributes, Decision, RulesResult, UserInfo } from '../../auth.js';
import type { Store } from '../../store.js';
import { aggregate } from '../../admission/util.js';
import { RbacResolver, type RuleSource } from './resolver.js';
import { ruleAllows } from './rules.js';

type Outcome = { decision: Decision; reason?: string };

/** The RBAC authorizer over a store, or over a resolver shared with the escalation checks. */
export function rbacAuthorizer(source: (() => Store) | RbacResolver): Authorizer & { resolver: RbacResolver } {
  const resolver = source instanceof RbacResolver ? source : new RbacResolver(source);

  const decide = (attrs: AuthzAttributes): Outcome => {
    let allowedBy: RuleSource | undefined;
    const errors: string[] = [];
    resolver.visitRulesFor(attrs.user, attrs.namespace ?? '', (src, rule, err) => {
      if (err) errors.push(err);
      if (rule && src && ruleAllows(attrs, rule)) {
        allowedBy = src;
        return false;
      }
      return true;
    });
    if (allowedBy) {
      const by = allowedBy;
      // The reason is only read by reviews and logs: worded when asked for.
      return {
        decision: 'allow',
        get reason() {
          return `RBAC: allowed by ${by.describe()}`;
        },
      };
    }
    return { decision: 'noopinion', reason: errors.length ? `RBAC: ${aggregate(errors)}` : undefined };
  };

  return {
    name: 'RBAC',
    resolver,
    // The same requests are authorized over and over: decisions are kept with the user's rules.
    authorize: (attrs: AuthzAttributes) => resolver.decide(attrs, decide),
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
