/**
 * apps/v1 and batch/v1 workloads and the legacy ReplicationController (printers.go
 * printDeployment, printReplicaSet, printDaemonSet, printStatefulSet, printJob, printCronJob,
 * printReplicationController, printControllerRevision).
 */

import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../../api/types.js';
import { ageSince, humanDuration } from '../../duration.js';
import { boolPtr, containerCells, formatLabelSelector, formatLabels, selectorString } from '../format.js';
import type { KindHandler } from '../types.js';
import { AGE, NAME, col, wide } from '../types.js';

const TEMPLATE_WIDE = [wide('Containers'), wide('Images'), wide('Selector')];

const name = (o: KObject): string => o.metadata.name ?? '';

/** STATUS as v1.33 prints it (SuccessCriteriaMet only shows from v1.34). */
function jobStatus(job: Job): string {
  const is = (type: string): boolean => {
    const c = job.status?.conditions?.find((x) => x.type === type);
    return c?.status === 'True';
  };
  if (is('Complete')) return 'Complete';
  if (is('Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (is('Suspended')) return 'Suspended';
  if (is('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** COMPLETIONS: "1/3", or "0/1 of 2" for a parallel job without completions. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec.completions !== null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: Job, now: number): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime;
  return end ? humanDuration(Date.parse(end) - Date.parse(start)) : humanDuration(now - Date.parse(start));
}

export const workloadHandlers: KindHandler[] = [
  {
    group: 'apps',
    kind: 'Deployment',
    columns: [NAME, col('Ready'), col('Up-to-date'), col('Available'), AGE, ...TEMPLATE_WIDE],
    row: (obj, ctx) => {
      const d = obj as unknown as Deployment;
      const [names, images] = containerCells(d.spec?.template?.spec?.containers);
      const selector = selectorString(d.spec?.selector);
      return [
        name(obj),
        `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
        d.status?.updatedReplicas ?? 0,
        d.status?.availableReplicas ?? 0,
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        names,
        images,
        selector === undefined ? '<invalid>' : selector,
      ];
    },
  },
  {
    group: 'apps',
    kind: 'ReplicaSet',
    columns: [NAME, col('Desired'), col('Current'), col('Ready'), AGE, ...TEMPLATE_WIDE],
    row: (obj, ctx) => {
      const rs = obj as unknown as ReplicaSet;
      const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
      return [
        name(obj),
        rs.spec?.replicas ?? 0,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        names,
        images,
        formatLabelSelector(rs.spec?.selector),
      ];
    },
  },
  {
    group: 'apps',
    kind: 'DaemonSet',
    columns: [NAME, col('Desired'), col('Current'), col('Ready'), col('Up-to-date'), col('Available'), col('Node Selector'), AGE, ...TEMPLATE_WIDE],
    row: (obj, ctx) => {
      const ds = obj as unknown as DaemonSet;
      const s = ds.status;
      const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
      return [
        name(obj),
        s?.desiredNumberScheduled ?? 0,
        s?.currentNumberScheduled ?? 0,
        s?.numberReady ?? 0,
        s?.updatedNumberScheduled ?? 0,
        s?.numberAvailable ?? 0,
        formatLabels(ds.spec?.template?.spec?.nodeSelector),
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        names,
        images,
        formatLabelSelector(ds.spec?.selector),
      ];
    },
  },
  {
    group: 'apps',
    kind: 'StatefulSet',
    columns: [NAME, col('Ready'), AGE, wide('Containers'), wide('Images')],
    row: (obj, ctx) => {
      const sts = obj as unknown as StatefulSet;
      const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
      return [name(obj), `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`, ageSince(obj.metadata.creationTimestamp, ctx.now), names, images];
    },
  },
  {
    group: 'apps',
    kind: 'ControllerRevision',
    columns: [NAME, col('Controller'), col('Revision'), AGE],
    row: (obj, ctx) => {
      const cr = obj as unknown as ControllerRevision;
      const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
      let controller = '<none>';
      if (ref) {
        const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
        controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
      }
      return [name(obj), controller, cr.revision ?? 0, ageSince(obj.metadata.creationTimestamp, ctx.now)];
    },
  },
  {
    group: '',
    kind: 'ReplicationController',
    columns: [NAME, col('Desired'), col('Current'), col('Ready'), AGE, ...TEMPLATE_WIDE],
    row: (obj, ctx) => {
      const rc = obj as unknown as ReplicationController;
      const [names, images] = containerCells(rc.spec?.template?.spec?.containers);
      return [
        name(obj),
        rc.spec?.replicas ?? 1,
        rc.status?.replicas ?? 0,
        rc.status?.readyReplicas ?? 0,
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        names,
        images,
        formatLabels(rc.spec?.selector),
      ];
    },
  },
  {
    group: 'batch',
    kind: 'Job',
    columns: [NAME, col('Status'), col('Completions'), col('Duration'), AGE, ...TEMPLATE_WIDE],
    row: (obj, ctx) => {
      const job = obj as unknown as Job;
      const [names, images] = containerCells(job.spec?.template?.spec?.containers);
      return [
        name(obj),
        jobStatus(job),
        jobCompletions(job),
        jobDuration(job, ctx.now),
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        names,
        images,
        formatLabelSelector(job.spec?.selector),
      ];
    },
  },
  {
    group: 'batch',
    kind: 'CronJob',
    columns: [NAME, col('Schedule'), col('Timezone'), col('Suspend'), col('Active'), col('Last Schedule'), AGE, ...TEMPLATE_WIDE],
    row: (obj, ctx) => {
      const cj = obj as unknown as CronJob;
      const jobSpec = cj.spec?.jobTemplate?.spec;
      const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
      const last = cj.status?.lastScheduleTime ? ageSince(cj.status.lastScheduleTime, ctx.now) : '<none>';
      return [
        name(obj),
        cj.spec?.schedule ?? '',
        cj.spec?.timeZone ?? '<none>',
        boolPtr(cj.spec?.suspend),
        cj.status?.active?.length ?? 0,
        last,
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        names,
        images,
        formatLabelSelector(jobSpec?.selector),
      ];
    },
  },
];
