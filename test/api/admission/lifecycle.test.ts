import { describe, expect, it } from 'vitest';
import { admin, harness, pod } from '../kinds/helpers.js';

const c = [{ name: 'app', image: 'nginx' }];

describe('NamespaceLifecycle', () => {
  it('refuses objects in a namespace that does not exist', () => {
    const h = harness();
    const e = h.error(() => h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, 'ghost'));
    expect([e.code, e.reason, e.message]).toEqual([404, 'NotFound', 'namespaces "ghost" not found']);
  });

  it('refuses new objects in a terminating namespace', () => {
    const h = harness();
    h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'old' } }, '');
    h.server.delete(admin, 'namespaces', '', 'old');
    const e = h.error(() => h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, 'old'));
    expect([e.code, e.message]).toEqual([403, 'configmaps "c" is forbidden: unable to create new content in namespace old because it is being terminated']);
    expect(e.details?.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace old is being terminated', field: 'metadata.namespace' }]);
  });

  it('keeps the immortal namespaces', () => {
    const h = harness();
    for (const ns of ['default', 'kube-system']) {
      const e = h.error(() => h.server.delete(admin, 'namespaces', '', ns));
      expect([e.code, e.message]).toEqual([403, `namespaces "${ns}" is forbidden: this namespace may not be deleted`]);
    }
  });
});

describe('ServiceAccount admission', () => {
  it('runs pods as default and mounts the projected API access volume in every container', () => {
    const h = harness();
    const p = h.create('pods', pod('p', { initContainers: [{ name: 'init', image: 'busybox' }], containers: c })) as any;
    const vol = p.spec.volumes[0];
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    });
    for (const ct of [...p.spec.initContainers, ...p.spec.containers]) {
      expect(ct.volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol.name, readOnly: true }]);
    }
    expect([p.spec.serviceAccountName, p.spec.serviceAccount]).toEqual(['default', 'default']);
    // A server-side dry run defaults the same volume (it finds nothing to add) and stores nothing.
    const dry = h.server.create(admin, 'pods', 'default', pod('q', { containers: c }), { dryRun: true }) as any;
    expect(dry.spec.volumes[0].projected).toEqual(vol.projected);
    expect(h.server.store.get('pods', 'default', 'q')).toBeUndefined();
  });

  it('honours automountServiceAccountToken: false on the pod or the service account', () => {
    const h = harness();
    const a = h.create('pods', pod('a', { automountServiceAccountToken: false, containers: c })) as any;
    expect(a.spec.volumes).toBeUndefined();
    h.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet' }, automountServiceAccountToken: false });
    const b = h.create('pods', pod('b', { serviceAccountName: 'quiet', containers: c })) as any;
    expect(b.spec.containers[0].volumeMounts).toBeUndefined();
  });

  it('refuses a pod whose service account does not exist', () => {
    const h = harness();
    const e = h.error(() => h.create('pods', pod('p', { serviceAccountName: 'builder', containers: c })));
    expect([e.code, e.message]).toEqual([403, 'pods "p" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found']);
  });

  it('leaves mirror pods alone', () => {
    const h = harness();
    const p = h.create('pods', pod('kube-apiserver-cp', { nodeName: 'cp', containers: c }, { annotations: { 'kubernetes.io/config.mirror': 'abc' } })) as any;
    expect([p.spec.serviceAccountName, p.spec.volumes]).toEqual([undefined, undefined]);
  });
});

describe('DefaultTolerationSeconds and Priority', () => {
  it('adds 300 s not-ready and unreachable tolerations unless tolerated already', () => {
    const h = harness();
    const p = h.create('pods', pod('p', { containers: c, tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] })) as any;
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
    ]);
  });

  it('resolves priority from the class, or the global default, or 0', () => {
    const h = harness();
    expect((h.create('pods', pod('a', { containers: c })) as any).spec).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    h.create('priorityclasses.scheduling.k8s.io', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'normal' }, value: 100, globalDefault: true }, '');
    h.create('priorityclasses.scheduling.k8s.io', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch' }, value: 10, preemptionPolicy: 'Never' }, '');
    expect((h.create('pods', pod('b', { containers: c })) as any).spec).toMatchObject({ priorityClassName: 'normal', priority: 100 });
    expect((h.create('pods', pod('d', { priorityClassName: 'batch', containers: c })) as any).spec).toMatchObject({ priority: 10, preemptionPolicy: 'Never' });
    expect(h.error(() => h.create('pods', pod('e', { priorityClassName: 'urgent', containers: c }))).message).toBe('pods "e" is forbidden: no PriorityClass with name urgent was found');
    expect(h.error(() => h.create('pods', pod('f', { priorityClassName: 'batch', priority: 5, containers: c }))).message).toBe(
      'pods "f" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 10 from the given PriorityClass name',
    );
  });

  it('allows a single global default PriorityClass', () => {
    const h = harness();
    h.create('priorityclasses.scheduling.k8s.io', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'a' }, value: 1, globalDefault: true }, '');
    const e = h.error(() => h.create('priorityclasses.scheduling.k8s.io', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'b' }, value: 2, globalDefault: true }, ''));
    expect(e.message).toBe('priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already marked as default. Only one default can exist');
  });
});

describe('Storage and node defaults', () => {
  it('gives unclassed claims the default StorageClass and the pvc-protection finalizer', () => {
    const h = harness();
    h.create('storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path' }, '');
    const claim = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra } });
    const a = h.create('persistentvolumeclaims', claim('a')) as any;
    const b = h.create('persistentvolumeclaims', claim('b', { storageClassName: '' })) as any;
    expect([a.spec.storageClassName, b.spec.storageClassName]).toEqual(['local-path', '']);
    expect(a.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('refuses to grow a claim whose class does not allow expansion', () => {
    const h = harness();
    h.create('storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fixed' }, provisioner: 'x.io/p' }, '');
    const c0 = h.create('persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'a' }, spec: { storageClassName: 'fixed', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }) as any;
    h.update('persistentvolumeclaims', { ...c0, status: { phase: 'Bound', capacity: { storage: '1Gi' } } }, 'default', 'status');
    const e = h.error(() => h.patch('persistentvolumeclaims', 'a', { spec: { resources: { requests: { storage: '2Gi' } } } }));
    expect(e.message).toBe('persistentvolumeclaims "a" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  });

  it('taints new nodes not-ready:NoSchedule', () => {
    const h = harness();
    const n = h.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' } }, '') as any;
    expect(n.spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node.kubernetes.io/not-ready' }]);
  });
});
