/**
 * A kubeconfig as clientcmd holds it (clientcmd/api.Config): clusters, users and contexts are
 * maps by name, each entry remembering the file it came from (LocationOfOrigin). Reading
 * decodes the v1 file form, keeping only the fields the v1 types know; writing encodes it back
 * the way kubectl writes kubeconfigs: entries sorted by name, empty lists as `null`, every
 * entry in its Go struct's field order (which `-o json` shows; YAML sorts keys anyway).
 */
import { goStringLess } from '../../util/gofmt.js';

export type Fields = Record<string, unknown>;

export interface Entry {
  value: Fields;
  /** The file this entry was read from; undefined for entries made in this run. */
  origin?: string;
}

export type Section = 'clusters' | 'users' | 'contexts';

export interface Kubeconfig {
  preferences: Fields;
  clusters: Map<string, Entry>;
  users: Map<string, Entry>;
  contexts: Map<string, Entry>;
  currentContext: string;
}

/** The v1 list key and entry key of each section: `users: [{name, user: {...}}]`. */
export const SECTION_ITEM: Record<Section, string> = { clusters: 'cluster', users: 'user', contexts: 'context' };

export function emptyKubeconfig(): Kubeconfig {
  return { preferences: {}, clusters: new Map(), users: new Map(), contexts: new Map(), currentContext: '' };
}

export function cloneKubeconfig(k: Kubeconfig): Kubeconfig {
  const copy = (m: Map<string, Entry>) => new Map([...m].map(([n, e]) => [n, { value: structuredClone(e.value), origin: e.origin }]));
  return { preferences: structuredClone(k.preferences), clusters: copy(k.clusters), users: copy(k.users), contexts: copy(k.contexts), currentContext: k.currentContext };
}

// ---- the v1 types' fields, in struct order -------------------------------------------------

type FieldKind = 'string' | 'bool' | 'bytes' | 'strings' | 'object';

/** v1.Cluster, v1.AuthInfo, v1.Context: json name, kind, and whether it is written when empty. */
const CLUSTER_FIELDS: [string, FieldKind, boolean?][] = [
  ['server', 'string', true],
  ['tls-server-name', 'string'],
  ['insecure-skip-tls-verify', 'bool'],
  ['certificate-authority', 'string'],
  ['certificate-authority-data', 'bytes'],
  ['proxy-url', 'string'],
  ['disable-compression', 'bool'],
  ['extensions', 'object'],
];
const USER_FIELDS: [string, FieldKind, boolean?][] = [
  ['client-certificate', 'string'],
  ['client-certificate-data', 'bytes'],
  ['client-key', 'string'],
  ['client-key-data', 'bytes'],
  ['token', 'string'],
  ['tokenFile', 'string'],
  ['as', 'string'],
  ['as-uid', 'string'],
  ['as-groups', 'strings'],
  ['as-user-extra', 'object'],
  ['username', 'string'],
  ['password', 'string'],
  ['auth-provider', 'object'],
  ['exec', 'object'],
  ['extensions', 'object'],
];
const CONTEXT_FIELDS: [string, FieldKind, boolean?][] = [
  ['cluster', 'string', true],
  ['user', 'string', true],
  ['namespace', 'string'],
  ['extensions', 'object'],
];
const FIELDS: Record<Section, [string, FieldKind, boolean?][]> = { clusters: CLUSTER_FIELDS, users: USER_FIELDS, contexts: CONTEXT_FIELDS };

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

function sortedObject(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedObject);
  if (!v || typeof v !== 'object') return v;
  const o = v as Fields;
  return Object.fromEntries(Object.keys(o).sort(goStringLess).map((k) => [k, sortedObject(o[k])]));
}

/** v1.ExecConfig in struct order (command, args and env are written even when empty). */
function execConfig(v: Fields): Fields {
  const out: Fields = { command: v['command'] ?? '', args: v['args'] ?? null, env: v['env'] ?? null };
  if (!isEmpty(v['apiVersion'])) out['apiVersion'] = v['apiVersion'];
  if (!isEmpty(v['installHint'])) out['installHint'] = v['installHint'];
  out['provideClusterInfo'] = v['provideClusterInfo'] === true;
  if (!isEmpty(v['interactiveMode'])) out['interactiveMode'] = v['interactiveMode'];
  return out;
}

/** One entry with only the fields its v1 type has, in struct order, empty optional ones left out. */
export function normalizeEntry(section: Section, raw: unknown): Fields {
  const v = raw && typeof raw === 'object' ? (raw as Fields) : {};
  const out: Fields = {};
  for (const [name, kind, always] of FIELDS[section]) {
    const value = v[name];
    if (isEmpty(value)) {
      if (always) out[name] = kind === 'string' ? '' : value;
      continue;
    }
    if (name === 'exec') out[name] = execConfig(value as Fields);
    else if (name === 'auth-provider') out[name] = { name: (value as Fields)['name'] ?? '', config: sortedObject((value as Fields)['config'] ?? {}) };
    else out[name] = kind === 'object' ? sortedObject(value) : kind === 'bool' ? value === true : value;
  }
  return out;
}

