/**
 * Pod status as the kubelet reports it, computed from the runtime's container records and the
 * kubelet's waiting reasons: phase, conditions, container statuses with state and lastState.
 */
import type { KObject } from '../../api/types.js';
import { toRfc3339 } from '../../util/clock.js';
import type { ContainerRecord } from '../runtime.js';

export interface ContainerView {
  name: string;
  image: string;
  /** The current attempt's record, if one was created. */
  current?: ContainerRecord;
  /** The attempt before it (lastState.terminated). */
  previous?: ContainerRecord;
  restartCount: number;
  waiting?: { reason: string; message?: string };
  ready: boolean;
}

export interface PodView {
  pod: KObject;
  nodeIp: string;
  podIp?: string;
  startTime?: number;
  containers: ContainerView[];
  initContainers: ContainerView[];
  /** Sandbox exists with networking: PodReadyToStartContainers. */
  sandboxReady: boolean;
  now: number;
}

type Condition = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string; reason?: string; message?: string };

export function computePodStatus(v: PodView, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const restartPolicy = ((v.pod['spec'] as { restartPolicy?: string } | undefined)?.restartPolicy ?? 'Always') as string;
  const phase = podPhase(v, restartPolicy);
  const containersReady = v.containers.every((c) => c.ready);
  const initDone = v.initContainers.every((c) => c.current?.state === 'exited' && c.current.exitCode === 0);
  const prevConditions = ((previous?.['conditions'] as Condition[] | undefined) ?? []).reduce<Record<string, Condition>>((m, c) => ((m[c.type] = c), m), {});
  const cond = (type: string, ok: boolean, reason?: string, message?: string): Condition => {
    const status = ok ? 'True' : 'False';
    const prev = prevConditions[type];
    const since = prev && prev.status === status ? prev.lastTransitionTime : toRfc3339(v.now);
    return { type, status, lastProbeTime: null, lastTransitionTime: since, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
  };
  const notReadyNames = v.containers.filter((c) => !c.ready).map((c) => c.name);
  const notReadyMsg = `containers with unready status: [${notReadyNames.join(' ')}]`;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const conditions: Condition[] = [
    cond('PodReadyToStartContainers', v.sandboxReady && !terminal),
    cond('Initialized', initDone, initDone ? undefined : 'ContainersNotInitialized', initDone ? undefined : `containers with incomplete status: [${v.initContainers.filter((c) => !(c.current?.state === 'exited' && c.current.exitCode === 0)).map((c) => c.name).join(' ')}]`),
    cond('Ready', containersReady && !terminal, containersReady && !terminal ? undefined : terminal ? 'PodCompleted' : 'ContainersNotReady', containersReady && !terminal ? undefined : terminal ? undefined : notReadyMsg),
    cond('ContainersReady', containersReady && !terminal, containersReady && !terminal ? undefined : terminal ? 'PodCompleted' : 'ContainersNotReady', containersReady && !terminal ? undefined : terminal ? undefined : notReadyMsg),
    (prevConditions['PodScheduled'] as Condition | undefined) ?? cond('PodScheduled', true),
  ];
  const status: Record<string, unknown> = {
    conditions,
    containerStatuses: v.containers.map((c) => containerStatus(c)),
    hostIP: v.nodeIp,
    hostIPs: [{ ip: v.nodeIp }],
    phase,
  };
  if (v.initContainers.length > 0) status['initContainerStatuses'] = v.initContainers.map((c) => containerStatus(c));
  if (v.podIp) {
    status['podIP'] = v.podIp;
    status['podIPs'] = [{ ip: v.podIp }];
  }
  if (previous?.['qosClass']) status['qosClass'] = previous['qosClass'];
  if (v.startTime !== undefined) status['startTime'] = toRfc3339(v.startTime);
  return status;
}

function podPhase(v: PodView, restartPolicy: string): string {
  const cs = v.containers;
  if (cs.length === 0) return 'Pending';
  const running = cs.filter((c) => c.current?.state === 'running').length;
  const exited = cs.filter((c) => c.current?.state === 'exited');
  const waiting = cs.filter((c) => !c.current || (c.current.state !== 'running' && c.waiting && c.waiting.reason !== 'CrashLoopBackOff'));
  if (waiting.length > 0 && running === 0 && exited.length === 0) return 'Pending';
  if (running > 0) return 'Running';
  if (exited.length === cs.length) {
    const failed = exited.some((c) => c.current!.exitCode !== 0);
    if (restartPolicy === 'Always') return 'Running';
    if (restartPolicy === 'OnFailure') return failed ? 'Running' : 'Succeeded';
    return failed ? 'Failed' : 'Succeeded';
  }
  return cs.some((c) => c.restartCount > 0) ? 'Running' : 'Pending';
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

function containerStatus(c: ContainerView): Record<string, unknown> {
  const r = c.current;
  let state: Record<string, unknown>;
  if (c.waiting && (!r || r.state !== 'running')) state = { waiting: { ...(c.waiting.message ? { message: c.waiting.message } : {}), reason: c.waiting.reason } };
  else if (r?.state === 'running') state = { running: { startedAt: toRfc3339(r.startedAt ?? r.createdAt) } };
  else if (r?.state === 'exited') state = terminated(r);
  else state = { waiting: { reason: 'ContainerCreating' } };
  const last = c.waiting?.reason === 'CrashLoopBackOff' && r?.state === 'exited' ? r : c.previous;
  const status: Record<string, unknown> = {
    image: c.image,
    imageID: r ? imageId(c.image) : '',
    lastState: last ? terminated(last) : {},
    name: c.name,
    ready: c.ready,
    restartCount: c.restartCount,
    started: r?.state === 'running',
    state,
  };
  if (r) status['containerID'] = `containerd://${r.id}`;
  return status;
}

/** A stable, plausible image digest reference for imageID. */
export function imageId(image: string): string {
  const base = image.includes('/') ? (image.split('/')[0]!.includes('.') ? image : `docker.io/${image.includes('/') ? image : `library/${image}`}`) : `docker.io/library/${image}`;
  const repo = base.split(':')[0]!.split('@')[0]!;
  let h = 0x811c9dc5;
  for (const ch of image) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const hex = (h.toString(16).padStart(8, '0') + 'a3f1c9e2b7d4').repeat(4).slice(0, 64);
  return `${repo}@sha256:${hex}`;
}
