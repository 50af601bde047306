/** PersistentVolumeClaimResize: a claim may grow only if its StorageClass allows expansion. */
import type { AdmissionPlugin } from '../admission.js';
import type { Obj } from '../kinds/util.js';
import { compareQuantity, validQuantity } from '../validation/quantity.js';
import { admissionForbidden, isMainWrite, obj } from './util.js';

export const persistentVolumeClaimResize: AdmissionPlugin = {
  name: 'PersistentVolumeClaimResize',
  validate(req, ctx) {
    if (!isMainWrite(req, 'persistentvolumeclaims', ['UPDATE']) || !req.old) return;
    const pvc = obj(req);
    const old = req.old as unknown as Obj;
    const next = pvc['spec']?.['resources']?.['requests']?.['storage'];
    const prev = old['spec']?.['resources']?.['requests']?.['storage'];
    if (!validQuantity(next) || !validQuantity(prev) || compareQuantity(next, prev) <= 0) return;
    const className = pvc['spec']?.['storageClassName'];
    const sc = className ? (ctx.get('storageclasses.storage.k8s.io', '', String(className)) as unknown as Obj | undefined) : undefined;
    if (!sc || sc['allowVolumeExpansion'] !== true) {
      throw admissionForbidden(req, 'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
    }
  },
};
