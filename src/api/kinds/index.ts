/** The per-kind strategies, keyed by store key ("pods", "deployments.apps"). */
import type { KindStrategy } from '../strategy.js';
import { podStrategy } from './pod.js';

export const KIND_STRATEGIES: Record<string, KindStrategy> = {
  pods: podStrategy,
};
