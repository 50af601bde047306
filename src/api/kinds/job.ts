/** Jobs (batch/v1): defaults, the generated selector and labels, validation, immutable template. */
import type { FieldError } from '../errors.js';
import { selectorMatches } from '../labels.js';
import type { KindStrategy } from '../strategy.js';
import type { KObject, Stored } from '../types.js';
import { validateLabelSelector } from '../validation/common.js';
import { deepEqual, fe, goLabelSelector, immutable, nonNegative, raw } from '../validation/field.js';
import { dns1123Label } from '../validation/names.js';
import { validatePodTemplateSpec } from '../validation/podspec.js';
import { child, ensureStatus, isObj, setDefault, type Obj } from './util.js';
import { defaultTemplate } from './workload.js';

export const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME = 'batch.kubernetes.io/job-name';

/** Job spec defaults (SetDefaults_Job applies to Job objects, not to CronJob job templates). */
export function defaultJobSpec(obj: Obj | undefined, spec: Obj): void {
  if ((spec['completions'] === undefined || spec['completions'] === null) && (spec['parallelism'] === undefined || spec['parallelism'] === null)) {
    spec['completions'] = 1;
    spec['parallelism'] = 1;
  }
  if (spec['parallelism'] === undefined || spec['parallelism'] === null) spec['parallelism'] = 1;
  if (spec['backoffLimit'] === undefined || spec['backoffLimit'] === null) spec['backoffLimit'] = spec['backoffLimitPerIndex'] !== undefined ? 2147483647 : 6;
  const labels = spec['template']?.['metadata']?.['labels'];
  if (obj && isObj(labels) && Object.keys(obj['metadata']?.['labels'] ?? {}).length === 0) obj['metadata']['labels'] = { ...labels };
  setDefault(spec, 'completionMode', 'NonIndexed');
  if (spec['suspend'] === undefined || spec['suspend'] === null) spec['suspend'] = false;
  setDefault(spec, 'podReplacementPolicy', isObj(spec['podFailurePolicy']) ? 'Failed' : 'TerminatingOrFailed');
  if (spec['manualSelector'] === undefined || spec['manualSelector'] === null) spec['manualSelector'] = false;
}

/** generateSelector: the labels a Job stamps on its pods and selects them by. */
function generateSelector(job: KObject): void {
  const spec = child(job as Obj, 'spec');
  const meta = child(child(spec, 'template'), 'metadata');
  const labels = child(meta, 'labels');
  for (const k of ['job-name', JOB_NAME]) if (labels[k] === undefined) labels[k] = job.metadata.name;
  for (const k of ['controller-uid', CONTROLLER_UID]) if (labels[k] === undefined) labels[k] = job.metadata.uid;
  const sel = child(spec, 'selector');
  const ml = child(sel, 'matchLabels');
  if (ml[CONTROLLER_UID] === undefined) ml[CONTROLLER_UID] = job.metadata.uid;
}

function hasLabel(labels: Obj, key: string, expected: string, path: string): FieldError[] {
  if (!(key in labels)) return [fe.required(`${path}.labels[${key}]`, `must be '${expected}'`)];
  return labels[key] === expected ? [] : [fe.invalid(`${path}.labels[${key}]`, labels, `must be '${expected}'`)];
}

function validateGeneratedSelector(job: KObject, spec: Obj): FieldError[] {
  if (spec['manualSelector'] === true || !isObj(spec['selector'])) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const labels: Obj = spec['template']?.['metadata']?.['labels'] ?? {};
  const p = 'spec.template.metadata';
  errs.push(...hasLabel(labels, 'controller-uid', uid, p), ...hasLabel(labels, 'job-name', name, p), ...hasLabel(labels, CONTROLLER_UID, uid, p), ...hasLabel(labels, JOB_NAME, name, p));
  const expected = { [CONTROLLER_UID]: uid, [JOB_NAME]: name, 'controller-uid': uid, 'job-name': name };
  if (!selectorMatches(spec['selector'], expected)) errs.push(fe.invalid('spec.selector', goLabelSelector(spec['selector']), '`selector` not auto-generated'));
  return errs;
}

