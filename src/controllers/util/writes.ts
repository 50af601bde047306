/**
 * Writes controllers make, each only when something changes (house rule 5), applied to the
 * newest stored copy so that a controller's own earlier write in the same pass never conflicts.
 */
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { clone, type KObject, type Stored } from '../../api/types.js';
import { deepEqual } from './equal.js';

function latest<T extends KObject>(client: ApiClient, resource: string, obj: T): Stored<T> | undefined {
  return client.find<T>(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
}

/** PUT /status with `status` unless the stored status already equals it. Returns the stored object. */
export function writeStatus<T extends KObject>(client: ApiClient, resource: string, obj: T, status: unknown): Stored<T> | undefined {
  const cur = latest(client, resource, obj);
  if (!cur) return undefined;
  if (deepEqual(cur['status'], status)) return cur;
  const next = { ...clone(cur), status: clone(status) } as KObject;
  if (status === undefined) delete next['status'];
  return client.updateStatus<T>(resource, next as T);
}

/** PUT of the main resource after `mutate` changed a copy; nothing when it changed nothing. */
export function updateObject<T extends KObject>(client: ApiClient, resource: string, obj: T, mutate: (copy: T) => void): Stored<T> | undefined {
  const cur = latest(client, resource, obj);
  if (!cur) return undefined;
  const copy = clone(cur) as T;
  mutate(copy);
  if (deepEqual(copy, cur)) return cur;
  return client.update<T>(resource, copy);
}

/** Runs an API call, turning NotFound into undefined (the object went away meanwhile). */
export function ignoreNotFound<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return undefined;
    throw e;
  }
}

export function isAlreadyExists(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'AlreadyExists';
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
