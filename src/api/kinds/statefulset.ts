/** StatefulSets (apps/v1): only replicas, template, update strategy and a few more may change. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { deepEqual, fe, goStruct, nonNegative, raw } from '../validation/field.js';
import { canonicalizeResourceList } from '../validation/quantity.js';
import { child, ensureStatus, isObj, list, setDefault, templateMeta, type Obj } from './util.js';
import { defaultTemplate, nonNeg, validateSelectorAndTemplate, validateWorkloadStatus, validateCollisionCount } from './workload.js';

const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

function validateSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec['podManagementPolicy'] ?? '';
  if (!pmp) errs.push(fe.required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(fe.invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us: Obj = isObj(spec['updateStrategy']) ? spec['updateStrategy'] : {};
  const type = us['type'] ?? '';
  if (!type) errs.push(fe.required('spec.updateStrategy'));
  else if (type === 'OnDelete') {
    if (isObj(us['rollingUpdate'])) errs.push(fe.invalid('spec.updateStrategy.rollingUpdate', raw(`apps.RollingUpdateStatefulSetStrategy{Partition:${us['rollingUpdate']['partition'] ?? 0}, MaxUnavailable:(*intstr.IntOrString)(nil)}`), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    if (isObj(us['rollingUpdate']) && typeof us['rollingUpdate']['partition'] === 'number') errs.push(...nonNegative(us['rollingUpdate']['partition'], 'spec.updateStrategy.rollingUpdate.partition'));
  } else {
    errs.push(fe.invalid('spec.updateStrategy', goStruct('apps.StatefulSetUpdateStrategy', [['Type', JSON.stringify(type)], ['RollingUpdate', '(*apps.RollingUpdateStatefulSetStrategy)(nil)']]), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  errs.push(...nonNeg(spec, 'replicas', 'spec'), ...nonNeg(spec, 'minReadySeconds', 'spec'));
  errs.push(...validateSelectorAndTemplate(spec, 'spec', 'statefulset', { required: true, validatePodSpec: false }));
  const podSpec = spec['template']?.['spec'] ?? {};
  if ((podSpec['restartPolicy'] ?? '') !== 'Always') errs.push(fe.notSupported('spec.template.spec.restartPolicy', podSpec['restartPolicy'] ?? '', ['Always']));
  if (podSpec['activeDeadlineSeconds'] !== undefined && podSpec['activeDeadlineSeconds'] !== null) {
    errs.push(fe.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

function withoutMutable(spec: Obj): Obj {
  const out: Obj = { ...spec };
  for (const k of MUTABLE) delete out[k];
  return out;
}

/** ValidateStatefulSetStatus. */
const STS_COUNTS = ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount'];
const STS_BOUNDS = [
  ['readyReplicas', 'replicas', 'status.replicas'],
  ['currentReplicas', 'replicas', 'status.replicas'],
  ['updatedReplicas', 'replicas', 'status.replicas'],
  ['availableReplicas', 'replicas', 'status.replicas'],
  ['availableReplicas', 'readyReplicas', 'status.readyReplicas'],
] as const;

export const statefulSetStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj, ctx) {
    const spec = child(obj as Obj, 'spec');
    setDefault(spec, 'podManagementPolicy', 'OrderedReady');
    const us = child(spec, 'updateStrategy');
    if (!us['type']) {
      us['type'] = 'RollingUpdate';
      child(us, 'rollingUpdate');
    }
    if (us['type'] === 'RollingUpdate' && isObj(us['rollingUpdate'])) setDefault(us['rollingUpdate'], 'partition', 0);
    const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
    setDefault(retention, 'whenDeleted', 'Retain');
    setDefault(retention, 'whenScaled', 'Retain');
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'revisionHistoryLimit', 10);
    defaultTemplate(child(spec, 'template'), ctx.resource);
    for (const pvc of list(spec['volumeClaimTemplates'])) {
      if (!isObj(pvc)) continue;
      pvc['apiVersion'] ??= 'v1';
      pvc['kind'] ??= 'PersistentVolumeClaim';
      templateMeta(pvc);
      const ps = child(pvc, 'spec');
      setDefault(ps, 'volumeMode', 'Filesystem');
      if (isObj(ps['resources'])) for (const l of ['requests', 'limits']) if (isObj(ps['resources'][l])) canonicalizeResourceList(ps['resources'][l]);
      setDefault(child(pvc, 'status'), 'phase', 'Pending');
    }
    const status = ensureStatus(obj);
    setDefault(status, 'replicas', 0);
    setDefault(status, 'availableReplicas', 0);
  },
  validate: (obj) => validateSpec((obj as Obj)['spec'] ?? {}),
  validateUpdate(obj, old, ctx) {
    if (ctx.subresource === 'status') return [...validateWorkloadStatus((obj as Obj)['status'], STS_COUNTS, STS_BOUNDS), ...validateCollisionCount((obj as Obj)['status'], (old as Obj)['status'])];
    const spec = (obj as Obj)['spec'] ?? {};
    const errs = validateSpec(spec);
    if (!deepEqual(withoutMutable(spec), withoutMutable((old as Obj)['spec'] ?? {}))) {
      errs.push(fe.forbidden('spec', `updates to statefulset spec for fields other than ${MUTABLE.slice(0, -1).map((f) => `'${f}'`).join(', ')} and '${MUTABLE[MUTABLE.length - 1]}' are forbidden`));
    }
    return errs;
  },
};
