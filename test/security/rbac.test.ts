/**
 * RBAC with Kubernetes' semantics: what a rule matches, which bindings apply to whom, and the
 * Forbidden messages (with RBAC's resolution errors) the apiserver returns.
 */
import { describe, expect, it } from 'vitest';
import { ApiServer } from '../../src/api/server.js';
import { SYSTEM_USERS, type AuthzAttributes, type UserInfo } from '../../src/api/auth.js';
import { KIND_STRATEGIES } from '../../src/api/kinds/index.js';
import { buildAuthorizers } from '../../src/api/authz/modes.js';
import { ruleAllows, type PolicyRule } from '../../src/api/authz/rbac/rules.js';
import { controllerUser, serviceAccountUser } from '../../src/api/authn/serviceaccount.js';
import { DecisionMemo } from '../../src/api/authz/decision-memo.js';
import { VirtualClock } from '../../src/util/clock.js';
import { Rng } from '../../src/util/rng.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS } from './helpers.js';

const admin = SYSTEM_USERS.superAdmin;
const user = (username: string, ...groups: string[]): UserInfo => ({ username, groups: [...groups, 'system:authenticated'] });
const res = (verb: string, resource: string, extra: Partial<AuthzAttributes> = {}): AuthzAttributes => ({ user: user('x'), verb, resourceRequest: true, group: '', resource, ...extra });
const url = (verb: string, path: string): AuthzAttributes => ({ user: user('x'), verb, resourceRequest: false, path });

describe('an RBAC rule', () => {
  const cases: [string, PolicyRule, AuthzAttributes, boolean][] = [
    ['allows a listed verb on a listed resource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', 'pods'), true],
    ['denies a verb it does not list', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('delete', 'pods'), false],
    ['allows every verb with *', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, res('deletecollection', 'pods'), true],
    ['does not match another API group', { verbs: ['get'], apiGroups: [''], resources: ['deployments'] }, res('get', 'deployments', { group: 'apps' }), false],
    ['matches any group with *', { verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }, res('get', 'deployments', { group: 'apps' }), true],
    ['on pods does not cover pods/log', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', 'pods', { subresource: 'log' }), false],
    ['on pods/log allows logs', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, res('get', 'pods', { subresource: 'log' }), true],
    ['on pods/log does not allow the pods themselves', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, res('get', 'pods'), false],
    ['on */scale matches any resource scale', { verbs: ['update'], apiGroups: ['*'], resources: ['*/scale'] }, res('update', 'deployments', { group: 'apps', subresource: 'scale' }), true],
    ['on */scale does not match the resource', { verbs: ['update'], apiGroups: ['*'], resources: ['*/scale'] }, res('update', 'deployments', { group: 'apps' }), false],
    ['on * matches subresources too', { verbs: ['get'], apiGroups: [''], resources: ['*'] }, res('get', 'pods', { subresource: 'log' }), true],
    ['with resourceNames allows the named object', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] }, res('get', 'configmaps', { name: 'app' }), true],
    ['with resourceNames denies other names', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] }, res('get', 'configmaps', { name: 'other' }), false],
    ['with resourceNames never allows list, which names nothing', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] }, res('list', 'configmaps'), false],
    ['with resourceNames never allows create, which names nothing', { verbs: ['create'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] }, res('create', 'configmaps'), false],
    ['allows a non-resource URL it lists', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz'), true],
    ['does not extend a URL without a star', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz/etcd'), false],
    ['extends a URL ending in *', { verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, url('get', '/healthz/etcd'), true],
    ['matches any URL with *', { verbs: ['get'], nonResourceURLs: ['*'] }, url('get', '/metrics'), true],
    ['for resources does not match URLs', { verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, url('get', '/healthz'), false],
  ];
  it.each(cases)('%s', (_name, rule, attrs, allowed) => {
    expect(ruleAllows(attrs, rule)).toBe(allowed);
  });
});

function rbacServer() {
  const s = new ApiServer({ clock: new VirtualClock('2026-01-01T00:00:00Z'), rng: new Rng(7), strategies: KIND_STRATEGIES });
  s.authorizers = buildAuthorizers(['RBAC'], () => s.store);
  for (const ns of ['default', 'dev', 'prod']) s.create(admin, 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  return s;
}

const role = (kind: 'Role' | 'ClusterRole', name: string, rules: PolicyRule[], namespace?: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, rules });
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleKind: string, roleName: string, subjects: Record<string, string>[], namespace?: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects,
});
const U = (name: string) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
const G = (name: string) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });
const SA = (name: string, namespace?: string) => ({ kind: 'ServiceAccount', name, ...(namespace ? { namespace } : {}) });

