/**
 * ImageLocality: prefers nodes that already hold the pod's images (node.status.images), by
 * size and weighted by how many nodes share them, so that one popular image does not pull
 * every pod to the same node.
 */
import { MAX_NODE_SCORE, type Plugin } from '../framework.js';

export const NAME = 'ImageLocality';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** An image without a tag or digest means :latest. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export const imageLocality: Plugin = {
  name: NAME,
  score(ctx, node) {
    // A node reporting no images scores what an image-less sum scores: 0.
    if (node.imageStates.size === 0) return 0;
    let images = ctx.state.read<string[]>(NAME);
    if (!images) {
      const spec = ctx.pod.pod.spec;
      images = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
      ctx.state.write(NAME, images);
    }
    const total = ctx.snapshot.nodeInfos.length;
    let sum = 0;
    for (const image of images) {
      const state = node.imageStates.get(image);
      if (state) sum += Math.trunc(state.size * (state.numNodes / total));
    }
    const maxThreshold = MAX_CONTAINER_THRESHOLD * images.length;
    sum = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
    return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  },
};
