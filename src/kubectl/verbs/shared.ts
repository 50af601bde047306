/** Pieces several kubectl commands share: reading -f manifests, the printers' file access, object mapping. */
import { resourceKey, type ResourceInfo } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import { VfsError } from '../../vfs/fs.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import { buildFor } from '../kustomize/index.js';
import type { Invocation } from '../command.js';
import { ApiError } from '../../api/errors.js';
import { describeError, KubectlError } from '../errors.js';
import { parseResourceArgs, rejectArgsWithPaths } from '../resources.js';
import { applyPatch } from '../../api/patch.js';
import { checkTypeMeta, decodeObjects, readSources, type SourcedObject } from '../manifests.js';
import type { PrinterEnv } from '../printers/index.js';

/** -k's directory, when given (FilenameOptions.Kustomize). */
function kustomizeDir(inv: Invocation): string {
  return inv.flags.values.has('kustomize') ? flagString(inv.flags, 'kustomize') : '';
}

/**
 * What -f or -k names: the files, or -k's directory standing for the objects kustomize builds
 * from it (objectsFromFiles builds them), with FilenameOptions' validation.
 */
export function filenamesOf(inv: Invocation): string[] {
  const files = flagList(inv.flags, 'filename');
  const dir = kustomizeDir(inv);
  if (!dir) return files;
  if (files.length) throw new KubectlError('error: only one of -f or -k can be specified');
  if (inv.flags.changed.has('recursive') && flagBool(inv.flags, 'recursive')) throw new KubectlError("error: the -k flag can't be used with -f or -R");
  return [dir];
}

export function objectsFromFiles(inv: Invocation, files: string[], verb = 'get'): SourcedObject[] {
  const dir = kustomizeDir(inv);
  if (dir) {
    const built = buildFor(inv, dir).map((object) => ({ object, source: dir }));
    if (built.length === 0) throw new KubectlError(`error: no objects passed to ${verb}`);
    return built;
  }
  const sources = readSources(files, inv.flags.values.has('recursive') && flagBool(inv.flags, 'recursive'), {
    fs: inv.proc.host.fs,
    cred: inv.proc.cred,
    resolve: (p) => inv.proc.resolve(p),
    stdin: inv.proc.stdin,
  });
  const objects = sources.flatMap((s) => decodeObjects(s.source, s.text));
  if (objects.length === 0) throw new KubectlError(`error: no objects passed to ${verb}`);
  return objects;
}

/** Resolves an object's kind to its resource, with kubectl's "no matches for kind" error. */
export function mappingFor(inv: Invocation, o: SourcedObject): ResourceInfo {
  checkTypeMeta(o);
  const info = inv.kctx.cluster().api.registry.byKind(o.object.apiVersion, o.object.kind);
  if (!info) {
    const m = o.object.metadata ?? {};
    throw new KubectlError(`error: resource mapping not found for name: "${m.name ?? ''}" namespace: "${m.namespace ?? ''}" from "${o.source}": no matches for kind "${o.object.kind}" in version "${o.object.apiVersion}"\nensure CRDs are installed first`);
  }
  return info;
}

/** The namespace an object from a manifest goes to, with kubectl's mismatch error. */
export function namespaceFor(inv: Invocation, info: ResourceInfo, obj: KObject, source: string): string {
  if (!info.namespaced) return '';
  const explicit = inv.kctx.globals.namespace;
  const inFile = obj.metadata?.namespace;
  if (explicit && inFile && explicit !== inFile) {
    throw new KubectlError(`error: the namespace from the provided object "${inFile}" does not match the namespace "${explicit}". You must pass '--namespace=${inFile}' to perform this operation.`);
  }
  void source;
  return inFile || inv.kctx.namespace();
}

export function printerEnv(inv: Invocation): PrinterEnv {
  return {
    readFile: (path: string) => {
      try {
        return inv.proc.host.fs.readFile(inv.proc.resolve(path), inv.proc.cred);
      } catch (e) {
        if (e instanceof VfsError) throw new Error(`open ${path}: ${e.reason.toLowerCase()}`);
        throw e;
      }
    },
  };
}

export function keyOf(info: ResourceInfo): string {
  return resourceKey(info);
}

/** Where kubectl's klog warnings go: stderr, stamped with the virtual clock and a pid. */
export function warnSink(inv: Invocation): { now: number; pid: number; write(line: string): void } {
  return { now: inv.kctx.now(), pid: 4000 + (inv.proc.argv.length % 997), write: (l) => inv.err.write(l) };
}

/** One object a verb acts on, fetched from the server (or read from a file with --local). */
export interface Target {
  info: ResourceInfo;
  key: string;
  namespace: string;
  name: string;
  object: KObject;
}

