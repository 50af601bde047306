/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler), autoscaling/v2 with
 * resource metrics: every 15 s it reads the scale target, computes replicas from pod CPU usage
 * (MetricsSource, i.e. metrics-server), stabilizes scale-downs over 5 minutes (or applies
 * spec.behavior), limits scale-ups, scales the target and reports conditions and events worded
 * as `kubectl describe hpa` shows them.
 */
import type { HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricSpec, MetricStatus, HPAScalingRules } from 'kubernetes-types/autoscaling/v2.js';
import type { ReconcileResult, Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { ApiError } from '../../api/errors.js';
import { notFound } from '../../api/errors.js';
import { type LabelSelector } from '../../api/labels.js';
import { resourceKey } from '../../api/registry.js';
import { clone, type Stored } from '../../api/types.js';
import { formatMilliCpu } from '../../api/quantity.js';
import { compileSelector } from '../util/selector.js';
import type { ControllerContext } from '../context.js';
import { deepEqual } from '../util/equal.js';
import { keyOf, splitKey } from '../util/keys.js';
import type { Hpa, Pod } from '../util/types.js';
import { Wakeups } from '../util/wakeups.js';
import { errorMessage } from '../util/writes.js';
import { resourceReplicas } from './replicas.js';

export const HPA_RESOURCE = 'horizontalpodautoscalers.autoscaling';
export const COMPONENT = 'horizontal-pod-autoscaler';

interface Recommendation {
  at: number;
  replicas: number;
}

interface ScaleEvent {
  at: number;
  change: number;
}

export class HorizontalPodAutoscalerController implements Reconciler {
  readonly name = 'horizontal-pod-autoscaler-controller';
  readonly watches = [HPA_RESOURCE];
  private readonly wake: Wakeups;
  private recommendations = new Map<string, Recommendation[]>();
  private scaleUps = new Map<string, ScaleEvent[]>();
  private scaleDowns = new Map<string, ScaleEvent[]>();

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs('horizontal-pod-autoscaler');
  }

  private get recorder() {
    return this.ctx.recorder(COMPONENT, this.client);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource !== HPA_RESOURCE || event.type === 'DELETED') return [];
    // Our own status writes do not need another pass; spec changes do.
    if (event.type === 'MODIFIED' && deepEqual((event.old as Hpa | undefined)?.spec, (event.object as Hpa).spec)) return [];
    return [keyOf(event.object)];
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    this.recommendations = new Map();
    this.scaleUps = new Map();
    this.scaleDowns = new Map();
    return this.ctx.store.list(HPA_RESOURCE).map(keyOf);
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.store.get(HPA_RESOURCE, namespace, name) as Hpa | undefined;
    if (!stored) {
      this.wake.forget(key);
      this.recommendations.delete(key);
      return;
    }
    const hpa = clone(stored) as Hpa;
    const status: HorizontalPodAutoscalerStatus = clone(stored.status ?? { desiredReplicas: 0 });
    try {
      this.reconcileAutoscaler(key, hpa, status);
    } finally {
      this.writeStatus(stored, status);
    }
    return this.wake.after(key, this.ctx.settings.hpaSyncPeriodSeconds);
  }

  private reconcileAutoscaler(key: string, hpa: Hpa, status: HorizontalPodAutoscalerStatus): void {
    const ref = hpa.spec!.scaleTargetRef;
    const info = this.ctx.client.api.registry.byKind(ref.apiVersion ?? '', ref.kind);
    const target = info ? (this.ctx.store.get(resourceKey(info), hpa.metadata.namespace ?? '', ref.name) as Stored | undefined) : undefined;
    if (!info || !target) {
      const err = info ? notFound(info, ref.name).message : `no matches for kind "${ref.kind}" in group "${(ref.apiVersion ?? '').split('/')[0]}"`;
      this.recorder.record(hpa, 'Warning', 'FailedGetScale', err);
      setCondition(status, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${err}`, this.ctx.clock.iso());
      status.currentReplicas = status.currentReplicas ?? 0;
      status.observedGeneration = hpa.metadata.generation;
      return;
    }
    const spec = target['spec'] as { replicas?: number; selector?: LabelSelector };
    const currentReplicas = spec.replicas ?? 1;
    const now = this.ctx.now();
    const iso = this.ctx.clock.iso();
    setCondition(status, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", iso);
    const minReplicas = hpa.spec!.minReplicas ?? 1;
    const maxReplicas = hpa.spec!.maxReplicas;
    let desired = 0;
    let reason = '';
    let rescale = true;
    let metricStatuses: MetricStatus[] | undefined = status.currentMetrics;
    if (currentReplicas === 0 && minReplicas !== 0) {
      rescale = false;
      setCondition(status, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', iso);
    } else if (currentReplicas > maxReplicas) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = minReplicas;
    } else {
      const matches = compileSelector(spec.selector);
      const pods = (this.ctx.store.list('pods', hpa.metadata.namespace) as Pod[]).filter((p) => matches(p.metadata.labels));
      const computed = this.computeReplicasForMetrics(hpa, status, currentReplicas, pods, iso);
      metricStatuses = computed.statuses;
      if (computed.replicas < 0) {
        status.currentReplicas = currentReplicas;
        status.currentMetrics = metricStatuses;
        this.recorder.record(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error!);
        status.observedGeneration = hpa.metadata.generation;
        return;
      }
      desired = computed.replicas;
      if (desired > currentReplicas) reason = `${computed.metricName} above target`;
      if (desired < currentReplicas) reason = 'All metrics below target';
      desired = hpa.spec!.behavior ? this.normalizeWithBehaviors(key, hpa, status, currentReplicas, desired, minReplicas, now, iso) : this.normalize(key, status, currentReplicas, desired, minReplicas, maxReplicas, now, iso);
      rescale = desired !== currentReplicas;
    }
    if (rescale) {
      try {
        this.client.patch(resourceKey(info), hpa.metadata.namespace ?? '', ref.name, 'merge', { spec: { replicas: desired } }, { subresource: 'scale' });
      } catch (e) {
        this.recorder.record(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${errorMessage(e)}`);
        setCondition(status, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${errorMessage(e)}`, iso);
        status.currentReplicas = currentReplicas;
        status.currentMetrics = metricStatuses;
        throw e;
      }
      setCondition(status, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, iso);
      this.recorder.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      this.storeScaleEvent(key, currentReplicas, desired, now);
      status.lastScaleTime = iso;
    } else desired = currentReplicas;
    status.observedGeneration = hpa.metadata.generation;
    status.currentReplicas = currentReplicas;
    status.desiredReplicas = desired;
    status.currentMetrics = metricStatuses;
  }

  /** computeReplicasForMetrics: the largest proposal; -1 when every metric failed. */
  private computeReplicasForMetrics(hpa: Hpa, status: HorizontalPodAutoscalerStatus, current: number, pods: Pod[], iso: string): { replicas: number; metricName: string; statuses: MetricStatus[]; error?: string } {
    const specs: MetricSpec[] = hpa.spec?.metrics?.length ? hpa.spec.metrics : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    const statuses: MetricStatus[] = [];
    let best = -1;
    let bestName = '';
    let invalid = 0;
    let firstError: string | undefined;
    for (const m of specs) {
      const r = this.computeResourceMetric(hpa, status, m, current, pods, iso);
      if ('error' in r) {
        invalid++;
        firstError ??= r.error;
        continue;
      }
      statuses.push(r.status);
      if (r.replicas > best) {
        best = r.replicas;
        bestName = r.metricName;
      }
    }
    if (invalid >= specs.length) return { replicas: -1, metricName: '', statuses, error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError}` };
    setCondition(status, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${bestName}`, iso);
    return { replicas: best, metricName: bestName, statuses };
  }

  private computeResourceMetric(hpa: Hpa, status: HorizontalPodAutoscalerStatus, m: MetricSpec, current: number, pods: Pod[], iso: string): { replicas: number; metricName: string; status: MetricStatus } | { error: string } {
    if (m.type !== 'Resource' || !m.resource) {
      const err = `failed to get ${m.type} metric value: the simulation serves no ${m.type} metrics API`;
      setCondition(status, 'ScalingActive', 'False', `FailedGet${m.type}Metric`, `the HPA was unable to compute the replica count: ${err}`, iso);
      return { error: err };
    }
    const res = m.resource.name;
    const target = m.resource.target;
    const fail = (inner: string) => {
      const detail = target.type === 'Utilization' ? `failed to get ${res} utilization: ${inner}` : `failed to get ${res} usage: ${inner}`;
      this.recorder.record(hpa, 'Warning', 'FailedGetResourceMetric', detail);
      setCondition(status, 'ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${detail}`, iso);
      return { error: `failed to get ${res} resource metric value: ${detail}` };
    };
    if (res !== 'cpu') return fail(`unable to get metrics for resource ${res}: no metrics returned from resource metrics API`);
    const metrics = this.ctx.metrics.podCpuUsage(hpa.metadata.namespace ?? '', pods);
    if (!metrics.ok) return fail(`unable to get metrics for resource ${res}: ${metrics.error}`);
    const s = this.ctx.settings;
    let result;
    try {
      result = resourceReplicas({
        currentReplicas: current,
        pods,
        usage: metrics.usage,
        targetUtilization: target.type === 'Utilization' ? (target.averageUtilization ?? 80) : undefined,
        targetAverageMilli: target.type === 'AverageValue' ? milliOf(target.averageValue) : undefined,
        tolerance: s.hpaTolerance,
        now: this.ctx.now(),
        cpuInitializationSeconds: s.hpaCpuInitializationPeriodSeconds,
        initialReadinessDelaySeconds: s.hpaInitialReadinessDelaySeconds,
      });
    } catch (e) {
      return fail(errorMessage(e));
    }
    const metricName = target.type === 'Utilization' ? `${res} resource utilization (percentage of request)` : `${res} resource`;
    const current_ = target.type === 'Utilization' ? { averageUtilization: result.utilization, averageValue: formatMilliCpu(result.averageMilli) } : { averageValue: formatMilliCpu(result.averageMilli) };
    return { replicas: result.replicas, metricName, status: { type: 'Resource', resource: { name: res, current: current_ } } };
  }

  /** normalizeDesiredReplicas: 5-minute scale-down stabilization and the scale-up limit. */
  private normalize(key: string, status: HorizontalPodAutoscalerStatus, current: number, desired: number, min: number, max: number, now: number, iso: string): number {
    const window = this.ctx.settings.hpaDownscaleStabilizationSeconds * 1000;
    const recs = (this.recommendations.get(key) ?? []).filter((r) => r.at > now - window);
    recs.push({ at: now, replicas: desired });
    this.recommendations.set(key, recs);
    const stabilized = Math.max(...recs.map((r) => r.replicas));
    if (stabilized !== desired) setCondition(status, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation', iso);
    else setCondition(status, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', iso);
    const upLimit = Math.max(2 * current, 4);
    let maxAllowed: number;
    let limitReason: string;
    let limitMessage: string;
    if (max > upLimit) {
      maxAllowed = upLimit;
      limitReason = 'ScaleUpLimit';
      limitMessage = 'the desired replica count is increasing faster than the maximum scale rate';
    } else {
      maxAllowed = max;
      limitReason = 'TooManyReplicas';
      limitMessage = 'the desired replica count is more than the maximum replica count';
    }
    let out = stabilized;
    if (stabilized < min) {
      out = min;
      limitReason = 'TooFewReplicas';
      limitMessage = 'the desired replica count is less than the minimum replica count';
    } else if (stabilized > maxAllowed) out = maxAllowed;
    else {
      limitReason = 'DesiredWithinRange';
      limitMessage = 'the desired count is within the acceptable range';
    }
    setCondition(status, 'ScalingLimited', out === stabilized ? 'False' : 'True', limitReason, limitMessage, iso);
    return out;
  }

  /** normalizeDesiredReplicasWithBehaviors: stabilization windows and rate policies per direction. */
  private normalizeWithBehaviors(key: string, hpa: Hpa, status: HorizontalPodAutoscalerStatus, current: number, desired: number, min: number, now: number, iso: string): number {
    const behavior = hpa.spec!.behavior!;
    const up: HPAScalingRules = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }], ...(behavior.scaleUp ?? {}) };
    const down: HPAScalingRules = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }], ...(behavior.scaleDown ?? {}) };
    const maxWindow = Math.max(up.stabilizationWindowSeconds ?? 0, down.stabilizationWindowSeconds ?? 0) * 1000;
    const recs = (this.recommendations.get(key) ?? []).filter((r) => r.at > now - maxWindow);
    recs.push({ at: now, replicas: desired });
    this.recommendations.set(key, recs);
    let upRec = desired;
    let downRec = desired;
    for (const r of recs) {
      if (r.at > now - (up.stabilizationWindowSeconds ?? 0) * 1000) upRec = Math.min(upRec, r.replicas);
      if (r.at > now - (down.stabilizationWindowSeconds ?? 0) * 1000) downRec = Math.max(downRec, r.replicas);
    }
    let stabilized = current;
    if (stabilized < upRec) stabilized = upRec;
    if (stabilized > downRec) stabilized = downRec;
    if (stabilized !== desired) setCondition(status, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation', iso);
    else setCondition(status, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', iso);
    let out = stabilized;
    let reason = 'DesiredWithinRange';
    let message = 'the desired count is within the acceptable range';
    if (stabilized > current) {
      const limit = this.policyLimit(up, current, this.scaleUps.get(key) ?? [], now, true);
      const maxAllowed = Math.min(limit, hpa.spec!.maxReplicas);
      if (stabilized > maxAllowed) {
        out = maxAllowed;
        [reason, message] = limit < hpa.spec!.maxReplicas ? ['ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'] : ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
      }
    } else if (stabilized < current) {
      const limit = this.policyLimit(down, current, this.scaleDowns.get(key) ?? [], now, false);
      const minAllowed = Math.max(limit, min);
      if (stabilized < minAllowed) {
        out = minAllowed;
        [reason, message] = limit > min ? ['ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate'] : ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
      }
    }
    setCondition(status, 'ScalingLimited', out === stabilized ? 'False' : 'True', reason, message, iso);
    return out;
  }

  /** The furthest the policies allow from the current size, given recent scale events. */
  private policyLimit(rules: HPAScalingRules, current: number, events: ScaleEvent[], now: number, up: boolean): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const candidates: number[] = [];
    for (const p of rules.policies ?? []) {
      const changed = events.filter((e) => e.at > now - p.periodSeconds * 1000).reduce((s, e) => s + e.change, 0);
      const base = up ? current - changed : current + changed;
      if (p.type === 'Pods') candidates.push(up ? base + p.value : base - p.value);
      else candidates.push(up ? Math.ceil(base * (1 + p.value / 100)) : Math.ceil(base * (1 - p.value / 100)));
    }
    if (candidates.length === 0) return up ? Infinity : 0;
    const pickMax = (rules.selectPolicy ?? 'Max') === 'Max';
    return up === pickMax ? Math.max(...candidates) : Math.min(...candidates);
  }

  private storeScaleEvent(key: string, from: number, to: number, now: number): void {
    const map = to > from ? this.scaleUps : this.scaleDowns;
    const list = (map.get(key) ?? []).filter((e) => e.at > now - 3_600_000);
    list.push({ at: now, change: Math.abs(to - from) });
    map.set(key, list);
  }

  private writeStatus(stored: Hpa, status: HorizontalPodAutoscalerStatus): void {
    const latest = this.ctx.store.get(HPA_RESOURCE, stored.metadata.namespace ?? '', stored.metadata.name) as Hpa | undefined;
    if (!latest) return;
    const clean = JSON.parse(JSON.stringify(status)) as HorizontalPodAutoscalerStatus;
    if (deepEqual(latest.status, clean)) return;
    try {
      this.client.updateStatus(HPA_RESOURCE, { ...clone(latest), status: clean });
    } catch (e) {
      if (!(e instanceof ApiError && (e.code === 404 || e.code === 409))) throw e;
    }
  }
}

/** setConditionInList: update in place, transition time only on a status change. */
function setCondition(status: HorizontalPodAutoscalerStatus, type: string, value: string, reason: string, message: string, iso: string): void {
  const list = ((status as { conditions?: HorizontalPodAutoscalerCondition[] }).conditions ??= []);
  let c = list.find((x) => x.type === type);
  if (!c) {
    c = { type, status: value };
    list.push(c);
    c.lastTransitionTime = iso;
  } else if (c.status !== value) c.lastTransitionTime = iso;
  c.status = value;
  c.reason = reason;
  c.message = message;
}

function milliOf(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const s = String(q);
  if (s.endsWith('m')) return Number(s.slice(0, -1));
  return Number(s) * 1000;
}
