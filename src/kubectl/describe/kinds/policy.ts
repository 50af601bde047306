/** `kubectl describe poddisruptionbudget` and `priorityclass` (describe.go). */

import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { KObject } from '../../../api/types.js';
import { formatLabelSelector, formatLabels } from '../../printers/table/format.js';
import type { DescribeContext } from '../common.js';
import { describeEvents, searchEvents } from '../common.js';
import { LEVEL_0, LEVEL_2, tabbedString } from '../writer.js';

export function describePodDisruptionBudget(obj: KObject, ctx: DescribeContext): string {
  const pdb = obj as unknown as PodDisruptionBudget;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  const spec = pdb.spec ?? {};
  const status = pdb.status;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${String(spec.minAvailable)}\n`);
    else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${String(spec.maxUnavailable)}\n`);
    w.write(LEVEL_0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${status?.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${status?.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${status?.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${status?.expectedPods ?? 0}\n`);
    describeEvents(events, w, ctx.now);
  });
}

export function describePriorityClass(obj: KObject, ctx: DescribeContext): string {
  const pc = obj as unknown as PriorityClass;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${pc.value}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${!!pc.globalDefault}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
    describeEvents(events, w, ctx.now);
  });
}
