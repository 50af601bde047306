/**
 * The authorization.k8s.io review APIs, answered by the live authorizer chain and never stored:
 * SelfSubjectAccessReview (`kubectl auth can-i`), SubjectAccessReview and
 * LocalSubjectAccessReview (asking about someone else), SelfSubjectRulesReview
 * (`kubectl auth can-i --list`).
 */
import { SYSTEM_MASTERS, authorizeChain, type Authorizer, type AuthzAttributes, type NonResourceRuleInfo, type ResourceRuleInfo, type UserInfo } from '../auth.js';
import { aggregate } from '../admission/util.js';
import { field, invalid, type FieldError } from '../errors.js';
import type { KObject } from '../types.js';

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  fieldSelector?: { rawSelector?: string };
}

interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

export type AccessReviewKind = 'SelfSubjectAccessReview' | 'SubjectAccessReview' | 'LocalSubjectAccessReview';

function validateSpec(kind: AccessReviewKind, spec: AccessReviewSpec, namespace: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errs.push(field.invalid('spec.nonResourceAttributes', spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errs.push(field.invalid('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  if (kind !== 'SelfSubjectAccessReview' && !spec.user && !(spec.groups?.length)) {
    errs.push(field.invalid('spec.user', spec.user ?? '', 'at least one of user or group must be specified'));
  }
  if (kind === 'LocalSubjectAccessReview' && spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== namespace) {
    errs.push(field.invalid('spec.resourceAttributes.namespace', spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
  }
  return errs;
}

export function attributesOf(user: UserInfo, spec: AccessReviewSpec): AuthzAttributes {
  const r = spec.resourceAttributes;
  if (r) {
    return {
      user,
      verb: r.verb ?? '',
      resourceRequest: true,
      group: r.group ?? '',
      resource: r.resource ?? '',
      subresource: r.subresource || undefined,
      namespace: r.namespace || undefined,
      name: r.name || undefined,
      fieldSelector: r.fieldSelector?.rawSelector,
    };
  }
  return { user, verb: spec.nonResourceAttributes?.verb ?? '', resourceRequest: false, path: spec.nonResourceAttributes?.path ?? '' };
}

const info = (kind: string, namespaced = false) => ({ group: AUTHORIZATION_GROUP, kind, resource: `${kind.toLowerCase()}s`, namespaced });

/**
 * Answers an access review. `requester` is who created it; a SelfSubjectAccessReview is about
 * the requester, the others about spec.user/groups.
 */
export function accessReview(chain: readonly Authorizer[], requester: UserInfo, kind: AccessReviewKind, body: KObject, namespace = ''): KObject {
  const spec = ((body as { spec?: AccessReviewSpec }).spec ?? {}) as AccessReviewSpec;
  const errs = validateSpec(kind, spec, namespace);
  if (errs.length) throw invalid(info(kind), body.metadata?.name ?? '', errs);
  const subject: UserInfo =
    kind === 'SelfSubjectAccessReview' ? requester : { username: spec.user ?? '', uid: spec.uid, groups: [...(spec.groups ?? [])], extra: spec.extra };
  const outSpec: AccessReviewSpec = kind === 'SelfSubjectAccessReview' ? { ...spec } : { ...spec, groups: subject.groups };
  const decision = decide(chain, attributesOf(subject, spec));
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.denied) status['denied'] = true;
  if (decision.reason) status['reason'] = decision.reason;
  return {
    apiVersion: `${AUTHORIZATION_GROUP}/v1`,
    kind,
    metadata: { ...(namespace && kind === 'LocalSubjectAccessReview' ? { namespace } : {}), creationTimestamp: null } as KObject['metadata'],
    spec: outSpec,
    status,
  } as KObject;
}

/** The union authorizer's decision, keeping an explicit deny apart from "no opinion". */
function decide(chain: readonly Authorizer[], attrs: AuthzAttributes): { allowed: boolean; denied: boolean; reason?: string } {
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, denied: false };
  const reasons: string[] = [];
  for (const a of chain) {
    const { decision, reason } = a.authorize(attrs);
    if (decision === 'allow') return { allowed: true, denied: false, reason };
    if (decision === 'deny') return { allowed: false, denied: true, reason };
    if (reason) reasons.push(reason);
  }
  return { allowed: false, denied: false, reason: reasons.join('\n') || undefined };
}

/** SelfSubjectRulesReview: the union of every authorizer's rules in spec.namespace. */
export function rulesReview(chain: readonly Authorizer[], requester: UserInfo, body: KObject): KObject {
  const namespace = ((body as { spec?: { namespace?: string } }).spec?.namespace ?? '').trim();
  const resourceRules: ResourceRuleInfo[] = [];
  const nonResourceRules: NonResourceRuleInfo[] = [];
  const errors: string[] = [];
  let incomplete = false;
  if (requester.groups.includes(SYSTEM_MASTERS)) {
    resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  for (const a of chain) {
    const r = a.rulesFor?.(requester, namespace);
    if (!r) continue;
    resourceRules.push(...r.resourceRules);
    nonResourceRules.push(...r.nonResourceRules);
    incomplete ||= r.incomplete;
    if (r.error) errors.push(r.error);
  }
  const status: Record<string, unknown> = { resourceRules, nonResourceRules, incomplete };
  if (errors.length) status['evaluationError'] = aggregate(errors);
  return {
    apiVersion: `${AUTHORIZATION_GROUP}/v1`,
    kind: 'SelfSubjectRulesReview',
    metadata: { creationTimestamp: null } as unknown as KObject['metadata'],
    spec: { namespace },
    status,
  } as KObject;
}

/** Whether `user` may do it: the chain's verdict, as ApiServer.can. */
export function allowed(chain: readonly Authorizer[], attrs: AuthzAttributes): boolean {
  return authorizeChain(chain, attrs).allowed;
}
