/**
 * ImageLocality: prefers nodes that already hold the pod's images (node.status.images), by
 * size and weighted by how many nodes share them, so that one popular image does not pull
 * every pod to the same node.
 */
import { MAX_NODE_SCORE, type CycleContext, type Plugin } from '../framework.js';
import type { ImageState } from '../snapshot.js';

export const NAME = 'ImageLocality';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** An image without a tag or digest means :latest. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** The pod's images (init containers first), normalised, and the nodes scored for them this pass. */
interface PodImages {
  names: string[];
  /** Per node's image list: the node's score for these images (a snapshot's lists never change). */
  scores: Map<ReadonlyMap<string, ImageState>, number>;
}

/** The pod's images, and the scores already worked out for the same list this pass. */
function podImages(ctx: CycleContext): PodImages {
  let images = ctx.state.read<PodImages>(NAME);
  if (images) return images;
  const spec = ctx.pod.pod.spec;
  const names: string[] = [];
  for (const c of spec?.initContainers ?? []) names.push(normalizedImageName(c.image ?? ''));
  for (const c of spec?.containers ?? []) names.push(normalizedImageName(c.image ?? ''));
  const key = `${NAME}|${names.join('\u0000')}`;
  images = ctx.snapshot.memo.get(key) as PodImages | undefined;
  if (!images) ctx.snapshot.memo.set(key, (images = { names, scores: new Map() }));
  ctx.state.write(NAME, images);
  return images;
}

/** The score of a node holding `states` (sumImageScores, then calculatePriority). */
function imageScore(names: readonly string[], states: ReadonlyMap<string, ImageState>, totalNodes: number): number {
  let sum = 0;
  for (const image of names) {
    const state = states.get(image);
    if (state) sum += Math.trunc(state.size * (state.numNodes / totalNodes));
  }
  const maxThreshold = MAX_CONTAINER_THRESHOLD * names.length;
  sum = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export const imageLocality: Plugin = {
  name: NAME,
  nodeLocal: true,
  score(ctx, node) {
    // A node reporting no images scores what an image-less sum scores: 0.
    if (node.imageStates.size === 0) return 0;
    const images = podImages(ctx);
    let score = images.scores.get(node.imageStates);
    if (score === undefined) {
      score = imageScore(images.names, node.imageStates, ctx.snapshot.nodeInfos.length);
      images.scores.set(node.imageStates, score);
    }
    return score;
  },
};
