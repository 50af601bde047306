/**
 * `kubectl describe` for every kind we describe, compared byte for byte with kubectl 1.33
 * describing the same objects from a loopback API server (describe computes its output
 * client-side, so the oracle is exact). Times are relative to the real clock here, because
 * kubectl reads it for ages.
 */

import { afterAll, beforeAll, describe as suite, expect, it } from 'vitest';
import type { ResourceInfo } from '../../../src/api/registry.js';
import type { KObject } from '../../../src/api/types.js';
import { describe, objectsLookup } from '../../../src/kubectl/describe/index.js';
import { setBase } from '../fixtures.js';
import { type FakeServer, NO_KUBECTL, fakeApiServer, hasKubectl, kubectl } from '../oracle.js';
import { buildCast } from './cast.js';

const CRONTABS: ResourceInfo = { group: 'stable.example.com', version: 'v1', kind: 'CronTab', resource: 'crontabs', singular: 'crontab', shortNames: ['ct'], namespaced: true, verbs: ['get', 'list'], categories: [], subresources: [] };

suite.skipIf(!hasKubectl())('kubectl describe against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  let now = 0;
  let cast: KObject[] = [];
  let server: FakeServer;
  beforeAll(async () => {
    now = Date.now();
    setBase(now);
    cast = buildCast();
    server = await fakeApiServer(cast, undefined, [CRONTABS]);
  });
  afterAll(async () => {
    await server?.close();
  });

  const cases: [string, string, string | undefined][] = [
    ['pod', 'web-7d4b9c8f6d-abcde', 'default'],
    ['pod', 'web-7d4b9c8f6d-klmno', 'default'],
    ['pod', 'calico-node-abcd1', 'kube-system'],
    ['deployment', 'web', 'default'],
    ['replicaset', 'web-7d4b9c8f6d', 'default'],
    ['replicaset', 'web-5f6c7b8d9e', 'default'],
    ['daemonset', 'log-agent', 'kube-system'],
    ['statefulset', 'db', 'default'],
    ['job', 'backup-29012345', 'default'],
    ['cronjob', 'backup', 'default'],
    ['service', 'web', 'default'],
    ['endpoints', 'web', 'default'],
    ['endpointslice', 'web-x8z2k', 'default'],
    ['ingress', 'web', 'default'],
    ['ingressclass', 'nginx', undefined],
    ['networkpolicy', 'db-allow', 'default'],
    ['networkpolicy', 'deny-all', 'default'],
    ['node', 'node01', undefined],
    ['node', 'node02', undefined],
    ['node', 'controlplane', undefined],
    ['namespace', 'shop', undefined],
    ['namespace', 'empty', undefined],
    ['resourcequota', 'compute', 'shop'],
    ['limitrange', 'defaults', 'shop'],
    ['configmap', 'app-config', 'default'],
    ['secret', 'db', 'default'],
    ['serviceaccount', 'deployer', 'default'],
    ['pv', 'pv-data', undefined],
    ['pvc', 'data-pvc', 'default'],
    ['pvc', 'waiting', 'default'],
    ['storageclass', 'local-path', undefined],
    ['role', 'pod-reader', 'default'],
    ['clusterrole', 'node-viewer', undefined],
    ['rolebinding', 'read-pods', 'default'],
    ['clusterrolebinding', 'view-nodes', undefined],
    ['hpa', 'web', 'default'],
    ['pdb', 'web-pdb', 'default'],
    ['priorityclass', 'high', undefined],
    ['csr', 'jane', undefined],
    ['lease', 'node01', 'kube-node-lease'],
    ['crontab', 'my-crontab', 'default'],
  ];

  it.each(cases)('kubectl describe %s %s', async (resource, name, ns) => {
    const kinds: Record<string, string> = {
      pod: 'Pod', deployment: 'Deployment', replicaset: 'ReplicaSet', daemonset: 'DaemonSet', statefulset: 'StatefulSet', job: 'Job', cronjob: 'CronJob',
      service: 'Service', endpoints: 'Endpoints', endpointslice: 'EndpointSlice', ingress: 'Ingress', ingressclass: 'IngressClass', networkpolicy: 'NetworkPolicy',
      node: 'Node', namespace: 'Namespace', resourcequota: 'ResourceQuota', limitrange: 'LimitRange', configmap: 'ConfigMap', secret: 'Secret',
      serviceaccount: 'ServiceAccount', pv: 'PersistentVolume', pvc: 'PersistentVolumeClaim', storageclass: 'StorageClass', role: 'Role', clusterrole: 'ClusterRole',
      rolebinding: 'RoleBinding', clusterrolebinding: 'ClusterRoleBinding', hpa: 'HorizontalPodAutoscaler', pdb: 'PodDisruptionBudget', priorityclass: 'PriorityClass',
      csr: 'CertificateSigningRequest', lease: 'Lease', crontab: 'CronTab',
    };
    const obj = cast.find((o) => o.kind === kinds[resource] && o.metadata.name === name && (ns === undefined || o.metadata.namespace === ns));
    if (!obj) return; // the CSR needs openssl
    const real = await kubectl(['describe', resource, name, ...(ns ? ['-n', ns] : [])], { server: server.url });
    const mine = describe(obj, { now, showEvents: true, lookup: objectsLookup(cast) });
    expect(mine).toBe(real.stdout);
  });

  it('leaves events out with --show-events=false', async () => {
    const obj = cast.find((o) => o.kind === 'Deployment')!;
    const real = await kubectl(['describe', 'deployment', 'web', '--show-events=false'], { server: server.url });
    expect(describe(obj, { now, showEvents: false, lookup: objectsLookup(cast) })).toBe(real.stdout);
  });
});
