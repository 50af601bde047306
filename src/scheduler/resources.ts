/**
 * Resource arithmetic as the scheduler does it (framework.Resource, resourcehelper.PodRequests):
 * cpu in millicores, memory and ephemeral-storage in bytes, extended resources as integers.
 * A pod requests the sum of its containers plus its sidecars, or the largest init container
 * if that is bigger, plus the pod overhead.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { milliCpu, tryQuantity } from '../api/quantity.js';

export interface Resources {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (nvidia.com/gpu, hugepages-2Mi, ...) by name. */
  scalar: Record<string, number>;
}

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: what scoring assumes for a container with no request. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResources(): Resources {
  return { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

type ResourceList = Record<string, string | number | undefined> | undefined;

/** Quantity.Value(): rounds up to a whole unit. */
export function quantityValue(q: string | number | undefined): number {
  const v = tryQuantity(q);
  return v === undefined ? 0 : Math.ceil(v - 1e-6);
}

/** v1helper.IsScalarResourceName: extended, hugepages, prefixed native and attachable-volume resources. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/**
 * Parsed quantities by their text: every replica of a workload requests the same few, and
 * parsing shows up when a thousand pods are placed. Bounded, since users may type many.
 */
const parsedMilliCpu = new Map<string | number, number>();
const parsedValue = new Map<string | number, number>();
const MAX_PARSED = 4096;

function memoised(cache: Map<string | number, number>, q: string | number, parse: (q: string | number) => number): number {
  let v = cache.get(q);
  if (v === undefined) {
    if (cache.size >= MAX_PARSED) cache.clear();
    cache.set(q, (v = parse(q)));
  }
  return v;
}

function addList(r: Resources, list: ResourceList): void {
  if (!list) return;
  for (const name in list) {
    const q = list[name];
    if (q === undefined) continue;
    switch (name) {
      case 'cpu':
        r.milliCpu += memoised(parsedMilliCpu, q, milliCpu);
        break;
      case 'memory':
        r.memory += memoised(parsedValue, q, quantityValue);
        break;
      case 'ephemeral-storage':
        r.ephemeralStorage += memoised(parsedValue, q, quantityValue);
        break;
      default:
        if (isScalarResourceName(name)) r.scalar[name] = (r.scalar[name] ?? 0) + memoised(parsedValue, q, quantityValue);
    }
  }
}

function maxInto(r: Resources, o: Resources): void {
  r.milliCpu = Math.max(r.milliCpu, o.milliCpu);
  r.memory = Math.max(r.memory, o.memory);
  r.ephemeralStorage = Math.max(r.ephemeralStorage, o.ephemeralStorage);
  for (const k in o.scalar) r.scalar[k] = Math.max(r.scalar[k] ?? 0, o.scalar[k]!);
}

function addInto(r: Resources, o: Resources): void {
  r.milliCpu += o.milliCpu;
  r.memory += o.memory;
  r.ephemeralStorage += o.ephemeralStorage;
  for (const k in o.scalar) r.scalar[k] = (r.scalar[k] ?? 0) + o.scalar[k]!;
}

/**
 * Adds a container's requests to `r`; with `nonZero`, a missing (not zero) cpu or memory
 * request counts as the scoring defaults (NonMissingContainerRequests).
 */
function addContainer(r: Resources, c: Container, nonZero: boolean): void {
  const requests = c.resources?.requests as ResourceList;
  addList(r, requests);
  if (nonZero) {
    if (requests?.cpu === undefined) r.milliCpu += DEFAULT_MILLI_CPU_REQUEST;
    if (requests?.memory === undefined) r.memory += DEFAULT_MEMORY_REQUEST;
  }
}

/** A container's requests on their own (see addContainer). */
function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = emptyResources();
  addContainer(r, c, nonZero);
  return r;
}

/**
 * resourcehelper.PodRequests. The containers' requests are added straight into the total (the
 * scheduler asks twice per pod placed, the kubelet once per pod admitted).
 */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec;
  const total = emptyResources();
  if (!spec) return total;
  const containers = spec.containers;
  if (containers) for (let i = 0; i < containers.length; i++) addContainer(total, containers[i]!, nonZero);
  const init = spec.initContainers;
  if (init && init.length > 0) {
    // Sidecars (restartPolicy Always) run beside everything that starts after them; a plain
    // init container runs alone, beside the sidecars started before it.
    const sidecars = emptyResources();
    const initMax = emptyResources();
    for (const c of init) {
      const req = containerRequests(c, nonZero);
      if (c.restartPolicy === 'Always') {
        addInto(total, req);
        addInto(sidecars, req);
        maxInto(initMax, sidecars);
      } else {
        addInto(req, sidecars);
        maxInto(initMax, req);
      }
    }
    maxInto(total, initMax);
  } else {
    // What taking the larger of the total and no init containers at all leaves (a negative sum becomes 0).
    total.milliCpu = Math.max(total.milliCpu, 0);
    total.memory = Math.max(total.memory, 0);
    total.ephemeralStorage = Math.max(total.ephemeralStorage, 0);
  }
  addList(total, spec.overhead as ResourceList);
  return total;
}

