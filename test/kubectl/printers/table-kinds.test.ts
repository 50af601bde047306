/**
 * Table cells per kind as printers.go (v1.33) fills them: one or more objects per kind,
 * compared as column → cell maps (rows are always built wide, as the apiserver does).
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { cellText } from '../../../src/kubectl/printers/table/printer.js';
import { tableHandlerFor } from '../../../src/kubectl/printers/table/registry.js';
import type { PrinterColumn } from '../../../src/kubectl/printers/table/types.js';
import { NOW, ago, condition, deployment, meta, node, service } from '../fixtures.js';

type Obj = Record<string, any>;

function cells(o: Obj, printerColumns?: PrinterColumn[]): Record<string, string> {
  const av: string = o.apiVersion ?? 'v1';
  const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
  const h = tableHandlerFor(group, o.kind, printerColumns);
  const row = h.row(o as KObject, { now: NOW });
  expect(row.length).toBe(h.columns.length);
  return Object.fromEntries(h.columns.map((c, i) => [c.name.toUpperCase() + (c.priority ? '*' : ''), cellText(row[i]!)]));
}

const obj = (apiVersion: string, kind: string, name: string, ns: string | undefined, rest: Obj = {}, metaExtra: Obj = {}): Obj => ({
  apiVersion,
  kind,
  metadata: meta(name, ns, metaExtra),
  ...rest,
});

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'sidecar', image: 'busybox' }] } };

describe('workloads', () => {
  it('deployment', () => {
    expect(cells(deployment('web'))).toEqual({
      NAME: 'web',
      READY: '2/3',
      'UP-TO-DATE': '3',
      AVAILABLE: '2',
      AGE: '26h',
      'CONTAINERS*': 'nginx',
      'IMAGES*': 'nginx:1.25',
      'SELECTOR*': 'app=web',
    });
  });
  it('replicaset with two containers', () => {
    const rs = obj('apps/v1', 'ReplicaSet', 'web-7d4b9c8f6d', 'default', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    });
    expect(cells(rs)).toEqual({
      NAME: 'web-7d4b9c8f6d',
      DESIRED: '3',
      CURRENT: '3',
      READY: '1',
      AGE: '26h',
      'CONTAINERS*': 'nginx,sidecar',
      'IMAGES*': 'nginx:1.25,busybox',
      'SELECTOR*': 'app=web,pod-template-hash=7d4b9c8f6d',
    });
  });
  it('daemonset', () => {
    const ds = obj('apps/v1', 'DaemonSet', 'kube-proxy', 'kube-system', {
      spec: { selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    });
    expect(cells(ds)).toMatchObject({ DESIRED: '3', CURRENT: '3', READY: '2', 'UP-TO-DATE': '3', AVAILABLE: '2', 'NODE SELECTOR': 'kubernetes.io/os=linux', 'SELECTOR*': 'k8s-app=kube-proxy' });
    delete ds.spec.template.spec.nodeSelector;
    expect(cells(ds)['NODE SELECTOR']).toBe('<none>');
  });
  it('statefulset', () => {
    const sts = obj('apps/v1', 'StatefulSet', 'db', 'default', { spec: { replicas: 3, selector: { matchLabels: { app: 'db' } }, template }, status: { replicas: 2, readyReplicas: 1 } });
    expect(cells(sts)).toEqual({ NAME: 'db', READY: '1/3', AGE: '26h', 'CONTAINERS*': 'nginx,sidecar', 'IMAGES*': 'nginx:1.25,busybox' });
  });
  it('selector with expressions', () => {
    const rs = obj('apps/v1', 'ReplicaSet', 'x', 'default', {
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'canary', operator: 'DoesNotExist' }] }, template },
      status: { replicas: 1 },
    });
    expect(cells(rs)['SELECTOR*']).toBe('app=web,!canary,tier in (a,b)') // requirements sorted by key;
  });
});

describe('jobs and cronjobs', () => {
  const job = (status: Obj, spec: Obj = {}, metaExtra: Obj = {}) =>
    obj('batch/v1', 'Job', 'pi', 'default', { spec: { completions: 1, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } }, template, ...spec }, status }, metaExtra);
  it.each<[string, Obj, Obj, Obj, string, string, string]>([
    ['running', { startTime: ago(75), active: 1 }, {}, {}, 'Running', '0/1', '75s'],
    ['complete', { startTime: ago(600), completionTime: ago(420), succeeded: 1, conditions: [condition('Complete', 'True')] }, {}, {}, 'Complete', '1/1', '3m'],
    ['failed', { startTime: ago(600), failed: 7, conditions: [condition('Failed', 'True', { reason: 'BackoffLimitExceeded' })] }, {}, {}, 'Failed', '0/1', '10m'],
    ['suspended', { conditions: [condition('Suspended', 'True')] }, { suspend: true }, {}, 'Suspended', '0/1', ''],
    ['terminating', { startTime: ago(30) }, {}, { deletionTimestamp: ago(1) }, 'Terminating', '0/1', '30s'],
    ['failure target', { startTime: ago(30), conditions: [condition('FailureTarget', 'True')] }, {}, {}, 'FailureTarget', '0/1', '30s'],
    ['completions 5', { startTime: ago(30), succeeded: 2 }, { completions: 5, parallelism: 2 }, {}, 'Running', '2/5', '30s'],
    ['work queue with parallelism', { startTime: ago(30) }, { completions: undefined, parallelism: 3 }, {}, 'Running', '0/1 of 3', '30s'],
    ['work queue', { startTime: ago(30) }, { completions: undefined, parallelism: 1 }, {}, 'Running', '0/1', '30s'],
  ])('job %s', (_n, status, spec, metaExtra, wantStatus, completions, dur) => {
    const c = cells(job(status, spec, metaExtra));
    expect([c.STATUS, c.COMPLETIONS, c.DURATION]).toEqual([wantStatus, completions, dur]);
    expect(c['CONTAINERS*']).toBe('nginx,sidecar');
    expect(c['SELECTOR*']).toBe('batch.kubernetes.io/controller-uid=u1');
  });
  it('cronjob', () => {
    const cj = obj('batch/v1', 'CronJob', 'backup', 'default', {
      spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template } } },
      status: { active: [{ name: 'backup-1' }], lastScheduleTime: ago(125) },
    });
    expect(cells(cj)).toEqual({
      NAME: 'backup',
      SCHEDULE: '*/5 * * * *',
      TIMEZONE: '<none>',
      SUSPEND: 'False',
      ACTIVE: '1',
      'LAST SCHEDULE': '2m5s',
      AGE: '26h',
      'CONTAINERS*': 'nginx,sidecar',
      'IMAGES*': 'nginx:1.25,busybox',
      'SELECTOR*': '<none>',
    });
    cj.spec.timeZone = 'Etc/UTC';
    cj.spec.suspend = true;
    delete cj.status.lastScheduleTime;
    cj.status.active = [];
    expect(cells(cj)).toMatchObject({ TIMEZONE: 'Etc/UTC', SUSPEND: 'True', ACTIVE: '0', 'LAST SCHEDULE': '<none>' });
  });
});

