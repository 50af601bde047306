/** PersistentVolumes, PersistentVolumeClaims and StorageClasses. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import type { KObject, Stored } from '../types.js';
import { validateLabelSelector } from '../validation/common.js';
import { cmpDiff } from '../validation/cmpdiff.js';
import { deepEqual, fe, immutable, NOT_POSITIVE, raw } from '../validation/field.js';
import { dns1123Subdomain, qualifiedName } from '../validation/names.js';
import { validateNodeSelectorTerms } from '../validation/podspec.js';
import { canonicalizeResourceList, compareQuantity, validQuantity } from '../validation/quantity.js';
import { cannotHandle, child, isObj, setDefault, type Obj } from './util.js';
import { QUANTITY_REGEX_MESSAGE } from '../validation/quantity.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const PV_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi', 'cinder',
  'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'scaleIO', 'local', 'storageos', 'csi',
];

function accessModes(modes: unknown, path: string, requiredDetail: string): FieldError[] {
  const list_ = Array.isArray(modes) ? (modes as string[]) : [];
  if (list_.length === 0) return [fe.required(path, requiredDetail)];
  const errs: FieldError[] = [];
  let rwop = false;
  let other = false;
  for (const m of list_) {
    if (!ACCESS_MODES.includes(m)) errs.push(fe.notSupported(path, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function pvSourceKeys(spec: Obj): string[] {
  return PV_SOURCES.filter((k) => spec[k] !== undefined && spec[k] !== null);
}

function validatePV(obj: Obj): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const errs = accessModes(spec['accessModes'], 'spec.accessModes', '');
  const capacity: Obj = isObj(spec['capacity']) ? spec['capacity'] : {};
  if (Object.keys(capacity).length === 0) errs.push(fe.required('spec.capacity'));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(fe.notSupported('spec.capacity', raw(`core.ResourceList{${Object.keys(capacity).sort().map((k) => `${JSON.stringify(k)}:resource.Quantity{...}`).join(', ')}}`), ['storage']));
  for (const [k, q] of Object.entries(capacity)) {
    if (validQuantity(q) && compareQuantity(q, 0) <= 0) errs.push(fe.invalid(`spec.capacity[${k}]`, String(q), NOT_POSITIVE));
  }
  const rp = spec['persistentVolumeReclaimPolicy'];
  if (rp && !['Delete', 'Recycle', 'Retain'].includes(rp)) errs.push(fe.notSupported('spec.persistentVolumeReclaimPolicy', rp, ['Delete', 'Recycle', 'Retain']));
  let hasAffinity = false;
  if (isObj(spec['nodeAffinity'])) {
    hasAffinity = true;
    if (isObj(spec['nodeAffinity']['required'])) errs.push(...validateNodeSelectorTerms(spec['nodeAffinity']['required'], 'spec.nodeAffinity.required'));
    else errs.push(fe.required('spec.nodeAffinity.required', 'must specify required node constraints'));
  }
  const sources = pvSourceKeys(spec);
  sources.slice(1).forEach((k) => errs.push(fe.forbidden(`spec.${k}`, 'may not specify more than 1 volume type')));
  const first = sources[0];
  if (!first) errs.push(fe.required('spec', 'must specify a volume type'));
  if (first === 'hostPath') {
    const p = spec['hostPath']?.['path'];
    if (!p) errs.push(fe.required('spec.hostPath.path'));
    else if (String(p).split('/').includes('..')) errs.push(fe.invalid('spec.hostPath.path', p, "must not contain '..'"));
  }
  if (first === 'nfs') {
    if (!spec['nfs']?.['server']) errs.push(fe.required('spec.nfs.server'));
    if (!spec['nfs']?.['path']) errs.push(fe.required('spec.nfs.path'));
    if (!String(spec['nfs']?.['path'] ?? '').startsWith('/')) errs.push(fe.invalid('spec.nfs.path', spec['nfs']?.['path'] ?? '', 'must be an absolute path'));
  }
  if (first === 'local') {
    if (!spec['local']?.['path']) errs.push(fe.required('spec.local.path'));
    if (!hasAffinity) errs.push(fe.required('spec.nodeAffinity', 'Local volume requires node affinity'));
  }
  if (first === 'csi') {
    if (!spec['csi']?.['driver']) errs.push(fe.required('spec.csi.driver'));
    if (!spec['csi']?.['volumeHandle']) errs.push(fe.required('spec.csi.volumeHandle'));
  }
  if (spec['hostPath'] && String(spec['hostPath']['path']).replace(/\/+$/, '') === '' && rp === 'Recycle') errs.push(fe.forbidden('spec.persistentVolumeReclaimPolicy', "may not be 'recycle' for a hostPath mount of '/'"));
  if (spec['storageClassName']) errs.push(...dns1123Subdomain(spec['storageClassName']).map((m) => fe.invalid('spec.storageClassName', spec['storageClassName'], m)));
  if (spec['volumeMode'] !== undefined && !VOLUME_MODES.includes(spec['volumeMode'])) errs.push(fe.notSupported('spec.volumeMode', spec['volumeMode'], VOLUME_MODES));
  return errs;
}

function pvSource(spec: Obj): Obj {
  const out: Obj = {};
  for (const k of pvSourceKeys(spec)) out[k] = spec[k];
  return out;
}

export const persistentVolumeStrategy: KindStrategy = {
  statusSubresource: true,
  defaults(obj, ctx) {
    const spec = child(obj as Obj, 'spec');
    if (isObj(spec['capacity']) && !canonicalizeResourceList(spec['capacity'])) throw cannotHandle(ctx.resource, QUANTITY_REGEX_MESSAGE);
    setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefault(spec, 'volumeMode', 'Filesystem');
    if (isObj(spec['hostPath']) && spec['hostPath']['type'] === undefined) spec['hostPath']['type'] = '';
    setDefault(child(obj as Obj, 'status'), 'phase', 'Pending');
  },
  validate: (obj) => validatePV(obj as Obj),
  validateUpdate(obj, old, ctx) {
    if (ctx.subresource === 'status') return [];
    const spec: Obj = (obj as Obj)['spec'] ?? {};
    const prev: Obj = (old as Obj)['spec'] ?? {};
    const errs = validatePV(obj as Obj);
    if (!deepEqual(pvSource(spec), pvSource(prev))) {
      errs.push(fe.forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${cmpDiff('core.PersistentVolumeSource', pvSource(prev), pvSource(spec))}`));
    }
    errs.push(...immutable(spec['volumeMode'], prev['volumeMode'], 'volumeMode'));
    return errs;
  },
};

function validatePVC(obj: Obj): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const errs = accessModes(spec['accessModes'], 'spec.accessModes', 'at least 1 access mode is required');
  if (spec['selector'] !== undefined && spec['selector'] !== null) errs.push(...validateLabelSelector(spec['selector'], 'spec.selector'));
  const storage = spec['resources']?.['requests']?.['storage'];
  if (storage === undefined) errs.push(fe.required('spec.resources[storage]'));
  else if (validQuantity(storage) && compareQuantity(storage, 0) <= 0) errs.push(fe.invalid('spec.resources[storage]', String(storage), NOT_POSITIVE));
  if (typeof spec['storageClassName'] === 'string' && spec['storageClassName']) errs.push(...dns1123Subdomain(spec['storageClassName']).map((m) => fe.invalid('spec.storageClassName', spec['storageClassName'], m)));
  if (spec['volumeMode'] !== undefined && !VOLUME_MODES.includes(spec['volumeMode'])) errs.push(fe.notSupported('spec.volumeMode', spec['volumeMode'], VOLUME_MODES));
  for (const key of ['dataSource', 'dataSourceRef']) {
    const ds = spec[key];
    if (!isObj(ds)) continue;
    if (!ds['name']) errs.push(fe.required(`spec.${key}.name`));
    if (!ds['kind']) errs.push(fe.required(`spec.${key}.kind`));
    if (!ds['apiGroup'] && ds['kind'] !== 'PersistentVolumeClaim') errs.push(fe.invalid(`spec.${key}`, ds['kind'] ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  return errs;
}

function validatePVCUpdate(obj: KObject, old: Stored): FieldError[] {
  const spec: Obj = structuredClone((obj as Obj)['spec'] ?? {});
  const prev: Obj = structuredClone((old as Obj)['spec'] ?? {});
  const errs = validatePVC(obj as Obj);
  if (!prev['volumeName']) prev['volumeName'] = spec['volumeName'];
  if (prev['storageClassName'] === undefined && spec['storageClassName'] !== undefined) prev['storageClassName'] = spec['storageClassName'];
  const bound = (obj as Obj)['status']?.['phase'] === 'Bound';
  if (bound && isObj(spec['resources']?.['requests'])) spec['resources']['requests']['storage'] = prev['resources']?.['requests']?.['storage'];
  if (bound) spec['volumeAttributesClassName'] = prev['volumeAttributesClassName'];
  if (!deepEqual(spec, prev)) {
    errs.push(fe.forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${cmpDiff('core.PersistentVolumeClaimSpec', prev, spec)}`));
  }
  const next = (obj as Obj)['spec']?.['resources']?.['requests']?.['storage'];
  const before = (old as Obj)['spec']?.['resources']?.['requests']?.['storage'];
  const capacity = (old as Obj)['status']?.['capacity']?.['storage'];
  if (validQuantity(next) && validQuantity(before) && compareQuantity(next, before) < 0 && compareQuantity(next, capacity ?? 0) <= 0) {
    errs.push(fe.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  errs.push(...immutable((obj as Obj)['spec']?.['volumeMode'], (old as Obj)['spec']?.['volumeMode'], 'volumeMode'));
  return errs;
}

export const persistentVolumeClaimStrategy: KindStrategy = {
  statusSubresource: true,
  defaults(obj, ctx) {
    const spec = child(obj as Obj, 'spec');
    const r = spec['resources'];
    if (isObj(r)) for (const l of ['requests', 'limits']) if (isObj(r[l]) && !canonicalizeResourceList(r[l])) throw cannotHandle(ctx.resource, QUANTITY_REGEX_MESSAGE);
    setDefault(spec, 'volumeMode', 'Filesystem');
    setDefault(child(obj as Obj, 'status'), 'phase', 'Pending');
  },
  validate: (obj) => validatePVC(obj as Obj),
  validateUpdate: (obj, old, ctx) => (ctx.subresource === 'status' ? [] : validatePVCUpdate(obj, old)),
};

function validateStorageClass(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = typeof obj['provisioner'] === 'string' ? obj['provisioner'] : '';
  if (!provisioner) errs.push(fe.required('provisioner'));
  else errs.push(...qualifiedName(provisioner.toLowerCase()).map((m) => fe.invalid('provisioner', provisioner.toLowerCase(), m)));
  const params: Obj = isObj(obj['parameters']) ? obj['parameters'] : {};
  let size = 0;
  for (const [k, v] of Object.entries(params)) {
    if (!k) errs.push(fe.invalid('parameters', k, 'field can not be empty.'));
    size += k.length + String(v).length;
  }
  if (Object.keys(params).length > 512) errs.push(fe.tooLong('parameters', 512));
  if (size > 256 * 1024) errs.push(fe.tooLong('parameters', 256 * 1024));
  const rp = obj['reclaimPolicy'];
  if (rp && !['Delete', 'Retain'].includes(rp)) errs.push(fe.notSupported('reclaimPolicy', rp, ['Delete', 'Retain']));
  const mode = obj['volumeBindingMode'];
  if (!mode) errs.push(fe.required('volumeBindingMode'));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(mode)) errs.push(fe.notSupported('volumeBindingMode', mode, ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}

export const storageClassStrategy: KindStrategy = {
  defaults(obj) {
    setDefault(obj as Obj, 'reclaimPolicy', 'Delete');
    setDefault(obj as Obj, 'volumeBindingMode', 'Immediate');
  },
  validate: (obj) => validateStorageClass(obj as Obj),
  validateUpdate(obj, old) {
    const o = obj as Obj;
    const p = old as Obj;
    const errs = validateStorageClass(o);
    if (!deepEqual(o['parameters'] ?? {}, p['parameters'] ?? {})) errs.push(fe.forbidden('parameters', 'updates to parameters are forbidden.'));
    if (o['provisioner'] !== p['provisioner']) errs.push(fe.forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (o['reclaimPolicy'] !== p['reclaimPolicy']) errs.push(fe.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...immutable(o['volumeBindingMode'], p['volumeBindingMode'], 'volumeBindingMode'));
    return errs;
  },
};

