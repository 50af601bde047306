/** What the workload kinds share: pod template defaulting and the selector/template checks. */
import type { FieldError } from '../errors.js';
import { selectorMatches, type LabelSelector } from '../labels.js';
import type { ResourceInfo } from '../registry.js';
import { selectorUsable, validateLabelSelector } from '../validation/common.js';
import { fe, goIntOrString, goLabelSelector, nonNegative } from '../validation/field.js';
import { percent } from '../validation/names.js';
import { validatePodTemplateSpec } from '../validation/podspec.js';
import { QUANTITY_REGEX_MESSAGE } from '../validation/quantity.js';
import { defaultPodSpec, podSpecQuantitiesValid } from './podspec.js';
import { cannotHandle, child, isObj, templateMeta, type Obj } from './util.js';

/** Defaults a PodTemplateSpec in place (metadata.creationTimestamp: null and the pod spec). */
export function defaultTemplate(template: Obj, info: Pick<ResourceInfo, 'kind' | 'version'>): void {
  templateMeta(template);
  const spec = child(template, 'spec');
  if (!podSpecQuantitiesValid(spec)) throw cannotHandle(info, QUANTITY_REGEX_MESSAGE);
  defaultPodSpec(spec);
}

export function templateLabels(spec: Obj): Record<string, string> | undefined {
  const labels = spec['template']?.['metadata']?.['labels'];
  return isObj(labels) ? (labels as Record<string, string>) : undefined;
}

/**
 * The selector checks of Deployment/ReplicaSet/DaemonSet/StatefulSet specs: required, valid,
 * non-empty, and matching the template labels (`selector` does not match template `labels`).
 */
export function validateSelectorAndTemplate(spec: Obj, path: string, kindWord: string, opts: { required: boolean; validatePodSpec: boolean }): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec['selector'] as LabelSelector | undefined;
  if (!isObj(sel)) {
    if (opts.required) errs.push(fe.required(`${path}.selector`));
  } else {
    errs.push(...validateLabelSelector(sel, `${path}.selector`));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push(fe.invalid(`${path}.selector`, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
    }
  }
  if (isObj(sel) && !selectorUsable(sel)) {
    errs.push(fe.invalid(`${path}.selector`, goLabelSelector(sel), 'invalid label selector'));
    return errs;
  }
  const labels = templateLabels(spec);
  const empty = isObj(sel) && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
  // A missing selector matches nothing; an empty one is skipped (it was reported above).
  if (!empty && !selectorMatches(isObj(sel) ? sel : undefined, labels)) {
    errs.push(fe.invalid(`${path}.template.metadata.labels`, labels ?? {}, '`selector` does not match template `labels`'));
  }
  if (opts.validatePodSpec) errs.push(...validatePodTemplateSpec(spec['template'], `${path}.template`));
  return errs;
}

/** The template of a controller that keeps pods running: restartPolicy Always, no deadline. */
export function validateAlwaysRestart(spec: Obj, path: string, kindName: string): FieldError[] {
  const errs: FieldError[] = [];
  const podSpec = spec['template']?.['spec'] ?? {};
  const rp = podSpec['restartPolicy'] ?? '';
  if (rp !== 'Always') errs.push(fe.notSupported(`${path}.template.spec.restartPolicy`, rp, ['Always']));
  if (podSpec['activeDeadlineSeconds'] !== undefined && podSpec['activeDeadlineSeconds'] !== null) {
    errs.push(fe.forbidden(`${path}.template.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kindName} is not Supported`));
  }
  return errs;
}

function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && percent(v).length === 0) return Number(v.slice(0, -1));
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return 0;
}

/** ValidatePositiveIntOrPercent. */
export function positiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return percent(v).map((m) => fe.invalid(path, goIntOrString(v), m));
  if (typeof v === 'number') return nonNegative(v, path);
  return [];
}

/** Rolling update bounds of Deployments and DaemonSets. */
export function validateRollingUpdate(ru: Obj, path: string): FieldError[] {
  const errs = [...positiveIntOrPercent(ru['maxUnavailable'], `${path}.maxUnavailable`), ...positiveIntOrPercent(ru['maxSurge'], `${path}.maxSurge`)];
  if (intOrPercentValue(ru['maxUnavailable']) === 0 && intOrPercentValue(ru['maxSurge']) === 0) {
    errs.push(fe.invalid(`${path}.maxUnavailable`, goIntOrString(ru['maxUnavailable'] as number | string | undefined), 'may not be 0 when `maxSurge` is 0'));
  }
  const mu = ru['maxUnavailable'];
  if (typeof mu === 'string' && percent(mu).length === 0 && Number(mu.slice(0, -1)) > 100) {
    errs.push(fe.invalid(`${path}.maxUnavailable`, goIntOrString(mu), 'must not be greater than 100%'));
  }
  return errs;
}

/**
 * A workload's status on a status write, as the apps status strategies validate it: counts are
 * non-negative and none exceeds the total it is part of. The spec is not validated again (it
 * cannot change through the status subresource).
 */
export function validateWorkloadStatus(status: Obj | undefined, counts: readonly string[], bounds: readonly (readonly [string, string, string])[]): FieldError[] {
  if (!status) return [];
  const errs: FieldError[] = [];
  for (const key of counts) errs.push(...nonNeg(status, key, 'status'));
  for (const [key, limit, wording] of bounds) {
    const v = status[key];
    const max = status[limit];
    if (typeof v === 'number' && typeof max === 'number' && v > max) errs.push(fe.invalid(`status.${key}`, v, `cannot be greater than ${wording}`));
  }
  return errs;
}

/**
 * The status updates of Deployments, StatefulSets and DaemonSets refuse a lower (or dropped)
 * status.collisionCount (apivalidation.IsDecremented): the hash of every ReplicaSet or revision
 * made after a collision depends on it.
 */
export function validateCollisionCount(status: Obj | undefined, old: Obj | undefined): FieldError[] {
  const before = old?.['collisionCount'];
  const now = status?.['collisionCount'];
  if (typeof before !== 'number' || (typeof now === 'number' && now >= before)) return [];
  return [fe.invalid('status.collisionCount', typeof now === 'number' ? now : 0, 'cannot be decremented')];
}

export function nonNeg(spec: Obj, key: string, path: string): FieldError[] {
  const v = spec[key];
  return typeof v === 'number' ? nonNegative(v, `${path}.${key}`) : [];
}
