/**
 * The default profile of kube-scheduler v1.33 (pkg/scheduler/apis/config/v1/default_plugins.go):
 * the order is the order Filter runs in, and a node's status is the first plugin's that
 * rejects it; the weights multiply each plugin's normalised score. Not simulated: SchedulingGates
 * (gated pods are skipped by the Scheduler), PrioritySort (the Scheduler's queue order),
 * NodeVolumeLimits (CSI attach limits) and DefaultBinder (the port's bind).
 */
import type { Profile } from './framework.js';
import { imageLocality } from './plugins/imageLocality.js';
import { interPodAffinity } from './plugins/interPodAffinity.js';
import { nodeAffinity } from './plugins/nodeAffinity.js';
import { nodeName } from './plugins/nodeName.js';
import { nodePorts } from './plugins/nodePorts.js';
import { nodeResourcesBalancedAllocation } from './plugins/nodeResourcesBalancedAllocation.js';
import { nodeResourcesFit } from './plugins/nodeResourcesFit.js';
import { nodeUnschedulable } from './plugins/nodeUnschedulable.js';
import { podTopologySpread } from './plugins/podTopologySpread.js';
import { taintToleration } from './plugins/taintToleration.js';
import { volumeBinding } from './plugins/volumeBinding.js';
import { volumeRestrictions } from './plugins/volumeRestrictions.js';
import { volumeZone } from './plugins/volumeZone.js';
import { defaultPreemption } from './plugins/defaultPreemption.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export const defaultProfile: Profile = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  plugins: [
    { plugin: nodeUnschedulable, weight: 0 },
    { plugin: nodeName, weight: 0 },
    { plugin: taintToleration, weight: 3 },
    { plugin: nodeAffinity, weight: 2 },
    { plugin: nodePorts, weight: 0 },
    { plugin: nodeResourcesFit, weight: 1 },
    { plugin: volumeRestrictions, weight: 0 },
    { plugin: volumeBinding, weight: 0 },
    { plugin: volumeZone, weight: 0 },
    { plugin: podTopologySpread, weight: 2 },
    { plugin: interPodAffinity, weight: 2 },
    { plugin: nodeResourcesBalancedAllocation, weight: 1 },
    { plugin: imageLocality, weight: 1 },
  ],
  postFilter: defaultPreemption,
};
