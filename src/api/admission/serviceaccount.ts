/**
 * ServiceAccount admission: pods run as `default` unless told otherwise, the service account
 * must exist, and (unless automount is off) every container mounts the projected
 * kube-api-access-<5 random> volume at /var/run/secrets/kubernetes.io/serviceaccount.
 */
import type { AdmissionPlugin, AdmissionRequest } from '../admission.js';
import type { StrategyContext } from '../strategy.js';
import type { Obj } from '../kinds/util.js';
import { child, isObj, list } from '../kinds/util.js';
import { K8S_ALPHABET } from '../../util/rng.js';
import { deepFreeze } from '../types.js';
import { admissionForbidden, isMainWrite, obj } from './util.js';

export const MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const MIRROR = 'kubernetes.io/config.mirror';

/** The projected token volume (TokenVolumeSource). */
export function tokenVolume(name: string): Obj {
  return { name, projected: TOKEN_PROJECTION };
}

/**
 * The same for every pod, complete (defaulting finds nothing to add), so one deeply frozen copy
 * is shared: the store freezes what it stores anyway, and skips what is frozen already.
 */
const TOKEN_PROJECTION: Obj = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
});

function lookup(req: AdmissionRequest, ctx: StrategyContext, name: string): Obj {
  const sa = ctx.get('serviceaccounts', req.namespace, name);
  if (!sa) throw admissionForbidden(req, `error looking up service account ${req.namespace}/${name}: serviceaccount "${name}" not found`);
  return sa as unknown as Obj;
}

function mountToken(spec: Obj, volumeName: () => string): void {
  const existing = list(spec['volumes']).find((v) => typeof v?.['name'] === 'string' && v['name'].startsWith('kube-api-access-'));
  const name = existing ? String(existing['name']) : volumeName();
  let needed = false;
  for (const c of [...list(spec['initContainers']), ...list(spec['containers'])]) {
    if (!isObj(c)) continue;
    const mounts = list(c['volumeMounts']);
    if (mounts.some((m) => m['mountPath'] === MOUNT_PATH)) continue;
    c['volumeMounts'] = [...mounts, { mountPath: MOUNT_PATH, name, readOnly: true }];
    needed = true;
  }
  if (!existing && needed) spec['volumes'] = [...list(spec['volumes']), tokenVolume(name)];
}

function validateMirror(req: AdmissionRequest, spec: Obj): void {
  if (spec['serviceAccountName']) throw admissionForbidden(req, 'a mirror pod may not reference service accounts');
  for (const v of list(spec['volumes'])) {
    if (isObj(v?.['secret'])) throw admissionForbidden(req, 'a mirror pod may not reference secrets');
    for (const s of list(v?.['projected']?.['sources'])) {
      if (isObj(s['serviceAccountToken'])) throw admissionForbidden(req, 'a mirror pod may not use ServiceAccountToken volume projections');
    }
  }
}

export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  mutate(req, ctx) {
    if (!isMainWrite(req, 'pods')) return;
    const pod = obj(req);
    const spec = child(pod, 'spec');
    if (pod['metadata']?.['annotations']?.[MIRROR] !== undefined) return;
    if (!spec['serviceAccountName'] && spec['serviceAccount']) spec['serviceAccountName'] = spec['serviceAccount'];
    if (!spec['serviceAccountName']) spec['serviceAccountName'] = 'default';
    const sa = lookup(req, ctx, String(spec['serviceAccountName']));
    const automount = spec['automountServiceAccountToken'] ?? sa['automountServiceAccountToken'] ?? true;
    if (automount) mountToken(spec, () => `kube-api-access-${ctx.rng.string(5, K8S_ALPHABET)}`);
    if (list(spec['imagePullSecrets']).length === 0 && list(sa['imagePullSecrets']).length > 0) {
      spec['imagePullSecrets'] = list(sa['imagePullSecrets']).map((s) => ({ name: s['name'] }));
    }
  },
  validate(req, ctx) {
    if (!isMainWrite(req, 'pods')) return;
    const pod = obj(req);
    const spec: Obj = pod['spec'] ?? {};
    if (pod['metadata']?.['annotations']?.[MIRROR] !== undefined) return validateMirror(req, spec);
    if (!spec['serviceAccountName']) throw admissionForbidden(req, `no service account specified for pod ${req.namespace}/${String(pod['metadata']?.['name'] ?? '')}`);
    lookup(req, ctx, String(spec['serviceAccountName']));
  },
};
