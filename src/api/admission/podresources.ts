/** Pod-level resource sums (resourcehelper.PodRequests/PodLimits) as quantities. */
import { isObj, list, type Obj } from '../kinds/util.js';
import { formatMilli, milliValue, validQuantity } from '../validation/quantity.js';

/** A sum of quantities that keeps the format of its first term, as Quantity.Add does. */
export class QuantitySum {
  milli = 0n;
  binary: boolean | undefined;

  add(q: string | number | QuantitySum): this {
    if (q instanceof QuantitySum) {
      this.milli += q.milli;
      this.binary ??= q.binary;
      return this;
    }
    if (!validQuantity(q)) return this;
    this.milli += milliValue(q);
    this.binary ??= typeof q === 'string' && /i$/.test(q.trim());
    return this;
  }

  toString(): string {
    return formatMilli(this.milli, !!this.binary);
  }
}

export type ResourceSums = Map<string, QuantitySum>;

function listOf(c: Obj, which: 'requests' | 'limits'): Obj {
  const r = c['resources'];
  return isObj(r) && isObj(r[which]) ? (r[which] as Obj) : {};
}

function addInto(sums: ResourceSums, l: Obj): void {
  for (const [k, v] of Object.entries(l)) {
    if (!sums.has(k)) sums.set(k, new QuantitySum());
    sums.get(k)!.add(v as string);
  }
}

function maxInto(sums: ResourceSums, other: ResourceSums): void {
  for (const [k, v] of other) {
    const cur = sums.get(k);
    if (!cur || cur.milli < v.milli) sums.set(k, new QuantitySum().add(v));
  }
}

/** Effective pod requests or limits: containers and sidecars summed, other init containers by max. */
export function podResources(spec: Obj, which: 'requests' | 'limits'): ResourceSums {
  const sums: ResourceSums = new Map();
  for (const c of list(spec['containers'])) addInto(sums, listOf(c, which));
  const sidecars: ResourceSums = new Map();
  const initMax: ResourceSums = new Map();
  for (const c of list(spec['initContainers'])) {
    if (c['restartPolicy'] === 'Always') {
      addInto(sums, listOf(c, which));
      addInto(sidecars, listOf(c, which));
      continue;
    }
    const tmp: ResourceSums = new Map();
    addInto(tmp, listOf(c, which));
    for (const [k, v] of sidecars) (tmp.get(k) ?? tmp.set(k, new QuantitySum()).get(k)!).add(v);
    maxInto(initMax, tmp);
  }
  maxInto(sums, initMax);
  if (isObj(spec['overhead'])) addInto(sums, spec['overhead']);
  return sums;
}

export function toList(sums: ResourceSums): Record<string, string> {
  return Object.fromEntries([...sums].map(([k, v]) => [k, v.toString()]));
}
