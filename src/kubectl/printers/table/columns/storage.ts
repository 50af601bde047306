/**
 * Storage (printers.go printPersistentVolume, printPersistentVolumeClaim, printStorageClass,
 * printCSIDriver, printCSINode, printCSIStorageCapacity, printVolumeAttachment).
 */

import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { CSIDriver, CSINode, CSIStorageCapacity, StorageClass, VolumeAttachment } from 'kubernetes-types/storage/v1.js';
import type { KObject } from '../../../../api/types.js';
import { ageSince } from '../../duration.js';
import { canonicalQuantity } from '../../quantity.js';
import { accessModesString } from '../format.js';
import type { KindHandler } from '../types.js';
import { AGE, NAME, col, wide } from '../types.js';

const name = (o: KObject): string => o.metadata.name ?? '';

/** helper.GetPersistentVolumeClass / ClaimClass: the beta annotation wins over the field. */
export function storageClassOf(obj: { metadata?: { annotations?: Record<string, string> }; spec?: { storageClassName?: string } }): string {
  const ann = obj.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (ann !== undefined) return ann;
  return obj.spec?.storageClassName ?? '';
}

/** storageutil.IsDefaultAnnotation. */
export function isDefaultStorageClass(obj: KObject): boolean {
  const a = obj.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageHandlers: KindHandler[] = [
  {
    group: '',
    kind: 'PersistentVolume',
    columns: [NAME, col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'), col('StorageClass'), col('VolumeAttributesClass'), col('Reason'), AGE, wide('VolumeMode')],
    row: (obj, ctx) => {
      const pv = obj as unknown as PersistentVolume;
      const ref = pv.spec?.claimRef;
      return [
        name(obj),
        canonicalQuantity(pv.spec?.capacity?.storage ?? '0'),
        accessModesString(pv.spec?.accessModes),
        pv.spec?.persistentVolumeReclaimPolicy ?? '',
        obj.metadata.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '',
        ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
        storageClassOf(pv),
        pv.spec?.volumeAttributesClassName ?? '<unset>',
        pv.status?.reason ?? '',
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        pv.spec?.volumeMode ?? '<unset>',
      ];
    },
  },
  {
    group: '',
    kind: 'PersistentVolumeClaim',
    columns: [NAME, col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), AGE, wide('VolumeMode')],
    row: (obj, ctx) => {
      const pvc = obj as unknown as PersistentVolumeClaim;
      const bound = !!pvc.spec?.volumeName;
      return [
        name(obj),
        obj.metadata.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '',
        pvc.spec?.volumeName ?? '',
        bound ? canonicalQuantity(pvc.status?.capacity?.storage ?? '0') : '',
        bound ? accessModesString(pvc.status?.accessModes) : '',
        storageClassOf(pvc),
        pvc.spec?.volumeAttributesClassName ?? '<unset>',
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        pvc.spec?.volumeMode ?? '<unset>',
      ];
    },
  },
  {
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    columns: [NAME, col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), AGE],
    row: (obj, ctx) => {
      const sc = obj as unknown as StorageClass;
      return [
        name(obj) + (isDefaultStorageClass(obj) ? ' (default)' : ''),
        sc.provisioner ?? '',
        sc.reclaimPolicy ?? 'Delete',
        sc.volumeBindingMode ?? 'Immediate',
        sc.allowVolumeExpansion ?? false,
        ageSince(obj.metadata.creationTimestamp, ctx.now),
      ];
    },
  },
  {
    group: 'storage.k8s.io',
    kind: 'CSIDriver',
    columns: [NAME, col('AttachRequired'), col('PodInfoOnMount'), col('StorageCapacity'), col('TokenRequests'), col('RequiresRepublish'), col('Modes'), AGE],
    row: (obj, ctx) => {
      const d = obj as unknown as CSIDriver;
      const tokens = d.spec?.tokenRequests;
      return [
        name(obj),
        d.spec?.attachRequired ?? true,
        d.spec?.podInfoOnMount ?? false,
        d.spec?.storageCapacity ?? false,
        tokens ? tokens.map((t) => t.audience).join(',') : '<unset>',
        d.spec?.requiresRepublish ?? false,
        (d.spec?.volumeLifecycleModes ?? []).join(',') || '<none>',
        ageSince(obj.metadata.creationTimestamp, ctx.now),
      ];
    },
  },
  {
    group: 'storage.k8s.io',
    kind: 'CSINode',
    columns: [NAME, col('Drivers'), AGE],
    row: (obj, ctx) => [name(obj), (obj as unknown as CSINode).spec?.drivers?.length ?? 0, ageSince(obj.metadata.creationTimestamp, ctx.now)],
  },
  {
    group: 'storage.k8s.io',
    kind: 'CSIStorageCapacity',
    columns: [NAME, col('StorageClassName'), col('Capacity')],
    row: (obj) => {
      const c = obj as unknown as CSIStorageCapacity;
      return [name(obj), c.storageClassName ?? '', c.capacity !== undefined ? canonicalQuantity(c.capacity) : '<unset>'];
    },
  },
  {
    group: 'storage.k8s.io',
    kind: 'VolumeAttachment',
    columns: [NAME, { name: 'Attacher', format: 'name' }, col('PV'), col('Node'), col('Attached'), AGE],
    row: (obj, ctx) => {
      const va = obj as unknown as VolumeAttachment;
      return [
        name(obj),
        va.spec?.attacher ?? '',
        va.spec?.source?.persistentVolumeName ?? '',
        va.spec?.nodeName ?? '',
        va.status?.attached ?? false,
        ageSince(obj.metadata.creationTimestamp, ctx.now),
      ];
    },
  },
];
