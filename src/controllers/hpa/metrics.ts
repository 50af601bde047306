/**
 * Where the HPA reads pod CPU usage: the resource metrics API (metrics.k8s.io) that
 * metrics-server serves. The simulation injects a source; errors are worded as the HPA's
 * metrics client words them, because they end up in `kubectl describe hpa`.
 */
import type { Pod } from '../util/types.js';

export interface PodUsage {
  /** CPU in millicores. */
  milliCpu: number;
  /** When the sample was taken (ms). */
  timestamp: number;
  /** The sampling window (seconds); metrics-server reports about 15 s. */
  windowSeconds?: number;
}

export type MetricsResult = { ok: true; usage: Map<string, PodUsage> } | { ok: false; error: string };

export interface MetricsSource {
  /** Usage of the pods (by name) in `namespace`, or an error such as metrics-server being absent. */
  podCpuUsage(namespace: string, pods: readonly Pod[]): MetricsResult;
}

/** What the metrics client says when no metrics-server is registered. */
export const METRICS_API_UNAVAILABLE = 'unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
/** What it says when metrics-server runs but has no samples for the pods yet. */
export const NO_METRICS_RETURNED = 'no metrics returned from resource metrics API';

export const unavailableMetrics: MetricsSource = {
  podCpuUsage: () => ({ ok: false, error: METRICS_API_UNAVAILABLE }),
};

/** A fixed table of usage by pod name, for tests and scenarios. */
export class StaticMetrics implements MetricsSource {
  readonly usage = new Map<string, number>();
  constructor(private readonly now: () => number) {}

  set(podName: string, milliCpu: number): void {
    this.usage.set(podName, milliCpu);
  }

  podCpuUsage(_namespace: string, pods: readonly Pod[]): MetricsResult {
    const out = new Map<string, PodUsage>();
    for (const p of pods) {
      const m = this.usage.get(p.metadata.name);
      if (m !== undefined) out.set(p.metadata.name, { milliCpu: m, timestamp: this.now() });
    }
    if (out.size === 0) return { ok: false, error: NO_METRICS_RETURNED };
    return { ok: true, usage: out };
  }
}
