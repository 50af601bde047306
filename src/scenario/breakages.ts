/**
 * The breakage catalogue: each kind is a declarative edit of cluster state (node files, units,
 * API objects), exactly what a fault or a careless administrator would leave behind. Nothing
 * here sets a "broken" flag: the cluster fails because of what the edit changed (DESIGN
 * principle 1), and the candidate's fix is another edit.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { World } from '../cluster/world.js';
import type { Machine } from '../node/machine.js';
import { NodeHost } from '../node/node.js';
import { clone, type KObject } from '../api/types.js';
import { resourceKey, type ResourceInfo } from '../api/registry.js';
import { ApiError } from '../api/errors.js';
import { parseYaml, toYaml } from '../util/yaml.js';
import { getPath, parseFieldPath, removePath, setPath, FieldPathError } from '../util/fieldpath.js';
import { parseKubeconfig } from '../cluster/connect.js';
import type { Breakage, CertificateBreakage, CniBreakage, FileBreakage, KubeconfigBreakage, NodeBreakage, ObjectBreakage, RbacBreakage, ServiceBreakage, StaticPodBreakage } from './types.js';

export class BreakageError extends Error {
  /** The field of the breakage the problem is about (for the error position). */
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface BreakageContext {
  world: World;
  /** The cluster whose `breakages` list holds this entry. */
  cluster: Cluster;
  clusters: ReadonlyMap<string, Cluster>;
  /** Re-issues a certificate file (provided once the PKI is wired). */
  reissueCertificate?(host: Machine, path: string, change: { expiredAt?: number; wrongCa?: boolean; cn?: string; sans?: string[] }, cluster: Cluster): void;
}

type Handler = (body: unknown, ctx: BreakageContext) => void;

const HANDLERS: Record<string, Handler> = {
  file: breakFile as Handler,
  staticPod: breakStaticPod as Handler,
  service: breakService as Handler,
  object: breakObject as Handler,
  node: breakNode as Handler,
  cni: breakCni as Handler,
  kubeconfig: breakKubeconfig as Handler,
  certificate: breakCertificate as Handler,
  rbac: breakRbac as Handler,
};

export const BREAKAGE_KINDS = Object.keys(HANDLERS);

export function applyBreakage(b: Breakage, ctx: BreakageContext): void {
  const [kind] = Object.keys(b);
  const handler = kind ? HANDLERS[kind] : undefined;
  if (!handler) throw new BreakageError(`unknown breakage kind "${kind}"`);
  try {
    handler((b as unknown as Record<string, unknown>)[kind!], ctx);
  } catch (e) {
    if (e instanceof FieldPathError) throw new BreakageError(e.message, 'set');
    if (e instanceof ApiError) throw new BreakageError(`the API server rejected the change: ${e.message}`);
    throw e;
  }
}

// ---- helpers ----------------------------------------------------------------------------

function hostOf(ctx: BreakageContext, name: string, field = 'host'): Machine {
  if (ctx.world.workstation.hostname === name) return ctx.world.workstation;
  for (const c of ctx.clusters.values()) {
    const n = c.nodes.get(name);
    if (n) return n;
  }
  throw new BreakageError(`unknown host "${name}"`, field);
}

function nodeOf(ctx: BreakageContext, name: string): NodeHost {
  const h = hostOf(ctx, name, 'node');
  if (!(h instanceof NodeHost)) throw new BreakageError(`"${name}" is not a cluster node`, 'node');
  return h;
}

function clusterOf(ctx: BreakageContext, name: unknown): Cluster {
  if (typeof name !== 'string') return ctx.cluster;
  const c = ctx.clusters.get(name);
  if (!c) throw new BreakageError(`unknown cluster "${name}"`, 'cluster');
  return c;
}

function readExisting(host: Machine, path: string): string {
  const text = host.fs.readFileIfExists(path);
  if (text === undefined) throw new BreakageError(`${path} does not exist on ${host.hostname}`, 'path');
  return text;
}

