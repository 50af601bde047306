/**
 * Pods and pod templates (printers.go printPod, printPodTemplate). The STATUS column is the
 * aggregate the pod printer computes from init containers, containers and deletion: Init:0/1,
 * Init:CrashLoopBackOff, PodInitializing, ContainerCreating, CrashLoopBackOff, Completed,
 * Error, NotReady, Terminating, Unknown (NodeLost), Evicted, SchedulingGated, ...
 */

import type { Container, ContainerStatus, Pod, PodTemplate } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../../api/types.js';
import { ageSince } from '../../duration.js';
import { containerCells, formatLabels } from '../format.js';
import type { KindHandler, RowContext } from '../types.js';
import { AGE, NAME, col, wide } from '../types.js';

const isRestartableInit = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

interface Summary {
  ready: string;
  status: string;
  restarts: number;
  lastRestart?: string;
}

/** Summaries by stored pod (frozen: a change is a new object); only RESTARTS' age depends on now. */
const summaries = new WeakMap<object, Summary>();

/** READY, STATUS and RESTARTS of a pod, as printPod computes them. */
export function podSummary(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  let s = summaries.get(pod);
  if (!s) {
    s = summarize(pod);
    if (Object.isFrozen(pod)) summaries.set(pod, s);
  }
  let restartsText = String(s.restarts);
  if (s.restarts !== 0 && s.lastRestart) restartsText = `${s.restarts} (${ageSince(s.lastRestart, now)} ago)`;
  return { ready: s.ready, status: s.status, restarts: restartsText };
}

function summarize(pod: Pod): Summary {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart: string | undefined;
  let lastSidecarRestart: string | undefined;

  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
    const sidecar = isRestartableInit(initContainers.get(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, c.lastState?.terminated?.finishedAt);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = 'Init:' + terminated.reason;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = 'Init:' + waiting.reason;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting && waiting.reason) reason = waiting.reason;
      else if (terminated && terminated.reason) reason = terminated.reason;
      else if (terminated && !terminated.reason) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts, lastRestart };
}

function podRow(obj: KObject, ctx: RowContext) {
  const pod = obj as unknown as Pod;
  const s = podSummary(pod, ctx.now);
  const gates = pod.spec?.readinessGates ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const cond = (pod.status?.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (cond?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [
    pod.metadata?.name ?? '',
    s.ready,
    s.status,
    s.restarts,
    ageSince(pod.metadata?.creationTimestamp, ctx.now),
    pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    readinessGates,
  ];
}

export const podHandlers: KindHandler[] = [
  {
    group: '',
    kind: 'Pod',
    columns: [NAME, col('Ready'), col('Status'), col('Restarts'), AGE, wide('IP'), wide('Node'), wide('Nominated Node'), wide('Readiness Gates')],
    row: podRow,
  },
  {
    group: '',
    kind: 'PodTemplate',
    columns: [NAME, col('Containers'), col('Images'), col('Pod Labels')],
    row: (obj) => {
      const t = obj as unknown as PodTemplate;
      const [names, images] = containerCells(t.template?.spec?.containers);
      return [t.metadata?.name ?? '', names, images, formatLabels(t.template?.metadata?.labels)];
    },
  },
];