describe('services and endpoints', () => {
  it('ClusterIP', () => {
    expect(cells(service('web'))).toEqual({ NAME: 'web', TYPE: 'ClusterIP', 'CLUSTER-IP': '10.96.12.34', 'EXTERNAL-IP': '<none>', 'PORT(S)': '80/TCP', AGE: '26h', 'SELECTOR*': 'app=web' });
  });
  it('NodePort with several ports and externalIPs', () => {
    const s = service('np', 'default', {
      type: 'NodePort',
      externalIPs: ['1.2.3.4'],
      ports: [
        { name: 'http', port: 80, nodePort: 30080, protocol: 'TCP', targetPort: 80 },
        { name: 'dns', port: 53, nodePort: 30053, protocol: 'UDP', targetPort: 53 },
      ],
    });
    expect(cells(s)).toMatchObject({ TYPE: 'NodePort', 'EXTERNAL-IP': '1.2.3.4', 'PORT(S)': '80:30080/TCP,53:30053/UDP' });
  });
  it('LoadBalancer pending, then with ingress IPs and hostnames', () => {
    const s = service('lb', 'default', { type: 'LoadBalancer', ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] });
    expect(cells(s)['EXTERNAL-IP']).toBe('<pending>');
    s.status = { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] } };
    expect(cells(s)['EXTERNAL-IP']).toBe('203.0.113.10,lb.example.com');
    (s.spec as Obj).externalIPs = ['1.2.3.4'];
    expect(cells(s)['EXTERNAL-IP']).toBe('203.0.113.10,lb.example.com,1.2.3.4');
  });
  it('headless, ExternalName and no selector', () => {
    const h = service('db', 'default', { clusterIP: 'None', clusterIPs: ['None'], ports: [], selector: undefined });
    expect(cells(h)).toMatchObject({ 'CLUSTER-IP': 'None', 'PORT(S)': '<none>', 'SELECTOR*': '<none>' });
    const e = service('ext', 'default', { type: 'ExternalName', externalName: 'db.example.com', clusterIP: undefined, clusterIPs: undefined, ports: undefined });
    expect(cells(e)).toMatchObject({ TYPE: 'ExternalName', 'CLUSTER-IP': '<none>', 'EXTERNAL-IP': 'db.example.com', 'PORT(S)': '<none>' });
  });
  it('endpoints: three shown then "+ N more...", ports multiply addresses, IPv6 in brackets', () => {
    const ep = obj('v1', 'Endpoints', 'web', 'default', {
      subsets: [
        {
          addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }],
          ports: [
            { name: 'http', port: 8080, protocol: 'TCP' },
            { name: 'metrics', port: 9090, protocol: 'TCP' },
          ],
        },
      ],
    });
    expect(cells(ep).ENDPOINTS).toBe('10.244.1.5:8080,10.244.2.6:8080,10.244.1.5:9090 + 1 more...');
    ep.subsets = [{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 80 }] }];
    expect(cells(ep).ENDPOINTS).toBe('[fd00::5]:80');
    ep.subsets = [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }];
    expect(cells(ep).ENDPOINTS).toBe('10.0.0.1,10.0.0.2');
    ep.subsets = [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }];
    expect(cells(ep).ENDPOINTS).toBe('');
    delete ep.subsets;
    expect(cells(ep).ENDPOINTS).toBe('<none>');
  });
  it('endpointslice', () => {
    const es = obj('discovery.k8s.io/v1', 'EndpointSlice', 'web-abc12', 'default', {
      addressType: 'IPv4',
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP' },
        { name: 'metrics', port: 9090, protocol: 'TCP' },
      ],
      endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.6'] }, { addresses: ['10.244.2.7'] }, { addresses: ['10.244.3.8'] }],
    });
    expect(cells(es)).toEqual({ NAME: 'web-abc12', ADDRESSTYPE: 'IPv4', PORTS: '8080,9090', ENDPOINTS: '10.244.1.5,10.244.2.6,10.244.2.7 + 1 more...', AGE: '26h' });
    es.ports = [];
    es.endpoints = [];
    expect(cells(es)).toMatchObject({ PORTS: '<unset>', ENDPOINTS: '<unset>' });
  });
});

