/**
 * What controller describers count and find: pods by phase under a selector and owner
 * (getPodStatusForController), a Deployment's new and old ReplicaSets (deploymentutil).
 */

import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/types.js';
import { goSort } from '../printers/gosort.js';
import type { DescribeContext } from './common.js';

export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** Pods matching `selector` (string form) controlled by `uid`, counted by phase. */
export function podStatusForController(ctx: DescribeContext, namespace: string | undefined, selector: string, uid: string | undefined): PodCounts {
  const counts: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of ctx.lookup.list('pods', namespace, { labels: selector })) {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref || ref.uid !== uid) continue;
    switch ((pod.status as { phase?: string } | undefined)?.phase) {
      case 'Running':
        counts.running++;
        break;
      case 'Pending':
        counts.waiting++;
        break;
      case 'Succeeded':
        counts.succeeded++;
        break;
      case 'Failed':
        counts.failed++;
        break;
    }
  }
  return counts;
}

export function podsStatusLine(c: PodCounts): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}

/** Structural equality of decoded JSON, key order aside. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** EqualIgnoreHash: templates equal once the pod-template-hash label is set aside. */
export function equalIgnoreHash(t1: PodTemplateSpec | undefined, t2: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined): unknown => {
    const c = structuredClone(t ?? {}) as PodTemplateSpec;
    if (c.metadata?.labels) {
      delete c.metadata.labels['pod-template-hash'];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    return c;
  };
  return deepEqual(strip(t1), strip(t2));
}

/** The deployment's ReplicaSets, oldest first, split into the new one and all others. */
export function deploymentReplicaSets(ctx: DescribeContext, deployment: KObject, selector: string): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const owned = ctx.lookup
    .list('replicasets.apps', deployment.metadata.namespace, { labels: selector })
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === deployment.metadata.uid)) as unknown as ReplicaSet[];
  const created = (rs: ReplicaSet): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;
  goSort(owned, (a, b) => (created(a) === created(b) ? (a.metadata?.name ?? '') < (b.metadata?.name ?? '') : created(a) < created(b)));
  const template = (deployment.spec as { template?: PodTemplateSpec } | undefined)?.template;
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec?.template, template));
  return { newRS, oldRSs: owned.filter((rs) => rs !== newRS) };
}
