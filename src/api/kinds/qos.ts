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
      const milli = QOS_RESOURCES.includes(name) ? positiveMilli(q) : undefined;
      if (milli === undefined) continue;
      requests.set(name, (requests.get(name) ?? 0n) + milli);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(isObj(r['limits']) ? (r['limits'] as Obj) : {})) {
      const milli = QOS_RESOURCES.includes(name) ? positiveMilli(q) : undefined;
      if (milli === undefined) continue;
      found.add(name);
      limits.set(name, (limits.get(name) ?? 0n) + milli);
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

/**
 * A valid, positive quantity's milli-units (undefined otherwise), by its text: every pod of a
 * Deployment carries the same few, and this runs for each pod created.
 */
function positiveMilli(q: unknown): bigint | undefined {
  if (typeof q !== 'string') return validQuantity(q) && compareQuantity(q as number, 0) > 0 ? milliValue(q as number) : undefined;
  let milli = POSITIVE_MILLI.get(q);
  if (milli === undefined && !POSITIVE_MILLI.has(q)) {
    milli = validQuantity(q) && compareQuantity(q, 0) > 0 ? milliValue(q) : undefined;
    if (POSITIVE_MILLI.size >= 1024) POSITIVE_MILLI.clear();
    POSITIVE_MILLI.set(q, milli);
  }
  return milli;
}

const POSITIVE_MILLI = new Map<string, bigint | undefined>();
