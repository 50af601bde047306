/** `kubectl describe hpa` (describe.go describeHorizontalPodAutoscalerV2). */

import type { HPAScalingRules, HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { KObject } from '../../../api/types.js';
import { canonicalQuantity } from '../../printers/quantity.js';
import { goQuote } from '../../../util/gofmt.js';
import type { DescribeContext } from '../common.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, searchEvents } from '../common.js';
import type { Writer } from '../writer.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString } from '../writer.js';

/** Quantity pointer String(): "<nil>" when unset. */
const q = (v: string | number | undefined): string => (v === undefined || v === null ? '<nil>' : canonicalQuantity(v));

function printDirection(w: Writer, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined && rules.stabilizationWindowSeconds !== null) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies && rules.policies.length > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

export function describeHorizontalPodAutoscaler(obj: KObject, ctx: DescribeContext): string {
  const hpa = obj as unknown as HorizontalPodAutoscaler;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  const spec = hpa.spec!;
  const current = hpa.status?.currentMetrics ?? [];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef.kind}/${spec.scaleTargetRef.name}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    (spec.metrics ?? []).forEach((m, i) => {
      const st = current[i];
      switch (m.type) {
        case 'External': {
          const t = m.external!.target;
          if (t.averageValue !== undefined) {
            const cur = st?.external?.current?.averageValue !== undefined ? q(st.external.current.averageValue) : '<unknown>';
            w.write(LEVEL_1, `${goQuote(m.external!.metric.name)} (target average value):\t${cur} / ${q(t.averageValue)}\n`);
          } else {
            const cur = st?.external ? q(st.external.current?.value) : '<unknown>';
            w.write(LEVEL_1, `${goQuote(m.external!.metric.name)} (target value):\t${cur} / ${q(t.value)}\n`);
          }
          break;
        }
        case 'Pods': {
          const cur = st?.pods ? q(st.pods.current?.averageValue) : '<unknown>';
          w.write(LEVEL_1, `${goQuote(m.pods!.metric.name)} on pods:\t${cur} / ${q(m.pods!.target.averageValue)}\n`);
          break;
        }
        case 'Object': {
          const o = m.object!;
          w.write(LEVEL_1, `"${o.metric.name}" on ${o.describedObject.kind}/${o.describedObject.name} `);
          if (o.target.type === 'AverageValue') {
            const cur = st?.object ? q(st.object.current?.averageValue) : '<unknown>';
            w.write(LEVEL_0, `(target average value):\t${cur} / ${q(o.target.averageValue)}\n`);
          } else {
            const cur = st?.object ? q(st.object.current?.value) : '<unknown>';
            w.write(LEVEL_0, `(target value):\t${cur} / ${q(o.target.value)}\n`);
          }
          break;
        }
        case 'Resource':
        case 'ContainerResource': {
          const src = m.type === 'Resource' ? m.resource! : m.containerResource!;
          const cs = m.type === 'Resource' ? st?.resource : st?.containerResource;
          if (m.type === 'Resource') w.write(LEVEL_1, `resource ${src.name} on pods`);
          else w.write(LEVEL_1, `resource ${src.name} of container "${m.containerResource!.container}" on pods`);
          if (src.target.averageValue !== undefined) {
            const cur = cs ? q(cs.current?.averageValue) : '<unknown>';
            w.write(LEVEL_0, `:\t${cur} / ${q(src.target.averageValue)}\n`);
          } else {
            const util = cs?.current?.averageUtilization;
            const cur = cs && util !== undefined && util !== null ? `${util}% (${q(cs.current?.averageValue)})` : '<unknown>';
            const target = src.target.averageUtilization !== undefined && src.target.averageUtilization !== null ? `${src.target.averageUtilization}%` : '<auto>';
            w.write(LEVEL_1, `(as a percentage of request):\t${cur} / ${target}\n`);
          }
          break;
        }
        default:
          w.write(LEVEL_1, `<unknown metric type ${goQuote(m.type)}>\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas !== undefined && spec.minReplicas !== null ? spec.minReplicas : '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas}\n`);
    if (spec.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      printDirection(w, 'Scale Up', spec.behavior.scaleUp);
      printDirection(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${spec.scaleTargetRef.kind} pods:\t`);
    w.write(LEVEL_0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
    const conditions = hpa.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    describeEvents(events, w, ctx.now);
  });
}