const isJsonFile = (path: string) => /\.(json|conflist|conf)$/.test(path) && !path.endsWith('.conf.yaml');

function parseDoc(path: string, text: string): Record<string, unknown> {
  const doc = isJsonFile(path) && text.trim().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  if (!doc || typeof doc !== 'object') throw new BreakageError(`${path} does not hold a YAML or JSON document`, 'path');
  return doc as Record<string, unknown>;
}

function formatDoc(path: string, doc: unknown, original: string): string {
  if (isJsonFile(path) && original.trim().startsWith('{')) return JSON.stringify(doc, null, 2) + '\n';
  return toYaml(doc);
}

function applyEdits(doc: Record<string, unknown>, set?: Record<string, unknown>, remove?: string[], base: (string | number)[] = []): void {
  for (const [p, v] of Object.entries(set ?? {})) setPath(doc, [...base, ...parseFieldPath(p)], v);
  for (const p of remove ?? []) {
    if (!removePath(doc, [...base, ...parseFieldPath(p)])) throw new BreakageError(`nothing at "${p}" to remove`, 'remove');
  }
}

// ---- kinds ------------------------------------------------------------------------------

type FileBody = FileBreakage['file'];

function breakFile(b: FileBody, ctx: BreakageContext): void {
  const host = hostOf(ctx, b.host);
  if (b.content !== undefined && !host.fs.exists(b.path)) {
    host.fs.writeFile(b.path, b.content, { parents: true });
    return;
  }
  let text = readExisting(host, b.path);
  if (b.delete) {
    host.fs.unlink(b.path);
    return;
  }
  if (b.content !== undefined) text = b.content;
  for (const r of b.replace ?? []) {
    if (!text.includes(r.from)) throw new BreakageError(`"${r.from}" does not occur in ${b.path}`, 'replace');
    text = r.all ? text.split(r.from).join(r.to) : text.replace(r.from, r.to);
  }
  if (b.set || b.remove) {
    const doc = parseDoc(b.path, text);
    applyEdits(doc, b.set, b.remove);
    text = formatDoc(b.path, doc, text);
  }
  if (b.append) text += b.append;
  host.fs.writeFile(b.path, text);
  if (b.mode) host.fs.chmod(b.path, parseInt(b.mode, 8));
}

type StaticPodBody = StaticPodBreakage['staticPod'];

function breakStaticPod(b: StaticPodBody, ctx: BreakageContext): void {
  const node = nodeOf(ctx, b.node);
  const path = `/etc/kubernetes/manifests/${b.component}.yaml`;
  const pod = parseDoc(path, readExisting(node, path));
  const container = ['spec', 'containers', 0];
  if (!getPath(pod, container)) throw new BreakageError(`${path} has no container`, 'component');
  for (const [p, v] of Object.entries(b.set ?? {})) {
    const target = p.startsWith('pod.') ? parseFieldPath(p.slice(4)) : [...container, ...parseFieldPath(p)];
    setPath(pod, target, v);
  }
  if (b.flags) {
    const c = getPath(pod, container) as { command?: string[]; args?: string[] };
    const list = c.command ?? (c.args ??= []);
    for (const [name, value] of Object.entries(b.flags)) setFlag(list, name.replace(/^--/, ''), value);
  }
  node.fs.writeFile(path, toYaml(pod));
}

/** Sets, adds or (value null) removes `--name=value` in a command list. */
export function setFlag(list: string[], name: string, value: string | null): void {
  const i = list.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (value === null) {
    if (i < 0) throw new BreakageError(`the command has no flag --${name} to remove`, 'flags');
    list.splice(i, 1);
  } else if (i >= 0) {
    list[i] = `--${name}=${value}`;
  } else {
    list.push(`--${name}=${value}`);
  }
}

type ServiceBody = ServiceBreakage['service'];

