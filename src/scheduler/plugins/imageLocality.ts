/**
 * ImageLocality: prefers nodes that already hold the pod's images (node.status.images), by
 * size and weighted by how many nodes share them, so that one popular image does not pull
 * every pod to the same node.
 */
import type { PodSpec } from 'kubernetes-types/core/v1.js';
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

/** The pods' image lists as written (init containers first), each with its PodImages; latest first. */
interface RawImages {
  raw: string[];
  images: PodImages;
}

const RECENT = `${NAME}|recent`;
const MAX_RECENT = 8;

/** The spec's images as written, init containers first, equal to `raw`? (No list built per pod.) */
function sameImages(raw: readonly string[], spec: PodSpec | undefined): boolean {
  const init = spec?.initContainers ?? [];
  const main = spec?.containers ?? [];
  if (raw.length !== init.length + main.length) return false;
  for (let i = 0; i < init.length; i++) if (raw[i] !== (init[i]!.image ?? '')) return false;
  for (let i = 0; i < main.length; i++) if (raw[init.length + i] !== (main[i]!.image ?? '')) return false;
  return true;
}

/**
 * The pod's images, and the scores already worked out for the same list this pass: found among
 * the pass's recent image lists as written (replicas repeat one), else normalised and keyed.
 */
function podImages(ctx: CycleContext): PodImages {
  let images = ctx.state.read<PodImages>(NAME);
  if (images) return images;
  const spec = ctx.pod.pod.spec;
  let recent = ctx.snapshot.memo.get(RECENT) as RawImages[] | undefined;
  if (!recent) ctx.snapshot.memo.set(RECENT, (recent = []));
  for (const r of recent) {
    if (sameImages(r.raw, spec)) {
      ctx.state.write(NAME, r.images);
      return r.images;
    }
  }
  const raw: string[] = [];
  for (const c of spec?.initContainers ?? []) raw.push(c.image ?? '');
  for (const c of spec?.containers ?? []) raw.push(c.image ?? '');
  const names = raw.map(normalizedImageName);
  const key = `${NAME}|${names.join('\u0000')}`;
  images = ctx.snapshot.memo.get(key) as PodImages | undefined;
  if (!images) ctx.snapshot.memo.set(key, (images = { names, scores: new Map() }));
  recent.unshift({ raw, images });
  if (recent.length > MAX_RECENT) recent.pop();
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
