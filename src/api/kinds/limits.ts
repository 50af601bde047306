/** LimitRanges and ResourceQuotas: canonical quantities, per-type defaults, the validation rules. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { fe } from '../validation/field.js';
import { qualifiedName } from '../validation/names.js';
import { canonicalizeResourceList, compareQuantity, QUANTITY_REGEX_MESSAGE, validQuantity } from '../validation/quantity.js';
import { overcommitAllowed, validateContainerResourceName, validateQuantityValue, validateQuotaResourceName, validateResourceName } from '../validation/resources.js';
import { cannotHandle, isObj, list, type Obj } from './util.js';

const LIMIT_FIELDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'];

function canonicalizeLimits(item: Obj, info: { kind: string; version: string }): void {
  for (const f of LIMIT_FIELDS) if (isObj(item[f]) && !canonicalizeResourceList(item[f])) throw cannotHandle(info, QUANTITY_REGEX_MESSAGE);
}

/** SetDefaults_LimitRangeItem: Container defaults fall back to max, default requests to default then min. */
function defaultItem(item: Obj): void {
  if (item['type'] !== 'Container') return;
  const def: Obj = isObj(item['default']) ? item['default'] : {};
  const req: Obj = isObj(item['defaultRequest']) ? item['defaultRequest'] : {};
  for (const [k, v] of Object.entries(isObj(item['max']) ? item['max'] : {})) if (def[k] === undefined) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (req[k] === undefined) req[k] = v;
  for (const [k, v] of Object.entries(isObj(item['min']) ? item['min'] : {})) if (req[k] === undefined) req[k] = v;
  if (Object.keys(def).length) item['default'] = def;
  if (Object.keys(req).length) item['defaultRequest'] = req;
}

function limitTypeErrors(type: string, path: string): FieldError[] {
  const errs = qualifiedName(type).map((m) => fe.invalid(path, type, m));
  if (errs.length) return errs;
  if (!type.includes('/') && !['Pod', 'Container', 'PersistentVolumeClaim'].includes(type)) return [fe.invalid(path, type, 'must be a standard limit type or fully qualified')];
  return [];
}

