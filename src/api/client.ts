/**
 * A client bound to one identity, as client-go is bound to a kubeconfig user. Controllers,
 * the scheduler and kubelets each get their own client; kubectl builds one per request from
 * the kubeconfig's credentials. Reads of the informer-cache kind go straight to the store
 * (`cache`), writes always through the server's pipeline.
 */
import type { UserInfo } from './auth.js';
import type { PatchType } from './patch.js';
import type { ApiServer, DeleteOptions, ListOptions, ListResult, WriteOptions } from './server.js';
import type { KObject, Stored } from './types.js';

const STATUS = Object.freeze({ subresource: 'status' });

export class ApiClient {
  constructor(
    private readonly server: ApiServer,
    readonly user: UserInfo,
  ) {}

  get api(): ApiServer {
    return this.server;
  }

  get<T extends KObject = KObject>(resource: string, namespace: string, name: string): Stored<T> {
    return this.server.get(this.user, resource, namespace, name) as Stored<T>;
  }

  /** Like get, but undefined instead of a NotFound error. */
  find<T extends KObject = KObject>(resource: string, namespace: string, name: string): Stored<T> | undefined {
    const info = this.server.resource(resource);
    return this.server.store.get(resource, info.namespaced ? namespace : '', name) as Stored<T> | undefined;
  }

  list<T extends KObject = KObject>(resource: string, namespace?: string, opts?: ListOptions): Stored<T>[] {
    return this.server.list(this.user, resource, namespace, opts).items as Stored<T>[];
  }

  listResult(resource: string, namespace?: string, opts?: ListOptions): ListResult {
    return this.server.list(this.user, resource, namespace, opts);
  }

  create<T extends KObject = KObject>(resource: string, obj: T, opts?: WriteOptions): Stored<T> {
    return this.server.create(this.user, resource, obj.metadata.namespace ?? '', obj, opts) as Stored<T>;
  }

  update<T extends KObject = KObject>(resource: string, obj: T, opts?: WriteOptions): Stored<T> {
    return this.server.update(this.user, resource, obj.metadata.namespace ?? '', obj, opts) as Stored<T>;
  }

  updateStatus<T extends KObject = KObject>(resource: string, obj: T, opts?: WriteOptions): Stored<T> {
    // The options as a literal of fixed shape rather than a spread: this runs on every kubelet status write.
    const status = opts ? { dryRun: opts.dryRun, fieldManager: opts.fieldManager, owned: opts.owned, subresource: 'status' } : STATUS;
    return this.server.update(this.user, resource, obj.metadata.namespace ?? '', obj, status) as Stored<T>;
  }

  patch<T extends KObject = KObject>(resource: string, namespace: string, name: string, type: PatchType, patch: unknown, opts?: WriteOptions & { subresource?: string }): Stored<T> {
    return this.server.patch(this.user, resource, namespace, name, type, patch, opts) as Stored<T>;
  }

  delete(resource: string, namespace: string, name: string, opts?: DeleteOptions): Stored {
    return this.server.delete(this.user, resource, namespace, name, opts);
  }

  deleteCollection(resource: string, namespace: string | undefined, list: ListOptions, opts?: DeleteOptions): Stored[] {
    return this.server.deleteCollection(this.user, resource, namespace, list, opts);
  }
}
