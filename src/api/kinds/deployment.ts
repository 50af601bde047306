/** Deployments (apps/v1): defaults, validation, immutable selector, generation on spec or annotation change. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import type { KObject } from '../types.js';
import { deepEqual, fe, goLabelSelector, immutable } from '../validation/field.js';
import { child, ensureStatus, isObj, setDefault, type Obj } from './util.js';
import { defaultTemplate, nonNeg, validateAlwaysRestart, validateRollingUpdate, validateSelectorAndTemplate, validateWorkloadStatus, validateCollisionCount } from './workload.js';

function validateSpec(spec: Obj): FieldError[] {
  const errs = [...nonNeg(spec, 'replicas', 'spec')];
  errs.push(...validateSelectorAndTemplate(spec, 'spec', 'deployment', { required: true, validatePodSpec: true }));
  errs.push(...validateAlwaysRestart(spec, 'spec', 'ReplicaSet'));
  const strategy: Obj = isObj(spec['strategy']) ? spec['strategy'] : {};
  const type = strategy['type'] ?? '';
  if (type === 'Recreate') {
    if (strategy['rollingUpdate'] !== undefined && strategy['rollingUpdate'] !== null) errs.push(fe.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    if (!isObj(strategy['rollingUpdate'])) errs.push(fe.required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
    else errs.push(...validateRollingUpdate(strategy['rollingUpdate'], 'spec.strategy.rollingUpdate'));
  } else {
    errs.push(fe.notSupported('spec.strategy', type, ['Recreate', 'RollingUpdate']));
  }
  errs.push(...nonNeg(spec, 'minReadySeconds', 'spec'), ...nonNeg(spec, 'revisionHistoryLimit', 'spec'));
  const pds = spec['progressDeadlineSeconds'];
  if (typeof pds === 'number') {
    errs.push(...nonNeg(spec, 'progressDeadlineSeconds', 'spec'));
    if (pds <= Number(spec['minReadySeconds'] ?? 0)) errs.push(fe.invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** ValidateDeploymentStatus. */
const DEPLOYMENT_COUNTS = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'];
const DEPLOYMENT_BOUNDS = [
  ['updatedReplicas', 'replicas', 'status.replicas'],
  ['readyReplicas', 'replicas', 'status.replicas'],
  ['availableReplicas', 'replicas', 'status.replicas'],
  ['availableReplicas', 'readyReplicas', 'readyReplicas'],
] as const;

export const deploymentStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj, ctx) {
    const spec = child(obj as Obj, 'spec');
    setDefault(spec, 'replicas', 1);
    const strategy = child(spec, 'strategy');
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy['type'] === 'RollingUpdate') {
      const ru = child(strategy, 'rollingUpdate');
      setDefault(ru, 'maxUnavailable', '25%');
      setDefault(ru, 'maxSurge', '25%');
    }
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'progressDeadlineSeconds', 600);
    defaultTemplate(child(spec, 'template'), ctx.resource);
    ensureStatus(obj);
  },
  prepareForUpdate(obj, old) {
    // The deployment strategy also bumps generation when annotations change (rollbacks).
    if (!deepEqual(obj.metadata.annotations, old.metadata.annotations)) obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
  },
  validate: (obj) => validateSpec((obj as Obj)['spec'] ?? {}),
  validateUpdate(obj: KObject, old, ctx) {
    if (ctx.subresource === 'status') return [...validateWorkloadStatus((obj as Obj)['status'], DEPLOYMENT_COUNTS, DEPLOYMENT_BOUNDS), ...validateCollisionCount((obj as Obj)['status'], (old as Obj)['status'])];
    const spec = (obj as Obj)['spec'] ?? {};
    const sel = spec['selector'];
    return [...validateSpec(spec), ...immutable(sel, (old as Obj)['spec']?.['selector'], 'spec.selector', goLabelSelector(sel))];
  },
};
