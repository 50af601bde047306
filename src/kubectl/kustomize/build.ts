/**
 * A kustomize build over the virtual filesystem, as `kubectl kustomize DIR` (kustomize v5.6)
 * and `kubectl apply -k DIR` run it: resources (files and nested kustomizations),
 * configMapGenerator and secretGenerator (hash suffixes computed as kustomize does, with the
 * name left out), patches (strategic merge and JSON 6902, with targets), patchesStrategicMerge,
 * patchesJson6902, namespace, namePrefix/nameSuffix, labels/commonLabels, commonAnnotations,
 * images and replicas, then references to renamed ConfigMaps, Secrets, ServiceAccounts,
 * PersistentVolumeClaims and Services updated, and kustomize's legacy output order.
 */
import { parseAllDocuments, isMap, isSeq } from 'yaml';
import { applyPatch, PatchError } from '../../api/patch.js';
import { matchesAll, parseSelector } from '../../api/labels.js';
import type { KObject } from '../../api/types.js';
import { encodeHash, sortedMap } from '../create/sources.js';
import { goJsonCompact } from '../../util/gofmt.js';

type Obj = Record<string, unknown>;

/** File access for a build: the caller's view of the VFS, with absolute paths. */
export interface KustomizeFs {
  exists(path: string): boolean;
  isDir(path: string): boolean;
  read(path: string): string;
}

export class KustomizeError extends Error {}

