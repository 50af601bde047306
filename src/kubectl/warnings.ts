/**
 * The apiserver's Warning headers as kubectl shows them ("Warning: ..." on stderr, each text
 * once per command, as client-go's deduplicating warning writer does): 1.33 deprecates the
 * v1 Endpoints API in favour of EndpointSlices, and says so on every request that reaches it.
 */
import { ApiClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { DeleteOptions, ListOptions, ListResult, WriteOptions } from '../api/server.js';
import type { PatchType } from '../api/patch.js';
import type { KObject, Stored } from '../api/types.js';
import type { Sink } from '../shell/types.js';

const DEPRECATED: Record<string, string> = {
  endpoints: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
};

export class WarningClient extends ApiClient {
  private readonly shown = new Set<string>();

  constructor(
    inner: ApiClient,
    private readonly sink: Sink,
  ) {
    super(inner.api, inner.user);
  }

  /** Runs a request; the warning comes with any answer from the resource's handler (not 401/403). */
  private request<T>(resource: string, call: () => T): T {
    try {
      const result = call();
      this.warn(resource);
      return result;
    } catch (e) {
      if (e instanceof ApiError && e.code !== 401 && e.code !== 403) this.warn(resource);
      throw e;
    }
  }

  private warn(resource: string): void {
    const text = DEPRECATED[resource];
    if (!text || this.shown.has(text)) return;
    this.shown.add(text);
    this.sink.write(`Warning: ${text}\n`);
  }

  override get<T extends KObject = KObject>(resource: string, namespace: string, name: string): Stored<T> {
    return this.request(resource, () => super.get<T>(resource, namespace, name));
  }

  override find<T extends KObject = KObject>(resource: string, namespace: string, name: string): Stored<T> | undefined {
    return this.request(resource, () => super.find<T>(resource, namespace, name));
  }

  override list<T extends KObject = KObject>(resource: string, namespace?: string, opts?: ListOptions): Stored<T>[] {
    return this.request(resource, () => super.list<T>(resource, namespace, opts));
  }

  override listResult(resource: string, namespace?: string, opts?: ListOptions): ListResult {
    return this.request(resource, () => super.listResult(resource, namespace, opts));
  }

  override create<T extends KObject = KObject>(resource: string, obj: T, opts?: WriteOptions): Stored<T> {
    return this.request(resource, () => super.create<T>(resource, obj, opts));
  }

  override update<T extends KObject = KObject>(resource: string, obj: T, opts?: WriteOptions): Stored<T> {
    return this.request(resource, () => super.update<T>(resource, obj, opts));
  }

  override patch<T extends KObject = KObject>(resource: string, namespace: string, name: string, type: PatchType, patch: unknown, opts?: WriteOptions & { subresource?: string }): Stored<T> {
    return this.request(resource, () => super.patch<T>(resource, namespace, name, type, patch, opts));
  }

  override delete(resource: string, namespace: string, name: string, opts?: DeleteOptions): Stored {
    return this.request(resource, () => super.delete(resource, namespace, name, opts));
  }

  override deleteCollection(resource: string, namespace: string | undefined, list: ListOptions, opts?: DeleteOptions): Stored[] {
    return this.request(resource, () => super.deleteCollection(resource, namespace, list, opts));
  }
}
