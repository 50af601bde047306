/** `kubectl describe daemonset` and `statefulset` (describe.go). */

import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { KObject } from '../../../api/types.js';
import { canonicalQuantity } from '../../printers/quantity.js';
import { formatLabels, selectorString } from '../../printers/table/format.js';
import { storageClassOf } from '../../printers/table/columns/storage.js';
import type { DescribeContext } from '../common.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, searchEvents } from '../common.js';
import { podStatusForController, podsStatusLine } from '../controllers.js';
import { describePodTemplate } from '../podspec.js';
import { LEVEL_0, LEVEL_1, tabbedString } from '../writer.js';

export function describeDaemonSet(obj: KObject, ctx: DescribeContext): string {
  const ds = obj as unknown as DaemonSet;
  const selector = selectorString(ds.spec?.selector) ?? '';
  const counts = podStatusForController(ctx, obj.metadata.namespace, selector, obj.metadata.uid);
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  const s = ds.status;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(ds.spec?.template, w);
    describeEvents(events, w, ctx.now);
  });
}

export function describeStatefulSet(obj: KObject, ctx: DescribeContext): string {
  const sts = obj as unknown as StatefulSet;
  const selector = selectorString(sts.spec?.selector) ?? '';
  const counts = podStatusForController(ctx, obj.metadata.namespace, selector, obj.metadata.uid);
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${sts.spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${sts.spec?.updateStrategy?.type ?? ''}\n`);
    const ru = sts.spec?.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(sts.spec?.template, w);
    const templates = sts.spec?.volumeClaimTemplates ?? [];
    if (templates.length === 0) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    else {
      w.write(LEVEL_0, 'Volume Claims:\n');
      for (const pvc of templates) {
        w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
        w.write(LEVEL_1, `StorageClass:\t${storageClassOf(pvc)}\n`);
        printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
        printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
        const storage = pvc.spec?.resources?.requests?.storage;
        w.write(LEVEL_1, `Capacity:\t${storage !== undefined ? canonicalQuantity(storage) : '<default>'}\n`);
        w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
      }
    }
    describeEvents(events, w, ctx.now);
  });
}
