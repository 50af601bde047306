/** A spec LabelSelector compiled once per reconcile (claims test every pod of the namespace). */
import { fromLabelSelector, matchesAll, type LabelSelector, type Labels } from '../../api/labels.js';

/** nil selects nothing, {} selects everything, an invalid selector selects nothing. */
export function compileSelector(sel: LabelSelector | undefined | null): (labels: Labels) => boolean {
  let reqs;
  try {
    reqs = fromLabelSelector(sel);
  } catch {
    return () => false;
  }
  if (reqs === null) return () => false;
  const compiled = reqs;
  // The usual selector is matchLabels only: plain equality tests.
  if (compiled.every((r) => r.operator === 'In' && r.values.length === 1)) {
    const pairs = compiled.map((r) => [r.key, r.values[0]!] as const);
    return (labels) => {
      if (!labels) return pairs.length === 0;
      for (const [k, v] of pairs) if (labels[k] !== v) return false;
      return true;
    };
  }
  return (labels) => matchesAll(labels, compiled);
}
