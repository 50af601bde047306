/**
 * kubeconfig files: building them as kubeadm and the kubelet write them (client-go's serialisation:
 * keys sorted, lists flush with their key, base64 data on one line), parsing them, and resolving
 * the current context's credentials in both the embedded `-data` and the file-path forms.
 */
import { dump, load } from 'js-yaml';
import { dirname, normalizePath } from '../vfs/fs.js';

export interface ClusterEntry {
  server: string;
  'certificate-authority-data'?: string;
  'certificate-authority'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  [key: string]: unknown;
}

export interface UserEntry {
  'client-certificate-data'?: string;
  'client-key-data'?: string;
  'client-certificate'?: string;
  'client-key'?: string;
  token?: string;
  [key: string]: unknown;
}

export interface ContextEntry {
  cluster: string;
  user: string;
  namespace?: string;
  [key: string]: unknown;
}

export interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: { name: string; cluster: ClusterEntry }[];
  contexts: { name: string; context: ContextEntry }[];
  'current-context': string;
  preferences: Record<string, unknown>;
  users: { name: string; user: UserEntry }[];
  [key: string]: unknown;
}

export class KubeconfigError extends Error {}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export interface KubeconfigSpec {
  clusterName: string;
  server: string;
  caPem: string;
  userName: string;
  /** Defaults to `<user>@<cluster>`, kubeadm's naming. */
  contextName?: string;
  namespace?: string;
  clientCertPem?: string;
  clientKeyPem?: string;
  /** File-path form, as the kubelet's rotating client certificate is referenced. */
  clientCertFile?: string;
  clientKeyFile?: string;
  token?: string;
}

export function buildKubeconfig(spec: KubeconfigSpec): Kubeconfig {
  const contextName = spec.contextName ?? `${spec.userName}@${spec.clusterName}`;
  const user: UserEntry = {};
  if (spec.clientCertPem) user['client-certificate-data'] = b64(spec.clientCertPem);
  if (spec.clientKeyPem) user['client-key-data'] = b64(spec.clientKeyPem);
  if (spec.clientCertFile) user['client-certificate'] = spec.clientCertFile;
  if (spec.clientKeyFile) user['client-key'] = spec.clientKeyFile;
  if (spec.token) user.token = spec.token;
  const context: ContextEntry = { cluster: spec.clusterName, user: spec.userName };
  if (spec.namespace) context.namespace = spec.namespace;
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': b64(spec.caPem), server: spec.server }, name: spec.clusterName }],
    contexts: [{ context, name: contextName }],
    'current-context': contextName,
    kind: 'Config',
    preferences: {},
    users: [{ name: spec.userName, user }],
  };
}

/** YAML as client-go writes it (sorted keys via JSON, sequences not indented). */
export function serializeKubeconfig(cfg: Kubeconfig): string {
  return dump(cfg, { sortKeys: true, lineWidth: -1, noRefs: true, noArrayIndent: true, quotingType: '"' });
}

export function parseKubeconfig(text: string): Kubeconfig {
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    throw new KubeconfigError(`error loading config file: ${(e as Error).message}`);
  }
  if (doc === undefined || doc === null) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new KubeconfigError("couldn't get version/kind; json parse error");
  const raw = doc as Record<string, unknown>;
  const list = <T>(key: string): T[] => (Array.isArray(raw[key]) ? (raw[key] as T[]) : []);
  return {
    ...raw,
    apiVersion: String(raw.apiVersion ?? 'v1'),
    kind: String(raw.kind ?? 'Config'),
    clusters: list<{ name: string; cluster: ClusterEntry }>('clusters'),
    contexts: list<{ name: string; context: ContextEntry }>('contexts'),
    'current-context': String(raw['current-context'] ?? ''),
    preferences: (raw.preferences as Record<string, unknown>) ?? {},
    users: list<{ name: string; user: UserEntry }>('users'),
  };
}

export interface ResolvedCredentials {
  contextName: string;
  clusterName: string;
  userName: string;
  namespace?: string;
  server: string;
  caPem?: string;
  clientCertPem?: string;
  clientKeyPem?: string;
  token?: string;
  insecureSkipTlsVerify: boolean;
}

/**
 * The credentials of a context (the current one by default). `readFile` reads node files; relative
 * paths are resolved against the kubeconfig's directory, as client-go does.
 */
export function resolveKubeconfig(cfg: Kubeconfig, readFile: (path: string) => string, kubeconfigPath: string, contextName?: string): ResolvedCredentials {
  const name = contextName ?? cfg['current-context'];
  if (!name) throw new KubeconfigError('current-context is not set');
  const ctx = cfg.contexts.find((c) => c.name === name)?.context;
  if (!ctx) throw new KubeconfigError(`context was not found for specified context: ${name}`);
  const cluster = cfg.clusters.find((c) => c.name === ctx.cluster)?.cluster;
  if (!cluster) throw new KubeconfigError(`cluster "${ctx.cluster}" not found`);
  const user = cfg.users.find((u) => u.name === ctx.user)?.user ?? {};
  const base = dirname(kubeconfigPath);
  const fromFile = (p: string | undefined) => (p ? readFile(normalizePath(p, base)) : undefined);
  const fromData = (d: string | undefined) => (d ? Buffer.from(d, 'base64').toString('utf8') : undefined);
  const out: ResolvedCredentials = {
    contextName: name,
    clusterName: ctx.cluster,
    userName: ctx.user,
    server: cluster.server,
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
  };
  if (ctx.namespace) out.namespace = ctx.namespace;
  const ca = fromData(cluster['certificate-authority-data']) ?? fromFile(cluster['certificate-authority']);
  const cert = fromData(user['client-certificate-data']) ?? fromFile(user['client-certificate']);
  const key = fromData(user['client-key-data']) ?? fromFile(user['client-key']);
  if (ca !== undefined) out.caPem = ca;
  if (cert !== undefined) out.clientCertPem = cert;
  if (key !== undefined) out.clientKeyPem = key;
  if (user.token) out.token = user.token;
  return out;
}
