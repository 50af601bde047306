/** `kubectl describe job` and `cronjob` (describe.go describeJob, describeCronJob). */

import type { CronJob, Job, JobTemplateSpec } from 'kubernetes-types/batch/v1.js';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../api/types.js';
import { humanDuration } from '../../printers/duration.js';
import { selectorString } from '../../printers/table/format.js';
import type { DescribeContext } from '../common.js';
import { controllerOf, describeEvents, printAnnotationsMultiline, printBoolPtr, printLabelsMultiline, rfc1123z, searchEvents } from '../common.js';
import { describePodTemplate } from '../podspec.js';
import type { Writer } from '../writer.js';
import { LEVEL_0, tabbedString } from '../writer.js';

const isSet = <T>(v: T | undefined | null): v is T => v !== undefined && v !== null;

/** capIndexesListOrNone: a completed-indexes list cut after the first comma past 50 chars. */
function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ',') break;
  return ix >= indexes.length ? indexes : indexes.slice(0, ix + 1) + '...';
}

export function describeJob(obj: KObject, ctx: DescribeContext): string {
  const job = obj as unknown as Job;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  const spec = job.spec!;
  const status = job.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector) ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    const controlledBy = controllerOf(obj);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (isSet(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, isSet(spec.completions) ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
    if (isSet(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (isSet(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (isSet(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (isSet(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
    if (status.startTime && status.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}\n`);
    if (isSet(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (!isSet(status.ready)) w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(status.completedIndexes)}\n`);
    describePodTemplate(spec.template, w);
    describeEvents(events, w, ctx.now);
  });
}

function describeJobTemplate(t: JobTemplateSpec | undefined, w: Writer): void {
  const spec = t?.spec;
  w.write(LEVEL_0, spec?.selector ? `Selector:\t${selectorString(spec.selector) ?? ''}\n` : 'Selector:\t<unset>\n');
  w.write(LEVEL_0, isSet(spec?.parallelism) ? `Parallelism:\t${spec!.parallelism}\n` : 'Parallelism:\t<unset>\n');
  w.write(LEVEL_0, isSet(spec?.completions) ? `Completions:\t${spec!.completions}\n` : 'Completions:\t<unset>\n');
  if (isSet(spec?.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec!.activeDeadlineSeconds}s\n`);
  describePodTemplate(spec?.template, w);
}

function printActiveJobs(w: Writer, title: string, jobs: ObjectReference[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!jobs || jobs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  jobs.forEach((j, i) => {
    if (i !== 0) w.write(LEVEL_0, ', ');
    w.write(LEVEL_0, j.name ?? '');
  });
  w.writeLine('');
}

export function describeCronJob(obj: KObject, ctx: DescribeContext): string {
  const cj = obj as unknown as CronJob;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  const spec = cj.spec!;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
    w.write(LEVEL_0, isSet(spec.successfulJobsHistoryLimit) ? `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit}\n` : 'Successful Job History Limit:\t<unset>\n');
    w.write(LEVEL_0, isSet(spec.failedJobsHistoryLimit) ? `Failed Job History Limit:\t${spec.failedJobsHistoryLimit}\n` : 'Failed Job History Limit:\t<unset>\n');
    w.write(LEVEL_0, isSet(spec.startingDeadlineSeconds) ? `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n` : 'Starting Deadline Seconds:\t<unset>\n');
    describeJobTemplate(spec.jobTemplate, w);
    w.write(LEVEL_0, cj.status?.lastScheduleTime ? `Last Schedule Time:\t${rfc1123z(cj.status.lastScheduleTime)}\n` : 'Last Schedule Time:\t<unset>\n');
    printActiveJobs(w, 'Active Jobs', cj.status?.active);
    describeEvents(events, w, ctx.now);
  });
}
