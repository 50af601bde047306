/**
 * ControllerRefManager.ClaimObject: a controller keeps what it owns and its selector matches,
 * releases what it owns but no longer matches, and adopts matching orphans, so that `kubectl
 * label pod x app-` takes a pod out of its ReplicaSet and a bare matching pod gets adopted.
 */
import type { ApiClient } from '../../api/client.js';
import type { KObject, OwnerReference, Stored } from '../../api/types.js';
import { clone } from '../../api/types.js';
import { controllerRef } from './keys.js';
import { ignoreNotFound } from './writes.js';

export interface ClaimOptions {
  /** Finalizers adopted objects get (the job tracking finalizer). */
  finalizers?: string[];
}

export function claimObjects<T extends KObject>(client: ApiClient, resource: string, owner: Stored, ref: OwnerReference, matches: (obj: T) => boolean, candidates: readonly Stored<T>[], opts: ClaimOptions = {}): Stored<T>[] {
  const claimed: Stored<T>[] = [];
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  for (const obj of candidates) {
    const cref = controllerRef(obj);
    if (cref) {
      if (cref.uid !== owner.metadata.uid) continue;
      if (matches(obj)) {
        claimed.push(obj);
        continue;
      }
      if (!ownerDeleting) release(client, resource, obj, owner.metadata.uid);
      continue;
    }
    if (ownerDeleting || !matches(obj) || obj.metadata.deletionTimestamp) continue;
    if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
    const adopted = adopt(client, resource, obj, ref, opts.finalizers ?? []);
    if (adopted) claimed.push(adopted as Stored<T>);
  }
  return claimed;
}

function adopt(client: ApiClient, resource: string, obj: Stored, ref: OwnerReference, finalizers: string[]): Stored | undefined {
  const refs = [...(obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ref.uid), clone(ref)];
  const patch: { metadata: Record<string, unknown> } = { metadata: { ownerReferences: refs } };
  const fins = [...(obj.metadata.finalizers ?? [])];
  for (const f of finalizers) if (!fins.includes(f)) fins.push(f);
  if (fins.length !== (obj.metadata.finalizers?.length ?? 0)) patch.metadata['finalizers'] = fins;
  return ignoreNotFound(() => client.patch(resource, obj.metadata.namespace ?? '', obj.metadata.name, 'merge', patch));
}

function release(client: ApiClient, resource: string, obj: Stored, ownerUid: string): void {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  ignoreNotFound(() => client.patch(resource, obj.metadata.namespace ?? '', obj.metadata.name, 'merge', { metadata: { ownerReferences: refs.length ? refs : null } }));
}
