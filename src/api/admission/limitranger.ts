/**
 * LimitRanger: fills container requests and limits from the namespace's LimitRanges (recording
 * what it set in the kubernetes.io/limit-ranger annotation) and enforces min, max and ratio for
 * containers, pods and PVCs, worded as the plugin does ("maximum cpu usage per Container is
 * 500m, but limit is 1").
 */
import type { AdmissionPlugin, AdmissionRequest } from '../admission.js';
import type { StrategyContext } from '../strategy.js';
import { child, isObj, list, type Obj } from '../kinds/util.js';
import { compareQuantity, milliValue, validQuantity } from '../validation/quantity.js';
import { podResources, toList } from './podresources.js';
import { admissionForbidden, aggregate, isMainWrite, obj } from './util.js';

const ANNOTATION = 'kubernetes.io/limit-ranger';

function limitRanges(req: AdmissionRequest, ctx: StrategyContext): Obj[] {
  return ctx.list('limitranges', req.namespace) as unknown as Obj[];
}

function items(ranges: Obj[], type: string): Obj[] {
  return ranges.flatMap((r) => list(r['spec']?.['limits'])).filter((l) => l['type'] === type);
}

function merge(c: Obj, defaults: { limits: Obj; requests: Obj }, prefix: string, notes: string[]): void {
  const resources = child(c, 'resources');
  const limits = child(resources, 'limits');
  const requests = child(resources, 'requests');
  const setLimits = Object.keys(defaults.limits).filter((k) => limits[k] === undefined).sort();
  const setRequests = Object.keys(defaults.requests).filter((k) => requests[k] === undefined).sort();
  for (const k of setLimits) limits[k] = defaults.limits[k];
  for (const k of setRequests) requests[k] = defaults.requests[k];
  if (Object.keys(limits).length === 0) delete resources['limits'];
  if (Object.keys(requests).length === 0) delete resources['requests'];
  if (setRequests.length) notes.push(`${setRequests.join(', ')} request for ${prefix} ${String(c['name'])}`);
  if (setLimits.length) notes.push(`${setLimits.join(', ')} limit for ${prefix} ${String(c['name'])}`);
}

function mutatePod(pod: Obj, ranges: Obj[]): void {
  const defaults = { limits: {} as Obj, requests: {} as Obj };
  for (const item of items(ranges, 'Container')) {
    Object.assign(defaults.requests, item['defaultRequest'] ?? {});
    Object.assign(defaults.limits, item['default'] ?? {});
  }
  const spec = child(pod, 'spec');
  const notes: string[] = [];
  for (const c of list(spec['containers'])) merge(c, defaults, 'container', notes);
  for (const c of list(spec['initContainers'])) merge(c, defaults, 'init container', notes);
  if (notes.length) {
    const meta = child(pod, 'metadata');
    meta['annotations'] = { ...(meta['annotations'] ?? {}), [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

type Q = string | undefined;

function minConstraint(type: string, name: string, enforced: string, req: Q, lim: Q): string | undefined {
  if (req === undefined) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (compareQuantity(req, enforced) < 0) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  if (lim !== undefined && compareQuantity(lim, enforced) < 0) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: string, req: Q, lim: Q): string | undefined {
  if (lim === undefined) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (compareQuantity(lim, enforced) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  if (req !== undefined && compareQuantity(req, enforced) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: string, req: Q): string | undefined {
  if (req === undefined) return `maximum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (compareQuantity(req, enforced) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: string, req: Q, lim: Q): string | undefined {
  if (req === undefined || milliValue(req) === 0n) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (lim === undefined || milliValue(lim) === 0n) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const ratio = Number(milliValue(lim)) / Number(milliValue(req));
  if (ratio * 1000 > Number(milliValue(enforced))) return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function enforce(item: Obj, type: string, requests: Obj, limits: Obj, errs: string[]): void {
  const check = (field: string, fn: (name: string, enforced: string) => string | undefined): void => {
    for (const [name, v] of Object.entries(isObj(item[field]) ? item[field] : {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!validQuantity(v)) continue;
      const e = fn(name, String(v));
      if (e) errs.push(e);
    }
  };
  check('min', (n, e) => minConstraint(type, n, e, requests[n], limits[n]));
  check('max', (n, e) => maxConstraint(type, n, e, requests[n], limits[n]));
  check('maxLimitRequestRatio', (n, e) => ratioConstraint(type, n, e, requests[n], limits[n]));
}

function validatePod(pod: Obj, ranges: Obj[]): string[] {
  const errs: string[] = [];
  const spec: Obj = pod['spec'] ?? {};
  for (const r of ranges) {
    for (const item of list(r['spec']?.['limits'])) {
      if (item['type'] === 'Container') {
        for (const c of [...list(spec['containers']), ...list(spec['initContainers'])]) {
          enforce(item, 'Container', c['resources']?.['requests'] ?? {}, c['resources']?.['limits'] ?? {}, errs);
        }
      }
      if (item['type'] === 'Pod') enforce(item, 'Pod', toList(podResources(spec, 'requests')), toList(podResources(spec, 'limits')), errs);
    }
  }
  return errs;
}

function validatePVC(pvc: Obj, ranges: Obj[]): string[] {
  const errs: string[] = [];
  const requests: Obj = pvc['spec']?.['resources']?.['requests'] ?? {};
  for (const item of items(ranges, 'PersistentVolumeClaim')) {
    for (const [name, v] of Object.entries(isObj(item['min']) ? item['min'] : {})) {
      const e = minConstraint('PersistentVolumeClaim', name, String(v), requests[name], undefined);
      if (e) errs.push(e);
    }
    for (const [name, v] of Object.entries(isObj(item['max']) ? item['max'] : {})) {
      const e = maxRequestConstraint('PersistentVolumeClaim', name, String(v), requests[name]);
      if (e) errs.push(e);
    }
  }
  return errs;
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  mutate(req, ctx) {
    if (!isMainWrite(req, 'pods')) return;
    const ranges = limitRanges(req, ctx);
    if (ranges.length) mutatePod(obj(req), ranges);
  },
  validate(req, ctx) {
    const pod = isMainWrite(req, 'pods');
    const pvc = isMainWrite(req, 'persistentvolumeclaims');
    if (!pod && !pvc) return;
    const ranges = limitRanges(req, ctx);
    if (!ranges.length) return;
    const errs = pod ? validatePod(obj(req), ranges) : validatePVC(obj(req), ranges);
    if (errs.length) throw admissionForbidden(req, aggregate(errs));
  },
};
