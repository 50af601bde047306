/**
 * Everything one kubectl invocation resolves from its environment before a verb runs: the
 * kubeconfig (--kubeconfig, $KUBECONFIG, ~/.kube/config), the context and namespace, and the
 * connection to the apiserver made through the simulated network as the kubeconfig's user.
 */
import { ApiClient } from '../api/client.js';
import { impersonate as impersonateUser } from '../api/authn/impersonation.js';
import type { Cluster } from '../cluster/cluster.js';
import { connect, type KubeconfigFile } from '../cluster/connect.js';
import type { World } from '../cluster/world.js';
import type { ProcessContext } from '../shell/types.js';
import { KubectlError } from './errors.js';
import { parseRequestTimeout } from './flags/index.js';
import { KubeconfigAccess } from './config/access.js';
import { WarningClient } from './warnings.js';
import { toV1 } from './config/model.js';

export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
  token?: string;
  as?: string;
  asGroups?: string[];
  requestTimeout?: string;
}

export class KubectlContext {
  private configCache?: KubeconfigFile;
  private connection?: { client: ApiClient; cluster: Cluster; namespace?: string; context?: string; server: string };

  constructor(
    readonly world: World,
    readonly proc: ProcessContext,
    readonly globals: GlobalOptions,
  ) {}

  now(): number {
    return this.world.clock.now();
  }

  /** The kubeconfig files: --kubeconfig, else $KUBECONFIG's list, else ~/.kube/config. */
  kubeconfigAccess(): KubeconfigAccess {
    return new KubeconfigAccess(this.proc, this.globals.kubeconfig);
  }

  /** The merged kubeconfig, file paths resolved against their files (what a client uses). */
  config(): KubeconfigFile {
    if (this.configCache) return this.configCache;
    const access = this.kubeconfigAccess();
    if (this.globals.kubeconfig && !access.exists(this.globals.kubeconfig)) {
      throw new KubectlError(`error: stat ${this.globals.kubeconfig}: no such file or directory`);
    }
    const merged = access.load();
    for (const section of ['clusters', 'users'] as const) {
      for (const entry of merged[section].values()) entry.value = access.resolvedPaths(section, entry);
    }
    this.configCache = toV1(merged) as KubeconfigFile;
    return this.configCache;
  }

  currentContextName(): string | undefined {
    return this.globals.context ?? this.config()['current-context'];
  }

  /** The namespace a namespaced request goes to: -n, then the context's, then default. */
  namespace(): string {
    if (this.globals.namespace) return this.globals.namespace;
    const name = this.currentContextName();
    const ctx = this.config().contexts?.find((c) => c.name === name);
    return ctx?.context.namespace || 'default';
  }

  /** Connects (once per invocation); throws kubectl's connection errors. */
  client(): ApiClient {
    return this.connect().client;
  }

  cluster(): Cluster {
    return this.connect().cluster;
  }

  /** The server URL the request went to, as the kubeconfig (or --server) spells it. */
  serverUrl(): string {
    return this.connect().server;
  }

  private connect() {
    if (this.connection) return this.connection;
    // ToRESTConfig validates --request-timeout before any request
    if (this.globals.requestTimeout) {
      try {
        parseRequestTimeout(this.globals.requestTimeout);
      } catch (e) {
        throw new KubectlError(`error: ${(e as Error).message}`);
      }
    }
    const config = this.config();
    const host = this.proc.host;
    const fromIp = this.world.network.resolve(host.hostname) ?? '127.0.0.1';
    const conn = connect(this.world.network, fromIp, host.fs, config, {
      context: this.globals.context,
      cluster: this.globals.cluster,
      user: this.globals.user,
      server: this.globals.server,
      token: this.globals.token,
    });
    if (!conn.ok) throw new KubectlError(conn.error, conn.exitCode, conn.discovery);
    let client = conn.client;
    if (this.globals.as) client = impersonate(client, this.globals.as, this.globals.asGroups ?? []);
    client = new WarningClient(client, this.proc.stderr);
    this.connection = { client, cluster: conn.endpoint.cluster, namespace: conn.namespace, context: conn.context, server: conn.server };
    return this.connection;
  }
}

/**
 * --as / --as-group: the request runs as another user if the caller may impersonate them
 * (verb impersonate on users/serviceaccounts and groups); otherwise the apiserver's Forbidden.
 */
function impersonate(client: ApiClient, user: string, groups: string[]): ApiClient {
  const as = impersonateUser(client.api.authorizers, client.user, { user, groups });
  return new ApiClient(client.api, as);
}
