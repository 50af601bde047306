/** pluginhelper.DefaultNormalizeScore: scales scores to 0..max by the highest one, reversed on request. */
import { MAX_NODE_SCORE, type NodeScore } from './framework.js';

export function defaultNormalizeScore(scores: NodeScore[], reverse: boolean, max = MAX_NODE_SCORE): void {
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = max;
    return;
  }
  for (const s of scores) {
    let score = Math.trunc((max * s.score) / maxCount);
    if (reverse) score = max - score;
    s.score = score;
  }
}