/** A resource with the name it had when it entered the build (kustomize's original id). */
interface Res {
  obj: KObject;
  originalName: string;
  /** Generated ConfigMap/Secret that gets the content hash appended. */
  hashed?: boolean;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

function join(dir: string, rel: string): string {
  if (rel.startsWith('/')) return normalize(rel);
  return normalize(`${dir}/${rel}`);
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

function parseDocs(text: string, source: string): KObject[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: KObject[] = [];
  for (const d of list) {
    if (d.errors.length) throw new KustomizeError(`map[string]interface {}(nil): yaml: ${d.errors[0]!.message.split('\n')[0]} in ${source}`);
    if (d.contents === null) continue;
    const v = d.toJS() as KObject;
    if (v && v.kind === 'List' && Array.isArray(v['items'])) out.push(...(v['items'] as KObject[]));
    else if (v) out.push(v);
  }
  return out;
}

function lstatMessage(path: string): string {
  return `evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`;
}

export interface BuildResult {
  objects: KObject[];
  warnings: string[];
}

/** Builds the kustomization in `dir` (absolute). Throws KustomizeError with kustomize's wording. */
export function kustomizeBuild(fs: KustomizeFs, dir: string): BuildResult {
  const root = normalize(dir);
  if (!fs.exists(root)) throw new KustomizeError(`must build at directory: not a valid directory: ${lstatMessage(root)}`);
  const warnings: string[] = [];
  const resources = buildDir(fs, root, warnings, new Set());
  finishNames(resources);
  return { objects: legacySort(resources.map((r) => r.obj)), warnings };
}

function loadKustomization(fs: KustomizeFs, dir: string): Obj {
  const file = KUSTOMIZATION_FILES.map((f) => `${dir}/${f}`).find((p) => fs.exists(p));
  if (!file) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  const docs = parseDocs(fs.read(file), file);
  return (docs[0] ?? {}) as Obj;
}

const DEPRECATED: [string, string][] = [
  ['commonLabels', 'labels'],
  ['patchesStrategicMerge', 'patches'],
  ['patchesJson6902', 'patches'],
  ['bases', 'resources'],
  ['vars', 'replacements'],
];

function buildDir(fs: KustomizeFs, dir: string, warnings: string[], seen: Set<string>): Res[] {
  if (!fs.isDir(dir)) throw new KustomizeError(`must build at directory: not a valid directory: ${lstatMessage(dir)}`);
  if (seen.has(dir)) throw new KustomizeError(`cycle detected: candidate root '${dir}' contains visited root`);
  seen.add(dir);
  const k = loadKustomization(fs, dir);
  for (const [field, replacement] of DEPRECATED) {
    if (k[field] !== undefined) warnings.push(`# Warning: '${field}' is deprecated. Please use '${replacement}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.`);
  }
  const res: Res[] = [];
  for (const entry of [...list(k['bases']), ...list(k['resources'])] as string[]) res.push(...accumulate(fs, dir, String(entry), warnings, seen));
  const options = (k['generatorOptions'] ?? {}) as GeneratorOptions;
  for (const g of list(k['configMapGenerator']) as Generator[]) mergeGenerated(res, generate(fs, dir, g, 'ConfigMap', options));
  for (const g of list(k['secretGenerator']) as Generator[]) mergeGenerated(res, generate(fs, dir, g, 'Secret', options));
  for (const p of list(k['patchesStrategicMerge'])) applyStrategic(res, typeof p === 'string' && !p.includes('\n') && fs.exists(join(dir, p)) ? fs.read(join(dir, p)) : String(p), undefined);
  for (const p of list(k['patches']) as PatchEntry[]) applyPatchEntry(fs, dir, res, p);
  const namespace = k['namespace'] as string | undefined;
  if (namespace) setNamespace(res, namespace);
  const prefix = (k['namePrefix'] as string | undefined) ?? '';
  const suffix = (k['nameSuffix'] as string | undefined) ?? '';
  if (prefix || suffix) for (const r of res) if (!CLUSTER_NAMES_KEPT.has(r.obj.kind)) r.obj.metadata.name = `${prefix}${r.obj.metadata.name}${suffix}`;
  const commonLabels = k['commonLabels'] as Record<string, string> | undefined;
  if (commonLabels) addLabels(res, commonLabels, true, true);
  for (const l of list(k['labels']) as { pairs?: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[]) {
    if (l.pairs) addLabels(res, l.pairs, !!l.includeSelectors, !!l.includeSelectors || !!l.includeTemplates);
  }
  const annotations = k['commonAnnotations'] as Record<string, string> | undefined;
  if (annotations) addAnnotations(res, annotations);
  for (const p of list(k['patchesJson6902']) as PatchEntry[]) applyPatchEntry(fs, dir, res, p, true);
  for (const r of list(k['replicas']) as { name: string; count: number }[]) setReplicas(res, r);
  for (const img of list(k['images']) as Image[]) setImages(res, img);
  seen.delete(dir);
  return res;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function accumulate(fs: KustomizeFs, dir: string, entry: string, warnings: string[], seen: Set<string>): Res[] {
  if (/^(https?|git|ssh):\/\//.test(entry) || entry.startsWith('github.com/')) {
    throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': URL is a git repository': no remote access in this environment`);
  }
  const path = join(dir, entry);
  if (!fs.exists(path)) {
    throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${lstatMessage(path)}': must build at directory: not a valid directory: ${lstatMessage(path)}`);
  }
  if (fs.isDir(path)) return buildDir(fs, path, warnings, seen);
  return parseDocs(fs.read(path), path).map((obj) => ({ obj: structuredClone(obj), originalName: obj.metadata?.name ?? '' }));
}

// ---- generators ------------------------------------------------------------------------

interface GeneratorOptions {
  disableNameSuffixHash?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface Generator {
  name: string;
  namespace?: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  type?: string;
  options?: GeneratorOptions;
}

function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

function generate(fs: KustomizeFs, dir: string, g: Generator, kind: 'ConfigMap' | 'Secret', top: GeneratorOptions): Res & { behavior: string } {
  const data: Record<string, string> = {};
  const add = (k: string, v: string) => {
    if (k in data) throw new KustomizeError(`configmap ${g.name} illegally repeats the key \`${k}\``);
    data[k] = v;
  };
  for (const l of g.literals ?? []) {
    const i = l.indexOf('=');
    if (i <= 0) throw new KustomizeError(`invalid literal source ${l}, expected key=value`);
    add(l.slice(0, i), unquote(l.slice(i + 1)));
  }
  for (const f of g.files ?? []) {
    const i = f.indexOf('=');
    const key = i > 0 ? f.slice(0, i) : f.slice(f.lastIndexOf('/') + 1);
    const path = join(dir, i > 0 ? f.slice(i + 1) : f);
    if (!fs.exists(path)) throw new KustomizeError(`evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`);
    add(key, fs.read(path));
  }
  for (const e of [...(g.env ? [g.env] : []), ...(g.envs ?? [])]) {
    const path = join(dir, e);
    if (!fs.exists(path)) throw new KustomizeError(`evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`);
    for (const raw of fs.read(path).split('\n')) {
      const line = raw.replace(/\r$/, '').trim();
      if (!line || line.startsWith('#')) continue;
      const i = line.indexOf('=');
      if (i < 0) throw new KustomizeError(`line ${line} has no '='`);
      add(line.slice(0, i), line.slice(i + 1));
    }
  }
  const opts = { ...top, ...(g.options ?? {}), labels: { ...(top.labels ?? {}), ...(g.options?.labels ?? {}) }, annotations: { ...(top.annotations ?? {}), ...(g.options?.annotations ?? {}) } };
  const sorted = sortedMap(data);
  const values = kind === 'Secret' ? Object.fromEntries(Object.entries(sorted).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])) : sorted;
  const metadata: Obj = { name: g.name, ...(g.namespace ? { namespace: g.namespace } : {}) };
  if (Object.keys(opts.labels).length) metadata['labels'] = sortedMap(opts.labels);
  if (Object.keys(opts.annotations).length) metadata['annotations'] = sortedMap(opts.annotations);
  const obj: KObject = { apiVersion: 'v1', kind, metadata: metadata as KObject['metadata'], ...(Object.keys(values).length ? { data: values } : {}) };
  if (kind === 'Secret') obj['type'] = g.type ?? 'Opaque';
  return { obj, originalName: g.name, hashed: !opts.disableNameSuffixHash, behavior: g.behavior ?? 'create' };
}

function mergeGenerated(res: Res[], gen: Res & { behavior: string }): void {
  const existing = res.find((r) => r.obj.kind === gen.obj.kind && r.originalName === gen.originalName);
  if (gen.behavior === 'create' || !existing) {
    if (existing) throw new KustomizeError(`may not add resource with an already registered id: ${gen.obj.kind}.v1.[noGrp]/${gen.originalName}.[noNs]`);
    res.push(gen);
    return;
  }
  const data = gen.behavior === 'merge' ? { ...((existing.obj['data'] as Obj) ?? {}), ...((gen.obj['data'] as Obj) ?? {}) } : ((gen.obj['data'] as Obj) ?? {});
  existing.obj['data'] = sortedMap(data);
  existing.hashed = existing.hashed || gen.hashed;
}

/** kustomize's hasher: ConfigMap and Secret content hashed with an empty name. */
function contentHash(obj: KObject): string {
  if (obj.kind === 'Secret') return encodeHash(goJsonCompact({ kind: 'Secret', type: obj['type'] ?? '', name: '', data: obj['data'] ?? {} }));
  const m: Obj = { kind: 'ConfigMap', name: '', data: obj['data'] ?? {} };
  if (obj['binaryData']) m['binaryData'] = obj['binaryData'];
  return encodeHash(goJsonCompact(m));
}

// ---- patches -----------------------------------------------------------------------------

interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

interface PatchEntry {
  path?: string;
  patch?: string;
  target?: Target;
}

function regexMatch(pattern: string | undefined, value: string): boolean {
  if (!pattern) return true;
  return new RegExp(`^(?:${pattern})$`).test(value);
}

function selects(r: Res, t: Target): boolean {
  const o = r.obj;
  const slash = o.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : o.apiVersion.slice(0, slash);
  const version = slash < 0 ? o.apiVersion : o.apiVersion.slice(slash + 1);
  if (t.group !== undefined && !regexMatch(t.group, group)) return false;
  if (t.version !== undefined && !regexMatch(t.version, version)) return false;
  if (t.kind !== undefined && !regexMatch(t.kind, o.kind)) return false;
  if (t.name !== undefined && !regexMatch(t.name, r.originalName) && !regexMatch(t.name, o.metadata.name ?? '')) return false;
  if (t.namespace !== undefined && !regexMatch(t.namespace, o.metadata.namespace ?? '')) return false;
  if (t.labelSelector && !matchesAll(o.metadata.labels, parseSelector(t.labelSelector))) return false;
  if (t.annotationSelector && !matchesAll(o.metadata.annotations, parseSelector(t.annotationSelector))) return false;
  return true;
}

function applyPatchEntry(fs: KustomizeFs, dir: string, res: Res[], p: PatchEntry, json6902 = false): void {
  const text = p.path ? readPatch(fs, dir, p.path) : (p.patch ?? '');
  const docs = parseAllDocuments(text);
  const first = (Array.isArray(docs) ? docs[0] : docs)?.contents;
  if (json6902 || isSeq(first)) {
    const ops = ((Array.isArray(docs) ? docs[0] : docs)?.toJS() ?? []) as unknown[];
    if (!p.target) throw new KustomizeError('must specify a target for JSON patch');
    const matched = res.filter((r) => selects(r, p.target!));
    for (const r of matched) {
      try {
        r.obj = applyPatch('json', r.obj, ops) as KObject;
      } catch (e) {
        if (e instanceof PatchError) throw new KustomizeError(e.message);
        throw e;
      }
    }
    return;
  }
  if (!isMap(first) && first !== null && first !== undefined) throw new KustomizeError('unable to parse SM or JSON patch');
  applyStrategic(res, text, p.target);
}

function readPatch(fs: KustomizeFs, dir: string, rel: string): string {
  const path = join(dir, rel);
  if (!fs.exists(path)) throw new KustomizeError(`${lstatMessage(path)}`);
  return fs.read(path);
}

function applyStrategic(res: Res[], text: string, target: Target | undefined): void {
  for (const patch of parseDocs(text, 'patch')) {
    const matched = target
      ? res.filter((r) => selects(r, target))
      : res.filter((r) => r.obj.kind === patch.kind && (r.originalName === patch.metadata?.name || r.obj.metadata.name === patch.metadata?.name) && (!patch.metadata?.namespace || r.obj.metadata.namespace === patch.metadata.namespace));
    if (!target && matched.length === 0) throw new KustomizeError(`no resource matches strategic merge patch "${patch.kind}.${patch.apiVersion?.replace('/', '.') ?? ''}/${patch.metadata?.name ?? ''}.[noNs]": no matches for Id ${patch.kind}.${patch.apiVersion ?? ''}/${patch.metadata?.name ?? ''}.[noNs]; failed to find unique target for patch ${patch.kind}.${patch.apiVersion ?? ''}/${patch.metadata?.name ?? ''}.[noNs]`);
    for (const r of matched) {
      const body = structuredClone(patch) as KObject;
      if (target) {
        // a targeted patch does not rename or move its targets
        body.metadata = { ...(body.metadata ?? {}), name: r.obj.metadata.name };
        if (r.obj.metadata.namespace) body.metadata.namespace = r.obj.metadata.namespace;
        else delete body.metadata.namespace;
      }
      r.obj = applyPatch('strategic', r.obj, body) as KObject;
    }
  }
}

// ---- transformers ------------------------------------------------------------------------

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'CustomResourceDefinition', 'PriorityClass',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService', 'CertificateSigningRequest', 'IngressClass', 'RuntimeClass', 'CSIDriver',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'VolumeAttachment', 'ComponentStatus',
]);

