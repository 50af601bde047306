/**
 * The kubelet's volume manager: resolves a pod's volumes against the API and the node's files
 * before any container starts (a missing ConfigMap, an unbound claim or a hostPath of the wrong
 * type keep the pod in ContainerCreating with the kubelet's FailedMount message), then lays
 * each volume out as the kubelet does: ConfigMap and Secret keys through the atomic writer's
 * `..data` symlinks, emptyDir as fresh storage shared by the pod's containers, hostPath as
 * the node's own directory.
 */
import type { ApiClient } from '../../api/client.js';
import type { KObject } from '../../api/types.js';
import { VirtualFS, normalizePath } from '../../vfs/fs.js';
import type { Mount } from '../container-fs.js';
import { fieldValue } from './env.js';

export interface VolumeSpec {
  name: string;
  configMap?: { name: string; items?: { key: string; path: string; mode?: number }[]; defaultMode?: number; optional?: boolean };
  secret?: { secretName: string; items?: { key: string; path: string; mode?: number }[]; defaultMode?: number; optional?: boolean };
  emptyDir?: { medium?: string; sizeLimit?: string };
  hostPath?: { path: string; type?: string };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  projected?: { sources: ProjectedSource[]; defaultMode?: number };
  downwardAPI?: { items: { path: string; fieldRef?: { fieldPath: string } }[]; defaultMode?: number };
  [other: string]: unknown;
}

interface ProjectedSource {
  serviceAccountToken?: { path: string; expirationSeconds?: number; audience?: string };
  configMap?: { name: string; items?: { key: string; path: string }[]; optional?: boolean };
  secret?: { name: string; items?: { key: string; path: string }[]; optional?: boolean };
  downwardAPI?: { items: { path: string; fieldRef?: { fieldPath: string } }[] };
}

/** A prepared volume: where its files live and whether containers see them read-only. */
export interface PreparedVolume {
  readonly fs: VirtualFS;
  base: string;
  readOnly: boolean;
  /** resourceVersions of the API objects the content came from (to refresh on change). */
  sources: string;
}

/** A file's content, or how to produce it on first read (a token signed only if someone reads it). */
type FileContent = string | (() => string);

export type VolumeResult = { ok: true; volumes: Map<string, PreparedVolume> } | { ok: false; volume: string; message: string; pvc?: boolean };

export interface VolumeContext {
  client?: ApiClient;
  pod: KObject;
  nodeFs: VirtualFS;
  nodeName: string;
  nodeIp: string;
  podIp?: string;
  now: number;
  /** Tokens for projected service-account volumes (or how to produce one when it is read). */
  token(serviceAccount: string): string | (() => string);
  /** Storage kept across calls (emptyDir content, NFS shares). */
  previous?: Map<string, PreparedVolume>;
}

export function podVolumes(pod: KObject): VolumeSpec[] {
  return ((pod['spec'] as { volumes?: VolumeSpec[] } | undefined)?.volumes ?? []).filter(isVolume);
}

/** How many volumes the pod has (every sync asks: counted, not listed). */
export function podVolumeCount(pod: KObject): number {
  let n = 0;
  for (const v of (pod['spec'] as { volumes?: VolumeSpec[] } | undefined)?.volumes ?? []) if (isVolume(v)) n++;
  return n;
}

function isVolume(v: VolumeSpec): boolean {
  return !!v && typeof v.name === 'string';
}

/** Prepares every volume of the pod, or reports the first that cannot be set up. */
export function prepareVolumes(ctx: VolumeContext): VolumeResult {
  const out = new Map<string, PreparedVolume>();
  for (const v of podVolumes(ctx.pod)) {
    const r = prepareOne(ctx, v);
    if ('message' in r) return { ok: false, volume: v.name, message: r.message, pvc: r.pvc };
    out.set(v.name, r);
  }
  return { ok: true, volumes: out };
}

