/** Pieces several kubectl commands share: reading -f manifests, the printers' file access, object mapping. */
import { resourceKey, type ResourceInfo } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import { VfsError } from '../../vfs/fs.js';
import { flagBool } from '../flags/index.js';
import type { Invocation } from '../command.js';
import { KubectlError } from '../errors.js';
import { checkTypeMeta, decodeObjects, readSources, type SourcedObject } from '../manifests.js';
import type { PrinterEnv } from '../printers/index.js';

export function objectsFromFiles(inv: Invocation, files: string[], verb = 'get'): SourcedObject[] {
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