function can(s: ApiServer, who: UserInfo, verb: string, resource: string, namespace?: string, extra: Partial<AuthzAttributes> = {}): boolean {
  return s.can({ user: who, verb, resourceRequest: true, group: '', resource, namespace, ...extra });
}

const readPods: PolicyRule[] = [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }];

describe('RBAC bindings', () => {
  it('take effect and stop for a client that keeps asking with the same user object (its cached rules are dropped)', () => {
    const s = rbacServer();
    const jane = user('jane');
    expect(can(s, jane, 'list', 'pods', 'dev')).toBe(false);
    s.create(admin, ROLES, 'dev', role('Role', 'reader', readPods, 'dev'));
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'jane-reads', 'Role', 'reader', [U('jane')], 'dev'));
    expect(can(s, jane, 'list', 'pods', 'dev')).toBe(true);
    expect(can(s, jane, 'list', 'pods', 'prod')).toBe(false);
    s.delete(admin, ROLE_BINDINGS, 'dev', 'jane-reads');
    expect(can(s, jane, 'list', 'pods', 'dev')).toBe(false);
  });

  it('bind a Role to a user in its namespace only', () => {
    const s = rbacServer();
    s.create(admin, ROLES, 'dev', role('Role', 'reader', readPods, 'dev') as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'r', 'Role', 'reader', [U('jane')], 'dev') as never);
    expect(can(s, user('jane'), 'list', 'pods', 'dev')).toBe(true);
    expect(can(s, user('jane'), 'list', 'pods', 'prod')).toBe(false);
    expect(can(s, user('john'), 'list', 'pods', 'dev')).toBe(false);
  });

  it('bind a ClusterRole through a RoleBinding only within that namespace, and never to cluster-scoped resources', () => {
    const s = rbacServer();
    s.create(admin, CLUSTER_ROLES, '', role('ClusterRole', 'node-and-pod-reader', [...readPods, { verbs: ['get', 'list'], apiGroups: [''], resources: ['nodes'] }]) as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'r', 'ClusterRole', 'node-and-pod-reader', [U('jane')], 'dev') as never);
    expect(can(s, user('jane'), 'list', 'pods', 'dev')).toBe(true);
    expect(can(s, user('jane'), 'list', 'pods', 'prod')).toBe(false);
    expect(can(s, user('jane'), 'list', 'nodes')).toBe(false);
  });

  it('grant a ClusterRole everywhere through a ClusterRoleBinding, cluster-scoped resources included', () => {
    const s = rbacServer();
    s.create(admin, CLUSTER_ROLES, '', role('ClusterRole', 'nodes', [{ verbs: ['list'], apiGroups: [''], resources: ['nodes', 'pods'] }]) as never);
    s.create(admin, CLUSTER_ROLE_BINDINGS, '', binding('ClusterRoleBinding', 'n', 'ClusterRole', 'nodes', [G('ops')]) as never);
    expect(can(s, user('jane', 'ops'), 'list', 'nodes')).toBe(true);
    expect(can(s, user('jane', 'ops'), 'list', 'pods', 'prod')).toBe(true);
    expect(can(s, user('jane', 'ops'), 'list', 'pods')).toBe(true);
    expect(can(s, user('jane'), 'list', 'nodes')).toBe(false);
  });

  it('answer an asked-again request from the rules of the moment, per name when rules name resources', () => {
    const s = rbacServer();
    s.create(admin, ROLES, 'dev', role('Role', 'reader', readPods, 'dev') as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'r', 'Role', 'reader', [U('jane')], 'dev') as never);
    expect(can(s, user('jane'), 'get', 'pods', 'dev', { name: 'a' })).toBe(true);
    s.update(admin, ROLES, 'dev', role('Role', 'reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['b'] }], 'dev') as never);
    expect(can(s, user('jane'), 'get', 'pods', 'dev', { name: 'a' })).toBe(false);
    expect(can(s, user('jane'), 'get', 'pods', 'dev', { name: 'b' })).toBe(true);
    s.delete(admin, ROLE_BINDINGS, 'dev', 'r');
    expect(can(s, user('jane'), 'get', 'pods', 'dev', { name: 'b' })).toBe(false);
  });

  it('match a ServiceAccount subject by namespace, the binding namespace when it names none', () => {
    const s = rbacServer();
    s.create(admin, ROLES, 'dev', role('Role', 'reader', readPods, 'dev') as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'local', 'Role', 'reader', [SA('builder')], 'dev') as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'remote', 'Role', 'reader', [SA('deployer', 'prod')], 'dev') as never);
    expect(can(s, serviceAccountUser('dev', 'builder'), 'list', 'pods', 'dev')).toBe(true);
    expect(can(s, serviceAccountUser('prod', 'builder'), 'list', 'pods', 'dev')).toBe(false);
    expect(can(s, serviceAccountUser('prod', 'deployer'), 'list', 'pods', 'dev')).toBe(true);
  });

  it('reach every service account through system:serviceaccounts, or a namespace of them', () => {
    const s = rbacServer();
    s.create(admin, CLUSTER_ROLES, '', role('ClusterRole', 'reader', readPods) as never);
    s.create(admin, CLUSTER_ROLE_BINDINGS, '', binding('ClusterRoleBinding', 'dev-sas', 'ClusterRole', 'reader', [G('system:serviceaccounts:dev')]) as never);
    expect(can(s, serviceAccountUser('dev', 'any'), 'list', 'pods', 'default')).toBe(true);
    expect(can(s, serviceAccountUser('prod', 'any'), 'list', 'pods', 'default')).toBe(false);
    s.create(admin, CLUSTER_ROLE_BINDINGS, '', binding('ClusterRoleBinding', 'all-sas', 'ClusterRole', 'reader', [G('system:serviceaccounts')]) as never);
    expect(can(s, serviceAccountUser('prod', 'any'), 'list', 'pods', 'default')).toBe(true);
    expect(can(s, user('jane'), 'list', 'pods', 'default')).toBe(false);
  });

  it('deny with the apiserver sentence, naming resolution errors after it', () => {
    const s = rbacServer();
    const jane = user('jane');
    expect(() => s.list(jane, 'pods', 'dev')).toThrow('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"');
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'dangling', 'ClusterRole', 'ghost', [U('jane')], 'dev') as never);
    let message = '';
    try {
      s.get(jane, 'configmaps', 'dev', 'app');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('configmaps "app" is forbidden: User "jane" cannot get resource "configmaps" in API group "" in the namespace "dev": RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found');
    expect(() => s.list(jane, 'nodes', undefined)).toThrow('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  });

  it('take effect at once when a binding is deleted', () => {
    const s = rbacServer();
    s.create(admin, ROLES, 'dev', role('Role', 'reader', readPods, 'dev') as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'r', 'Role', 'reader', [U('jane')], 'dev') as never);
    expect(can(s, user('jane'), 'get', 'pods', 'dev', { name: 'x' })).toBe(true);
    s.delete(admin, ROLE_BINDINGS, 'dev', 'r');
    expect(can(s, user('jane'), 'get', 'pods', 'dev', { name: 'x' })).toBe(false);
  });

  it("follow a controller's identity, one object for every request it makes, and stop at once when its role loses a verb", () => {
    const s = rbacServer();
    const rsController = controllerUser('replicaset-controller');
    expect(controllerUser('replicaset-controller')).toBe(rsController);
    expect(rsController).toEqual({ username: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] });
    const writer = (verbs: string[]) => role('ClusterRole', 'writer', [{ verbs, apiGroups: [''], resources: ['events'] }]);
    s.create(admin, CLUSTER_ROLES, '', writer(['create']) as never);
    s.create(admin, CLUSTER_ROLE_BINDINGS, '', binding('ClusterRoleBinding', 'w', 'ClusterRole', 'writer', [SA('replicaset-controller', 'kube-system')]) as never);
    const event = (name: string) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'dev' }, involvedObject: {}, reason: 'R', message: 'm' });
    s.create(controllerUser('replicaset-controller'), 'events', 'dev', event('a'));
    s.create(controllerUser('replicaset-controller'), 'events', 'dev', event('b'));
    s.update(admin, CLUSTER_ROLES, '', writer(['patch']) as never);
    expect(() => s.create(controllerUser('replicaset-controller'), 'events', 'dev', event('c'))).toThrow(
      'events "c" is forbidden: User "system:serviceaccount:kube-system:replicaset-controller" cannot create resource "events" in API group "" in the namespace "dev"',
    );
  });

  it('keep asked-again decisions apart by verb, group, resource, subresource and (when rules name resources) name', () => {
    const s = rbacServer();
    s.create(admin, ROLES, 'dev', role('Role', 'mixed', [...readPods, { verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/scale'] }, { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'] }], 'dev') as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'r', 'Role', 'mixed', [U('jane')], 'dev') as never);
    const jane = user('jane');
    for (let round = 0; round < 2; round++) {
      expect(can(s, jane, 'get', 'pods', 'dev', { name: 'a' })).toBe(true);
      expect(can(s, jane, 'get', 'pods', 'dev', { name: 'a', subresource: 'log' })).toBe(false);
      expect(can(s, jane, 'delete', 'pods', 'dev', { name: 'a' })).toBe(false);
      expect(can(s, jane, 'update', 'deployments', 'dev', { group: 'apps', subresource: 'scale' })).toBe(true);
      expect(can(s, jane, 'update', 'deployments', 'dev', { group: 'extensions', subresource: 'scale' })).toBe(false);
      expect(can(s, jane, 'update', 'deployments', 'dev', { group: 'apps' })).toBe(false);
      expect(can(s, jane, 'get', 'secrets', 'dev', { name: 'tls' })).toBe(true);
      expect(can(s, jane, 'get', 'secrets', 'dev', { name: 'db' })).toBe(false);
      expect(s.can({ user: jane, verb: 'get', resourceRequest: false, path: '/healthz' })).toBe(false);
    }
  });

  it('never limit system:masters', () => {
    const s = rbacServer();
    expect(can(s, { username: 'root', groups: ['system:masters'] }, 'delete', 'nodes')).toBe(true);
  });
});

