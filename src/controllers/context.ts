/**
 * What every controller of the simulated kube-controller-manager is given: an API client (as
 * system:kube-controller-manager, or per controller service account when the manifest says
 * --use-service-account-credentials), event recorders named as the real components, the virtual
 * clock, a seeded RNG, and the settings the manifest's flags carry.
 */
import { ApiClient } from '../api/client.js';
import { EventRecorder } from '../api/events.js';
import type { Store } from '../api/store.js';
import type { VirtualClock } from '../util/clock.js';
import type { Rng } from '../util/rng.js';
import type { MetricsSource } from './hpa/metrics.js';
import { unavailableMetrics } from './hpa/metrics.js';

/** The kube-controller-manager flags the controllers read, with the v1.33 defaults. */
export interface ControllerManagerSettings {
  /** --controllers: `*`, `name`, `-name` (canonical names or their aliases). */
  controllers: string[];
  /** --allocate-node-cidrs */
  allocateNodeCidrs: boolean;
  /** --cluster-cidr (the pod network) */
  clusterCidr?: string;
  /** --node-cidr-mask-size (IPv4) */
  nodeCidrMaskSize: number;
  /** --service-cluster-ip-range */
  serviceCidr?: string;
  /** --node-monitor-period */
  nodeMonitorPeriodSeconds: number;
  /** --node-monitor-grace-period: 50 s since v1.32 (it was 40 s before). */
  nodeMonitorGracePeriodSeconds: number;
  /** --node-startup-grace-period */
  nodeStartupGracePeriodSeconds: number;
  /** --terminated-pod-gc-threshold */
  terminatedPodGcThreshold: number;
  /** --horizontal-pod-autoscaler-sync-period */
  hpaSyncPeriodSeconds: number;
  /** --horizontal-pod-autoscaler-downscale-stabilization */
  hpaDownscaleStabilizationSeconds: number;
  /** --horizontal-pod-autoscaler-tolerance */
  hpaTolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period */
  hpaCpuInitializationPeriodSeconds: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay */
  hpaInitialReadinessDelaySeconds: number;
  /** The cluster CA (--root-ca-file), published as kube-root-ca.crt in every namespace. */
  rootCaPem: string;
  /**
   * Dynamic provisioners the simulation runs (an external provisioner such as
   * rancher.io/local-path); classes naming any other provisioner are never provisioned.
   */
  provisioners: string[];
}

export const DEFAULT_SETTINGS: ControllerManagerSettings = {
  controllers: ['*'],
  allocateNodeCidrs: false,
  nodeCidrMaskSize: 24,
  nodeMonitorPeriodSeconds: 5,
  nodeMonitorGracePeriodSeconds: 50,
  nodeStartupGracePeriodSeconds: 60,
  terminatedPodGcThreshold: 12500,
  hpaSyncPeriodSeconds: 15,
  hpaDownscaleStabilizationSeconds: 300,
  hpaTolerance: 0.1,
  hpaCpuInitializationPeriodSeconds: 300,
  hpaInitialReadinessDelaySeconds: 30,
  rootCaPem: '',
  provisioners: ['rancher.io/local-path'],
};

export interface ControllerContextInit {
  client: ApiClient;
  clock: VirtualClock;
  rng: Rng;
  settings?: Partial<ControllerManagerSettings>;
  /** Per-controller clients (--use-service-account-credentials); defaults to `client`. */
  clientFor?: (serviceAccount: string) => ApiClient;
  /** Pod CPU usage for the HPA; without one, the resource metrics API is "not installed". */
  metrics?: MetricsSource;
  /** Is a simulated external provisioner's pod running? Defaults to always. */
  provisionerRunning?: (provisioner: string) => boolean;
}

export class ControllerContext {
  readonly client: ApiClient;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly settings: ControllerManagerSettings;
  readonly metrics: MetricsSource;
  readonly provisionerRunning: (provisioner: string) => boolean;
  private readonly clientFactory?: (serviceAccount: string) => ApiClient;
  private readonly recorders = new Map<string, EventRecorder>();

  constructor(init: ControllerContextInit) {
    this.client = init.client;
    this.clock = init.clock;
    this.rng = init.rng;
    this.settings = { ...DEFAULT_SETTINGS, ...init.settings };
    this.metrics = init.metrics ?? unavailableMetrics;
    this.provisionerRunning = init.provisionerRunning ?? (() => true);
    this.clientFactory = init.clientFor;
  }

  /** The etcd of the moment (an etcd restore swaps it), for cache-like reads. */
  get store(): Store {
    return this.client.api.store;
  }

  /** The client a controller writes with: its own service account when so configured. */
  clientAs(serviceAccount: string): ApiClient {
    return this.clientFactory ? this.clientFactory(serviceAccount) : this.client;
  }

  /** An event recorder whose source component is `component` (e.g. "deployment-controller"). */
  recorder(component: string, client: ApiClient = this.client): EventRecorder {
    let r = this.recorders.get(component);
    if (!r) this.recorders.set(component, (r = new EventRecorder(client, { component })));
    return r;
  }

  now(): number {
    return this.clock.now();
  }
}
