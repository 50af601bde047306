/** Pod QoS class (qos.ComputePodQOS): BestEffort, Burstable or Guaranteed from container resources. */
import { compareQuantity, milliValue, validQuantity } from '../validation/quantity.js';
import { isObj, list, type Obj } from './util.js';

export type QOSClass = 'BestEffort' | 'Burstable' | 'Guaranteed';

const QOS_RESOURCES = ['cpu', 'memory'];

export function podQOS(spec: Obj): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const c of [...list(spec['containers']), ...list(spec['initContainers'])]) {
    const r = isObj(c?.['resources']) ? (c['resources'] as Obj) : {};
    for (const [name, q] of Object.entries(isObj(r['requests']) ? (r['requests'] as Obj) : {})) {
      if (!QOS_RESOURCES.includes(name) || !validQuantity(q) || compareQuantity(q, 0) <= 0) continue;
      requests.set(name, (requests.get(name) ?? 0n) + milliValue(q));
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(isObj(r['limits']) ? (r['limits'] as Obj) : {})) {
      if (!QOS_RESOURCES.includes(name) || !validQuantity(q) || compareQuantity(q, 0) <= 0) continue;
      found.add(name);
      limits.set(name, (limits.get(name) ?? 0n) + milliValue(q));
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