/** Kinds namePrefix/nameSuffix leave alone. */
const CLUSTER_NAMES_KEPT = new Set(['CustomResourceDefinition', 'Namespace']);

function setNamespace(res: Res[], namespace: string): void {
  for (const r of res) {
    if (CLUSTER_SCOPED.has(r.obj.kind)) continue;
    r.obj.metadata.namespace = namespace;
    if (r.obj.kind === 'RoleBinding' || r.obj.kind === 'ClusterRoleBinding') {
      for (const s of (r.obj['subjects'] as { kind?: string; namespace?: string; name?: string }[] | undefined) ?? []) {
        if (s.kind === 'ServiceAccount' && (!s.namespace || s.namespace === 'default') && res.some((x) => x.obj.kind === 'ServiceAccount' && x.originalName === s.name)) s.namespace = namespace;
      }
    }
  }
}

function at(obj: Obj, path: string[]): Obj | undefined {
  let cur: unknown = obj;
  for (const p of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[p];
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Obj) : undefined;
}

function ensure(obj: Obj, path: string[]): Obj {
  let cur = obj;
  for (const p of path) {
    if (!cur[p] || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p] as Obj;
  }
  return cur;
}

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ReplicationController']);

function addLabels(res: Res[], labels: Record<string, string>, selectors: boolean, templates: boolean): void {
  for (const r of res) {
    const o = r.obj as Obj;
    r.obj.metadata.labels = sortedMap({ ...(r.obj.metadata.labels ?? {}), ...labels });
    const kind = r.obj.kind;
    if (templates) {
      if (WORKLOADS.has(kind) || kind === 'Job') Object.assign(ensure(o, ['spec', 'template', 'metadata', 'labels']), labels);
      if (kind === 'CronJob') {
        Object.assign(ensure(o, ['spec', 'jobTemplate', 'metadata', 'labels']), labels);
        Object.assign(ensure(o, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']), labels);
      }
    }
    if (selectors) {
      if (WORKLOADS.has(kind) && kind !== 'ReplicationController') Object.assign(ensure(o, ['spec', 'selector', 'matchLabels']), labels);
      if (kind === 'ReplicationController' || kind === 'Service') Object.assign(ensure(o, ['spec', 'selector']), labels);
      if (kind === 'PodDisruptionBudget') Object.assign(ensure(o, ['spec', 'selector', 'matchLabels']), labels);
      if (kind === 'NetworkPolicy') Object.assign(ensure(o, ['spec', 'podSelector', 'matchLabels']), labels);
    }
  }
}

function addAnnotations(res: Res[], annotations: Record<string, string>): void {
  for (const r of res) {
    const o = r.obj as Obj;
    r.obj.metadata.annotations = sortedMap({ ...(r.obj.metadata.annotations ?? {}), ...annotations });
    const kind = r.obj.kind;
    if (WORKLOADS.has(kind) || kind === 'Job') Object.assign(ensure(o, ['spec', 'template', 'metadata', 'annotations']), annotations);
    if (kind === 'CronJob') {
      Object.assign(ensure(o, ['spec', 'jobTemplate', 'metadata', 'annotations']), annotations);
      Object.assign(ensure(o, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'annotations']), annotations);
    }
  }
}

function setReplicas(res: Res[], r: { name: string; count: number }): void {
  for (const x of res) {
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(x.obj.kind)) continue;
    if (x.originalName !== r.name && x.obj.metadata.name !== r.name) continue;
    ensure(x.obj as Obj, ['spec'])['replicas'] = r.count;
  }
}

