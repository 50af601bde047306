/**
 * NodeAffinity: spec.nodeSelector and the required node affinity filter nodes; preferred terms
 * add their weight to each node they match. Required terms that only name nodes through
 * matchFields metadata.name (as DaemonSet pods do) narrow the cycle to those nodes at PreFilter.
 */
import type { NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1.js';
import { SKIP, unresolvable, type Plugin } from '../framework.js';
import { defaultNormalizeScore } from '../normalize.js';
import { requiredNodeAffinity, termMatches, type RequiredNodeAffinity } from '../nodeSelector.js';

export const NAME = 'NodeAffinity';
/** The cycle-state key of the PreScore result (one string, not one built per node). */
const PRESCORE = `PreScore${NAME}`;
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

/** The node names every term pins through metadata.name In; undefined when some term does not. */
function nodeNamesOfTerms(terms: readonly NodeSelectorTerm[]): Set<string> | undefined {
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames === undefined ? s : new Set([...termNames].filter((n) => s.has(n)));
    }
    // Terms are ORed: one term without a name pin leaves every node eligible.
    if (termNames === undefined) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

export const nodeAffinity: Plugin = {
  name: NAME,
  nodeLocal: true,
  preFilter(ctx) {
    const spec = ctx.pod.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !spec?.nodeSelector) return SKIP;
    ctx.state.write(NAME, requiredNodeAffinity(ctx.pod.pod));
    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return null;
    const names = nodeNamesOfTerms(terms);
    if (names === undefined) return null;
    if (names.size === 0) return unresolvable(ERR_REASON_CONFLICT);
    return { nodeNames: names };
  },
  filter(ctx, node) {
    const required = ctx.state.read<RequiredNodeAffinity>(NAME) ?? requiredNodeAffinity(ctx.pod.pod);
    return required.matches(node.node) ? null : unresolvable(ERR_REASON_POD);
  },
  preScore(ctx) {
    const preferred = ctx.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return SKIP;
    ctx.state.write(PRESCORE, preferred);
    return null;
  },
  score(ctx, node) {
    const preferred = ctx.state.read<PreferredSchedulingTerm[]>(PRESCORE) ?? [];
    let count = 0;
    for (const t of preferred) {
      // A term of weight 0 is ignored.
      if (t.weight !== 0 && termMatches(t.preference, node.labels, node.name)) count += t.weight;
    }
    return count;
  },
  normalizeScore(_ctx, scores) {
    defaultNormalizeScore(scores, false);
  },
};