describe('--authorization-mode', () => {
  it('AlwaysDeny refuses everyone but system:masters, saying so', () => {
    const s = rbacServer();
    s.authorizers = buildAuthorizers(['AlwaysDeny'], () => s.store);
    expect(() => s.list(user('jane'), 'pods', 'dev')).toThrow('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev": Everything is forbidden.');
    expect(s.list(admin, 'pods', 'dev').items).toEqual([]);
  });

  it('AlwaysAllow allows anyone', () => {
    const s = rbacServer();
    s.authorizers = buildAuthorizers(['AlwaysAllow'], () => s.store);
    expect(can(s, user('jane'), 'delete', 'nodes')).toBe(true);
  });

  it('RBAC before AlwaysDeny: whatever RBAC allows, the rest with both reasons', () => {
    const s = rbacServer();
    s.authorizers = buildAuthorizers(['RBAC', 'AlwaysDeny'], () => s.store);
    s.create(admin, ROLES, 'dev', role('Role', 'reader', readPods, 'dev') as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'r', 'Role', 'reader', [U('jane')], 'dev') as never);
    expect(can(s, user('jane'), 'list', 'pods', 'dev')).toBe(true);
    expect(can(s, user('jane'), 'list', 'pods', 'prod')).toBe(false);
  });
});