interface Image {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** Pod specs inside an object, for image and reference updates. */
function podSpecs(obj: KObject): Obj[] {
  const o = obj as Obj;
  const candidates = [at(o, ['spec']) && obj.kind === 'Pod' ? at(o, ['spec']) : undefined, at(o, ['spec', 'template', 'spec']), at(o, ['spec', 'jobTemplate', 'spec', 'template', 'spec'])];
  return candidates.filter((x): x is Obj => !!x);
}

function setImages(res: Res[], img: Image): void {
  for (const r of res) {
    for (const spec of podSpecs(r.obj)) {
      for (const c of [...((spec['containers'] as Obj[]) ?? []), ...((spec['initContainers'] as Obj[]) ?? [])]) {
        const image = String(c['image'] ?? '');
        const m = /^(.*?)(?::([^:/@]+))?(?:@(.+))?$/.exec(image);
        if (!m || m[1] !== img.name) continue;
        let next = img.newName ?? m[1]!;
        if (img.digest) next += `@${img.digest}`;
        else if (img.newTag) next += `:${img.newTag}`;
        else if (m[2]) next += `:${m[2]}`;
        else if (m[3]) next += `@${m[3]}`;
        c['image'] = next;
      }
    }
  }
}

// ---- names -------------------------------------------------------------------------------

/** Appends hash suffixes and points every reference at the final names. */
function finishNames(res: Res[]): void {
  for (const r of res) if (r.hashed) r.obj.metadata.name = `${r.obj.metadata.name}-${contentHash(r.obj)}`;
  const renamed = (kind: string, name: string | undefined): string | undefined => {
    if (!name) return name;
    const r = res.find((x) => x.obj.kind === kind && x.originalName === name);
    return r ? r.obj.metadata.name : name;
  };
  for (const r of res) {
    for (const spec of podSpecs(r.obj)) updatePodSpecRefs(spec, renamed);
    const o = r.obj as Obj;
    if (r.obj.kind === 'RoleBinding' || r.obj.kind === 'ClusterRoleBinding') {
      const ref = o['roleRef'] as { kind?: string; name?: string } | undefined;
      if (ref?.kind) ref.name = renamed(ref.kind, ref.name);
      for (const s of (o['subjects'] as { kind?: string; name?: string }[] | undefined) ?? []) if (s.kind === 'ServiceAccount') s.name = renamed('ServiceAccount', s.name);
    }
    if (r.obj.kind === 'Ingress') {
      const backend = (b: Obj | undefined) => {
        const svc = b?.['service'] as { name?: string } | undefined;
        if (svc) svc.name = renamed('Service', svc.name);
      };
      backend(at(o, ['spec', 'defaultBackend']));
      for (const rule of ((at(o, ['spec'])?.['rules'] as Obj[]) ?? [])) for (const p of ((at(rule, ['http'])?.['paths'] as Obj[]) ?? [])) backend(p['backend'] as Obj);
    }
    if (r.obj.kind === 'StatefulSet') {
      const spec = at(o, ['spec']);
      if (spec?.['serviceName']) spec['serviceName'] = renamed('Service', spec['serviceName'] as string);
    }
    if (r.obj.kind === 'HorizontalPodAutoscaler') {
      const ref = at(o, ['spec', 'scaleTargetRef']) as { kind?: string; name?: string } | undefined;
      if (ref?.kind) ref.name = renamed(ref.kind, ref.name);
    }
  }
}

function updatePodSpecRefs(spec: Obj, renamed: (kind: string, name: string | undefined) => string | undefined): void {
  if (spec['serviceAccountName']) spec['serviceAccountName'] = renamed('ServiceAccount', spec['serviceAccountName'] as string);
  for (const s of (spec['imagePullSecrets'] as { name?: string }[] | undefined) ?? []) s.name = renamed('Secret', s.name);
  for (const v of (spec['volumes'] as Obj[] | undefined) ?? []) {
    const cm = v['configMap'] as { name?: string } | undefined;
    if (cm) cm.name = renamed('ConfigMap', cm.name);
    const sec = v['secret'] as { secretName?: string } | undefined;
    if (sec) sec.secretName = renamed('Secret', sec.secretName);
    const pvc = v['persistentVolumeClaim'] as { claimName?: string } | undefined;
    if (pvc) pvc.claimName = renamed('PersistentVolumeClaim', pvc.claimName);
    for (const src of ((v['projected'] as Obj | undefined)?.['sources'] as Obj[] | undefined) ?? []) {
      const pcm = src['configMap'] as { name?: string } | undefined;
      if (pcm) pcm.name = renamed('ConfigMap', pcm.name);
      const psec = src['secret'] as { name?: string } | undefined;
      if (psec) psec.name = renamed('Secret', psec.name);
    }
  }
  for (const c of [...((spec['containers'] as Obj[]) ?? []), ...((spec['initContainers'] as Obj[]) ?? [])]) {
    for (const ef of (c['envFrom'] as Obj[] | undefined) ?? []) {
      const cm = ef['configMapRef'] as { name?: string } | undefined;
      if (cm) cm.name = renamed('ConfigMap', cm.name);
      const sec = ef['secretRef'] as { name?: string } | undefined;
      if (sec) sec.name = renamed('Secret', sec.name);
    }
    for (const e of (c['env'] as Obj[] | undefined) ?? []) {
      const from = e['valueFrom'] as Obj | undefined;
      const cm = from?.['configMapKeyRef'] as { name?: string } | undefined;
      if (cm) cm.name = renamed('ConfigMap', cm.name);
      const sec = from?.['secretKeyRef'] as { name?: string } | undefined;
      if (sec) sec.name = renamed('Secret', sec.name);
    }
  }
}

// ---- output order ------------------------------------------------------------------------

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding',
  'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** kustomize's GVK string: group_version_kind, the core group as "~G" (sorting last). */
function gvkString(o: KObject): string {
  const slash = o.apiVersion.indexOf('/');
  const group = slash < 0 ? '~G' : o.apiVersion.slice(0, slash);
  const version = slash < 0 ? o.apiVersion : o.apiVersion.slice(slash + 1);
  return `${group}_${version}_${o.kind}`;
}

function rank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  if (last >= 0) return 1 + last;
  return 0;
}

/** The legacy order: kinds by kustomize's table, then GVK, namespace and name. */
export function legacySort(objects: KObject[]): KObject[] {
  return objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => {
      const r = rank(a.o.kind) - rank(b.o.kind);
      if (r) return r;
      const ga = gvkString(a.o);
      const gb = gvkString(b.o);
      if (ga !== gb) return ga < gb ? -1 : 1;
      const na = `${a.o.metadata.namespace ?? ''}/${a.o.metadata.name ?? ''}`;
      const nb = `${b.o.metadata.namespace ?? ''}/${b.o.metadata.name ?? ''}`;
      if (na !== nb) return na < nb ? -1 : 1;
      return a.i - b.i;
    })
    .map((x) => x.o);
}
