/**
 * ControllerRevisions (pkg/controller/history) for DaemonSets and StatefulSets: a snapshot of
 * the pod template as a strategic-merge "replace" patch, numbered by revision, claimed by the
 * owner like pods are, and pruned beyond revisionHistoryLimit.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { ApiClient } from '../../api/client.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import type { Store } from '../../api/store.js';
import { clone, type Stored } from '../../api/types.js';
import { claimObjects } from './claim.js';
import { hashControllerRevision } from './hash.js';
import { deepEqual } from './equal.js';
import { newControllerRef } from './template.js';
import type { ControllerRevision } from './types.js';
import { ignoreNotFound } from './writes.js';

export const REVISIONS = 'controllerrevisions.apps';
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/** getPatch: {"spec":{"template":{...,"$patch":"replace"}}}. */
export function templatePatch(template: PodTemplateSpec | undefined): Record<string, unknown> {
  return { spec: { template: { ...clone(template ?? {}), $patch: 'replace' } } };
}

export function revisionNumber(r: ControllerRevision): number {
  return (r as unknown as { revision?: number }).revision ?? 0;
}

export function byRevisionNumber(a: ControllerRevision, b: ControllerRevision): number {
  return revisionNumber(a) - revisionNumber(b);
}

/** The revisions the owner controls (adopting matching orphans). */
export function ownedRevisions(client: ApiClient, store: Store, owner: Stored, selector: LabelSelector | undefined): ControllerRevision[] {
  const all = store.list(REVISIONS, owner.metadata.namespace) as ControllerRevision[];
  return claimObjects<ControllerRevision>(client, REVISIONS, owner, newControllerRef(owner), (r) => selectorMatches(selector, r.metadata.labels), all);
}

export function sameData(r: ControllerRevision, data: unknown): boolean {
  return deepEqual((r as unknown as { data?: unknown }).data, data);
}

/** Updates a revision's number (a rollback to an older template makes it current again). */
export function renumber(client: ApiClient, r: ControllerRevision, revision: number): ControllerRevision {
  return client.update<ControllerRevision>(REVISIONS, { ...clone(r), revision } as unknown as ControllerRevision);
}

/** Deletes the oldest revisions beyond `limit`, never one in `live`. */
export function pruneRevisions(client: ApiClient, old: ControllerRevision[], limit: number, live: (r: ControllerRevision) => boolean): void {
  let toKill = old.length - limit;
  if (toKill <= 0) return;
  for (const r of [...old].sort(byRevisionNumber)) {
    if (toKill <= 0) break;
    if (live(r)) continue;
    ignoreNotFound(() => client.delete(REVISIONS, r.metadata.namespace ?? '', r.metadata.name));
    toKill--;
  }
}

/** history.ControllerRevisionName over HashControllerRevision: `<owner>-<hash>` (owner cut at 223 chars). */
export function controllerRevisionName(owner: string, data: unknown, collisionCount?: number): { name: string; hash: string } {
  const hash = hashControllerRevision(data, collisionCount);
  return { name: `${owner.slice(0, 223)}-${hash}`, hash };
}
