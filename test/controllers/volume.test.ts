import { describe, expect, it } from 'vitest';
import { harness, podTemplate, specOf, statusOf, type Harness } from './harness.js';

const PV = 'persistentvolumes';
const PVC = 'persistentvolumeclaims';
const SC = 'storageclasses.storage.k8s.io';

function pv(name: string, size: string, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', volumeMode: 'Filesystem', hostPath: { path: `/data/${name}` }, ...extra } };
}

function pvc(name: string, size: string, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, volumeMode: 'Filesystem', storageClassName: 'manual', ...extra } };
}

function podUsing(name: string, claim: string, node?: string) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { ...podTemplate({ app: name }).spec, ...(node ? { nodeName: node } : {}), volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] } };
}

const phase = (h: Harness, resource: string, name: string, ns = 'default') => statusOf<{ phase?: string }>(h.get(resource, resource === PV ? '' : ns, name)).phase;

describe('PersistentVolume binder', () => {
  it('binds a claim to the smallest volume that fits, on both sides', () => {
    const h = harness();
    h.create(PV, pv('big', '5Gi'));
    h.create(PV, pv('small', '1Gi'));
    h.create(PV, pv('tiny', '500Mi'));
    h.create(PVC, pvc('data', '1Gi'));
    const claim = h.get(PVC, 'default', 'data')!;
    expect(specOf<{ volumeName: string }>(claim).volumeName).toBe('small');
    expect(claim.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(statusOf(claim)).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    const vol = h.get(PV, '', 'small')!;
    expect(specOf<{ claimRef: unknown }>(vol).claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: claim.metadata.uid });
    expect(phase(h, PV, 'small')).toBe('Bound');
    expect(phase(h, PV, 'big')).toBe('Available');
  });

  it('reports a claim without class and without volumes as FailedBinding', () => {
    const h = harness();
    h.create(PVC, pvc('data', '1Gi', { storageClassName: '' }));
    expect(phase(h, PVC, 'data')).toBe('Pending');
    expect(h.events('data')).toEqual(['FailedBinding: no persistent volumes available for this claim and no storage class is set']);
  });

  it('cannot provision for a kubernetes.io/no-provisioner class', () => {
    const h = harness();
    h.create(SC, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate', reclaimPolicy: 'Delete' });
    h.create(PVC, pvc('data', '1Gi', { storageClassName: 'local' }));
    expect(h.events('data')).toEqual(['ProvisioningFailed: no volume plugin matched name: kubernetes.io/no-provisioner']);
    h.advance(30);
    const ev = h.list('events', 'default').find((e) => e['reason'] === 'ProvisioningFailed')!;
    expect(ev['count']).toBe(3);
  });

  it('waits for the first consumer, then provisions pvc-<uid> through the external provisioner', () => {
    const h = harness();
    h.node('node01');
    h.create(SC, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' });
    h.create(PVC, pvc('data', '2Gi', { storageClassName: 'local-path' }));
    expect(h.events('data')).toEqual(['WaitForFirstConsumer: waiting for first consumer to be created before binding']);
    h.create('pods', podUsing('app', 'data', 'node01'));
    const claim = h.get(PVC, 'default', 'data')!;
    const name = `pvc-${claim.metadata.uid}`;
    expect(claim.metadata.annotations).toMatchObject({ 'volume.kubernetes.io/selected-node': 'node01', 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' });
    expect(specOf<{ volumeName: string }>(claim).volumeName).toBe(name);
    expect(phase(h, PVC, 'data')).toBe('Bound');
    const vol = h.get(PV, '', name)!;
    expect(specOf(vol)).toMatchObject({ capacity: { storage: '2Gi' }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'local-path', nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node01'] }] }] } } });
    expect(h.events('data').slice(1)).toEqual([
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume ${name}`,
    ]);
  });

  it('releases a Retain volume when its claim goes, and keeps it out of new bindings', () => {
    const h = harness();
    h.create(PV, pv('keep', '1Gi'));
    h.create(PVC, pvc('data', '1Gi'));
    h.delete(PVC, 'default', 'data');
    expect(phase(h, PV, 'keep')).toBe('Released');
    h.create(PVC, pvc('again', '1Gi'));
    expect(phase(h, PVC, 'again')).toBe('Pending');
  });

  it('deletes a provisioned Delete volume with its claim, and fails a static one it cannot delete', () => {
    const h = harness();
    h.node('node01');
    h.create(SC, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'Immediate', reclaimPolicy: 'Delete' });
    h.create(PVC, pvc('dyn', '1Gi', { storageClassName: 'local-path' }));
    const volName = specOf<{ volumeName: string }>(h.get(PVC, 'default', 'dyn')).volumeName;
    h.delete(PVC, 'default', 'dyn');
    expect(h.get(PV, '', volName)).toBeUndefined();
    h.create(PV, pv('static', '1Gi', { persistentVolumeReclaimPolicy: 'Delete' }));
    h.create(PVC, pvc('st', '1Gi'));
    h.delete(PVC, 'default', 'st');
    expect(phase(h, PV, 'static')).toBe('Failed');
    expect(h.events('static')).toEqual(['VolumeFailedDelete: error getting deleter volume plugin for volume "static": no deletable volume plugin matched']);
  });

  it('binds a claim to the volume it names in spec.volumeName, or says why not', () => {
    const h = harness();
    h.create(PV, pv('chosen', '1Gi'));
    h.create(PV, pv('small', '100Mi'));
    h.create(PVC, pvc('want', '1Gi', { volumeName: 'chosen' }));
    expect(phase(h, PVC, 'want')).toBe('Bound');
    h.create(PVC, pvc('toobig', '1Gi', { volumeName: 'small' }));
    expect(h.events('toobig')).toEqual(['VolumeMismatch: Cannot bind to requested volume "small": requested PV is too small']);
  });
});

describe('storage object in-use protection', () => {
  it('keeps a claim a running pod uses until the pod is gone', () => {
    const h = harness();
    h.create(PV, pv('v', '1Gi'));
    h.create(PVC, pvc('data', '1Gi'));
    expect(h.get(PVC, 'default', 'data')!.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    h.create('pods', podUsing('app', 'data', 'node01'));
    h.delete(PVC, 'default', 'data');
    expect(h.get(PVC, 'default', 'data')!.metadata.deletionTimestamp).toBeDefined();
    h.delete('pods', 'default', 'app');
    h.finishTerminating();
    expect(h.get(PVC, 'default', 'data')).toBeUndefined();
    expect(phase(h, PV, 'v')).toBe('Released');
  });

  it('keeps a Bound volume until it is released', () => {
    const h = harness();
    h.create(PV, pv('v', '1Gi'));
    h.create(PVC, pvc('data', '1Gi'));
    h.delete(PV, '', 'v');
    expect(h.get(PV, '', 'v')!.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    h.delete(PVC, 'default', 'data');
    expect(h.get(PV, '', 'v')).toBeUndefined();
  });
});