/** validateJobSpec: what a Job and a CronJob's job template share. */
export function validateJobSpecCommon(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    if (typeof spec[k] === 'number') errs.push(...nonNegative(spec[k], `${path}.${k}`));
  }
  const mode = spec['completionMode'];
  if (mode !== undefined && mode !== null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fe.notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed' && (spec['completions'] === undefined || spec['completions'] === null)) errs.push(fe.required(`${path}.completions`, 'when completion mode is Indexed'));
  }
  const prp = spec['podReplacementPolicy'];
  if (prp !== undefined && prp !== null && prp !== 'TerminatingOrFailed' && prp !== 'Failed') errs.push(fe.notSupported(`${path}.podReplacementPolicy`, prp, ['TerminatingOrFailed', 'Failed']));
  errs.push(...validatePodTemplateSpec(spec['template'], `${path}.template`));
  const rp = spec['template']?.['spec']?.['restartPolicy'] ?? '';
  if (rp === 'Always' || rp === '') errs.push(fe.required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(fe.notSupported(`${path}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  else if (isObj(spec['podFailurePolicy']) && rp !== 'Never') errs.push(fe.invalid(`${path}.template.spec.restartPolicy`, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

function validateJobSpec(spec: Obj): FieldError[] {
  const errs = validateJobSpecCommon(spec, 'spec');
  if (!isObj(spec['selector'])) errs.push(fe.required('spec.selector'));
  else errs.push(...validateLabelSelector(spec['selector'], 'spec.selector'));
  const labels = spec['template']?.['metadata']?.['labels'];
  if (isObj(spec['selector']) && !selectorMatches(spec['selector'], labels)) {
    errs.push(fe.invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'));
  }
  return errs;
}

function validateJob(job: KObject): FieldError[] {
  const spec: Obj = (job as Obj)['spec'] ?? {};
  const errs = [...validateGeneratedSelector(job, spec), ...validateJobSpec(spec)];
  if (spec['completionMode'] === 'Indexed' && typeof spec['completions'] === 'number' && spec['completions'] > 0) {
    const host = `${job.metadata.name}-${spec['completions'] - 1}`;
    if (dns1123Label(host).length) errs.push(fe.invalid('metadata.name', job.metadata.name, `will not able to create pod with invalid DNS label: ${host}`));
  }
  return errs;
}

function goTemplate(t: unknown): string {
  const name = isObj(t) ? (t['metadata']?.['name'] ?? '') : '';
  return `core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Name:${JSON.stringify(name)}, ...}, Spec:core.PodSpec{...}}`;
}

function validateJobUpdate(job: KObject, old: Stored): FieldError[] {
  const spec: Obj = (job as Obj)['spec'] ?? {};
  const o: Obj = (old as Obj)['spec'] ?? {};
  const errs = validateJobSpec(spec);
  if (!deepEqual(spec['completions'], o['completions'])) {
    if (spec['completionMode'] !== 'Indexed') errs.push(fe.invalid('spec.completions', spec['completions'] ?? null, 'field is immutable'));
    else if (spec['completions'] !== undefined && spec['completions'] !== spec['parallelism']) errs.push(fe.invalid('spec.completions', spec['completions'], 'can only be modified in tandem with spec.parallelism'));
  }
  errs.push(...immutable(spec['selector'], o['selector'], 'spec.selector', goLabelSelector(spec['selector'])));
  // A suspended job that never started may change its scheduling directives.
  const mutableScheduling = o['suspend'] === true && !(old as Obj)['status']?.['startTime'];
  const t: Obj = structuredClone(spec['template'] ?? {});
  const ot: Obj = structuredClone(o['template'] ?? {});
  if (mutableScheduling) {
    for (const k of ['nodeSelector', 'tolerations', 'schedulingGates', 'affinity']) ot['spec'] = { ...ot['spec'], [k]: t['spec']?.[k] };
    ot['metadata'] = { ...ot['metadata'], labels: t['metadata']?.['labels'], annotations: t['metadata']?.['annotations'] };
  }
  errs.push(...immutable(t, ot, 'spec.template', raw(goTemplate(t))));
  for (const k of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errs.push(...immutable(spec[k], o[k], `spec.${k}`, spec[k] ?? null));
  }
  return errs;
}

export const jobStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj, ctx) {
    const spec = child(obj as Obj, 'spec');
    defaultTemplate(child(spec, 'template'), ctx.resource);
    defaultJobSpec(obj as Obj, spec);
    ensureStatus(obj);
  },
  prepareForCreate(obj) {
    if ((obj as Obj)['spec']?.['manualSelector'] !== true) generateSelector(obj);
  },
  validate: (obj) => validateJob(obj),
  validateUpdate: (obj, old, ctx) => (ctx.subresource === 'status' ? [] : validateJobUpdate(obj, old)),
  fieldSelectors: { 'status.successful': (o) => String((o as Obj)['status']?.['succeeded'] ?? 0) },
};