function breakService(b: ServiceBody, ctx: BreakageContext): void {
  const node = nodeOf(ctx, b.node);
  const unit = b.unit.replace(/\.service$/, '');
  if (!node.systemd.knownUnits().includes(unit)) throw new BreakageError(`unknown unit "${b.unit}" on ${b.node} (units: ${node.systemd.knownUnits().join(', ')})`, 'unit');
  if (b.disable) node.systemd.disable(unit);
  if (b.stop ?? true) node.systemd.stop(unit);
}

type ObjectBody = ObjectBreakage['object'];

function resolveKind(cluster: Cluster, kind: string, apiVersion?: string): ResourceInfo {
  const reg = cluster.api.registry;
  const info = apiVersion ? reg.byKind(apiVersion, kind) : (reg.kindsNamed(kind)[0] ?? reg.resolve(kind));
  if (!info) throw new BreakageError(`unknown kind "${kind}"`, 'kind');
  return info;
}

function breakObject(b: ObjectBody, ctx: BreakageContext): void {
  const cluster = clusterOf(ctx, b.cluster);
  const info = resolveKind(cluster, b.kind, b.apiVersion);
  const admin = cluster.admin();
  const ns = info.namespaced ? (b.namespace ?? 'default') : '';
  const obj = admin.find(resourceKey(info), ns, b.name);
  if (!obj) throw new BreakageError(`${b.kind} ${ns ? `${ns}/` : ''}${b.name} does not exist in cluster ${cluster.name}`, 'name');
  if (b.delete) {
    admin.delete(resourceKey(info), ns, b.name);
    return;
  }
  const copy = clone(obj) as KObject;
  applyEdits(copy as Record<string, unknown>, b.set, b.remove);
  admin.update(resourceKey(info), copy);
  if (info.resource !== 'pods' && 'status' in copy && b.set && Object.keys(b.set).some((k) => k.startsWith('status'))) admin.updateStatus(resourceKey(info), copy);
}

type NodeBody = NodeBreakage['node'];

function breakNode(b: NodeBody, ctx: BreakageContext): void {
  const cluster = clusterOf(ctx, b.cluster);
  const admin = cluster.admin();
  const node = admin.find('nodes', '', b.name);
  if (!node) throw new BreakageError(`node "${b.name}" does not exist in cluster ${cluster.name}`, 'name');
  const spec = (node['spec'] ?? {}) as { taints?: unknown[] };
  const patch: Record<string, unknown> = { spec: {} };
  if (b.taints) (patch['spec'] as Record<string, unknown>)['taints'] = [...(spec.taints ?? []), ...b.taints];
  if (b.cordon) (patch['spec'] as Record<string, unknown>)['unschedulable'] = true;
  if (b.labels) patch['metadata'] = { labels: b.labels };
  admin.patch('nodes', '', b.name, 'merge', patch);
}

type CniBody = CniBreakage['cni'];

function breakCni(b: CniBody, ctx: BreakageContext): void {
  const cluster = clusterOf(ctx, b.cluster);
  const nodes = b.node ? [nodeOf(ctx, b.node)] : [...cluster.nodes.values()];
  for (const node of nodes) {
    const dir = '/etc/cni/net.d';
    const configs = node.fs.isDir(dir) ? node.fs.readdir(dir).filter((f) => /\.(conflist|conf|json)$/.test(f)) : [];
    if (b.removeConfig) for (const f of configs) node.fs.unlink(`${dir}/${f}`);
    if (b.removeBinary) {
      const bin = `/opt/cni/bin/${b.removeBinary}`;
      if (!node.fs.exists(bin)) throw new BreakageError(`${bin} does not exist on ${node.hostname}`, 'removeBinary');
      node.fs.unlink(bin);
    }
    if (b.range) {
      if (configs.length === 0) throw new BreakageError(`no CNI config in ${dir} on ${node.hostname}`, 'range');
      for (const f of configs) {
        const path = `${dir}/${f}`;
        const doc = JSON.parse(node.fs.readFile(path)) as { plugins?: Record<string, unknown>[]; ipam?: Record<string, unknown> };
        for (const p of doc.plugins ?? [doc]) rewriteIpam(p['ipam'] as Record<string, unknown> | undefined, b.range);
        node.fs.writeFile(path, JSON.stringify(doc, null, 2) + '\n');
      }
    }
  }
}