function prepareOne(ctx: VolumeContext, v: VolumeSpec): PreparedVolume | { message: string; pvc?: boolean } {
  const ns = ctx.pod.metadata.namespace ?? 'default';
  const prev = ctx.previous?.get(v.name);
  if (v.configMap || v.secret) {
    const secret = !!v.secret;
    const name = secret ? v.secret!.secretName : v.configMap!.name;
    const src = (secret ? v.secret : v.configMap)!;
    const obj = ctx.client?.find(secret ? 'secrets' : 'configmaps', ns, name);
    if (!obj) {
      if (src.optional) return atomic(ctx, prev, {}, '', src.defaultMode);
      return { message: `${secret ? 'secret' : 'configmap'} "${name}" not found` };
    }
    const data = dataOf(obj, secret);
    const files: Record<string, string> = {};
    if (src.items) {
      for (const it of src.items) {
        if (!(it.key in data)) return { message: secret ? `references non-existent secret key: ${it.key}` : `configmap references non-existent config key: ${it.key}` };
        files[it.path] = data[it.key]!;
      }
    } else Object.assign(files, data);
    return atomic(ctx, prev, files, obj.metadata.resourceVersion, src.defaultMode);
  }
  if (v.projected) {
    const files: Record<string, FileContent> = {};
    let sources = '';
    const tokenPaths: string[] = [];
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) {
        tokenPaths.push(s.serviceAccountToken.path);
        files[s.serviceAccountToken.path] = '';
      }
      const ref = s.configMap ?? s.secret;
      if (ref) {
        const secret = !!s.secret;
        const obj = ctx.client?.find(secret ? 'secrets' : 'configmaps', ns, ref.name);
        if (!obj) {
          if (ref.optional) continue;
          return { message: `${secret ? 'secret' : 'configmap'} "${ref.name}" not found` };
        }
        sources += obj.metadata.resourceVersion;
        const data = dataOf(obj, secret);
        if (ref.items) for (const it of ref.items) files[it.path] = data[it.key] ?? '';
        else Object.assign(files, data);
      }
      for (const it of s.downwardAPI?.items ?? []) if (it.fieldRef) files[it.path] = fieldValue(ctx, it.fieldRef.fieldPath) ?? '';
    }
    // The token is requested only when the volume is (re)written: it is valid for an hour.
    if (prev && prev.sources === sources) return prev;
    for (const path of tokenPaths) files[path] = ctx.token(((ctx.pod['spec'] as { serviceAccountName?: string }).serviceAccountName) ?? 'default');
    return atomic(ctx, prev, files, sources, v.projected.defaultMode);
  }
  if (v.downwardAPI) {
    const files: Record<string, string> = {};
    for (const it of v.downwardAPI.items ?? []) if (it.fieldRef) files[it.path] = fieldValue(ctx, it.fieldRef.fieldPath) ?? '';
    return atomic(ctx, prev, files, JSON.stringify(ctx.pod.metadata.labels ?? {}) + JSON.stringify(ctx.pod.metadata.annotations ?? {}), v.downwardAPI.defaultMode);
  }
  if (v.hostPath) return hostPath(ctx, v.hostPath);
  if (v.persistentVolumeClaim) return claim(ctx, v.persistentVolumeClaim);
  // emptyDir and anything the simulation does not model: fresh, writable storage for the pod.
  return prev ?? { fs: new VirtualFS(), base: '/', readOnly: false, sources: '' };
}

/** Decoded data of stored (frozen, so unchanging) ConfigMaps and Secrets: every pod's service-account volume reads kube-root-ca.crt. */
const decoded = new WeakMap<KObject, Readonly<Record<string, string>>>();

/** The object's data (decoded for a Secret) and binaryData, as files: read, never changed. */
function dataOf(obj: KObject, secret: boolean): Readonly<Record<string, string>> {
  if (!Object.isFrozen(obj)) return decode(obj, secret);
  let data = decoded.get(obj);
  if (!data) {
    data = Object.freeze(decode(obj, secret));
    decoded.set(obj, data);
  }
  return data;
}

function decode(obj: KObject, secret: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((obj['data'] ?? {}) as Record<string, string>)) out[k] = secret ? Buffer.from(v, 'base64').toString('utf8') : v;
  for (const [k, v] of Object.entries((obj['binaryData'] ?? {}) as Record<string, string>)) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
}

/** The atomic writer's volume: its content is fixed now, and laid out now or when first looked at. */
function atomic(ctx: VolumeContext, prev: PreparedVolume | undefined, files: Record<string, FileContent>, sources: string, mode = 0o644): PreparedVolume {
  if (prev && prev.sources === sources) return prev;
  return new AtomicVolume(files, ctx.now, mode, sources);
}

/**
 * Laying files out costs more than preparing them, and most pods never read their
 * service-account volume: the files appear, identical, when a container first looks. Only
 * plain names wait (no directories, no dot names): those cannot fail to lay out, so a
 * layout error still shows when the volume is prepared.
 */
class AtomicVolume implements PreparedVolume {
  readonly base = '/';
  readonly readOnly = true;
  private laidOut?: VirtualFS;

  constructor(
    private readonly files: Record<string, FileContent>,
    private readonly writtenAt: number,
    private readonly mode: number,
    readonly sources: string,
  ) {
    if (Object.keys(files).some((p) => p.startsWith('.') || p.includes('/'))) this.laidOut = atomicLayout(files, writtenAt, mode);
  }

  get fs(): VirtualFS {
    return (this.laidOut ??= atomicLayout(this.files, this.writtenAt, this.mode));
  }
}

