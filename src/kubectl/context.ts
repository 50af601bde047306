/**
 * Everything one kubectl invocation resolves from its environment before a verb runs: the
 * kubeconfig (--kubeconfig, $KUBECONFIG, ~/.kube/config), the context and namespace, and the
 * connection to the apiserver made through the simulated network as the kubeconfig's user.
 */
import type { ApiClient } from '../api/client.js';
import type { Cluster } from '../cluster/cluster.js';
import { connect, parseKubeconfig, type KubeconfigFile } from '../cluster/connect.js';
import type { World } from '../cluster/world.js';
import type { ProcessContext } from '../shell/types.js';
import { KubectlError } from './errors.js';

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
}

export class KubectlContext {
  private configCache?: { path: string; config: KubeconfigFile };
  private connection?: { client: ApiClient; cluster: Cluster; namespace?: string; context?: string; server: string };

  constructor(
    readonly world: World,
    readonly proc: ProcessContext,
    readonly globals: GlobalOptions,
  ) {}

  now(): number {
    return this.world.clock.now();
  }

  /** The kubeconfig file in effect (the first of $KUBECONFIG that exists). */
  kubeconfigPath(): string {
    if (this.globals.kubeconfig) return this.proc.resolve(this.globals.kubeconfig);
    const env = this.proc.env.get('KUBECONFIG');
    const candidates = env ? env.split(':').filter(Boolean).map((p) => this.proc.resolve(p)) : [`${this.proc.account.home}/.kube/config`];
    return candidates.find((p) => this.proc.host.fs.exists(p)) ?? candidates[0]!;
  }

  config(): KubeconfigFile {
    const path = this.kubeconfigPath();
    if (this.configCache?.path === path) return this.configCache.config;
    const fs = this.proc.host.fs;
    let config: KubeconfigFile = {};
    if (fs.exists(path)) {
      let text: string;
      try {
        text = fs.readFile(path, this.proc.cred);
      } catch {
        throw new KubectlError(`error: error loading config file "${path}": open ${path}: permission denied`);
      }
      try {
        config = parseKubeconfig(text);
      } catch (e) {
        throw new KubectlError(`error: error loading config file "${path}": yaml: ${(e as Error).message.split('\n')[0]}`);
      }
    } else if (this.globals.kubeconfig) {
      throw new KubectlError(`error: stat ${this.globals.kubeconfig}: no such file or directory`);
    }
    this.configCache = { path, config };
    return config;
  }

  /** Writes the kubeconfig back (config set-context, use-context, ...). */
  saveConfig(config: KubeconfigFile, text: string): void {
    const path = this.kubeconfigPath();
    this.proc.host.fs.writeFile(path, text, { parents: true, mode: 0o600 }, this.proc.cred);
    this.configCache = { path, config };
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
    if (!conn.ok) throw new KubectlError(conn.error, conn.exitCode);
    let client = conn.client;
    if (this.globals.as) client = impersonate(client, this.globals.as, this.globals.asGroups ?? []);
    this.connection = { client, cluster: conn.endpoint.cluster, namespace: conn.namespace, context: conn.context, server: conn.server };
    return this.connection;
  }
}

/**
 * --as / --as-group: the request runs as another user if the caller may impersonate them
 * (verb impersonate on users/groups), otherwise it is forbidden as the apiserver words it.
 */
function impersonate(client: ApiClient, user: string, groups: string[]): ApiClient {
  const api = client.api;
  const can = (resource: string, name: string) => api.can({ user: client.user, verb: 'impersonate', resourceRequest: true, group: '', resource, name });
  if (!can('users', user)) {
    throw new KubectlError(`Error from server (Forbidden): users "${user}" is forbidden: User "${client.user.username}" cannot impersonate resource "users" in API group "" at the cluster scope`);
  }
  for (const g of groups) {
    if (!can('groups', g)) throw new KubectlError(`Error from server (Forbidden): groups "${g}" is forbidden: User "${client.user.username}" cannot impersonate resource "groups" in API group "" at the cluster scope`);
  }
  const ctor = client.constructor as new (api: typeof client.api, user: { username: string; groups: string[] }) => ApiClient;
  return new ctor(api, { username: user, groups: [...groups, 'system:authenticated'] });
}
