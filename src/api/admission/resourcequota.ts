/**
 * ResourceQuota admission: a write that would take a namespace over a quota's hard limits is
 * refused ("exceeded quota: q, requested: limits.cpu=2, used: limits.cpu=0, limited:
 * limits.cpu=1"), and quotas on compute resources require every container to state them
 * ("failed quota: q: must specify limits.cpu for: nginx"). Usage is computed from the store at
 * admission time; the quota controller writes status.used separately.
 */
import type { AdmissionPlugin, AdmissionRequest } from '../admission.js';
import { resourceKey } from '../registry.js';
import type { StrategyContext } from '../strategy.js';
import type { Stored } from '../types.js';
import { isObj, list, type Obj } from '../kinds/util.js';
import { podQOS } from '../kinds/qos.js';
import { compareQuantity, validQuantity } from '../validation/quantity.js';
import { podResources, QuantitySum } from './podresources.js';
import { admissionForbidden, obj } from './util.js';

type Usage = Map<string, QuantitySum>;

const COMPUTE = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
const POD_RESOURCES = (name: string): boolean =>
  ['pods', 'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage'].includes(name) ||
  /^(requests\.)?hugepages-/.test(name) ||
  name.startsWith('requests.') ||
  name.startsWith('limits.');

function add(u: Usage, name: string, q: string | number | QuantitySum): void {
  if (!u.has(name)) u.set(name, new QuantitySum());
  u.get(name)!.add(q);
}

function countName(key: string): string {
  return `count/${key}`;
}

function podTerminal(pod: Obj): boolean {
  const phase = pod['status']?.['phase'];
  return phase === 'Succeeded' || phase === 'Failed';
}

/** What one object charges against quotas. */
function usageOf(key: string, o: Obj): Usage {
  const u: Usage = new Map();
  add(u, countName(key), 1);
  if (key === 'pods') {
    if (podTerminal(o)) return new Map();
    add(u, 'pods', 1);
    const spec: Obj = o['spec'] ?? {};
    for (const [k, v] of podResources(spec, 'requests')) {
      add(u, `requests.${k}`, v);
      if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') add(u, k, v);
    }
    for (const [k, v] of podResources(spec, 'limits')) add(u, `limits.${k}`, v);
  } else if (key === 'services') {
    add(u, 'services', 1);
    const type = o['spec']?.['type'];
    if (type === 'LoadBalancer') add(u, 'services.loadbalancers', 1);
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const ports = new Set(list(o['spec']?.['ports']).map((p) => p['nodePort'] || p['port']));
      add(u, 'services.nodeports', ports.size);
    }
  } else if (key === 'persistentvolumeclaims') {
    add(u, 'persistentvolumeclaims', 1);
    const storage = o['spec']?.['resources']?.['requests']?.['storage'];
    const sc = o['spec']?.['storageClassName'];
    if (validQuantity(storage)) {
      add(u, 'requests.storage', storage);
      if (sc) add(u, `${sc}.storageclass.storage.k8s.io/requests.storage`, storage);
    }
    if (sc) add(u, `${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`, 1);
  } else if (['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas'].includes(key)) {
    add(u, key, 1);
  }
  return u;
}

function scopeMatches(scope: string, key: string, o: Obj, values?: string[], op?: string): boolean {
  if (key !== 'pods') return false;
  const spec: Obj = o['spec'] ?? {};
  const terminating = typeof spec['activeDeadlineSeconds'] === 'number';
  switch (scope) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return podQOS(spec) === 'BestEffort';
    case 'NotBestEffort':
      return podQOS(spec) !== 'BestEffort';
    case 'PriorityClass': {
      const pc = String(spec['priorityClassName'] ?? '');
      if (op === 'Exists') return pc !== '';
      if (op === 'DoesNotExist') return pc === '';
      if (op === 'NotIn') return !(values ?? []).includes(pc);
      return (values ?? []).includes(pc);
    }
    default:
      return false;
  }
}

function quotaMatches(quota: Obj, key: string, o: Obj): boolean {
  const scopes = Array.isArray(quota['spec']?.['scopes']) ? (quota['spec']['scopes'] as string[]) : [];
  const exprs = list(quota['spec']?.['scopeSelector']?.['matchExpressions']);
  if (!scopes.length && !exprs.length) return true;
  return scopes.every((s) => scopeMatches(s, key, o)) && exprs.every((e) => scopeMatches(String(e['scopeName']), key, o, e['values'], e['operator']));
}

/** Resources of `hard` this kind of object can consume. */
function matching(hard: Obj, key: string, info: AdmissionRequest['resource']): string[] {
  return Object.keys(hard).filter((name) => {
    if (name === countName(resourceKey(info))) return true;
    if (key === 'pods') return POD_RESOURCES(name);
    if (key === 'services') return ['services', 'services.loadbalancers', 'services.nodeports'].includes(name);
    if (key === 'persistentvolumeclaims') return ['persistentvolumeclaims', 'requests.storage'].includes(name) || name.includes('.storageclass.storage.k8s.io/');
    return name === key;
  });
}

