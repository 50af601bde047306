/**
 * The policy a kubeadm v1.33 cluster starts with (the apiserver's bootstrap roles, kubeadm's
 * bindings, aggregated admin/edit/view), and RBAC's escalation prevention on role writes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/api/client.js';
import type { UserInfo } from '../../src/api/auth.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS, bootDefault, candidate } from './helpers.js';

const user = (username: string, ...groups: string[]): UserInfo => ({ username, groups: [...groups, 'system:authenticated'] });

function can(cluster: Cluster, who: UserInfo, verb: string, resource: string, namespace?: string, group = '', subresource?: string): boolean {
  return cluster.api.can({ user: who, verb, resourceRequest: true, group, resource, namespace, subresource });
}

const bindTo = (role: string, who: string, namespace: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: `${who}-${role}`, namespace },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: who }],
});

describe('the bootstrap policy of a kubeadm cluster', () => {
  let cluster: Cluster;
  let admin: ApiClient;

  beforeAll(() => {
    ({ cluster } = bootDefault());
    admin = candidate(cluster);
    for (const ns of ['dev', 'prod']) admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    admin.create(ROLE_BINDINGS, bindTo('view', 'viewer', 'dev') as never);
    admin.create(ROLE_BINDINGS, bindTo('edit', 'editor', 'dev') as never);
    admin.create(ROLE_BINDINGS, bindTo('admin', 'owner', 'dev') as never);
    cluster.world.loop.settle();
  });

  it('binds cluster-admin to system:masters and kubeadm:cluster-admins', () => {
    const subjects = (name: string) => (admin.get(CLUSTER_ROLE_BINDINGS, '', name)['subjects'] as { kind: string; name: string }[]).map((s) => `${s.kind}/${s.name}`);
    expect(subjects('cluster-admin')).toEqual(['Group/system:masters']);
    expect(subjects('kubeadm:cluster-admins')).toEqual(['Group/kubeadm:cluster-admins']);
    expect(admin.get(CLUSTER_ROLE_BINDINGS, '', 'system:node')['subjects']).toBeUndefined();
  });

  it('creates the default ClusterRoles, labelled rbac-defaults', () => {
    const names = admin.list(CLUSTER_ROLES).map((r) => r.metadata.name);
    for (const n of ['admin', 'edit', 'view', 'cluster-admin', 'system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:node', 'system:node-proxier', 'system:kube-scheduler', 'system:kube-controller-manager', 'system:volume-scheduler', 'system:certificates.k8s.io:kube-apiserver-client-approver', 'system:controller:deployment-controller', 'system:controller:certificate-controller', 'kubeadm:get-nodes', 'system:coredns']) {
      expect(names).toContain(n);
    }
    expect(admin.get(CLUSTER_ROLES, '', 'view').metadata.labels).toEqual({ 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' });
  });

  it('lets view read pods and their logs, but not secrets', () => {
    expect(can(cluster, user('viewer'), 'get', 'pods', 'dev')).toBe(true);
    expect(can(cluster, user('viewer'), 'get', 'pods', 'dev', '', 'log')).toBe(true);
    expect(can(cluster, user('viewer'), 'get', 'secrets', 'dev')).toBe(false);
    expect(can(cluster, user('viewer'), 'create', 'pods', 'dev')).toBe(false);
    expect(can(cluster, user('viewer'), 'get', 'pods', 'prod')).toBe(false);
  });

  it('lets edit change workloads and read secrets, but not read or write roles', () => {
    expect(can(cluster, user('editor'), 'create', 'deployments', 'dev', 'apps')).toBe(true);
    expect(can(cluster, user('editor'), 'update', 'deployments', 'dev', 'apps', 'scale')).toBe(true);
    expect(can(cluster, user('editor'), 'get', 'secrets', 'dev')).toBe(true);
    expect(can(cluster, user('editor'), 'get', 'roles', 'dev', 'rbac.authorization.k8s.io')).toBe(false);
    expect(can(cluster, user('editor'), 'create', 'rolebindings', 'dev', 'rbac.authorization.k8s.io')).toBe(false);
  });

  it('lets admin manage roles and bindings in its namespace only', () => {
    expect(can(cluster, user('owner'), 'create', 'roles', 'dev', 'rbac.authorization.k8s.io')).toBe(true);
    expect(can(cluster, user('owner'), 'create', 'rolebindings', 'dev', 'rbac.authorization.k8s.io')).toBe(true);
    expect(can(cluster, user('owner'), 'create', 'roles', 'prod', 'rbac.authorization.k8s.io')).toBe(false);
    expect(can(cluster, user('owner'), 'list', 'nodes')).toBe(false);
  });

  it('aggregates a new ClusterRole labelled aggregate-to-view into view, edit and admin', () => {
    admin.create(CLUSTER_ROLES, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'crontab-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get', 'list'] }],
    } as never);
    cluster.world.loop.settle();
    for (const who of ['viewer', 'editor', 'owner']) expect(can(cluster, user(who), 'list', 'crontabs', 'dev', 'stable.example.com')).toBe(true);
  });

  it('lets every authenticated user review their own access and discover the API', () => {
    const jane = user('jane');
    expect(can(cluster, jane, 'create', 'selfsubjectaccessreviews', undefined, 'authorization.k8s.io')).toBe(true);
    expect(cluster.api.can({ user: jane, verb: 'get', resourceRequest: false, path: '/apis/apps/v1' })).toBe(true);
    expect(cluster.api.can({ user: { username: 'system:anonymous', groups: ['system:unauthenticated'] }, verb: 'get', resourceRequest: false, path: '/version' })).toBe(true);
    expect(cluster.api.can({ user: { username: 'system:anonymous', groups: ['system:unauthenticated'] }, verb: 'get', resourceRequest: false, path: '/api' })).toBe(false);
  });

  it("gives the scheduler its own role: bind pods, but not create them", () => {
    const scheduler = user('system:kube-scheduler');
    expect(can(cluster, scheduler, 'create', 'pods', 'dev', '', 'binding')).toBe(true);
    expect(can(cluster, scheduler, 'patch', 'persistentvolumes')).toBe(true);
    expect(can(cluster, scheduler, 'create', 'pods', 'dev')).toBe(false);
  });
});

describe('the bootstrap policy on apiserver restart', () => {
  function restartApiServer(cluster: Cluster): void {
    const cp = cluster.controlPlane();
    const path = '/etc/kubernetes/manifests/kube-apiserver.yaml';
    cp.fs.writeFile(path, cp.fs.readFile(path).replace('    - --secure-port=6443', '    - --secure-port=6443\n    - --v=2'));
    cluster.world.loop.advanceUntil(() => !cluster.apiAvailable(), 60);
    cluster.world.loop.advanceUntil(() => cluster.apiAvailable(), 120);
  }

  it('recreates a deleted default role and restores removed rules', () => {
    const { cluster } = bootDefault();
    const admin = cluster.admin();
    admin.delete(CLUSTER_ROLES, '', 'system:basic-user');
    const pv = admin.get(CLUSTER_ROLES, '', 'system:public-info-viewer');
    admin.update(CLUSTER_ROLES, { ...structuredClone(pv), rules: [] } as never);
    restartApiServer(cluster);
    expect(admin.find(CLUSTER_ROLES, '', 'system:basic-user')).toBeDefined();
    expect((admin.get(CLUSTER_ROLES, '', 'system:public-info-viewer')['rules'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('leaves roles annotated autoupdate "false" alone', () => {
    const { cluster } = bootDefault();
    const admin = cluster.admin();
    const pv = structuredClone(admin.get(CLUSTER_ROLES, '', 'system:public-info-viewer'));
    pv.metadata.annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'false' };
    admin.update(CLUSTER_ROLES, { ...pv, rules: [] } as never);
    restartApiServer(cluster);
    expect(admin.get(CLUSTER_ROLES, '', 'system:public-info-viewer')['rules']).toEqual([]);
  });
});

describe('RBAC escalation prevention', () => {
  let cluster: Cluster;
  let admin: ApiClient;
  const jane = user('jane', 'dev-team');

  beforeAll(() => {
    ({ cluster } = bootDefault());
    admin = candidate(cluster);
    admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    admin.create(ROLE_BINDINGS, bindTo('admin', 'jane', 'dev') as never);
    cluster.world.loop.settle();
  });

  const roleWith = (name: string, rules: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'dev' }, rules });

  it('lets a user grant what they hold', () => {
    cluster.api.create(jane, ROLES, 'dev', roleWith('pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]) as never);
    expect(admin.get(ROLES, 'dev', 'pod-reader').metadata.name).toBe('pod-reader');
  });

  it('refuses a Role with rules the user does not hold, listing them compacted', () => {
    expect(() =>
      cluster.api.create(jane, ROLES, 'dev', roleWith('too-much', [{ apiGroups: [''], resources: ['nodes', 'pods'], verbs: ['get', 'list'] }, { apiGroups: ['apps'], resources: ['deployments'], verbs: ['escalate'] }]) as never),
    ).toThrow(
      'roles.rbac.authorization.k8s.io "too-much" is forbidden: user "jane" (groups=["dev-team" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}\n' +
        '{APIGroups:["apps"], Resources:["deployments"], Verbs:["escalate"]}',
    );
  });

  it('refuses binding a role whose rules the user does not hold, unless they may bind it', () => {
    const crb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'jane-root', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }] };
    expect(() => cluster.api.create(jane, ROLE_BINDINGS, 'dev', crb as never)).toThrow(
      'rolebindings.rbac.authorization.k8s.io "jane-root" is forbidden: user "jane" (groups=["dev-team" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}',
    );
    admin.create(ROLES, roleWith('binder', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['cluster-admin'] }]) as never);
    admin.create(ROLE_BINDINGS, { ...bindTo('x', 'jane', 'dev'), metadata: { name: 'jane-binder', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'binder' } } as never);
    expect(cluster.api.create(jane, ROLE_BINDINGS, 'dev', crb as never).metadata.name).toBe('jane-root');
  });

  it('lets a user with the escalate verb write any rules', () => {
    const ops = user('ops');
    admin.create(ROLES, roleWith('escalator', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['create', 'escalate'] }]) as never);
    admin.create(ROLE_BINDINGS, { ...bindTo('x', 'ops', 'dev'), metadata: { name: 'ops-escalator', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'escalator' } } as never);
    expect(cluster.api.create(ops, ROLES, 'dev', roleWith('anything', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]) as never).metadata.name).toBe('anything');
  });

  it('reserves aggregation rules for cluster-admins', () => {
    const cr = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'sneaky' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] }, rules: [] };
    admin.create(CLUSTER_ROLES, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cr-writer' }, rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['create'] }] } as never);
    admin.create(CLUSTER_ROLE_BINDINGS, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'writer' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr-writer' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'writer' }] } as never);
    expect(() => cluster.api.create(user('writer'), CLUSTER_ROLES, '', cr as never)).toThrow('clusterroles.rbac.authorization.k8s.io "sneaky" is forbidden: must have cluster-admin privileges to use the aggregationRule');
  });
});
