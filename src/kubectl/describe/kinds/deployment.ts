/** `kubectl describe deployment` (describe.go describeDeployment). */

import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { KObject } from '../../../api/types.js';
import { selectorString } from '../../printers/table/format.js';
import type { DescribeContext } from '../common.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, searchEvents } from '../common.js';
import { deploymentReplicaSets } from '../controllers.js';
import { describePodTemplate } from '../podspec.js';
import { LEVEL_0, LEVEL_1, tabbedString } from '../writer.js';

function replicaSetsByLabels(list: ReplicaSet[]): string {
  const s = list.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ');
  return s || '<none>';
}

export function describeDeployment(obj: KObject, ctx: DescribeContext): string {
  const d = obj as unknown as Deployment;
  const selector = selectorString(d.spec?.selector) ?? '';
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  const { newRS, oldRSs } = deploymentReplicaSets(ctx, obj, selector);
  const spec = d.spec!;
  const status = d.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? 0)} max unavailable, ${String(ru.maxSurge ?? 0)} max surge\n`);
    describePodTemplate(spec.template, w);
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (oldRSs.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsByLabels(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsByLabels(newRS ? [newRS] : [])}\n`);
    }
    describeEvents(events, w, ctx.now);
  });
}
