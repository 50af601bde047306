/** `kubectl describe replicaset` and `replicationcontroller` (describe.go). */

import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../api/types.js';
import { formatLabelSelector, formatLabels, selectorString } from '../../printers/table/format.js';
import type { DescribeContext } from '../common.js';
import { controllerOf, describeEvents, printAnnotationsMultiline, printLabelsMultiline, searchEvents } from '../common.js';
import { podStatusForController, podsStatusLine } from '../controllers.js';
import { describePodTemplate } from '../podspec.js';
import type { Writer } from '../writer.js';
import { LEVEL_0, LEVEL_1, tabbedString } from '../writer.js';

function conditions(list: { type: string; status: string; reason?: string }[] | undefined, w: Writer): void {
  if (!list || list.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of list) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

export function describeReplicaSet(obj: KObject, ctx: DescribeContext): string {
  const rs = obj as unknown as ReplicaSet;
  const counts = podStatusForController(ctx, obj.metadata.namespace, selectorString(rs.spec?.selector) ?? '', obj.metadata.uid);
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    const controlledBy = controllerOf(obj);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${podsStatusLine(counts)}\n`);
    describePodTemplate(rs.spec?.template, w);
    conditions(rs.status?.conditions, w);
    describeEvents(events, w, ctx.now);
  });
}

export function describeReplicationController(obj: KObject, ctx: DescribeContext): string {
  const rc = obj as unknown as ReplicationController;
  const selector = Object.entries(rc.spec?.selector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const counts = podStatusForController(ctx, obj.metadata.namespace, selector, obj.metadata.uid);
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(rc.spec?.template, w);
    conditions(rc.status?.conditions, w);
    describeEvents(events, w, ctx.now);
  });
}
