/**
 * Pods (pkg/registry/core/pod/strategy.go): defaults, create validation, the famous update
 * rule (only images, activeDeadlineSeconds, tolerations additions and a negative grace period
 * may change), status written only through /status, binding through /binding.
 */
import { ApiError, conflict, type FieldError } from '../errors.js';
import type { KindStrategy, StrategyContext } from '../strategy.js';
import type { KObject, Stored } from '../types.js';
import { podSpecDiff } from '../validation/cmpdiff.js';
import { deepEqual, fe, IMMUTABLE } from '../validation/field.js';
import { inclusiveRange } from '../validation/names.js';
import { validatePodOnly, validatePodSpec, validateTolerations } from '../validation/podspec.js';
import { QUANTITY_REGEX_MESSAGE } from '../validation/quantity.js';
import { defaultPodOnly, defaultPodSpec, podSpecQuantitiesValid } from './podspec.js';
import { podQOS } from './qos.js';
import { cannotHandle, child, isObj, list, type Obj } from './util.js';

const MAX_INT32 = 2147483647;

export const UPDATABLE_POD_FIELDS =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function spec(obj: KObject): Obj {
  return child(obj as Obj, 'spec');
}

/** validatePodMetadataAndSpec (ObjectMeta itself is checked by the server). */
function validatePodMetadataAndSpec(pod: KObject): FieldError[] {
  const s = spec(pod);
  const errs: FieldError[] = [];
  const mirror = pod.metadata.annotations?.['kubernetes.io/config.mirror'];
  if (mirror !== undefined && !s['nodeName']) errs.push(fe.invalid('metadata.annotations[kubernetes.io/config.mirror]', mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  return [...errs, ...validSpec(s)];
}

/**
 * Specs known to validate: a controller creates its pods from one template, so after the first,
 * each pod's spec is one already checked. Validation is a pure function of the spec; only valid
 * specs are remembered (an invalid one is rare and checked every time). A spec is one already
 * checked when its JSON text would equal a remembered spec's, but for the token volume names the
 * ServiceAccount admission plugin generates; it is compared in place, without writing the text.
 * Remembered by their first container's image, so a pod is compared with its likely twin only.
 */
const validSpecs = new Map<unknown, Prepared[]>();
let validSpecCount = 0;
const VALID_SPECS_LIMIT = 256;

function validSpec(s: Obj): FieldError[] {
  const bucket = firstImage(s);
  const known = validSpecs.get(bucket);
  if (known) for (const p of known) if (matches(s, p, { names: undefined })) return [];
  const errs = [...validatePodSpec(s, 'spec', { isPod: true }), ...validatePodOnly(s)];
  if (errs.length === 0 && plainJson(s)) {
    if (validSpecCount >= VALID_SPECS_LIMIT) {
      validSpecs.clear();
      validSpecCount = 0;
    }
    const prepared = prepare(s, { names: undefined });
    const list = validSpecs.get(bucket);
    if (list) list.push(prepared);
    else validSpecs.set(bucket, [prepared]);
    validSpecCount++;
  }
  return errs;
}

function firstImage(s: Obj): unknown {
  const containers = s['containers'];
  return Array.isArray(containers) && isObj(containers[0]) ? containers[0]['image'] : undefined;
}

/**
 * The ServiceAccount admission plugin names each pod's token volume with a random suffix: each
 * distinct such name, in the order the JSON text would show it, stands for a numbered
 * placeholder (validation does not depend on which valid, equally long suffix a name has, only
 * on names being equal or not).
 */
const GENERATED_VOLUME = /kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}/g;
const GENERATED_PREFIX = 'kube-api-access-';

/** The generated names met so far in one spec, in text order. */
interface Seen {
  names: Map<string, string> | undefined;
}

function normalized(text: string, seen: Seen): string {
  if (!text.includes(GENERATED_PREFIX)) return text;
  const names = (seen.names ??= new Map());
  return text.replace(GENERATED_VOLUME, (name) => {
    let placeholder = names.get(name);
    if (placeholder === undefined) names.set(name, (placeholder = `kube-api-access-\u0000${names.size}`));
    return placeholder;
  });
}

/** A remembered spec: its JSON value with strings normalized, objects as keys and values in text order. */
type Prepared = string | number | boolean | null | Prepared[] | PreparedObject;

class PreparedObject {
  constructor(
    readonly keys: string[],
    readonly values: Prepared[],
  ) {}
}

function prepare(v: unknown, seen: Seen): Prepared {
  if (typeof v === 'string') return normalized(v, seen);
  if (v === null || typeof v !== 'object') return v as Prepared;
  if (Array.isArray(v)) return v.map((x) => prepare(x, seen));
  const keys: string[] = [];
  const values: Prepared[] = [];
  for (const k in v) {
    keys.push(normalized(k, seen));
    values.push(prepare((v as Obj)[k], seen));
  }
  return new PreparedObject(keys, values);
}

/**
 * Would JSON.stringify write `a` as the remembered spec's text (after normalizing)? Walks keys
 * in their text order; a remembered spec holds only what JSON writes faithfully, so a match
 * means `a` does too.
 */
function matches(a: unknown, p: Prepared, seen: Seen): boolean {
  // Equal strings need no normalizing: a normalized string holds no generated name, so a string
  // equal to one holds none either.
  if (typeof p === 'string') return a === p || (typeof a === 'string' && normalized(a, seen) === p);
  if (p === null || typeof p !== 'object') return a === p;
  if (Array.isArray(p)) {
    if (!Array.isArray(a) || a.length !== p.length) return false;
    for (let i = 0; i < p.length; i++) if (!matches(a[i], p[i]!, seen)) return false;
    return true;
  }
  if (a === null || typeof a !== 'object' || Array.isArray(a) || Object.getPrototypeOf(a) !== Object.prototype) return false;
  const { keys, values } = p;
  let i = 0;
  for (const k in a) {
    if (i >= keys.length || (k !== keys[i] && normalized(k, seen) !== keys[i]) || !matches((a as Obj)[k], values[i]!, seen)) return false;
    i++;
  }
  return i === keys.length;
}

/** Is the value JSON that JSON.stringify writes faithfully (finite numbers, plain objects, nothing undefined)? */
function plainJson(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!plainJson(v[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const k in v) if (!plainJson((v as Record<string, unknown>)[k])) return false;
      return true;
    default:
      return false;
  }
}

export function validatePodCreate(pod: KObject): FieldError[] {
  const s = spec(pod);
  const errs = validatePodMetadataAndSpec(pod);
  if (list(s['ephemeralContainers']).length > 0) errs.push(fe.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (s['nodeName'] && list(s['schedulingGates']).length > 0) errs.push(fe.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

function containerUpdates(next: Obj[], prev: Obj[], path: string): { errs: FieldError[]; stop: boolean } {
  if (next.length !== prev.length) return { errs: [fe.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = typeof c['image'] === 'string' ? c['image'] : '';
    if (!image) errs.push(fe.required(`${path}[${i}].image`));
    if (image.trim() !== image) errs.push(fe.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function onlyAddedTolerations(next: Obj[], prev: Obj[]): FieldError[] {
  for (const o of prev) {
    const found = next.some((n) => deepEqual({ ...o, tolerationSeconds: n['tolerationSeconds'] }, n));
    if (!found) return [fe.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, 'spec.tolerations');
}

/** The internal PodSpec go-cmp compares: host namespaces live in the security context. */
function internalSpec(s: Obj): Obj {
  const out: Obj = structuredClone(s);
  const sc: Obj = isObj(out['securityContext']) ? out['securityContext'] : {};
  const moved: Obj = {};
  for (const k of ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'hostUsers']) {
    if (out[k] !== undefined) moved[k] = out[k];
    delete out[k];
  }
  out['securityContext'] = { ...moved, ...sc };
  delete out['serviceAccount'];
  // core.Volume embeds its VolumeSource.
  if (Array.isArray(out['volumes'])) {
    out['volumes'] = list(out['volumes']).map(({ name, ...source }) => ({ name, volumeSource: source }));
  }
  return out;
}

/** ValidatePodUpdate (spec part). */
export function validatePodUpdate(pod: KObject, old: Stored): FieldError[] {
  const s = spec(pod);
  const o = (old as Obj)['spec'] as Obj;
  const errs = validatePodMetadataAndSpec(pod);
  const c = containerUpdates(list(s['containers']), list(o['containers']), 'spec.containers');
  errs.push(...c.errs);
  if (c.stop) return errs;
  const ic = containerUpdates(list(s['initContainers']), list(o['initContainers']), 'spec.initContainers');
  errs.push(...ic.errs);
  if (ic.stop) return errs;
  const ads = s['activeDeadlineSeconds'];
  if (ads !== undefined && ads !== null) {
    if (ads < 0 || ads > MAX_INT32) return [...errs, fe.invalid('spec.activeDeadlineSeconds', ads, inclusiveRange(0, MAX_INT32))];
    if (o['activeDeadlineSeconds'] !== undefined && o['activeDeadlineSeconds'] < ads) return [...errs, fe.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
  } else if (o['activeDeadlineSeconds'] !== undefined) {
    errs.push(fe.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(list(s['tolerations']), list(o['tolerations'])));
  const oldGates = new Set(list(o['schedulingGates']).map((g) => g['name']));
  list(s['schedulingGates']).forEach((g, i) => {
    if (!oldGates.has(g['name'])) errs.push(fe.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${String(g['name'])}'`));
  });
  if (deepEqual(s, o)) return errs;
  const munged: Obj = structuredClone(s);
  list(munged['containers']).forEach((ct, i) => (ct['image'] = list(o['containers'])[i]!['image']));
  list(munged['initContainers']).forEach((ct, i) => (ct['image'] = list(o['initContainers'])[i]!['image']));
  munged['activeDeadlineSeconds'] = o['activeDeadlineSeconds'];
  munged['schedulingGates'] = o['schedulingGates'];
  munged['tolerations'] = o['tolerations'];
  if (typeof o['terminationGracePeriodSeconds'] === 'number' && o['terminationGracePeriodSeconds'] < 0 && munged['terminationGracePeriodSeconds'] === 1) {
    munged['terminationGracePeriodSeconds'] = o['terminationGracePeriodSeconds'];
  }
  if (list(o['schedulingGates']).length > 0 && !deepEqual(munged['nodeSelector'], o['nodeSelector'])) {
    const ns: Obj = isObj(munged['nodeSelector']) ? munged['nodeSelector'] : {};
    for (const [k, v] of Object.entries(isObj(o['nodeSelector']) ? o['nodeSelector'] : {})) {
      if (ns[k] !== v) {
        errs.push(fe.invalid('spec.nodeSelector', ns, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
        break;
      }
    }
    munged['nodeSelector'] = o['nodeSelector'];
  }
  if (!deepEqual(munged, o)) {
    errs.push(fe.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_FIELDS}\n${podSpecDiff(internalSpec(o), internalSpec(munged))}`));
  }
  return errs;
}

/** ValidatePodStatusUpdate. */
function validatePodStatusUpdate(pod: KObject, old: Stored): FieldError[] {
  const errs: FieldError[] = [];
  const status: Obj = isObj((pod as Obj)['status']) ? (pod as Obj)['status'] : {};
  const oldStatus: Obj = isObj((old as Obj)['status']) ? (old as Obj)['status'] : {};
  if (spec(pod)['nodeName'] !== ((old as Obj)['spec'] as Obj)['nodeName']) errs.push(fe.forbidden('status.nodeName', 'may not be changed directly'));
  if ((status['qosClass'] ?? '') !== (oldStatus['qosClass'] ?? '')) errs.push(fe.invalid('status.qosClass', status['qosClass'] ?? '', IMMUTABLE));
  return errs;
}

/** POST pods/binding: sets spec.nodeName once, as the scheduler binds. */
function validateBinding(pod: KObject, old: Stored): FieldError[] {
  const prev = ((old as Obj)['spec'] as Obj)['nodeName'];
  const next = spec(pod)['nodeName'];
  if (prev && prev !== next) throw conflict({ group: '', resource: 'pods' }, old.metadata.name, `pod ${old.metadata.name} is already assigned to node "${String(prev)}"`);
  if (old.metadata.deletionTimestamp) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${old.metadata.name}": pod ${old.metadata.name} is being deleted, cannot be assigned to a host`);
  return [];
}

function setSchedulingGatedCondition(pod: Obj, s: Obj): void {
  if (list(s['schedulingGates']).length === 0) return;
  const status = child(pod, 'status');
  status['conditions'] = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: null }];
}

/** Old kubelets dropped qosClass from status writes; the apiserver backfills it. */
function backfillQOS(obj: KObject, ctx: StrategyContext): void {
  const status = (obj as Obj)['status'];
  if (!isObj(status) || status['qosClass']) return;
  const stored = ctx.get('pods', obj.metadata.namespace ?? '', obj.metadata.name ?? '');
  const qos = (stored as Obj | undefined)?.['status']?.['qosClass'];
  if (qos) status['qosClass'] = qos;
}

export const podStrategy: KindStrategy = {
  statusSubresource: true,
  defaults(obj: KObject, ctx: StrategyContext): void {
    if (ctx.subresource === 'status') backfillQOS(obj, ctx);
    const s = spec(obj);
    if (!podSpecQuantitiesValid(s)) throw cannotHandle(ctx.resource, QUANTITY_REGEX_MESSAGE);
    // A status write keeps the stored spec, whatever the body's: defaulting that is wasted.
    if (ctx.subresource === 'status') return;
    defaultPodSpec(s);
    defaultPodOnly(s);
  },
  prepareForCreate(obj: KObject): void {
    const s = spec(obj);
    (obj as Obj)['status'] = { phase: 'Pending', qosClass: podQOS(s) };
    setSchedulingGatedCondition(obj as Obj, s);
  },
  validate: (obj) => validatePodCreate(obj),
  validateUpdate(obj, old, ctx) {
    switch (ctx.subresource) {
      case 'status':
        return validatePodStatusUpdate(obj, old);
      case 'binding':
        return validateBinding(obj, old);
      case 'ephemeralcontainers':
        return validatePodMetadataAndSpec(obj);
      default:
        return validatePodUpdate(obj, old);
    }
  },
  fieldSelectors: {
    'spec.nodeName': (o) => String((o as Obj)['spec']?.['nodeName'] ?? ''),
    'spec.restartPolicy': (o) => String((o as Obj)['spec']?.['restartPolicy'] ?? ''),
    'spec.schedulerName': (o) => String((o as Obj)['spec']?.['schedulerName'] ?? ''),
    'spec.serviceAccountName': (o) => String((o as Obj)['spec']?.['serviceAccountName'] ?? ''),
    'spec.hostNetwork': (o) => String((o as Obj)['spec']?.['hostNetwork'] === true),
    'status.phase': (o) => String((o as Obj)['status']?.['phase'] ?? ''),
    'status.podIP': (o) => String((o as Obj)['status']?.['podIP'] ?? ''),
    'status.podIPs': (o) => list((o as Obj)['status']?.['podIPs']).map((p) => String(p['ip'])).join(','),
    'status.nominatedNodeName': (o) => String((o as Obj)['status']?.['nominatedNodeName'] ?? ''),
  },
};