/** Decodes one file's v1 document; later duplicates of a name win, as in the v1 conversion. */
export function fromV1(doc: unknown, origin?: string): Kubeconfig {
  const d = doc && typeof doc === 'object' ? (doc as Fields) : {};
  const k = emptyKubeconfig();
  if (d['preferences'] && typeof d['preferences'] === 'object') k.preferences = d['preferences'] as Fields;
  for (const section of ['clusters', 'users', 'contexts'] as Section[]) {
    const list = Array.isArray(d[section]) ? (d[section] as Fields[]) : [];
    for (const item of list) {
      if (!item || typeof item !== 'object') continue;
      k[section].set(String(item['name'] ?? ''), { value: normalizeEntry(section, item[SECTION_ITEM[section]]), origin });
    }
  }
  k.currentContext = typeof d['current-context'] === 'string' ? d['current-context'] : '';
  return k;
}

function preferences(p: Fields): Fields {
  const out: Fields = {};
  if (p['colors'] === true) out['colors'] = true;
  if (!isEmpty(p['extensions'])) out['extensions'] = sortedObject(p['extensions']);
  return out;
}

/** The v1 document in struct order: what `-o json` prints and, through YAML, what files hold. */
export function toV1(k: Kubeconfig): Fields {
  const list = (section: Section): Fields[] | null => {
    const names = [...k[section].keys()].sort(goStringLess);
    if (names.length === 0) return null;
    return names.map((name) => ({ name, [SECTION_ITEM[section]]: normalizeEntry(section, k[section].get(name)!.value) }));
  };
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: preferences(k.preferences),
    clusters: list('clusters'),
    users: list('users'),
    contexts: list('contexts'),
    'current-context': k.currentContext,
  };
}

/**
 * Merges files in precedence order as clientcmd does: the first file to define a name keeps
 * it, and the first non-empty current-context wins.
 */
export function mergeKubeconfigs(configs: Kubeconfig[]): Kubeconfig {
  const out = emptyKubeconfig();
  for (const c of configs) {
    for (const section of ['clusters', 'users', 'contexts'] as Section[]) {
      for (const [name, e] of c[section]) if (!out[section].has(name)) out[section].set(name, e);
    }
    if (!out.currentContext) out.currentContext = c.currentContext;
    if (Object.keys(out.preferences).length === 0) out.preferences = c.preferences;
  }
  return out;
}

// ---- view's transformations ------------------------------------------------------------------

/** clientcmdapi.MinifyConfig: only the current context and what it names. */
export function minify(k: Kubeconfig): Kubeconfig {
  if (!k.currentContext) throw new Error('current-context must exist in order to minify');
  const ctx = k.contexts.get(k.currentContext);
  if (!ctx) throw new Error(`cannot locate context ${k.currentContext}`);
  const out: Kubeconfig = { ...k, contexts: new Map([[k.currentContext, ctx]]), clusters: new Map(), users: new Map() };
  const cluster = String(ctx.value['cluster'] ?? '');
  if (cluster) {
    const e = k.clusters.get(cluster);
    if (!e) throw new Error(`cannot locate cluster ${cluster}`);
    out.clusters.set(cluster, e);
  }
  const user = String(ctx.value['user'] ?? '');
  if (user) {
    const e = k.users.get(user);
    if (!e) throw new Error(`cannot locate user ${user}`);
    out.users.set(user, e);
  }
  return out;
}

/** clientcmdapi.ShortenConfig plus RedactSecrets: what `config view` shows without --raw. */
export function redact(k: Kubeconfig): Kubeconfig {
  const out = cloneKubeconfig(k);
  for (const { value } of out.clusters.values()) {
    if (!isEmpty(value['certificate-authority-data'])) value['certificate-authority-data'] = 'DATA+OMITTED';
  }
  for (const { value } of out.users.values()) {
    for (const f of ['client-certificate-data', 'client-key-data']) if (!isEmpty(value[f])) value[f] = 'DATA+OMITTED';
    for (const f of ['token', 'password']) if (!isEmpty(value[f])) value[f] = 'REDACTED';
  }
  return out;
}

/** The file references of an entry (GetClusterFileReferences, GetAuthInfoFileReferences). */
export function fileFields(section: Section): string[] {
  if (section === 'clusters') return ['certificate-authority'];
  if (section === 'users') return ['client-certificate', 'client-key', 'tokenFile'];
  return [];
}