/** The atomic writer's layout: ..<timestamp>/ holds the files, ..data points at it, keys point into ..data. */
function atomicLayout(files: Record<string, FileContent>, writtenAt: number, mode: number): VirtualFS {
  const fs = new VirtualFS();
  const d = new Date(writtenAt);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = `..${d.getUTCFullYear()}_${p2(d.getUTCMonth() + 1)}_${p2(d.getUTCDate())}_${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1_000_000 + 123456).padStart(9, '0')}`;
  fs.mkdir(`/${stamp}`);
  const tops = new Set<string>();
  for (const path in files) {
    const content = files[path]!;
    const slash = path.indexOf('/');
    // Only a nested key needs directories made: the others go straight into the new directory.
    const opts = { parents: slash >= 0, mode };
    if (typeof content === 'string') fs.writeFile(`/${stamp}/${path}`, content, opts);
    else fs.writeFileLazy(`/${stamp}/${path}`, content, opts);
    tops.add(slash >= 0 ? path.slice(0, slash) : path);
  }
  fs.symlink(stamp, '/..data');
  // A name can only be taken already if it is a dot name (keys may not start with '..').
  for (const top of tops) if (!top.startsWith('.') || !fs.exists(`/${top}`)) fs.symlink(`..data/${top}`, `/${top}`);
  return fs;
}

const HOSTPATH_TYPES = new Set(['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']);

function hostPath(ctx: VolumeContext, hp: { path: string; type?: string }): PreparedVolume | { message: string } {
  const path = normalizePath(hp.path);
  const type = hp.type ?? '';
  const fs = ctx.nodeFs;
  if (!HOSTPATH_TYPES.has(type)) return { message: `hostPath type check failed: ${path} is not a ${type}` };
  switch (type) {
    case 'DirectoryOrCreate':
      if (!fs.exists(path)) fs.mkdir(path, { recursive: true });
      else if (!fs.isDir(path)) return { message: `hostPath type check failed: ${path} is not a directory` };
      break;
    case 'Directory':
      if (!fs.isDir(path)) return { message: `hostPath type check failed: ${path} is not a directory` };
      break;
    case 'FileOrCreate':
      if (!fs.exists(path)) {
        const parent = path.slice(0, path.lastIndexOf('/')) || '/';
        if (!fs.isDir(parent)) fs.mkdir(parent, { recursive: true });
        fs.writeFile(path, '', { mode: 0o644 });
      } else if (fs.isDir(path)) return { message: `hostPath type check failed: ${path} is not a file` };
      break;
    case 'File':
      if (!fs.isFile(path)) return { message: `hostPath type check failed: ${path} is not a file` };
      break;
    case 'Socket':
    case 'CharDevice':
    case 'BlockDevice':
      if (!fs.exists(path)) return { message: `hostPath type check failed: ${path} is not a ${type === 'Socket' ? 'socket file' : type === 'CharDevice' ? 'character device' : 'block device'}` };
      break;
    default:
      if (!fs.exists(path)) fs.mkdir(path, { recursive: true });
  }
  return { fs, base: path, readOnly: false, sources: '' };
}

function claim(ctx: VolumeContext, ref: { claimName: string; readOnly?: boolean }): PreparedVolume | { message: string; pvc: true } {
  const ns = ctx.pod.metadata.namespace ?? 'default';
  const pvc = ctx.client?.find('persistentvolumeclaims', ns, ref.claimName);
  if (!pvc) return { message: `error processing PVC ${ns}/${ref.claimName}: failed to fetch PVC from API server: persistentvolumeclaims "${ref.claimName}" not found`, pvc: true };
  const status = (pvc['status'] ?? {}) as { phase?: string };
  const volumeName = (pvc['spec'] as { volumeName?: string } | undefined)?.volumeName;
  if (status.phase !== 'Bound' || !volumeName) return { message: `error processing PVC ${ns}/${ref.claimName}: PVC is not bound`, pvc: true };
  const pv = ctx.client?.find('persistentvolumes', '', volumeName);
  if (!pv) return { message: `error processing PVC ${ns}/${ref.claimName}: failed to fetch PV ${volumeName} from API server: persistentvolumes "${volumeName}" not found`, pvc: true };
  const spec = (pv['spec'] ?? {}) as { hostPath?: { path: string; type?: string }; local?: { path: string } };
  const source = spec.hostPath ?? (spec.local ? { path: spec.local.path, type: 'Directory' } : undefined);
  if (source) {
    const r = hostPath(ctx, { path: source.path, type: source.type ?? 'DirectoryOrCreate' });
    if ('message' in r) return { message: `MountVolume.NewMounter initialization failed for volume "${volumeName}" : path "${source.path}" does not exist`, pvc: true };
    return { ...r, readOnly: !!ref.readOnly };
  }
  const prev = ctx.previous?.get(`pv:${volumeName}`);
  return prev ?? { fs: new VirtualFS(), base: '/', readOnly: !!ref.readOnly, sources: '' };
}

