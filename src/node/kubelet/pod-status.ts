/**
 * Pod status as a v1.33 kubelet writes it: conditions (PodReadyToStartContainers, Initialized,
 * Ready, ContainersReady, PodScheduled), container statuses sorted by name with state,
 * lastState, image and imageID as containerd resolved them, volumeMounts, resources, and the
 * phase from the kubelet's getPhase rules. Pure: the same observations give the same status.
 */
import { deepFreeze, type KObject } from '../../api/types.js';
import { toRfc3339 } from '../../util/clock.js';
import type { ContainerRecord } from '../runtime.js';

export interface ContainerView {
  name: string;
  /** The image as the spec names it (shown until the runtime resolves it). */
  specImage: string;
  kind: 'init' | 'sidecar' | 'regular';
  current?: ContainerRecord;
  /** The attempt before (lastState), if kept. */
  previous?: ContainerRecord;
  restartCount: number;
  waiting?: { reason: string; message?: string };
  ready: boolean;
  started: boolean;
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  /** Where the spec-only parts of this container's status are kept while its spec stays (absent: built each time). */
  specParts?: SpecParts;
}

export interface PodView {
  pod: KObject;
  nodeIp: string;
  podIp?: string;
  startTime?: number;
  containers: ContainerView[];
  initContainers: ContainerView[];
  sandboxReady: boolean;
  /** The pod will not run again (all containers done under its restart policy, or init failed with Never). */
  terminal: boolean;
  now: number;
  qosClass: string;
}

type Condition = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string | null; reason?: string; message?: string; observedGeneration?: number };

