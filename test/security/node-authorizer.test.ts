/**
 * The Node authorizer: a kubelet reads only what its own pods use, writes its own Node and lease,
 * and nothing else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthzAttributes, UserInfo } from '../../src/api/auth.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { bootDefault } from './helpers.js';

const node = (name: string): UserInfo => ({ username: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] });

function decide(cluster: Cluster, attrs: Omit<AuthzAttributes, 'resourceRequest'>): { allowed: boolean; reason?: string } {
  const authorizer = cluster.api.authorizers.find((a) => a.name === 'Node')!;
  const d = authorizer.authorize({ resourceRequest: true, group: '', ...attrs });
  return { allowed: d.decision === 'allow', reason: d.reason };
}

describe('the Node authorizer', () => {
  let cluster: Cluster;

  beforeAll(() => {
    ({ cluster } = bootDefault());
    const admin = cluster.admin();
    admin.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace: 'default' } });
    for (const name of ['app-config', 'other-config']) admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: {} });
    for (const name of ['app-secret', 'env-secret', 'other-secret']) admin.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data: {} } as never);
    admin.create('persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' }, claimRef: { namespace: 'default', name: 'data' } } } as never);
    admin.create('persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv1' } } as never);
    admin.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'app', namespace: 'default' },
      spec: {
        nodeName: 'node01',
        serviceAccountName: 'app',
        containers: [{ name: 'c', image: 'nginx', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'env-secret', key: 'x' } } }] }],
        volumes: [
          { name: 'cfg', configMap: { name: 'app-config' } },
          { name: 'sec', secret: { secretName: 'app-secret' } },
          { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        ],
      },
    } as never);
  });

  it.each([
    ['a configmap its pod mounts', 'configmaps', 'app-config'],
    ['a secret its pod mounts', 'secrets', 'app-secret'],
    ['a secret its pod reads into the environment', 'secrets', 'env-secret'],
    ['the claim its pod uses', 'persistentvolumeclaims', 'data'],
  ])('lets node01 get %s', (_n, resource, name) => {
    expect(decide(cluster, { user: node('node01'), verb: 'get', resource, namespace: 'default', name }).allowed).toBe(true);
  });

  it('lets node01 get the volume bound to its pod’s claim', () => {
    expect(decide(cluster, { user: node('node01'), verb: 'get', resource: 'persistentvolumes', name: 'pv1' }).allowed).toBe(true);
  });

  it('refuses another node the same secret, saying there is no relationship', () => {
    expect(decide(cluster, { user: node('node02'), verb: 'get', resource: 'secrets', namespace: 'default', name: 'app-secret' })).toEqual({ allowed: false, reason: "no relationship found between node 'node02' and this object" });
  });

  it('refuses node01 a secret no pod of it uses', () => {
    expect(decide(cluster, { user: node('node01'), verb: 'get', resource: 'secrets', namespace: 'default', name: 'other-secret' }).allowed).toBe(false);
  });

  it('refuses writes and unnamed reads of secrets', () => {
    expect(decide(cluster, { user: node('node01'), verb: 'update', resource: 'secrets', namespace: 'default', name: 'app-secret' })).toEqual({ allowed: false, reason: 'can only read resources of this type' });
    expect(decide(cluster, { user: node('node01'), verb: 'list', resource: 'secrets', namespace: 'default' })).toEqual({ allowed: false, reason: 'No Object name found' });
  });

  it('lets a node create tokens for the service accounts of its pods only', () => {
    expect(decide(cluster, { user: node('node01'), verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: 'default', name: 'app' }).allowed).toBe(true);
    expect(decide(cluster, { user: node('node02'), verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: 'default', name: 'app' }).allowed).toBe(false);
  });

  it('lets a node read only its own Node object', () => {
    expect(decide(cluster, { user: node('node01'), verb: 'get', resource: 'nodes', name: 'node01' }).allowed).toBe(true);
    expect(decide(cluster, { user: node('node01'), verb: 'get', resource: 'nodes', name: 'node02' })).toEqual({ allowed: false, reason: "node 'node01' cannot read 'node02', only its own Node object" });
    expect(decide(cluster, { user: node('node01'), verb: 'list', resource: 'nodes' })).toEqual({ allowed: false, reason: "node 'node01' cannot read all nodes, only its own Node object" });
  });

  it('lets a node update Node status and pod status (NodeRestriction narrows them to its own)', () => {
    expect(decide(cluster, { user: node('node01'), verb: 'patch', resource: 'nodes', subresource: 'status', name: 'node01' }).allowed).toBe(true);
    expect(decide(cluster, { user: node('node01'), verb: 'update', resource: 'pods', subresource: 'status', namespace: 'default', name: 'app' }).allowed).toBe(true);
  });

  it('lets a node list pods only with its spec.nodeName field selector', () => {
    expect(decide(cluster, { user: node('node01'), verb: 'list', resource: 'pods', fieldSelector: 'spec.nodeName=node01' }).allowed).toBe(true);
    expect(decide(cluster, { user: node('node01'), verb: 'list', resource: 'pods' })).toEqual({ allowed: false, reason: 'can only list/watch pods with spec.nodeName field selector' });
  });

  it('lets a node renew its own lease in kube-node-lease only', () => {
    const lease = { group: 'coordination.k8s.io', resource: 'leases' };
    expect(decide(cluster, { user: node('node01'), verb: 'update', ...lease, namespace: 'kube-node-lease', name: 'node01' }).allowed).toBe(true);
    expect(decide(cluster, { user: node('node01'), verb: 'update', ...lease, namespace: 'kube-node-lease', name: 'node02' })).toEqual({ allowed: false, reason: 'can only access node lease with the same name as the requesting node' });
    expect(decide(cluster, { user: node('node01'), verb: 'get', ...lease, namespace: 'default', name: 'node01' })).toEqual({ allowed: false, reason: 'can only access leases in the "kube-node-lease" system namespace' });
  });

  it('lets a node create events and CSRs through the system:node rules, and nothing beyond them', () => {
    expect(decide(cluster, { user: node('node01'), verb: 'create', resource: 'events', namespace: 'default' }).allowed).toBe(true);
    expect(decide(cluster, { user: node('node01'), verb: 'create', group: 'certificates.k8s.io', resource: 'certificatesigningrequests' }).allowed).toBe(true);
    expect(decide(cluster, { user: node('node01'), verb: 'delete', resource: 'namespaces', name: 'default' }).allowed).toBe(false);
  });

  it('has no opinion about users who are not nodes', () => {
    expect(decide(cluster, { user: { username: 'system:node:node01', groups: ['system:authenticated'] }, verb: 'get', resource: 'nodes', name: 'node01' })).toEqual({ allowed: false, reason: undefined });
  });

  it('words a refused kubelet request as the apiserver does', () => {
    expect(() => cluster.api.get(node('node02'), 'secrets', 'default', 'app-secret')).toThrow(
      `secrets "app-secret" is forbidden: User "system:node:node02" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node 'node02' and this object`,
    );
  });
});
