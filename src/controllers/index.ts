/**
 * The simulated kube-controller-manager: its controllers, in the order the real one registers
 * them, filtered by the --controllers list. The cluster wraps the reconcilers in one run-loop
 * component that is active while the controller-manager's static pod runs, and (separately) the
 * simulated external provisioners, active while their pods run.
 */
import type { Reconciler } from '../cluster/runloop.js';
import type { ControllerContext } from './context.js';
import { isControllerEnabled } from './names.js';
import { EndpointsController } from './endpoints.js';
import { EndpointSliceController } from './endpointslice.js';
import { PodGarbageCollector } from './podgc.js';
import { ResourceQuotaController } from './resourcequota.js';
import { NamespaceController } from './namespace.js';
import { RootCaPublisher, ServiceAccountController, TtlController } from './serviceaccount.js';
import { GarbageCollector } from './garbagecollector.js';
import { DaemonSetController } from './daemonset/index.js';
import { JobController } from './job/index.js';
import { DeploymentController } from './deployment/index.js';
import { ReplicaSetController } from './replicaset.js';
import { HorizontalPodAutoscalerController } from './hpa/index.js';
import { StatefulSetController } from './statefulset/index.js';
import { CronJobController } from './cronjob/index.js';
import { NodeIpamController } from './nodeipam.js';
import { NodeLifecycleController } from './nodelifecycle.js';
import { PersistentVolumeBinder } from './volume/binder.js';
import { PvcProtectionController, PvProtectionController } from './volume/protection.js';
import { TtlAfterFinishedController } from './ttlafterfinished.js';
import { TaintEvictionController } from './tainteviction.js';
import { ExternalProvisioner } from './volume/provisioner.js';

export { ControllerContext, DEFAULT_SETTINGS, type ControllerManagerSettings, type ControllerContextInit } from './context.js';
export { isControllerEnabled, canonicalControllerName, parseControllersFlag, CONTROLLER_ALIASES } from './names.js';
export type { MetricsSource, MetricsResult, PodUsage } from './hpa/metrics.js';
export { StaticMetrics, unavailableMetrics, METRICS_API_UNAVAILABLE, NO_METRICS_RETURNED } from './hpa/metrics.js';
export { optionsFromFlags } from './flags.js';

export interface ControllerDescriptor {
  /** Canonical --controllers name. */
  name: string;
  create(ctx: ControllerContext): Reconciler[];
}

/** Registration order of cmd/kube-controller-manager (the subset the simulation implements). */
export const CONTROLLERS: readonly ControllerDescriptor[] = [
  { name: 'endpoints-controller', create: (ctx) => [new EndpointsController(ctx)] },
  { name: 'endpointslice-controller', create: (ctx) => [new EndpointSliceController(ctx)] },
  { name: 'pod-garbage-collector-controller', create: (ctx) => [new PodGarbageCollector(ctx)] },
  { name: 'resourcequota-controller', create: (ctx) => [new ResourceQuotaController(ctx)] },
  { name: 'namespace-controller', create: (ctx) => [new NamespaceController(ctx)] },
  { name: 'serviceaccount-controller', create: (ctx) => [new ServiceAccountController(ctx)] },
  { name: 'garbage-collector-controller', create: (ctx) => [new GarbageCollector(ctx)] },
  { name: 'daemonset-controller', create: (ctx) => [new DaemonSetController(ctx)] },
  { name: 'job-controller', create: (ctx) => [new JobController(ctx)] },
  { name: 'deployment-controller', create: (ctx) => [new DeploymentController(ctx)] },
  { name: 'replicaset-controller', create: (ctx) => [new ReplicaSetController(ctx)] },
  { name: 'horizontal-pod-autoscaler-controller', create: (ctx) => [new HorizontalPodAutoscalerController(ctx)] },
  { name: 'statefulset-controller', create: (ctx) => [new StatefulSetController(ctx)] },
  { name: 'cronjob-controller', create: (ctx) => [new CronJobController(ctx)] },
  { name: 'ttl-controller', create: (ctx) => [new TtlController(ctx)] },
  { name: 'node-ipam-controller', create: (ctx) => [new NodeIpamController(ctx)] },
  { name: 'node-lifecycle-controller', create: (ctx) => [new NodeLifecycleController(ctx)] },
  { name: 'persistentvolume-binder-controller', create: (ctx) => [new PersistentVolumeBinder(ctx)] },
  { name: 'persistentvolumeclaim-protection-controller', create: (ctx) => [new PvcProtectionController(ctx)] },
  { name: 'persistentvolume-protection-controller', create: (ctx) => [new PvProtectionController(ctx)] },
  { name: 'ttl-after-finished-controller', create: (ctx) => [new TtlAfterFinishedController(ctx)] },
  { name: 'root-ca-certificate-publisher-controller', create: (ctx) => [new RootCaPublisher(ctx)] },
  { name: 'taint-eviction-controller', create: (ctx) => [new TaintEvictionController(ctx)] },
];

/** The reconcilers of every enabled controller, in a deterministic order. */
export function controllerManagerReconcilers(ctx: ControllerContext): Reconciler[] {
  const out: Reconciler[] = [];
  for (const d of CONTROLLERS) if (isControllerEnabled(d.name, ctx.settings.controllers)) out.push(...d.create(ctx));
  return out;
}

/**
 * The simulated external provisioners (ctx.settings.provisioners): not part of the
 * controller-manager; run them as their own component, active while the provisioner's pod runs.
 */
export function externalProvisioners(ctx: ControllerContext): Reconciler[] {
  return ctx.settings.provisioners.map((p) => new ExternalProvisioner(ctx, p));
}