describe('nodes and namespaces', () => {
  it('ready control plane', () => {
    expect(cells(node('controlplane', { labels: { 'node-role.kubernetes.io/control-plane': '' } }))).toEqual({
      NAME: 'controlplane',
      STATUS: 'Ready',
      ROLES: 'control-plane',
      AGE: '26h',
      VERSION: 'v1.33.0',
      'INTERNAL-IP*': '192.168.1.11',
      'EXTERNAL-IP*': '<none>',
      'OS-IMAGE*': 'Ubuntu 22.04.3 LTS',
      'KERNEL-VERSION*': '5.15.0-91-generic',
      'CONTAINER-RUNTIME*': 'containerd://1.7.13',
    });
  });
  it('NotReady, cordoned, several roles, no Ready condition', () => {
    const n = node('node02', { ready: 'False', unschedulable: true, labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'infra' } }) as Obj;
    expect(cells(n)).toMatchObject({ STATUS: 'NotReady,SchedulingDisabled', ROLES: 'infra,worker' });
    n.status.conditions = [];
    n.spec.unschedulable = false;
    expect(cells(n).STATUS).toBe('Unknown');
    n.status.addresses.push({ type: 'ExternalIP', address: '34.1.2.3' });
    expect(cells(n)['EXTERNAL-IP*']).toBe('34.1.2.3');
    expect(cells(node('w'))['ROLES']).toBe('<none>');
  });
  it('namespace', () => {
    expect(cells(obj('v1', 'Namespace', 'shop', undefined, { status: { phase: 'Active' } }))).toEqual({ NAME: 'shop', STATUS: 'Active', AGE: '26h' });
    expect(cells(obj('v1', 'Namespace', 'old', undefined, { status: { phase: 'Terminating' } })).STATUS).toBe('Terminating');
  });
});