/** The mounts of one container: its volumeMounts over the prepared volumes (subPath included). */
export function containerMounts(container: { [key: string]: unknown }, volumes: Map<string, PreparedVolume>): Mount[] {
  const out: Mount[] = [];
  for (const vm of ((container.volumeMounts ?? []) as { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[])) {
    const v = volumes.get(vm.name);
    if (!v) continue;
    let base = v.base;
    if (vm.subPath) {
      base = normalizePath(`${v.base}/${vm.subPath}`);
      // subPath of an atomic-writer volume resolves the symlink once: later updates are not seen.
      if (v.readOnly && v.fs.exists(base)) {
        try {
          base = v.fs.realpath(base);
        } catch {
          // keep the path
        }
      } else if (!v.fs.exists(base)) v.fs.mkdir(base, { recursive: true });
    }
    out.push(new VolumeMount(vm.mountPath, v, base, v.readOnly || !!vm.readOnly));
  }
  return out;
}

/** A volume mounted into a container: its files are the volume's, looked up when used. */
class VolumeMount implements Mount {
  constructor(
    readonly path: string,
    private readonly volume: PreparedVolume,
    readonly base: string,
    readonly readOnly: boolean,
  ) {}

  get fs(): VirtualFS {
    return this.volume.fs;
  }
}

/** /etc/hosts as the kubelet writes it for a pod on the pod network. */
export function hostsFile(pod: KObject, podIp: string | undefined, clusterDomain: string): string {
  const spec = (pod['spec'] ?? {}) as { hostname?: string; subdomain?: string; hostAliases?: { ip: string; hostnames: string[] }[] };
  const hostname = spec.hostname ?? pod.metadata.name ?? '';
  let text = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (podIp) {
    if (spec.subdomain) text += `${podIp}\t${hostname}.${spec.subdomain}.${pod.metadata.namespace ?? 'default'}.svc.${clusterDomain}\t${hostname}\n`;
    else text += `${podIp}\t${hostname}\n`;
  }
  if (spec.hostAliases?.length) {
    text += '\n# Entries added by HostAliases.\n';
    for (const a of spec.hostAliases) text += `${a.ip}\t${a.hostnames.join('\t')}\n`;
  }
  return text;
}

/** Does the pod's resolv.conf start from the node's (its dnsPolicy does not give it the cluster's DNS)? */
export function usesNodeResolv(pod: KObject, clusterDns: readonly string[]): boolean {
  const spec = (pod['spec'] ?? {}) as { dnsPolicy?: string; hostNetwork?: boolean };
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'None') return false;
  const useCluster = (policy === 'ClusterFirst' && !spec.hostNetwork) || policy === 'ClusterFirstWithHostNet';
  return !useCluster || clusterDns.length === 0;
}

/** The pod's DNS settings from its dnsPolicy, the kubelet's clusterDNS and the node's resolver (read only if used). */
export function resolvConf(pod: KObject, clusterDns: string[], clusterDomain: string, nodeResolv: () => string): { text: string; nameservers: string[]; search: string[] } {
  const spec = (pod['spec'] ?? {}) as { dnsPolicy?: string; hostNetwork?: boolean; dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] } };
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  const ns = pod.metadata.namespace ?? 'default';
  let nameservers: string[] = [];
  let search: string[] = [];
  let options: string[] = [];
  if (policy === 'None') {
    // only dnsConfig
  } else if (!usesNodeResolv(pod, clusterDns)) {
    nameservers = [...clusterDns];
    search = [`${ns}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain];
    options = ['ndots:5'];
  } else {
    for (const line of nodeResolv().split('\n')) {
      const [k, ...rest] = line.trim().split(/\s+/);
      if (k === 'nameserver' && rest[0]) nameservers.push(rest[0]);
      else if (k === 'search') search = rest;
      else if (k === 'options') options = rest;
    }
  }
  const dc = spec.dnsConfig;
  if (dc) {
    nameservers = [...nameservers, ...(dc.nameservers ?? [])];
    search = [...search, ...(dc.searches ?? [])];
    for (const o of dc.options ?? []) {
      options = options.filter((x) => x.split(':')[0] !== o.name);
      options.push(o.value !== undefined ? `${o.name}:${o.value}` : o.name);
    }
  }
  const lines: string[] = [];
  if (search.length) lines.push(`search ${search.join(' ')}`);
  for (const n of nameservers) lines.push(`nameserver ${n}`);
  if (options.length) lines.push(`options ${options.join(' ')}`);
  return { text: lines.join('\n') + '\n', nameservers, search };
}