function rewriteIpam(ipam: Record<string, unknown> | undefined, range: string): void {
  if (!ipam) return;
  if ('ipv4_pools' in ipam || ipam['type'] === 'calico-ipam') ipam['ipv4_pools'] = [range];
  else ipam['ranges'] = [[{ subnet: range }]];
}

type KubeconfigBody = KubeconfigBreakage['kubeconfig'];

function breakKubeconfig(b: KubeconfigBody, ctx: BreakageContext): void {
  const host = hostOf(ctx, b.host);
  const config = parseKubeconfig(readExisting(host, b.path));
  if (b.server) for (const c of config.clusters ?? []) c.cluster.server = b.server;
  const current = config.contexts?.find((c) => c.name === config['current-context']);
  if (b.user && current) current.context.user = b.user;
  if (b.namespace && current) current.context.namespace = b.namespace;
  if (b.context) config['current-context'] = b.context;
  const st = host.fs.stat(b.path);
  host.fs.writeFile(b.path, toYaml(config), { mode: st.mode });
}

type CertificateBody = CertificateBreakage['certificate'];

function breakCertificate(b: CertificateBody, ctx: BreakageContext): void {
  const host = hostOf(ctx, b.host);
  readExisting(host, b.path);
  if (!ctx.reissueCertificate) throw new BreakageError('certificate breakages need the cluster PKI, which this build does not provide');
  const expiredAt = b.expired === true ? ctx.world.clock.now() - 86_400_000 : typeof b.expired === 'string' ? Date.parse(b.expired) : undefined;
  if (typeof b.expired === 'string' && Number.isNaN(expiredAt)) throw new BreakageError(`expired: "${b.expired}" is not an RFC 3339 instant`, 'expired');
  ctx.reissueCertificate(host, b.path, { expiredAt, wrongCa: b.wrongCa, cn: b.cn, sans: b.sans }, ctx.cluster);
}

type RbacBody = RbacBreakage['rbac'];

function breakRbac(b: RbacBody, ctx: BreakageContext): void {
  const cluster = clusterOf(ctx, b.cluster);
  const info = resolveKind(cluster, b.kind, 'rbac.authorization.k8s.io/v1');
  const key = resourceKey(info);
  const ns = info.namespaced ? (b.namespace ?? 'default') : '';
  const admin = cluster.admin();
  const obj = admin.find(key, ns, b.name);
  if (!obj) throw new BreakageError(`${b.kind} ${ns ? `${ns}/` : ''}${b.name} does not exist in cluster ${cluster.name}`, 'name');
  if (b.delete) return void admin.delete(key, ns, b.name);
  const copy = clone(obj) as KObject & { rules?: { resources?: string[]; verbs?: string[] }[]; subjects?: { name: string }[] };
  if (b.removeRule) {
    const before = copy.rules?.length ?? 0;
    copy.rules = (copy.rules ?? []).filter((r) => !ruleMatches(r, b.removeRule!));
    if (copy.rules.length === before) throw new BreakageError(`no rule of ${b.kind} ${b.name} grants that`, 'removeRule');
  }
  if (b.removeSubject) {
    const before = copy.subjects?.length ?? 0;
    copy.subjects = (copy.subjects ?? []).filter((s) => s.name !== b.removeSubject);
    if (copy.subjects.length === before) throw new BreakageError(`${b.kind} ${b.name} has no subject "${b.removeSubject}"`, 'removeSubject');
  }
  admin.update(key, copy);
}

function ruleMatches(rule: { resources?: string[]; verbs?: string[] }, sel: { resources?: string[]; verbs?: string[] }): boolean {
  const res = !sel.resources || sel.resources.some((r) => rule.resources?.includes(r));
  const verbs = !sel.verbs || sel.verbs.some((v) => rule.verbs?.includes(v));
  return res && verbs;
}