describe('config and access', () => {
  it('configmap counts data and binaryData', () => {
    expect(cells(obj('v1', 'ConfigMap', 'cfg', 'default', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }))).toEqual({ NAME: 'cfg', DATA: '3', AGE: '26h' });
    expect(cells(obj('v1', 'ConfigMap', 'empty', 'default')).DATA).toBe('0');
  });
  it('secret', () => {
    expect(cells(obj('v1', 'Secret', 'tls', 'default', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } }))).toEqual({ NAME: 'tls', TYPE: 'kubernetes.io/tls', DATA: '2', AGE: '26h' });
  });
  it('serviceaccount', () => {
    expect(cells(obj('v1', 'ServiceAccount', 'default', 'default'))).toEqual({ NAME: 'default', SECRETS: '0', AGE: '26h' });
    expect(cells(obj('v1', 'ServiceAccount', 'bot', 'default', { secrets: [{ name: 'bot-token' }] })).SECRETS).toBe('1');
  });
  it('roles, clusterroles, limitranges and CRDs: NAME and CREATED AT', () => {
    const created = { creationTimestamp: '2026-02-28T10:00:00Z' };
    expect(cells(obj('rbac.authorization.k8s.io/v1', 'Role', 'reader', 'default', {}, created))).toEqual({ NAME: 'reader', 'CREATED AT': '2026-02-28T10:00:00Z' });
    expect(cells(obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'admin', undefined, {}, created))).toEqual({ NAME: 'admin', 'CREATED AT': '2026-02-28T10:00:00Z' });
    expect(cells(obj('v1', 'LimitRange', 'limits', 'default', {}, created))).toEqual({ NAME: 'limits', 'CREATED AT': '2026-02-28T10:00:00Z' });
    expect(cells(obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'crontabs.stable.example.com', undefined, {}, created))).toEqual({
      NAME: 'crontabs.stable.example.com',
      'CREATED AT': '2026-02-28T10:00:00Z',
    });
  });
  it('rolebinding and clusterrolebinding', () => {
    const rb = obj('rbac.authorization.k8s.io/v1', 'RoleBinding', 'read-pods', 'default', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [
        { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'ServiceAccount', name: 'bot', namespace: 'ci' },
      ],
    });
    expect(cells(rb)).toEqual({ NAME: 'read-pods', ROLE: 'Role/pod-reader', AGE: '26h', 'USERS*': 'jane, bob', 'GROUPS*': 'devs', 'SERVICEACCOUNTS*': 'ci/bot' });
    const crb = obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'admins', undefined, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' } });
    expect(cells(crb)).toEqual({ NAME: 'admins', ROLE: 'ClusterRole/cluster-admin', AGE: '26h', 'USERS*': '', 'GROUPS*': '', 'SERVICEACCOUNTS*': '' });
  });
  it('certificate signing requests', () => {
    const csr = obj('certificates.k8s.io/v1', 'CertificateSigningRequest', 'jane', undefined, {
      spec: { request: 'eA==', signerName: 'kubernetes.io/kube-apiserver-client', username: 'kubernetes-admin', expirationSeconds: 86400, usages: ['client auth'] },
      status: {},
    });
    expect(cells(csr)).toEqual({ NAME: 'jane', AGE: '26h', SIGNERNAME: 'kubernetes.io/kube-apiserver-client', REQUESTOR: 'kubernetes-admin', REQUESTEDDURATION: '24h', CONDITION: 'Pending' });
    csr.status = { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'eA==' };
    delete csr.spec.expirationSeconds;
    expect(cells(csr)).toMatchObject({ REQUESTEDDURATION: '<none>', CONDITION: 'Approved,Issued' });
    csr.status = { conditions: [{ type: 'Denied', status: 'True' }] };
    expect(cells(csr).CONDITION).toBe('Denied');
  });
});

