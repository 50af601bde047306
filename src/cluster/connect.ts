/**
 * Connecting to an apiserver the way client-go does: pick the context of a kubeconfig, resolve
 * the server URL's host, open the port, present the credentials. Every failure is the message
 * kubectl prints for it, so a broken kubeconfig or a dead apiserver looks exactly as it would.
 */
import { ApiClient } from '../api/client.js';
import type { ApiEndpoint, Credentials } from './cluster.js';
import type { Network } from './network.js';
import type { VirtualFS } from '../vfs/fs.js';
import { parseYaml } from '../util/yaml.js';
import { clientTlsProblem, kubeconfigCredentials, verifyServingCertificate } from './tls.js';

export interface KubeconfigFile {
  apiVersion?: string;
  kind?: string;
  clusters?: { name: string; cluster: { server?: string; 'certificate-authority-data'?: string; 'certificate-authority'?: string; 'insecure-skip-tls-verify'?: boolean; 'tls-server-name'?: string } }[];
  users?: { name: string; user: { 'client-certificate-data'?: string; 'client-key-data'?: string; 'client-certificate'?: string; 'client-key'?: string; token?: string; username?: string; password?: string } | null }[];
  contexts?: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  'current-context'?: string;
  preferences?: Record<string, unknown>;
}

export interface ConnectOverrides {
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  token?: string;
}

export type Connection =
  | { ok: true; client: ApiClient; endpoint: ApiEndpoint; namespace?: string; context?: string; server: string }
  | {
      ok: false;
      error: string;
      exitCode: number;
      /**
       * Set when the failure happens on the wire (TLS, 401): what kubectl's discovery client logs
       * after `couldn't get current server API group list: ` on each retry, and the last line a
       * verb that needs discovery prints instead of `error` (they differ for a 401).
       */
      discovery?: { err: string; error: string };
    };

const REFUSED = (hostPort: string) => `The connection to the server ${hostPort} was refused - did you specify the right host or port?`;

/** Parsed kubeconfigs by text: every kubectl command and kubelet reconnect reads the same few. */
const parsedConfigs = new Map<string, KubeconfigFile>();

/** The kubeconfig a text holds: a fresh object each time (callers such as `config use-context` change it). */
export function parseKubeconfig(text: string): KubeconfigFile {
  let config = parsedConfigs.get(text);
  if (!config) {
    const doc = parseYaml(text);
    config = (doc && typeof doc === 'object' ? doc : {}) as KubeconfigFile;
    if (parsedConfigs.size >= 64) parsedConfigs.clear();
    parsedConfigs.set(text, config);
  }
  return structuredClone(config);
}

export function connect(network: Network, fromIp: string, fs: VirtualFS, config: KubeconfigFile | undefined, o: ConnectOverrides = {}): Connection {
  const contextName = o.context ?? config?.['current-context'];
  const ctx = contextName ? config?.contexts?.find((c) => c.name === contextName) : undefined;
  if (o.context && !ctx) return { ok: false, error: `error: context was not found for specified context: ${o.context}`, exitCode: 1 };
  const clusterName = o.cluster ?? ctx?.context.cluster;
  const userName = o.user ?? ctx?.context.user;
  const clusterEntry = config?.clusters?.find((c) => c.name === clusterName);
  if (o.cluster && !clusterEntry) return { ok: false, error: `error: no server found for cluster "${o.cluster}"`, exitCode: 1 };
  if (o.user && !config?.users?.some((u) => u.name === o.user)) return { ok: false, error: `error: auth info "${o.user}" does not exist`, exitCode: 1 };
  const server = o.server ?? clusterEntry?.cluster.server;
  if (!server) return { ok: false, error: REFUSED('localhost:8080'), exitCode: 1 };
  const url = /^(https?):\/\/([^:/]+)(?::(\d+))?/.exec(server);
  if (!url) return { ok: false, error: `error: couldn't parse server URL "${server}"`, exitCode: 1 };
  const host = url[2]!;
  const port = Number(url[3] ?? (url[1] === 'https' ? 443 : 80));
  const material = kubeconfigCredentials(fs, clusterName ?? '', clusterEntry?.cluster ?? {}, userName ?? '', config?.users?.find((u) => u.name === userName)?.user ?? {});
  if (!material.ok) return { ok: false, error: material.error, exitCode: 1 };
  const ip = network.resolve(host);
  if (!ip) return { ok: false, error: `Unable to connect to the server: dial tcp: lookup ${host} on 127.0.0.53:53: server misbehaving`, exitCode: 1 };
  const conn = network.connect(ip, port, fromIp);
  if (!conn.ok) {
    if (conn.error === 'refused') return { ok: false, error: REFUSED(`${host}:${port}`), exitCode: 1 };
    return { ok: false, error: `Unable to connect to the server: dial tcp ${ip}:${port}: i/o timeout`, exitCode: 1 };
  }
  const endpoint = conn.listener.service as ApiEndpoint;
  if (!endpoint || endpoint.kind !== 'kube-apiserver') {
    return { ok: false, error: `Unable to connect to the server: net/http: TLS handshake timeout`, exitCode: 1 };
  }
  const discoveryUrl = `${url[1]}://${host}:${port}/api?timeout=32s`;
  const transport = (problem: string): Connection => ({
    ok: false,
    error: `Unable to connect to the server: ${problem}`,
    exitCode: 1,
    discovery: { err: `Get "${discoveryUrl}": ${problem}`, error: `Unable to connect to the server: ${problem}` },
  });
  const clientProblem = clientTlsProblem(material.clientCertificatePem, material.clientKeyPem);
  if (clientProblem) return transport(clientProblem);
  if (!material.insecure && url[1] === 'https') {
    const tls = verifyServingCertificate(endpoint, material.caPem, material.serverName ?? host);
    if (tls) return transport(tls);
  }
  const creds: Credentials = {
    clientCertificatePem: material.clientCertificatePem,
    clientKeyPem: material.clientKeyPem,
    token: o.token ?? material.token,
    username: material.username,
    password: material.password,
  };
  const auth = endpoint.authenticate(creds);
  if (!auth.ok) {
    if (auth.error === 'etcd unavailable') return { ok: false, error: 'Error from server: etcdserver: request timed out', exitCode: 1 };
    if (auth.error.startsWith('Unable') || auth.error.startsWith('error')) return { ok: false, error: auth.error, exitCode: 1 };
    return {
      ok: false,
      error: 'error: You must be logged in to the server (Unauthorized)',
      exitCode: 1,
      discovery: { err: 'the server has asked for the client to provide credentials', error: 'error: You must be logged in to the server (the server has asked for the client to provide credentials)' },
    };
  }
  return { ok: true, client: new ApiClient(endpoint.cluster.api, auth.user), endpoint, namespace: ctx?.context.namespace, context: contextName, server };
}
