/**
 * Controllers write as their own service accounts, so what they write must be what their
 * bootstrap roles grant: the storage protection controllers remove their finalizers with an
 * update, as the real ones do (their roles grant update, not patch).
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { bootDefault, candidate } from './helpers.js';

const PVCS = 'persistentvolumeclaims';
const PVS = 'persistentvolumes';

describe('storage protection controllers under RBAC', () => {
  it('let an unused claim and its released volume go, without a Forbidden write', () => {
    const { world, cluster } = bootDefault(5);
    const admin = candidate(cluster);
    admin.create(PVS, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' }, spec: { storageClassName: 'manual', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: '/mnt/v' } } });
    admin.create(PVCS, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { storageClassName: 'manual', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    world.loop.settle();
    expect(admin.get(PVCS, 'default', 'data').metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(admin.get(PVS, '', 'v').metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);

    admin.delete(PVS, '', 'v');
    admin.delete(PVCS, 'default', 'data');
    world.loop.settle();
    expect(admin.find(PVCS, 'default', 'data')).toBeUndefined();
    expect(admin.find(PVS, '', 'v')).toBeUndefined();
    const forbidden = world.loop.errors.filter((e) => e.error instanceof ApiError && e.error.code === 403).map((e) => `${e.reconciler}: ${(e.error as Error).message}`);
    expect(forbidden).toEqual([]);
  });
});