export interface SelectOptions {
  /** TYPE NAME..., TYPE/NAME..., TYPE,TYPE. */
  resources: string[];
  filenames?: string[];
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  /** --local: use the objects of the files as they are, without the server. */
  local?: boolean;
  /** The verb in "no objects passed to <verb>". */
  verb?: string;
}

export interface Selection {
  targets: Target[];
  /** Failures met while fetching (NotFound, ...), worded as kubectl prints them; the rest go on. */
  errors: string[];
  /** One object named (pod/x, pod x, one file with one object): printers do not wrap it in a List. */
  singleItemImplied: boolean;
}

/**
 * The resource builder as label, annotate, set, patch, taint and friends use it
 * (ResourceTypeOrNameArgs + FilenameParam + selectors + Latest, ContinueOnError): every named
 * object fetched from the server, NotFound and similar failures collected, usage mistakes
 * thrown with kubectl's sentences.
 */
export function selectResources(inv: Invocation, o: SelectOptions): Selection {
  const targets: Target[] = [];
  const errors: string[] = [];
  const files = o.filenames ?? [];
  if (files.length) {
    rejectArgsWithPaths(o.resources);
    const objects = objectsFromFiles(inv, files, o.verb);
    for (const so of objects) {
      const info = mappingFor(inv, so);
      const namespace = namespaceFor(inv, info, so.object, so.source);
      const name = so.object.metadata?.name ?? '';
      if (o.local) {
        targets.push({ info, key: keyOf(info), namespace, name, object: so.object });
        continue;
      }
      fetchInto(inv, info, namespace, name, targets, errors);
    }
    return { targets, errors, singleItemImplied: objects.length === 1 && o.resources.length === 0 };
  }
  if (o.local) return { targets, errors, singleItemImplied: false };
  const registry = inv.kctx.cluster().api.registry;
  const selections = parseResourceArgs(registry, o.resources);
  const namespace = inv.kctx.namespace();
  let names = 0;
  for (const sel of selections) {
    const key = keyOf(sel.info);
    if (sel.names.length) {
      if (o.selector) throw new KubectlError('error: name cannot be provided when a selector is specified');
      for (const name of sel.names) {
        names++;
        fetchInto(inv, sel.info, sel.info.namespaced ? namespace : '', name, targets, errors);
      }
      continue;
    }
    if (!o.all && !o.selector && !o.fieldSelector) throw new KubectlError('error: resource(s) were provided, but no name was specified');
    const ns = sel.info.namespaced && !o.allNamespaces ? namespace : undefined;
    for (const obj of inv.kctx.client().list(key, ns, { labelSelector: o.selector || undefined, fieldSelector: o.fieldSelector || undefined })) {
      targets.push({ info: sel.info, key, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name, object: obj });
    }
  }
  return { targets, errors, singleItemImplied: names === 1 && selections.length === 1 };
}

function fetchInto(inv: Invocation, info: ResourceInfo, namespace: string, name: string, targets: Target[], errors: string[]): void {
  const key = keyOf(info);
  try {
    const object = inv.kctx.client().get(key, namespace, name);
    targets.push({ info, key, namespace: info.namespaced ? namespace : '', name, object });
  } catch (e) {
    if (e instanceof ApiError) errors.push(describeError(e));
    else throw e;
  }
}

/** CheckErr of the aggregated failures: one as it is, several one per line. */
export function writeErrors(inv: Invocation, errors: string[]): void {
  if (errors.length === 1) inv.err.write(errors[0]!.endsWith('\n') ? errors[0]! : errors[0]! + '\n');
  else for (const e of errors) inv.err.write(e.replace(/^error: /, '') + '\n');
}

/**
 * jsonpatch.CreateMergePatch: the RFC 7386 patch that turns `a` into `b` (changed keys, null
 * for removed ones, lists replaced whole). Empty when nothing differs.
 */
export function createMergePatch(a: unknown, b: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ao = (a ?? {}) as Record<string, unknown>;
  const bo = (b ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(bo)) {
    const av = ao[k];
    const bv = bo[k];
    if (bv === undefined) continue;
    if (isPlainObject(av) && isPlainObject(bv)) {
      const sub = createMergePatch(av, bv);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (JSON.stringify(av) !== JSON.stringify(bv)) {
      out[k] = bv;
    }
  }
  for (const k of Object.keys(ao)) if (ao[k] !== undefined && bo[k] === undefined) out[k] = null;
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** --overrides with --override-type json|merge|strategic (cmdutil.Overrider): the generated object patched. */
export function applyOverrides(obj: KObject, overrides: string, type: string): KObject {
  if (!overrides) return obj;
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch (e) {
    throw new KubectlError(`error: ${(e as Error).message}`);
  }
  if (type !== 'json' && type !== 'merge' && type !== 'strategic') throw new KubectlError(`error: invalid override type: ${type}`);
  try {
    return applyPatch(type, obj, patch) as KObject;
  } catch (e) {
    throw new KubectlError(`error: ${(e as Error).message}`);
  }
}
