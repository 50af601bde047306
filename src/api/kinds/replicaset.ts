/** ReplicaSets (apps/v1). */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { goLabelSelector, immutable } from '../validation/field.js';
import { child, ensureStatus, setDefault, type Obj } from './util.js';
import { defaultTemplate, nonNeg, validateAlwaysRestart, validateSelectorAndTemplate, validateWorkloadStatus } from './workload.js';

function validateSpec(spec: Obj): FieldError[] {
  return [
    ...nonNeg(spec, 'replicas', 'spec'),
    ...nonNeg(spec, 'minReadySeconds', 'spec'),
    // The apiserver's ReplicaSet validation says "deployment" here too.
    ...validateSelectorAndTemplate(spec, 'spec', 'deployment', { required: true, validatePodSpec: true }),
    ...validateAlwaysRestart(spec, 'spec', 'ReplicaSet'),
  ];
}

/** ValidateReplicaSetStatus. */
const RS_COUNTS = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'];
const RS_BOUNDS = [
  ['fullyLabeledReplicas', 'replicas', 'status.replicas'],
  ['readyReplicas', 'replicas', 'status.replicas'],
  ['availableReplicas', 'replicas', 'status.replicas'],
  ['availableReplicas', 'readyReplicas', 'readyReplicas'],
] as const;

export const replicaSetStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj, ctx) {
    const spec = child(obj as Obj, 'spec');
    setDefault(spec, 'replicas', 1);
    defaultTemplate(child(spec, 'template'), ctx.resource);
    ensureStatus(obj);
    setDefault(child(obj as Obj, 'status'), 'replicas', 0);
  },
  validate: (obj) => validateSpec((obj as Obj)['spec'] ?? {}),
  validateUpdate(obj, old, ctx) {
    if (ctx.subresource === 'status') return validateWorkloadStatus((obj as Obj)['status'], RS_COUNTS, RS_BOUNDS);
    const spec = (obj as Obj)['spec'] ?? {};
    return [...validateSpec(spec), ...immutable(spec['selector'], (old as Obj)['spec']?.['selector'], 'spec.selector', goLabelSelector(spec['selector']))];
  },
  fieldSelectors: { 'status.replicas': (o) => String((o as Obj)['status']?.['replicas'] ?? 0) },
};