function validateLimitRange(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list(obj['spec']?.['limits']).forEach((item, i) => {
    const p = `spec.limits[${i}]`;
    const type = String(item['type'] ?? '');
    errs.push(...limitTypeErrors(type, `${p}.type`));
    if (seen.has(type)) errs.push(fe.duplicate(`${p}.type`, type));
    seen.add(type);
    const nameCheck = type === 'Pod' || type === 'Container' ? validateContainerResourceName : validateResourceName;
    const get = (f: string): Obj => (isObj(item[f]) ? item[f] : {});
    const keys = new Set<string>();
    for (const f of ['max', 'min']) for (const k of Object.keys(get(f)).sort()) {
      errs.push(...nameCheck(k, `${p}.${f}[${k}]`));
      keys.add(k);
    }
    if (type === 'Pod') {
      if (Object.keys(get('default')).length) errs.push(fe.forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
      if (Object.keys(get('defaultRequest')).length) errs.push(fe.forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    } else {
      for (const f of ['default', 'defaultRequest']) for (const k of Object.keys(get(f)).sort()) {
        errs.push(...nameCheck(k, `${p}.${f}[${k}]`));
        keys.add(k);
      }
    }
    if (type === 'PersistentVolumeClaim' && get('min')['storage'] === undefined && get('max')['storage'] === undefined) {
      errs.push(fe.required(`${p}.limits`, 'either minimum or maximum storage value is required, but neither was provided'));
    }
    for (const k of Object.keys(get('maxLimitRequestRatio')).sort()) {
      errs.push(...nameCheck(k, `${p}.maxLimitRequestRatio[${k}]`));
      keys.add(k);
    }
    for (const k of [...keys].sort()) {
      const [min, max, def, req, ratio] = ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'].map((f) => get(f)[k] as string | undefined);
      const cmp = (a: string | number, b: string | number): number => compareQuantity(a, b);
      if (min !== undefined && max !== undefined && cmp(min, max) > 0) errs.push(fe.invalid(`${p}.min[${k}]`, min, `min value ${min} is greater than max value ${max}`));
      if (req !== undefined && min !== undefined && cmp(min, req) > 0) errs.push(fe.invalid(`${p}.defaultRequest[${k}]`, req, `min value ${min} is greater than default request value ${req}`));
      if (req !== undefined && max !== undefined && cmp(req, max) > 0) errs.push(fe.invalid(`${p}.defaultRequest[${k}]`, req, `default request value ${req} is greater than max value ${max}`));
      if (req !== undefined && def !== undefined && cmp(req, def) > 0) errs.push(fe.invalid(`${p}.defaultRequest[${k}]`, req, `default request value ${req} is greater than default limit value ${def}`));
      if (def !== undefined && min !== undefined && cmp(min, def) > 0) errs.push(fe.invalid(`${p}.default[${k}]`, min, `min value ${min} is greater than default value ${def}`));
      if (def !== undefined && max !== undefined && cmp(def, max) > 0) errs.push(fe.invalid(`${p}.default[${k}]`, max, `default value ${def} is greater than max value ${max}`));
      if (ratio !== undefined && cmp(ratio, 1) < 0) errs.push(fe.invalid(`${p}.maxLimitRequestRatio[${k}]`, ratio, `ratio ${ratio} is less than 1`));
      if (!overcommitAllowed(k) && def !== undefined && req !== undefined && cmp(def, req) !== 0) {
        errs.push(fe.invalid(`${p}.defaultRequest[${k}]`, req, `default value ${def} must equal to defaultRequest value ${req} in ${k}`));
      }
    }
  });
  return errs;
}

export const limitRangeStrategy: KindStrategy = {
  defaults(obj, ctx) {
    for (const item of list((obj as Obj)['spec']?.['limits'])) {
      if (!isObj(item)) continue;
      canonicalizeLimits(item, ctx.resource);
      defaultItem(item);
    }
  },
  validate: (obj) => validateLimitRange(obj as Obj),
};

const SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating', 'VolumeAttributesClass'];

function validateQuota(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const hard: Obj = isObj(obj['spec']?.['hard']) ? obj['spec']['hard'] : {};
  for (const k of Object.keys(hard).sort()) {
    const p = `spec.hard[${k}]`;
    errs.push(...validateQuotaResourceName(k, p));
    if (validQuantity(hard[k])) errs.push(...validateQuantityValue(k, hard[k], p));
  }
  const scopes = Array.isArray(obj['spec']?.['scopes']) ? (obj['spec']['scopes'] as string[]) : [];
  for (const s of scopes) if (!SCOPES.includes(s)) errs.push(fe.invalid('spec.scopes', scopes, 'unsupported scope'));
  const has = (s: string): boolean => scopes.includes(s);
  if ((has('BestEffort') && has('NotBestEffort')) || (has('Terminating') && has('NotTerminating'))) errs.push(fe.invalid('spec.scopes', scopes, 'conflicting scopes'));
  return errs;
}

export const resourceQuotaStrategy: KindStrategy = {
  statusSubresource: true,
  defaults(obj, ctx) {
    const o = obj as Obj;
    for (const l of [o['spec']?.['hard'], o['status']?.['hard'], o['status']?.['used']]) if (isObj(l) && !canonicalizeResourceList(l)) throw cannotHandle(ctx.resource, QUANTITY_REGEX_MESSAGE);
  },
  validate: (obj) => validateQuota(obj as Obj),
  validateUpdate(obj, old, ctx) {
    if (ctx.subresource === 'status') return [];
    const errs = validateQuota(obj as Obj);
    const a = [...((obj as Obj)['spec']?.['scopes'] ?? [])].sort();
    const b = [...((old as Obj)['spec']?.['scopes'] ?? [])].sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) errs.push(fe.invalid('spec.scopes', (obj as Obj)['spec']?.['scopes'] ?? [], 'field is immutable'));
    return errs;
  },
};
