/** NodeName: a pod that names its node fits only that node. */
import { unresolvable, type Plugin } from '../framework.js';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

export const nodeName: Plugin = {
  name: NAME,
  nodeLocal: true,
  filter(ctx, node) {
    const wanted = ctx.pod.pod.spec?.nodeName;
    return !wanted || wanted === node.name ? null : unresolvable(ERR_REASON);
  },
};
