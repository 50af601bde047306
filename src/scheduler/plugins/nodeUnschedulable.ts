/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate the
 * node.kubernetes.io/unschedulable:NoSchedule taint.
 */
import { unresolvable, type Plugin } from '../framework.js';
import { tolerationsTolerateTaint } from '../taints.js';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const nodeUnschedulable: Plugin = {
  name: NAME,
  nodeLocal: true,
  filter(ctx, node) {
    if (!node.node.spec?.unschedulable) return null;
    if (tolerationsTolerateTaint(ctx.pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
};