/** A pod's requests for fitting, and the cpu and memory it counts for scoring (podRequests(pod, true)). */
export interface SchedulingRequests {
  requests: Resources;
  nonZeroMilliCpu: number;
  nonZeroMemory: number;
}

/**
 * podRequests(pod) and the cpu and memory of podRequests(pod, true), in one walk over the
 * containers when there are no init containers (the scheduler asks both of every pod it places).
 */
export function schedulingRequests(pod: Pod): SchedulingRequests {
  const spec = pod.spec;
  const init = spec?.initContainers;
  if (!spec || (init && init.length > 0)) {
    const nonZero = podRequests(pod, true);
    return { requests: podRequests(pod), nonZeroMilliCpu: nonZero.milliCpu, nonZeroMemory: nonZero.memory };
  }
  const total = emptyResources();
  // The scoring sums, added in the same order podRequests(pod, true) adds them.
  let cpu = 0;
  let memory = 0;
  const containers = spec.containers;
  if (containers) {
    for (let i = 0; i < containers.length; i++) {
      const requests = containers[i]!.resources?.requests as ResourceList;
      addList(total, requests);
      const c = requests?.cpu;
      const m = requests?.memory;
      cpu += c === undefined ? DEFAULT_MILLI_CPU_REQUEST : memoised(parsedMilliCpu, c, milliCpu);
      memory += m === undefined ? DEFAULT_MEMORY_REQUEST : memoised(parsedValue, m, quantityValue);
    }
  }
  total.milliCpu = Math.max(total.milliCpu, 0);
  total.memory = Math.max(total.memory, 0);
  total.ephemeralStorage = Math.max(total.ephemeralStorage, 0);
  cpu = Math.max(cpu, 0);
  memory = Math.max(memory, 0);
  const overhead = spec.overhead as ResourceList;
  addList(total, overhead);
  if (overhead) {
    if (overhead['cpu'] !== undefined) cpu += memoised(parsedMilliCpu, overhead['cpu'], milliCpu);
    if (overhead['memory'] !== undefined) memory += memoised(parsedValue, overhead['memory'], quantityValue);
  }
  return { requests: total, nonZeroMilliCpu: cpu, nonZeroMemory: memory };
}

/** Parsed allocatable lists by object: a stored Node's is frozen, and read for every pod placed or admitted. */
const allocatables = new WeakMap<object, { resources: Resources; pods: number }>();

/** A node's allocatable resources and pods (shared when the list is a stored, frozen one: do not change it). */
export function nodeAllocatable(alloc: ResourceList): { resources: Resources; pods: number } {
  const cached = alloc ? allocatables.get(alloc) : undefined;
  if (cached) return cached;
  const resources = emptyResources();
  addList(resources, alloc);
  const parsed = { resources, pods: quantityValue(alloc?.pods) };
  if (alloc && Object.isFrozen(alloc)) allocatables.set(alloc, parsed);
  return parsed;
}

export function isZeroRequest(r: Resources): boolean {
  return r.milliCpu === 0 && r.memory === 0 && r.ephemeralStorage === 0 && Object.keys(r.scalar).length === 0;
}