describe('events (kubectl get events)', () => {
  const ev = (extra: Obj): Obj =>
    obj('v1', 'Event', 'web.17a', 'default', {
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container\n',
      source: { component: 'kubelet', host: 'node01' },
      firstTimestamp: ago(600),
      lastTimestamp: ago(42),
      count: 7,
      type: 'Warning',
      ...extra,
    });
  it('core event, wide cells', () => {
    expect(cells(ev({}))).toEqual({
      'LAST SEEN': '42s',
      TYPE: 'Warning',
      REASON: 'BackOff',
      OBJECT: 'pod/web',
      'SUBOBJECT*': 'spec.containers{nginx}',
      'SOURCE*': 'kubelet, node01',
      MESSAGE: 'Back-off restarting failed container',
      'FIRST SEEN*': '10m',
      'COUNT*': '7',
      'NAME*': 'web.17a',
    });
  });
  it('eventTime only, series, reporting controller, object without a name', () => {
    const e = ev({
      firstTimestamp: null,
      lastTimestamp: null,
      count: 0,
      eventTime: '2026-03-01T11:58:00.000000Z',
      series: { count: 4, lastObservedTime: '2026-03-01T11:59:30.000000Z' },
      source: {},
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-cp',
      involvedObject: { kind: 'Node' },
    });
    expect(cells(e)).toMatchObject({ 'LAST SEEN': '30s', OBJECT: 'node', 'SOURCE*': 'default-scheduler, default-scheduler-cp', 'FIRST SEEN*': '2m', 'COUNT*': '4' });
  });
});