/** Stored objects never change, so what each one charges is computed once. */
const storedUsage = new WeakMap<object, Usage>();

function cachedUsage(key: string, o: Obj): Usage {
  let u = storedUsage.get(o);
  if (!u) storedUsage.set(o, (u = usageOf(key, o)));
  return u;
}

function currentUsage(ctx: StrategyContext, key: string, ns: string, quota: Obj, names: string[], skip?: Stored): Usage {
  const u: Usage = new Map();
  for (const o of ctx.list(key, ns) as unknown as Obj[]) {
    if (skip && o['metadata']?.['name'] === skip.metadata.name) continue;
    if (o['metadata']?.['deletionTimestamp'] && key === 'pods' && !o['spec']?.['nodeName']) continue;
    if (!quotaMatches(quota, key, o)) continue;
    const usage = cachedUsage(key, o);
    for (const n of names) {
      const v = usage.get(n);
      if (v) add(u, n, v);
    }
  }
  return u;
}

function pretty(names: string[], get: (n: string) => string): string {
  return [...names].sort().map((n) => `${n}=${get(n)}`).join(',');
}

/** Pod evaluator Constraints: compute quotas need explicit values in every container. */
function constraints(pod: Obj, required: string[]): string | undefined {
  const need = required.filter((r) => COMPUTE.has(r));
  if (!need.length) return undefined;
  const missing = new Map<string, Set<string>>();
  const spec: Obj = pod['spec'] ?? {};
  for (const c of [...list(spec['containers']), ...list(spec['initContainers'])]) {
    const r: Obj = isObj(c['resources']) ? c['resources'] : {};
    const have = new Set<string>();
    for (const k of Object.keys(r['requests'] ?? {})) {
      if (k === 'cpu' || k === 'memory') have.add(k).add(`requests.${k}`);
    }
    for (const k of Object.keys(r['limits'] ?? {})) if (k === 'cpu' || k === 'memory') have.add(`limits.${k}`);
    for (const n of need) {
      if (have.has(n)) continue;
      if (!missing.has(n)) missing.set(n, new Set());
      missing.get(n)!.add(String(c['name']));
    }
  }
  if (!missing.size) return undefined;
  return `must specify ${[...missing.keys()].sort().map((n) => `${n} for: ${[...missing.get(n)!].sort().join(',')}`).join('; ')}`;
}

function check(req: AdmissionRequest, ctx: StrategyContext): void {
  const inNamespace = ctx.list('resourcequotas', req.namespace) as unknown as Obj[];
  if (inNamespace.length === 0) return;
  const key = resourceKey(req.resource);
  const o = obj(req);
  const quotas = inNamespace.slice().sort((a, b) => (a['metadata']['name'] < b['metadata']['name'] ? -1 : 1));
  for (const quota of quotas) {
    if (!quotaMatches(quota, key, o)) continue;
    const hard: Obj = quota['spec']?.['hard'] ?? {};
    const required = matching(hard, key, req.resource);
    if (!required.length) continue;
    if (key === 'pods') {
      const err = constraints(o, required);
      if (err) throw admissionForbidden(req, `failed quota: ${String(quota['metadata']['name'])}: ${err}`);
    }
    const requested = usageOf(key, o);
    if (req.operation === 'UPDATE' && req.old) {
      // Only growth is charged on update.
      for (const [k, v] of usageOf(key, req.old as unknown as Obj)) {
        const cur = requested.get(k);
        if (cur) cur.milli -= v.milli;
      }
    }
    const asked = required.filter((r) => (requested.get(r)?.milli ?? 0n) > 0n);
    if (!asked.length) continue;
    const used = currentUsage(ctx, key, req.namespace, quota, asked, req.operation === 'UPDATE' ? req.old : undefined);
    if (req.operation === 'UPDATE' && req.old) for (const [k, v] of usageOf(key, req.old as unknown as Obj)) add(used, k, v);
    const exceeded = required.filter((r) => {
      const ask = requested.get(r);
      if (!ask || ask.milli <= 0n) return false;
      const total = new QuantitySum().add(used.get(r) ?? new QuantitySum()).add(ask);
      return validQuantity(hard[r]) && compareQuantity(`${total.milli}m`, hard[r]) > 0;
    });
    if (exceeded.length) {
      throw admissionForbidden(
        req,
        `exceeded quota: ${String(quota['metadata']['name'])}, requested: ${pretty(exceeded, (n) => requested.get(n)!.toString())}, used: ${pretty(exceeded, (n) => (used.get(n) ?? new QuantitySum()).toString())}, limited: ${pretty(exceeded, (n) => String(hard[n]))}`,
      );
    }
  }
}

export const resourceQuotaAdmission: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(req, ctx) {
    if (req.subresource || !req.object || !req.namespace) return;
    if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
    check(req, ctx);
  },
};
