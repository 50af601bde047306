/** CronJobs (batch/v1): schedule and time zone validation as robfig/cron and Go's time package report them. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import type { KObject, Stored } from '../types.js';
import { cronScheduleError, validTimeZone } from '../validation/cron.js';
import { fe, goLabelSelector, nonNegative } from '../validation/field.js';
import { child, ensureStatus, isObj, setDefault, templateMeta, type Obj } from './util.js';
import { validateJobSpecCommon } from './job.js';
import { defaultTemplate } from './workload.js';

function validateTimeZone(tz: unknown, path: string): FieldError[] {
  if (tz === undefined || tz === null) return [];
  const zone = String(tz);
  if (zone === '') return [fe.invalid(path, zone, 'timeZone must be nil or non-empty string')];
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) return [fe.invalid(path, zone, `unknown time zone ${zone}`)];
  }
  if (zone.toLowerCase() === 'local') return [fe.invalid(path, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  return validTimeZone(zone) ? [] : [fe.invalid(path, zone, `unknown time zone ${zone}`)];
}

function validateSpec(spec: Obj, oldSpec: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = typeof spec['schedule'] === 'string' ? spec['schedule'] : '';
  if (!schedule) errs.push(fe.required('spec.schedule'));
  else {
    const parseError = cronScheduleError(schedule);
    if (parseError) errs.push(fe.invalid('spec.schedule', schedule, parseError));
    const allowTZ = typeof oldSpec?.['schedule'] === 'string' && oldSpec['schedule'].includes('TZ');
    if (allowTZ && schedule.includes('TZ') && spec['timeZone'] !== undefined && spec['timeZone'] !== null) errs.push(fe.invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (!allowTZ && schedule.includes('TZ')) errs.push(fe.invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  if (typeof spec['startingDeadlineSeconds'] === 'number') errs.push(...nonNegative(spec['startingDeadlineSeconds'], 'spec.startingDeadlineSeconds'));
  if (!oldSpec || oldSpec['timeZone'] !== spec['timeZone']) errs.push(...validateTimeZone(spec['timeZone'], 'spec.timeZone'));
  const cp = spec['concurrencyPolicy'] ?? '';
  if (!cp) errs.push(fe.required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(fe.notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  const jobSpec: Obj = spec['jobTemplate']?.['spec'] ?? {};
  errs.push(...validateJobSpecCommon(jobSpec, 'spec.jobTemplate.spec'));
  if (isObj(jobSpec['selector'])) errs.push(fe.invalid('spec.jobTemplate.spec.selector', goLabelSelector(jobSpec['selector']), '`selector` will be auto-generated'));
  if (jobSpec['manualSelector'] === true) errs.push(fe.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  for (const k of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) if (typeof spec[k] === 'number') errs.push(...nonNegative(spec[k], `spec.${k}`));
  return errs;
}

function validateCreate(obj: KObject): FieldError[] {
  const errs = validateSpec((obj as Obj)['spec'] ?? {}, undefined);
  const name = obj.metadata.name ?? '';
  if (name.length > 52) errs.push(fe.invalid('metadata.name', name, 'must be no more than 52 characters'));
  return errs;
}

export const cronJobStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj, ctx) {
    const spec = child(obj as Obj, 'spec');
    setDefault(spec, 'concurrencyPolicy', 'Allow');
    if (spec['suspend'] === undefined || spec['suspend'] === null) spec['suspend'] = false;
    setDefault(spec, 'successfulJobsHistoryLimit', 3);
    setDefault(spec, 'failedJobsHistoryLimit', 1);
    const jt = child(spec, 'jobTemplate');
    templateMeta(jt);
    defaultTemplate(child(child(jt, 'spec'), 'template'), ctx.resource);
    ensureStatus(obj);
  },
  validate: (obj) => validateCreate(obj),
  validateUpdate: (obj, old: Stored, ctx) => (ctx.subresource === 'status' ? [] : validateSpec((obj as Obj)['spec'] ?? {}, (old as Obj)['spec'])),
};