describe('storage', () => {
  it('persistent volume', () => {
    const pv = obj('v1', 'PersistentVolume', 'pv-1', undefined, {
      spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', claimRef: { namespace: 'default', name: 'data' }, hostPath: { path: '/mnt' } },
      status: { phase: 'Bound' },
    });
    expect(cells(pv)).toEqual({
      NAME: 'pv-1',
      CAPACITY: '10Gi',
      'ACCESS MODES': 'RWO,ROX',
      'RECLAIM POLICY': 'Retain',
      STATUS: 'Bound',
      CLAIM: 'default/data',
      STORAGECLASS: 'manual',
      VOLUMEATTRIBUTESCLASS: '<unset>',
      REASON: '',
      AGE: '26h',
      'VOLUMEMODE*': '<unset>',
    });
    pv.spec = { capacity: { storage: '1000Mi' }, accessModes: ['ReadWriteMany', 'ReadWriteOncePod'], volumeMode: 'Block' };
    pv.status = { phase: 'Failed', reason: 'Recycle failed' };
    expect(cells(pv)).toMatchObject({ CAPACITY: '1000Mi', 'ACCESS MODES': 'RWX,RWOP', CLAIM: '', STORAGECLASS: '', REASON: 'Recycle failed', 'VOLUMEMODE*': 'Block' });
  });
  it('persistent volume claim, pending then bound', () => {
    const pvc = obj('v1', 'PersistentVolumeClaim', 'data', 'default', {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
    expect(cells(pvc)).toEqual({
      NAME: 'data',
      STATUS: 'Pending',
      VOLUME: '',
      CAPACITY: '',
      'ACCESS MODES': '',
      STORAGECLASS: 'standard',
      VOLUMEATTRIBUTESCLASS: '<unset>',
      AGE: '26h',
      'VOLUMEMODE*': 'Filesystem',
    });
    pvc.spec.volumeName = 'pvc-0b1c';
    pvc.status = { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '8Gi' } };
    expect(cells(pvc)).toMatchObject({ STATUS: 'Bound', VOLUME: 'pvc-0b1c', CAPACITY: '8Gi', 'ACCESS MODES': 'RWO' });
    pvc.metadata.deletionTimestamp = ago(3);
    expect(cells(pvc).STATUS).toBe('Terminating');
  });
  it('storage class, default marker and defaults', () => {
    const sc = obj('storage.k8s.io/v1', 'StorageClass', 'standard', undefined, { provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' }, {
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    });
    expect(cells(sc)).toEqual({
      NAME: 'standard (default)',
      PROVISIONER: 'rancher.io/local-path',
      RECLAIMPOLICY: 'Delete',
      VOLUMEBINDINGMODE: 'WaitForFirstConsumer',
      ALLOWVOLUMEEXPANSION: 'false',
      AGE: '26h',
    });
    const plain = obj('storage.k8s.io/v1', 'StorageClass', 'fast', undefined, { provisioner: 'ebs.csi.aws.com', allowVolumeExpansion: true });
    expect(cells(plain)).toMatchObject({ NAME: 'fast', RECLAIMPOLICY: 'Delete', VOLUMEBINDINGMODE: 'Immediate', ALLOWVOLUMEEXPANSION: 'true' });
  });
});

describe('networking', () => {
  it('ingress', () => {
    const ing = obj('networking.k8s.io/v1', 'Ingress', 'web', 'default', {
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }, { host: 'c.example.com' }, { host: 'd.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.1.240' }] } },
    });
    expect(cells(ing)).toEqual({ NAME: 'web', CLASS: 'nginx', HOSTS: 'a.example.com,b.example.com,c.example.com + 1 more...', ADDRESS: '192.168.1.240', PORTS: '80, 443', AGE: '26h' });
    const bare = obj('networking.k8s.io/v1', 'Ingress', 'x', 'default', { spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } }, status: { loadBalancer: {} } });
    expect(cells(bare)).toMatchObject({ CLASS: '<none>', HOSTS: '*', ADDRESS: '', PORTS: '80' });
  });
  it('ingressclass', () => {
    const ic = obj('networking.k8s.io/v1', 'IngressClass', 'nginx', undefined, { spec: { controller: 'k8s.io/ingress-nginx' } });
    expect(cells(ic)).toEqual({ NAME: 'nginx', CONTROLLER: 'k8s.io/ingress-nginx', PARAMETERS: '<none>', AGE: '26h' });
    ic.spec.parameters = { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' };
    expect(cells(ic).PARAMETERS).toBe('IngressParameters.k8s.example.com/external-lb');
  });
  it('networkpolicy', () => {
    expect(cells(obj('networking.k8s.io/v1', 'NetworkPolicy', 'deny-all', 'default', { spec: { podSelector: {}, policyTypes: ['Ingress'] } }))).toEqual({ NAME: 'deny-all', 'POD-SELECTOR': '<none>', AGE: '26h' });
    expect(cells(obj('networking.k8s.io/v1', 'NetworkPolicy', 'db', 'default', { spec: { podSelector: { matchLabels: { role: 'db' } } } }))['POD-SELECTOR']).toBe('role=db');
  });
});