describe('a decision memo', () => {
  const pods = (verb: string, name: string): AuthzAttributes => ({ user: user('x'), verb, resourceRequest: true, group: '', resource: 'pods', name });

  it('decides each distinct request once, by name only where the name matters, and afresh after it outgrew its limit', () => {
    const memo = new DecisionMemo<string>((a) => a.verb === 'get', 3);
    let asked = 0;
    const decide = (a: AuthzAttributes) => `${a.verb} ${a.name ?? a.path}#${++asked}`;
    expect(memo.get(pods('get', 'a'), decide)).toBe('get a#1');
    expect(memo.get(pods('get', 'a'), decide)).toBe('get a#1');
    expect(memo.get(pods('get', 'b'), decide)).toBe('get b#2');
    expect(memo.get(pods('delete', 'a'), decide)).toBe('delete a#3');
    expect(memo.get(pods('delete', 'b'), decide)).toBe('delete a#3');
    expect(memo.get(pods('get', 'c'), decide)).toBe('get c#4');
    expect(memo.get(pods('get', 'a'), decide)).toBe('get a#5');
    expect(memo.get({ user: user('x'), verb: 'get', resourceRequest: false, path: 'a' }, decide)).toBe('get a#6');
  });

  it("keeps RBAC's answer per name for a verb that a rule naming resources allows, and shared for the others", () => {
    const s = rbacServer();
    s.create(admin, ROLES, 'dev', role('Role', 'r', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] }, { verbs: ['list', 'create'], apiGroups: [''], resources: ['configmaps'] }], 'dev') as never);
    s.create(admin, ROLE_BINDINGS, 'dev', binding('RoleBinding', 'r', 'Role', 'r', [U('jane')], 'dev') as never);
    const jane = user('jane');
    for (const name of ['app', 'other', 'app']) {
      expect(can(s, jane, 'get', 'configmaps', 'dev', { name })).toBe(name === 'app');
      expect(can(s, jane, 'create', 'configmaps', 'dev', { name })).toBe(true);
      expect(can(s, jane, 'delete', 'configmaps', 'dev', { name })).toBe(false);
    }
  });
});
