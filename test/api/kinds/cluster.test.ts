import { describe, expect, it } from 'vitest';
import { admin, harness } from './helpers.js';

describe('Namespace', () => {
  it('labels itself, gets the kubernetes finalizer and phase Active', () => {
    const h = harness();
    const ns = h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, '') as any;
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('restores its name label if a user removes it', () => {
    const h = harness();
    h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { team: 'a' } } }, '');
    const ns = h.patch('namespaces', 'dev', { metadata: { labels: { 'kubernetes.io/metadata.name': null } } }, '') as any;
    expect(ns.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'dev' });
  });

  it('needs a DNS-1123 label as name', () => {
    const h = harness();
    expect(h.error(() => h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Dev' } }, '')).message).toContain('Namespace "Dev" is invalid: metadata.name: Invalid value: "Dev": a lowercase RFC 1123 label');
  });
});

describe('Node', () => {
  const node = (taints: unknown[]) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' }, spec: { taints } });

  it('reports taint errors under metadata.taints, as the apiserver does', () => {
    const h = harness();
    expect(h.error(() => h.create('nodes', node([{ key: 'gpu', value: 'true', effect: 'NoRun' }]), '')).message).toBe(
      'Node "node01" is invalid: metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    expect(h.error(() => h.create('nodes', node([{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'x', effect: 'NoSchedule' }]), '')).message).toBe(
      'Node "node01" is invalid: metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"x", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    );
  });

  it('selects nodes by spec.unschedulable', () => {
    const h = harness();
    h.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' }, spec: { unschedulable: true } }, '');
    h.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'b' } }, '');
    expect(h.server.list(admin, 'nodes', undefined, { fieldSelector: 'spec.unschedulable=true' }).items.map((n) => n.metadata.name)).toEqual(['a']);
  });
});

describe('Storage', () => {
  const pv = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec });
  const pvc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec });

  it('defaults a PersistentVolume (Retain, Filesystem, Pending)', () => {
    const h = harness();
    const v = h.create('persistentvolumes', pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } }), '') as any;
    expect(v.spec).toEqual({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data', type: '' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(v.status).toEqual({ phase: 'Pending' });
    expect(v.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it('rejects a PersistentVolume without a source or capacity', () => {
    const h = harness();
    expect(h.error(() => h.create('persistentvolumes', pv({ accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } }), '')).message).toBe('PersistentVolume "pv1" is invalid: spec: Required value: must specify a volume type');
    expect(h.error(() => h.create('persistentvolumes', pv({ hostPath: { path: '/x' }, capacity: { storage: '1Gi' } }), '')).message).toBe('PersistentVolume "pv1" is invalid: spec.accessModes: Required value');
  });

  it('defaults a claim and requires storage and access modes', () => {
    const h = harness();
    const c = h.create('persistentvolumeclaims', pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '500Mi' } }, storageClassName: '' })) as any;
    expect(c.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '500Mi' } }, storageClassName: '', volumeMode: 'Filesystem' });
    expect(c.status).toEqual({ phase: 'Pending' });
    expect(h.error(() => h.create('persistentvolumeclaims', pvc({}))).message).toBe(
      'PersistentVolumeClaim "data" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
  });

  it('keeps a claim spec immutable but for storage growth of bound claims', () => {
    const h = harness();
    h.create('persistentvolumeclaims', pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' }));
    const e = h.error(() => h.patch('persistentvolumeclaims', 'data', { spec: { accessModes: ['ReadWriteMany'] } }));
    expect(e.message.split('\n')[0]).toBe('PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
    expect(e.message).toContain('- \t\t"ReadWriteOnce",');
  });

  it('defaults a StorageClass and freezes its parameters', () => {
    const h = harness();
    const sc = h.create('storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'rancher.io/local-path', parameters: { a: 'b' } }, '') as any;
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
    expect(h.error(() => h.patch('storageclasses.storage.k8s.io', 'fast', { parameters: { a: 'c' } }, '')).message).toBe('StorageClass.storage.k8s.io "fast" is invalid: parameters: Forbidden: updates to parameters are forbidden.');
    expect(h.error(() => h.create('storageclasses.storage.k8s.io', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' } }, '')).message).toBe('StorageClass.storage.k8s.io "x" is invalid: provisioner: Required value');
  });
});