describe('cluster-level kinds', () => {
  it('lease', () => {
    expect(cells(obj('coordination.k8s.io/v1', 'Lease', 'node01', 'kube-node-lease', { spec: { holderIdentity: 'node01', leaseDurationSeconds: 40 } }))).toEqual({ NAME: 'node01', HOLDER: 'node01', AGE: '26h' });
    expect(cells(obj('coordination.k8s.io/v1', 'Lease', 'x', 'default', { spec: {} })).HOLDER).toBe('');
  });
  it('priorityclass', () => {
    expect(cells(obj('scheduling.k8s.io/v1', 'PriorityClass', 'system-node-critical', undefined, { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }))).toEqual({
      NAME: 'system-node-critical',
      VALUE: '2000001000',
      'GLOBAL-DEFAULT': 'false',
      AGE: '26h',
      'PREEMPTIONPOLICY*': 'PreemptLowerPriority',
    });
    expect(cells(obj('scheduling.k8s.io/v1', 'PriorityClass', 'high', undefined, { value: 1000, globalDefault: true }))['GLOBAL-DEFAULT']).toBe('true');
  });
  it('poddisruptionbudget', () => {
    const pdb = obj('policy/v1', 'PodDisruptionBudget', 'web', 'default', { spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }, status: { disruptionsAllowed: 1 } });
    expect(cells(pdb)).toEqual({ NAME: 'web', 'MIN AVAILABLE': '2', 'MAX UNAVAILABLE': 'N/A', 'ALLOWED DISRUPTIONS': '1', AGE: '26h' });
    pdb.spec = { maxUnavailable: '25%' };
    pdb.status = {};
    expect(cells(pdb)).toMatchObject({ 'MIN AVAILABLE': 'N/A', 'MAX UNAVAILABLE': '25%', 'ALLOWED DISRUPTIONS': '0' });
  });
  it('horizontalpodautoscaler', () => {
    const hpa = obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', 'default', {
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      },
      status: { currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 30, averageValue: '150m' } } }] },
    });
    expect(cells(hpa)).toEqual({ NAME: 'web', REFERENCE: 'Deployment/web', TARGETS: 'cpu: 30%/50%', MINPODS: '1', MAXPODS: '10', REPLICAS: '3', AGE: '26h' });
    hpa.status = { currentReplicas: 0, desiredReplicas: 0 };
    hpa.spec.metrics.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } });
    hpa.spec.metrics.push({ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } });
    delete hpa.spec.minReplicas;
    expect(cells(hpa)).toMatchObject({ TARGETS: 'cpu: <unknown>/50%, memory: <unknown>/500Mi + 1 more...', MINPODS: '<unset>', REPLICAS: '0' });
    hpa.spec.metrics = [];
    expect(cells(hpa).TARGETS).toBe('<none>');
  });
  it('resourcequota: used/hard for requests and limits, keys sorted', () => {
    const rq = obj('v1', 'ResourceQuota', 'compute', 'default', {
      spec: { hard: { pods: '10', 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi', services: '5' } },
      status: {
        hard: { pods: '10', 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi', services: '5' },
        used: { pods: '1', 'requests.cpu': '500m', 'requests.memory': '128Mi', 'limits.cpu': '0', 'limits.memory': '0', services: '0' },
      },
    });
    expect(cells(rq)).toEqual({
      NAME: 'compute',
      REQUEST: 'pods: 1/10, requests.cpu: 500m/1, requests.memory: 128Mi/1Gi, services: 0/5',
      LIMIT: 'limits.cpu: 0/2, limits.memory: 0/2Gi',
      AGE: '26h',
    });
  });
});

describe('custom resources', () => {
  const columns: PrinterColumn[] = [
    { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio' },
    { name: 'Ready', type: 'boolean', jsonPath: '.status.ready' },
    { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ];
  it('additionalPrinterColumns', () => {
    const cr = obj('stable.example.com/v1', 'CronTab', 'my-new-cron-object', 'default', { spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 2, ratio: 1.5 }, status: { ready: true } });
    expect(cells(cr, columns)).toEqual({ NAME: 'my-new-cron-object', SPEC: '* * * * */5', REPLICAS: '2', RATIO: '1.5', READY: 'true', 'IMAGE*': 'my-awesome-cron-image', AGE: '26h' });
    const missing = obj('stable.example.com/v1', 'CronTab', 'bare', 'default', { spec: {} });
    expect(cells(missing, columns)).toEqual({ NAME: 'bare', SPEC: '', REPLICAS: '', RATIO: '', READY: '', 'IMAGE*': '', AGE: '26h' });
  });
  it('without printer columns: NAME and AGE', () => {
    expect(cells(obj('stable.example.com/v1', 'CronTab', 'x', 'default'), [])).toEqual({ NAME: 'x', AGE: '26h' });
  });
});
