/** The scheduler's public surface: the component the run loop drives, and the pure cycle under it. */
export { Scheduler, queueOrder, type ScheduleAllResult, type SchedulerOptions, type SchedulerPodCondition, type SchedulerPort } from './scheduler.js';
export { scheduleOne, isScheduled, type NodePluginScores, type ScheduleOptions, type ScheduleResult, type Scheduled, type Unschedulable } from './schedule.js';
export { buildSnapshot, podInfo, ClusterSnapshot, NodeInfo, type PodInfo, type SnapshotInput } from './snapshot.js';
export { DEFAULT_SCHEDULER_NAME, defaultProfile } from './profile.js';
export { formatFitError, truncateMessage, NO_NODES_AVAILABLE } from './fitError.js';
export type { Plugin, Profile, Status, VolumeBindingDecision } from './framework.js';
