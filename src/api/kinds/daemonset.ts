/** DaemonSets (apps/v1). */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { fe, goLabelSelector, immutable } from '../validation/field.js';
import { child, ensureStatus, isObj, setDefault, type Obj } from './util.js';
import { defaultTemplate, nonNeg, validateRollingUpdate, validateSelectorAndTemplate, validateWorkloadStatus, validateCollisionCount } from './workload.js';

function validateSpec(spec: Obj): FieldError[] {
  const errs = validateSelectorAndTemplate(spec, 'spec', 'daemonset', { required: true, validatePodSpec: true });
  const podSpec = spec['template']?.['spec'] ?? {};
  if ((podSpec['restartPolicy'] ?? '') !== 'Always') errs.push(fe.notSupported('spec.template.spec.restartPolicy', podSpec['restartPolicy'] ?? '', ['Always']));
  if (podSpec['activeDeadlineSeconds'] !== undefined && podSpec['activeDeadlineSeconds'] !== null) {
    errs.push(fe.invalid('spec.template.spec.activeDeadlineSeconds', podSpec['activeDeadlineSeconds'], 'activeDeadlineSeconds must be nil for daemonset'));
  }
  errs.push(...nonNeg(spec, 'minReadySeconds', 'spec'), ...nonNeg(spec, 'templateGeneration', 'spec'));
  const us: Obj = isObj(spec['updateStrategy']) ? spec['updateStrategy'] : {};
  if (us['type'] === 'RollingUpdate') {
    if (!isObj(us['rollingUpdate'])) errs.push(fe.required('spec.updateStrategy.rollingUpdate'));
    else errs.push(...validateRollingUpdate(us['rollingUpdate'], 'spec.updateStrategy.rollingUpdate'));
  } else if (us['type'] !== 'OnDelete') {
    errs.push(fe.notSupported('spec.updateStrategy', us['type'] ?? '', ['RollingUpdate', 'OnDelete']));
  }
  errs.push(...nonNeg(spec, 'revisionHistoryLimit', 'spec'));
  return errs;
}

/** validateDaemonSetStatus: every count non-negative. */
const DS_COUNTS = ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount'];

export const daemonSetStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj, ctx) {
    const spec = child(obj as Obj, 'spec');
    const us = child(spec, 'updateStrategy');
    setDefault(us, 'type', 'RollingUpdate');
    if (us['type'] === 'RollingUpdate') {
      const ru = child(us, 'rollingUpdate');
      if (ru['maxUnavailable'] === undefined) ru['maxUnavailable'] = 1;
      if (ru['maxSurge'] === undefined) ru['maxSurge'] = 0;
    }
    setDefault(spec, 'revisionHistoryLimit', 10);
    defaultTemplate(child(spec, 'template'), ctx.resource);
    const status = ensureStatus(obj);
    for (const k of ['currentNumberScheduled', 'desiredNumberScheduled', 'numberMisscheduled', 'numberReady']) setDefault(status, k, 0);
  },
  validate: (obj) => validateSpec((obj as Obj)['spec'] ?? {}),
  validateUpdate(obj, old, ctx) {
    if (ctx.subresource === 'status') return [...validateWorkloadStatus((obj as Obj)['status'], DS_COUNTS, []), ...validateCollisionCount((obj as Obj)['status'], (old as Obj)['status'])];
    const spec = (obj as Obj)['spec'] ?? {};
    return [...validateSpec(spec), ...immutable(spec['selector'], (old as Obj)['spec']?.['selector'], 'spec.selector', goLabelSelector(spec['selector']))];
  },
};
