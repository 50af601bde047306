/**
 * TaintToleration: NoSchedule and NoExecute taints keep off pods that do not tolerate them;
 * PreferNoSchedule taints only lower a node's score, one step per untolerated taint.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { unresolvable, type Plugin } from '../framework.js';
import { defaultNormalizeScore } from '../normalize.js';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from '../taints.js';

export const NAME = 'TaintToleration';

/** "node(s) had untolerated taint {key: value}" (an empty value leaves the space: "{k: }"). */
export function errReasonUntoleratedTaint(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

/** What a pod without tolerations tolerates (one list for all of them; never written to). */
const NONE: Toleration[] = [];

const NO_TAINTS: Taint[] = [];

/** Tolerations with no effect match every effect, PreferNoSchedule included. */
function preferNoScheduleTolerations(tolerations: Toleration[] | undefined): Toleration[] {
  return tolerations?.length ? tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule') : NONE;
}

export const taintToleration: Plugin = {
  name: NAME,
  nodeLocal: true,
  filter(ctx, node) {
    const taint = findMatchingUntoleratedTaint(node.node.spec?.taints, ctx.pod.pod.spec?.tolerations, isDoNotScheduleTaint);
    return taint ? unresolvable(errReasonUntoleratedTaint(taint.key, taint.value)) : null;
  },
  score(ctx, node) {
    let intolerable = 0;
    for (const taint of node.node.spec?.taints ?? NO_TAINTS) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      // PreScore's list, made when a node first needs it: most nodes have no such taint.
      let tolerations = ctx.state.read<Toleration[]>(NAME);
      if (!tolerations) ctx.state.write(NAME, (tolerations = preferNoScheduleTolerations(ctx.pod.pod.spec?.tolerations)));
      if (!tolerationsTolerateTaint(tolerations, taint)) intolerable++;
    }
    return intolerable;
  },
  normalizeScore(_ctx, scores) {
    defaultNormalizeScore(scores, true);
  },
};