/** The last condition of a type (as a map built from the list would hold it). */
function lastOfType(conditions: readonly Condition[], type: string): Condition | undefined {
  for (let i = conditions.length - 1; i >= 0; i--) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

/** The last previous condition of each type the kubelet writes (one pass), and whether there are others. */
function previousConditions(conditions: readonly Condition[]) {
  let readyToStart: Condition | undefined;
  let initialized: Condition | undefined;
  let ready: Condition | undefined;
  let containersReady: Condition | undefined;
  let scheduled: Condition | undefined;
  let others = false;
  for (const c of conditions) {
    switch (c.type) {
      case 'PodReadyToStartContainers':
        readyToStart = c;
        break;
      case 'Initialized':
        initialized = c;
        break;
      case 'Ready':
        ready = c;
        break;
      case 'ContainersReady':
        containersReady = c;
        break;
      case 'PodScheduled':
        scheduled = c;
        break;
      default:
        others = true;
    }
  }
  return { readyToStart, initialized, ready, containersReady, scheduled, others };
}

/**
 * A condition with its fields in the kubelet's order (each shape a literal of its own: cheap to
 * make). The pods a kubelet syncs in one second mostly get equal ones: the last built of each
 * type is kept, frozen, and handed out again while it is equal (see `shared`).
 */
function condition(type: string, status: string, since: string | null, reason?: string, message?: string): Condition {
  const last = lastConditions.get(type);
  if (last && last.lastTransitionTime === since && last.status === status && last.reason === reason && last.message === message) return last;
  let c: Condition;
  if (message && reason) c = { lastProbeTime: null, lastTransitionTime: since, message, reason, status, type };
  else if (reason) c = { lastProbeTime: null, lastTransitionTime: since, reason, status, type };
  else if (message) c = { lastProbeTime: null, lastTransitionTime: since, message, status, type };
  else c = { lastProbeTime: null, lastTransitionTime: since, status, type };
  // An empty reason or message is left out of the literal: only one that round-trips is shared.
  if ((reason === undefined || reason) && (message === undefined || message)) lastConditions.set(type, Object.freeze(c));
  return c;
}

/**
 * Status parts equal for many pods (a condition of the same second, a waiting or running
 * state, an empty lastState, the resources of a common spec) are shared between statuses,
 * frozen. The apiserver freezes what it stores, so a stored status cannot change them, and it
 * skips what is frozen already; nothing else writes a status the kubelet computed.
 */
const lastConditions = new Map<string, Condition>();
const NO_LAST_STATE: Record<string, unknown> = Object.freeze({});
/** { waiting: { reason } } by reason (no message), and { waiting: {} } for a created container. */
const waitingStates = new Map<string, Record<string, unknown>>();
const CREATED_STATE: Record<string, unknown> = Object.freeze({ waiting: Object.freeze({}) });
let lastRunning: { startedAt: string; state: Record<string, unknown> } = { startedAt: '', state: {} };

function waitingState(reason: string): Record<string, unknown> {
  let state = waitingStates.get(reason);
  if (!state) {
    state = Object.freeze({ waiting: Object.freeze({ reason }) });
    waitingStates.set(reason, state);
  }
  return state;
}

function runningState(startedAt: string): Record<string, unknown> {
  if (lastRunning.startedAt !== startedAt) lastRunning = { startedAt, state: Object.freeze({ running: Object.freeze({ startedAt }) }) };
  return lastRunning.state;
}

/** Has an init container done its part: a sidecar started, an ordinary one exited 0? */
function initDone(c: ContainerView): boolean {
  return c.kind === 'sidecar' ? c.started : c.current?.state === 'exited' && c.current.exitCode === 0;
}

export function computePodStatus(v: PodView, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const prevConditions = (previous?.['conditions'] as Condition[] | undefined) ?? [];
  const prev = previousConditions(prevConditions);
  const hasInit = v.initContainers.length > 0;
  const initStatuses = v.initContainers.map((c) => containerStatus(c, hasInit, true));
  const statuses = v.containers.map((c) => containerStatus(c, hasInit, false));
  if (statuses.length > 1) statuses.sort((a, b) => String(a['name']).localeCompare(String(b['name'])));
  const initialized = v.initContainers.every(initDone);
  const phase = getPhase(v, statuses, initStatuses, initialized);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const cond = (type: string, last: Condition | undefined, ok: boolean, reason?: string, message?: string): Condition => {
    const status = ok ? 'True' : 'False';
    // Unchanged since the last write: the stored (frozen) condition itself, neither built, compared nor frozen again.
    if (last && last.status === status && last.reason === reason && last.message === message && reason !== '' && message !== '' && isKubeletCondition(last, type)) return last;
    return condition(type, status, last && last.status === status ? last.lastTransitionTime : toRfc3339(v.now), reason, message);
  };
  const unready: string[] = [];
  for (const c of v.initContainers) if (c.kind === 'sidecar' && !c.ready) unready.push(c.name);
  for (const c of v.containers) if (!c.ready) unready.push(c.name);
  const containersReady = unready.length === 0 && !terminal;
  let nrReason: string | undefined;
  let nrMessage: string | undefined;
  if (!containersReady) {
    nrReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
    nrMessage = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  }
  const scheduled = prev.scheduled ?? { lastProbeTime: null, lastTransitionTime: toRfc3339(v.startTime ?? v.now), status: 'True', type: 'PodScheduled' };
  const conditions: Condition[] = [
    cond('PodReadyToStartContainers', prev.readyToStart, v.sandboxReady),
    initialized || terminal ? cond('Initialized', prev.initialized, true) : cond('Initialized', prev.initialized, false, 'ContainersNotInitialized', `containers with incomplete status: [${v.initContainers.filter((c) => !initDone(c)).map((c) => c.name).join(' ')}]`),
    cond('Ready', prev.ready, containersReady, nrReason, nrMessage),
    cond('ContainersReady', prev.containersReady, containersReady, nrReason, nrMessage),
    scheduled,
  ];
  // Conditions others own (a readiness gate's, DisruptionTarget) stay, once each, where they were.
  if (prev.others) for (const c of prevConditions) if (!conditions.some((x) => x.type === c.type)) conditions.push(lastOfType(prevConditions, c.type)!);
  const hostIPs = ipList(v.nodeIp, previous?.['hostIPs']);
  // The usual shapes as literals: V8 freezes an object built in its final shape much faster than one grown key by key.
  if (statuses.length && !initStatuses.length && v.startTime !== undefined) {
    const startTime = toRfc3339(v.startTime);
    if (v.podIp) return { conditions, containerStatuses: statuses, hostIP: v.nodeIp, hostIPs, phase, podIP: v.podIp, podIPs: ipList(v.podIp, previous?.['podIPs']), qosClass: v.qosClass, startTime };
    return { conditions, containerStatuses: statuses, hostIP: v.nodeIp, hostIPs, phase, qosClass: v.qosClass, startTime };
  }
  const status: Record<string, unknown> = { conditions };
  if (statuses.length) status['containerStatuses'] = statuses;
  status['hostIP'] = v.nodeIp;
  status['hostIPs'] = hostIPs;
  if (initStatuses.length) status['initContainerStatuses'] = initStatuses;
  status['phase'] = phase;
  if (v.podIp) {
    status['podIP'] = v.podIp;
    status['podIPs'] = ipList(v.podIp, previous?.['podIPs']);
  }
  status['qosClass'] = v.qosClass;
  if (v.startTime !== undefined) status['startTime'] = toRfc3339(v.startTime);
  return status;
}

/** The conditions' keys in the order condition() writes them (by whether message and reason are set). */
const CONDITION_KEYS: Record<string, readonly string[]> = {
  mr: ['lastProbeTime', 'lastTransitionTime', 'message', 'reason', 'status', 'type'],
  r: ['lastProbeTime', 'lastTransitionTime', 'reason', 'status', 'type'],
  m: ['lastProbeTime', 'lastTransitionTime', 'message', 'status', 'type'],
  '': ['lastProbeTime', 'lastTransitionTime', 'status', 'type'],
};

/** Is a previous condition exactly what condition() would build for it (same keys in the same order)? Others wrote it otherwise. */
function isKubeletCondition(c: Condition, type: string): boolean {
  if (c.type !== type || c.lastProbeTime !== null) return false;
  const keys = CONDITION_KEYS[(c.message !== undefined ? 'm' : '') + (c.reason !== undefined ? 'r' : '')]!;
  let i = 0;
  for (const k in c) if (keys[i++] !== k) return false;
  return i === keys.length;
}

/** [{ip}]: the previous status's list when it is exactly that (stored, frozen: nothing to compare or freeze again). */
function ipList(ip: string, previous: unknown): { ip: string }[] {
  if (Array.isArray(previous) && previous.length === 1) {
    const only = previous[0] as Record<string, unknown> | null;
    if (only !== null && typeof only === 'object' && only['ip'] === ip && onlyKey(only, 'ip')) return previous as { ip: string }[];
  }
  return [{ ip }];
}

function onlyKey(obj: object, key: string): boolean {
  let n = 0;
  for (const k in obj) if (k !== key || ++n > 1) return false;
  return n === 1;
}

function terminated(r: ContainerRecord): Record<string, unknown> {
  return {
    terminated: {
      containerID: `containerd://${r.id}`,
      exitCode: r.exitCode ?? 0,
      finishedAt: toRfc3339(r.finishedAt ?? r.createdAt),
      ...(r.message ? { message: r.message } : {}),
      reason: r.reason ?? (r.exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: toRfc3339(r.startedAt ?? r.createdAt),
    },
  };
}

function containerStatus(c: ContainerView, hasInit: boolean, isInit: boolean): Record<string, unknown> {
  const r = c.current;
  let state: Record<string, unknown>;
  let last: Record<string, unknown> = c.previous ? terminated(c.previous) : NO_LAST_STATE;
  if (r?.state === 'running' && !(c.waiting && c.waiting.reason === 'CrashLoopBackOff')) state = runningState(toRfc3339(r.startedAt ?? r.createdAt));
  else if (c.waiting) {
    state = c.waiting.message ? { waiting: { message: c.waiting.message, reason: c.waiting.reason } } : waitingState(c.waiting.reason);
    if (r?.state === 'exited') last = terminated(r);
  } else if (r?.state === 'exited') state = terminated(r);
  else if (r?.state === 'created') state = CREATED_STATE;
  else state = waitingState(hasInit ? 'PodInitializing' : 'ContainerCreating');
  const seen = !!r;
  if (seen && !isInit && c.volumeMounts.length) {
    // The usual shape (a started container with mounts) as one literal: cheaper to freeze than one grown key by key.
    const res = c.specParts ? (c.specParts.resources ??= sharedResourcesOf(c.resources)) : resourcesOf(c.resources);
    const volumeMounts = c.specParts ? (c.specParts.mounts ??= mountsOf(c.volumeMounts)) : mountsOf(c.volumeMounts);
    const containerID = `containerd://${r.id}`;
    const imageID = `${withoutTag(r.imageRef)}@${digestOf(r)}`;
    if (res.allocated) return { containerID, image: r.imageRef, imageID, lastState: last, name: c.name, ready: c.ready, restartCount: c.restartCount, started: c.started, state, allocatedResources: res.allocated, resources: res.resources, volumeMounts };
    return { containerID, image: r.imageRef, imageID, lastState: last, name: c.name, ready: c.ready, restartCount: c.restartCount, started: c.started, state, resources: res.resources, volumeMounts };
  }
  if (!seen && c.volumeMounts.length) {
    const volumeMounts = c.specParts ? (c.specParts.mounts ??= mountsOf(c.volumeMounts)) : mountsOf(c.volumeMounts);
    return { image: c.specImage, imageID: '', lastState: last, name: c.name, ready: c.ready, restartCount: c.restartCount, started: c.started, state, volumeMounts };
  }
  const status: Record<string, unknown> = {};
  if (seen) status['containerID'] = `containerd://${r.id}`;
  status['image'] = seen ? r.imageRef : c.specImage;
  status['imageID'] = seen ? `${withoutTag(r.imageRef)}@${digestOf(r)}` : '';
  status['lastState'] = last;
  status['name'] = c.name;
  status['ready'] = c.ready;
  status['restartCount'] = c.restartCount;
  status['started'] = c.started;
  status['state'] = state;
  if (seen && !isInit) {
    const res = c.specParts ? (c.specParts.resources ??= sharedResourcesOf(c.resources)) : resourcesOf(c.resources);
    if (res.allocated) status['allocatedResources'] = res.allocated;
    status['resources'] = res.resources;
  }
  if (c.volumeMounts.length) status['volumeMounts'] = c.specParts ? (c.specParts.mounts ??= mountsOf(c.volumeMounts)) : mountsOf(c.volumeMounts);
  return status;
}

/**
 * The parts of a container status that follow from its spec alone, kept by the caller for as
 * long as the spec object stays (specs are replaced, never changed). Shared by the statuses of a
 * pod: the apiserver freezes what it stores, so nothing changes them, and it skips what it has
 * frozen already.
 */
export interface SpecParts {
  resources?: { resources: Record<string, unknown>; allocated?: Record<string, string> };
  mounts?: Record<string, unknown>[];
}

/** The last resources shared (see sharedResourcesOf): the frozen spec part they follow from, and the parts. */
let lastResources: { input: NonNullable<ContainerView['resources']>; parts: NonNullable<SpecParts['resources']> } | undefined;

/**
 * resourcesOf, shared frozen between containers whose (frozen, stored) resources say the same
 * in the same key order: the containers of a ReplicaSet's pods all get one copy.
 */
function sharedResourcesOf(res: ContainerView['resources']): NonNullable<SpecParts['resources']> {
  if (!res || !Object.isFrozen(res) || (res.limits && !Object.isFrozen(res.limits)) || (res.requests && !Object.isFrozen(res.requests))) return resourcesOf(res);
  const last = lastResources;
  if (last && (last.input === res || (sameKeys(last.input, res) && sameMap(last.input.limits, res.limits) && sameMap(last.input.requests, res.requests)))) return last.parts;
  const parts = deepFreeze(resourcesOf(res));
  lastResources = { input: res, parts };
  return parts;
}

/** Same keys in the same order (their values aside)? */
function sameKeys(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** Same string map, keys in the same order? */
function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || !sameKeys(a, b)) return false;
  for (const k in a) if (a[k] !== b[k]) return false;
  return true;
}

function resourcesOf(res: ContainerView['resources']): NonNullable<SpecParts['resources']> {
  const copy: Record<string, unknown> = {};
  if (!res) return { resources: copy };
  if (res.limits && Object.keys(res.limits).length) copy['limits'] = { ...res.limits };
  if (res.requests && Object.keys(res.requests).length) copy['requests'] = { ...res.requests };
  return res.requests && Object.keys(res.requests).length ? { resources: copy, allocated: { ...res.requests } } : { resources: copy };
}

function mountsOf(mounts: ContainerView['volumeMounts']): Record<string, unknown>[] {
  return mounts.map((m) => (m.readOnly ? { mountPath: m.mountPath, name: m.name, readOnly: true, recursiveReadOnly: 'Disabled' } : { mountPath: m.mountPath, name: m.name }));
}

/** docker.io/library/nginx:1.27 -> docker.io/library/nginx (a registry's :port is not a tag). */
function withoutTag(ref: string): string {
  const colon = ref.lastIndexOf(':');
  return colon >= 0 && colon < ref.length - 1 && !ref.includes('/', colon) ? ref.slice(0, colon) : ref;
}

function digestOf(r: ContainerRecord): string {
  return r.imageDigest ?? 'sha256:0000000000000000000000000000000000000000000000000000000000000000';
}

/** The kubelet's getPhase over the computed statuses. */
function getPhase(v: PodView, statuses: Record<string, unknown>[], initStatuses: Record<string, unknown>[], initialized: boolean): string {
  const restartPolicy = ((v.pod['spec'] as { restartPolicy?: string } | undefined)?.restartPolicy ?? 'Always') as string;
  let pendingInit = 0;
  let failedInit = 0;
  v.initContainers.forEach((c, i) => {
    if (c.kind === 'sidecar') {
      if (!initialized && !c.started) pendingInit++;
      return;
    }
    const s = initStatuses[i]!;
    const st = s['state'] as Record<string, { exitCode?: number }>;
    const last = s['lastState'] as Record<string, { exitCode?: number }>;
    if (st['running']) pendingInit++;
    else if (st['terminated']) {
      if (st['terminated'].exitCode !== 0) failedInit++;
    } else if (last['terminated']) {
      if (last['terminated'].exitCode !== 0) failedInit++;
    } else pendingInit++;
  });
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    const st = s['state'] as Record<string, { exitCode?: number }>;
    const last = s['lastState'] as Record<string, { exitCode?: number }>;
    if (st['running']) running++;
    else if (st['terminated']) {
      stopped++;
      if (st['terminated'].exitCode === 0) succeeded++;
    } else if (last['terminated']) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInit > 0) return 'Pending';
  if (failedInit > 0 && !initialized) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (v.terminal && !isStatic(v.pod)) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function isStatic(pod: KObject): boolean {
  return pod.metadata.annotations?.['kubernetes.io/config.source'] === 'file' || !!pod.metadata.annotations?.['kubernetes.io/config.mirror'];
}

/** Guaranteed, Burstable or BestEffort from the containers' requests and limits. */
export function qosClass(pod: KObject): string {
  const spec = (pod['spec'] ?? {}) as { containers?: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[]; initContainers?: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[] };
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      const effReq = req[r] ?? lim[r];
      if (lim[r] === undefined || effReq !== lim[r]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
