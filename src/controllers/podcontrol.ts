/**
 * controller.RealPodControl: pod creates and deletes on behalf of a workload, each recorded as
 * an event on the workload (`Created pod: web-5d8f7c9b4-abcde`, `Error creating: ...`).
 */
import type { ApiClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { EventRecorder } from '../api/events.js';
import type { KObject, Stored } from '../api/types.js';

export const SUCCESSFUL_CREATE = 'SuccessfulCreate';
export const FAILED_CREATE = 'FailedCreate';
export const SUCCESSFUL_DELETE = 'SuccessfulDelete';
export const FAILED_DELETE = 'FailedDelete';

/** The apiserver refuses creates in a namespace being deleted with this cause; controllers stay quiet. */
export function isNamespaceTerminating(e: unknown): boolean {
  return e instanceof ApiError && /because it is being terminated/.test(e.message);
}

export class PodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly recorder: EventRecorder,
  ) {}

  create(owner: KObject, pod: KObject): Stored {
    try {
      const created = this.client.create('pods', pod);
      this.recorder.record(owner, 'Normal', SUCCESSFUL_CREATE, `Created pod: ${created.metadata.name}`);
      return created;
    } catch (e) {
      if (!isNamespaceTerminating(e)) this.recorder.record(owner, 'Warning', FAILED_CREATE, `Error creating: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  /** Deletes a pod; a pod already gone is not an error. */
  delete(owner: KObject, pod: KObject): void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    try {
      this.client.delete('pods', ns, name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      this.recorder.record(owner, 'Warning', FAILED_DELETE, `Error deleting: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    this.recorder.record(owner, 'Normal', SUCCESSFUL_DELETE, `Deleted pod: ${name}`);
  }
}
