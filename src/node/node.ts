/** Placeholder for the node host; replaced in the next commit. */
import type { Machine } from './machine.js';
import type { NodeSpec } from '../cluster/spec.js';
export interface NodeHost extends Machine {
  readonly spec: NodeSpec;
}
