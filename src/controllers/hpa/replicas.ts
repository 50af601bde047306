/**
 * The HPA replica calculation for resource metrics (podautoscaler/replica_calculator.go), pure:
 * usage over requests of the ready pods against the target; within the 10 % tolerance nothing
 * changes; unready pods count as idle on a scale-up, pods without metrics as idle on a scale-up
 * and as at target on a scale-down; a change of direction after that correction is cancelled.
 */
import { milliCpu } from '../../api/quantity.js';
import { parseTime } from '../../util/clock.js';
import { podCondition } from '../util/pods.js';
import type { Pod } from '../util/types.js';
import type { PodUsage } from './metrics.js';

export interface ReplicaCalcInput {
  currentReplicas: number;
  pods: Pod[];
  usage: Map<string, PodUsage>;
  /** Target average utilization (percent of request), or... */
  targetUtilization?: number;
  /** ...target average value in millicores. */
  targetAverageMilli?: number;
  tolerance: number;
  now: number;
  cpuInitializationSeconds: number;
  initialReadinessDelaySeconds: number;
}

export interface ReplicaCalcResult {
  replicas: number;
  /** Average utilization in percent (Utilization targets). */
  utilization?: number;
  /** Average usage in millicores. */
  averageMilli: number;
}

export class ReplicaCalcError extends Error {}

/** groupPods: ready pods, unready ones, ones without metrics, ignored ones. */
function groupPods(input: ReplicaCalcInput) {
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  let ready = 0;
  for (const p of input.pods) {
    const name = p.metadata.name;
    if (p.metadata.deletionTimestamp || p.status?.phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (p.status?.phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = input.usage.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    const cond = podCondition(p, 'Ready');
    const start = parseTime(p.status?.startTime);
    let isUnready: boolean;
    if (!cond || start === undefined) isUnready = true;
    else {
      const transition = parseTime(cond.lastTransitionTime) ?? 0;
      if (start + input.cpuInitializationSeconds * 1000 > input.now) {
        isUnready = cond.status === 'False' || metric.timestamp < transition + (metric.windowSeconds ?? 15) * 1000;
      } else {
        isUnready = cond.status === 'False' && start + input.initialReadinessDelaySeconds * 1000 > transition;
      }
    }
    if (isUnready) {
      unready.add(name);
      continue;
    }
    ready++;
  }
  return { ready, unready, missing, ignored };
}

/** calculatePodRequests: CPU requests per pod; a container without one is an error. */
function podRequests(pods: Pod[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pods) {
    let sum = 0;
    for (const c of p.spec?.containers ?? []) {
      const req = c.resources?.requests?.['cpu'];
      if (req === undefined) throw new ReplicaCalcError(`missing request for cpu in container ${c.name} of Pod ${p.metadata.name}`);
      sum += milliCpu(req);
    }
    out.set(p.metadata.name, sum);
  }
  return out;
}

function ratio(metrics: Map<string, number>, requests: Map<string, number>, input: ReplicaCalcInput): { ratio: number; utilization: number; average: number } {
  let total = 0;
  let reqTotal = 0;
  let n = 0;
  for (const [name, value] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    total += value;
    reqTotal += r;
    n++;
  }
  if (input.targetAverageMilli !== undefined) {
    if (n === 0) throw new ReplicaCalcError('no metrics returned matched known pods');
    const average = total / n;
    return { ratio: average / input.targetAverageMilli, utilization: 0, average: Math.trunc(average) };
  }
  if (reqTotal === 0) throw new ReplicaCalcError('no metrics returned matched known pods');
  const utilization = Math.trunc((total * 100) / reqTotal);
  return { ratio: utilization / input.targetUtilization!, utilization, average: Math.trunc(total / n) };
}

export function resourceReplicas(input: ReplicaCalcInput): ReplicaCalcResult {
  if (input.pods.length === 0) throw new ReplicaCalcError('no pods returned by selector while calculating replica count');
  const { ready, unready, missing, ignored } = groupPods(input);
  const metrics = new Map<string, number>();
  for (const [name, m] of input.usage) if (!ignored.has(name) && !unready.has(name)) metrics.set(name, m.milliCpu);
  const requests = podRequests(input.pods);
  if (metrics.size === 0) throw new ReplicaCalcError('did not receive metrics for targeted pods (pods might be unready)');
  const first = ratio(metrics, requests, input);
  const scaleUpWithUnready = unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1 - first.ratio) <= input.tolerance) return { replicas: input.currentReplicas, utilization: first.utilization, averageMilli: first.average };
    return { replicas: Math.ceil(first.ratio * ready), utilization: first.utilization, averageMilli: first.average };
  }
  if (missing.size > 0) {
    for (const name of missing) {
      if (first.ratio < 1) {
        const fallback = input.targetAverageMilli !== undefined ? input.targetAverageMilli : ((requests.get(name) ?? 0) * Math.max(100, input.targetUtilization!)) / 100;
        metrics.set(name, fallback);
      } else if (first.ratio > 1) metrics.set(name, 0);
    }
  }
  if (scaleUpWithUnready) for (const name of unready) metrics.set(name, 0);
  const second = ratio(metrics, requests, input);
  if (Math.abs(1 - second.ratio) <= input.tolerance || (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1)) {
    return { replicas: input.currentReplicas, utilization: first.utilization, averageMilli: first.average };
  }
  const replicas = Math.ceil(second.ratio * metrics.size);
  if ((second.ratio < 1 && replicas > input.currentReplicas) || (second.ratio > 1 && replicas < input.currentReplicas)) {
    return { replicas: input.currentReplicas, utilization: first.utilization, averageMilli: first.average };
  }
  return { replicas, utilization: first.utilization, averageMilli: first.average };
}
