/**
 * What `kubectl auth can-i [--list]`, `kubectl auth whoami` and `kubectl --as` ask the apiserver,
 * answered at the API level.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { UserInfo } from '../../src/api/auth.js';
import { impersonate } from '../../src/api/authn/impersonation.js';
import { ROLES, ROLE_BINDINGS, bootDefault } from './helpers.js';

const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

describe('access reviews', () => {
  let cluster: Cluster;

  beforeAll(() => {
    ({ cluster } = bootDefault());
    const admin = cluster.admin();
    admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    admin.create(ROLES, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'cm', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['app'] }] } as never);
    admin.create(ROLE_BINDINGS, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'cm', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }] } as never);
  });

  it('answer SelfSubjectAccessReview with allowed and RBAC’s reason', () => {
    const r = cluster.api.selfSubjectAccessReview(jane, { resourceAttributes: { namespace: 'dev', verb: 'get', resource: 'configmaps', name: 'app' } });
    expect(r['status']).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "cm/dev" of Role "cm" to User "jane"' });
    expect(cluster.api.selfSubjectAccessReview(jane, { resourceAttributes: { namespace: 'dev', verb: 'list', resource: 'configmaps' } })['status']).toEqual({ allowed: false });
  });

  it('refuse a review with neither resource nor non-resource attributes', () => {
    expect(() => cluster.api.selfSubjectAccessReview(jane, {})).toThrow(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  });

  it('answer SubjectAccessReview about someone else, for those allowed to ask', () => {
    const admin = cluster.admin();
    const r = cluster.api.subjectAccessReview(admin.user, { user: 'jane', resourceAttributes: { namespace: 'dev', verb: 'get', resource: 'configmaps', name: 'app' } });
    expect((r['status'] as { allowed: boolean }).allowed).toBe(true);
    expect(() => cluster.api.subjectAccessReview(jane, { user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods' } })).toThrow(
      'subjectaccessreviews.authorization.k8s.io is forbidden: User "jane" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope',
    );
  });

  it('list the rules of a namespace for kubectl auth can-i --list', () => {
    const status = cluster.api.selfSubjectRulesReview(jane, 'dev')['status'] as { resourceRules: { verbs: string[]; resources: string[]; resourceNames?: string[] }[]; nonResourceRules: { nonResourceURLs: string[] }[]; incomplete: boolean };
    expect(status.incomplete).toBe(false);
    expect(status.resourceRules).toContainEqual({ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] });
    expect(status.resourceRules).toContainEqual({ verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] });
    expect(status.nonResourceRules.flatMap((r) => r.nonResourceURLs)).toContain('/api/*');
  });

  it('mark a node’s rules incomplete, as the Node authorizer cannot list them', () => {
    const status = cluster.api.selfSubjectRulesReview({ username: 'system:node:node01', groups: ['system:nodes', 'system:authenticated'] }, 'default')['status'] as { incomplete: boolean; evaluationError?: string };
    expect(status).toMatchObject({ incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' });
  });

  it('tell a user who they are (SelfSubjectReview)', () => {
    expect(cluster.api.selfSubjectReview(jane)).toMatchObject({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', status: { userInfo: { username: 'jane', groups: ['system:authenticated'] } } });
  });
});

describe('impersonation', () => {
  let cluster: Cluster;

  beforeAll(() => {
    ({ cluster } = bootDefault());
  });

  it('needs the impersonate verb on users', () => {
    expect(() => impersonate(cluster.api.authorizers, jane, { user: 'bob' })).toThrow('users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope');
  });

  it('checks service accounts in their namespace and gives them their groups', () => {
    expect(() => impersonate(cluster.api.authorizers, jane, { user: 'system:serviceaccount:dev:builder' })).toThrow(
      'serviceaccounts "builder" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "dev"',
    );
    const as = impersonate(cluster.api.authorizers, cluster.admin().user, { user: 'system:serviceaccount:dev:builder' });
    expect(as).toEqual({ username: 'system:serviceaccount:dev:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] });
  });

  it('runs as the user and groups asked for, plus system:authenticated', () => {
    expect(impersonate(cluster.api.authorizers, cluster.admin().user, { user: 'bob', groups: ['ops'] })).toEqual({ username: 'bob', groups: ['ops', 'system:authenticated'] });
  });

  it('refuses groups without a user', () => {
    expect(() => impersonate(cluster.api.authorizers, cluster.admin().user, { groups: ['system:masters'] })).toThrow('requested [{Group  system:masters    }] without impersonating a user');
  });
});
