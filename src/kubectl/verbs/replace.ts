/**
 * kubectl replace -f FILE: PUT of each object (the live resourceVersion filled in), or with
 * --force a delete (waiting until the object is gone, as the graceful deletion takes its time)
 * then a create: `pod "x" deleted` then `pod/x replaced`. This is the exam's way out of
 * immutable-field edits: `kubectl replace --force -f /tmp/kubectl-edit-xxxx.yaml`.
 */
import { ApiError } from '../../api/errors.js';
import { resourceKey } from '../../api/registry.js';
import { clone, type KObject } from '../../api/types.js';
import { flagBool, flagNumber, flagString, parseDuration } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { dryRun, DRY_RUN_FLAG, fieldManagerFlag, VALIDATE_FLAG, type DryRun, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { kindPrefix } from '../printers/index.js';
import { printObjects, resolveGenericPrinter, withLastApplied } from '../create/generator.js';
import { mappingFor, namespaceFor, objectsFromFiles, writeErrors, warnSink, filenamesOf } from './shared.js';
import { rejectArgsWithPaths } from '../resources.js';
import type { SourcedObject } from '../manifests.js';

export const replaceCommand: KubectlCommand = {
  path: ['replace'],
  help: {
    short: 'Replace a resource by file name or stdin',
    long: `Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by

        $ kubectl get TYPE NAME -o yaml`,
    examples: `# Replace a pod using the data in pod.json
kubectl replace -f ./pod.json

# Replace a pod based on the JSON passed into stdin
cat pod.json | kubectl replace -f -

# Update a single-container pod's image version (tag) to v4
kubectl get pod mypod -o yaml | sed 's/\\(image: myimage\\):.*$/\\1:v4/' | kubectl replace -f -

# Force replace, delete and then re-create the resource
kubectl replace --force -f ./pod.json`,
    use: '-f FILENAME',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-replace'),
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'The files that contain the configurations to replace.' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'raw', type: 'string', usage: 'Raw URI to PUT to the server.  Uses the transport specified by the kubeconfig file.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
    { name: 'subresource', type: 'string', usage: 'If specified, replace will operate on the subresource of the requested object.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    VALIDATE_FLAG,
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: runReplace,
};

interface Prepared {
  o: SourcedObject;
  key: string;
  namespace: string;
  name: string;
  group: string;
  kind: string;
  obj: KObject;
}

function prepare(inv: Invocation, files: string[]): Prepared[] {
  return objectsFromFiles(inv, files, 'replace').map((o) => {
    const info = mappingFor(inv, o);
    const namespace = namespaceFor(inv, info, o.object, o.source);
    const obj = clone(o.object);
    if (info.namespaced) obj.metadata = { ...obj.metadata, namespace };
    return { o, key: resourceKey(info), namespace, name: obj.metadata?.name ?? '', group: info.group, kind: info.kind, obj };
  });
}

async function runReplace(inv: Invocation): Promise<number> {
  const { flags } = inv;
  const files = filenamesOf(inv);
  if (!files.length && !flagString(flags, 'kustomize')) throw usageError('must specify one of -f and -k');
  const dry = dryRun(flags, warnSink(inv));
  const printer = resolveGenericPrinter(inv);
  const force = flagBool(flags, 'force');
  const grace = flagNumber(flags, 'grace-period');
  if (grace >= 0 && !force) throw usageError('--grace-period must have --force specified');
  const timeout = parseDuration(flagString(flags, 'timeout') || '0s');
  if (timeout !== 0 && !force) throw usageError('--timeout must have --force specified');
  if (force && dry !== 'none') throw usageError('--dry-run can not be used when --force is set');
  const saveConfig = flagBool(flags, 'save-config');
  if (force) return forceReplace(inv, files, grace, timeout, saveConfig, printer);
  const errors: string[] = [];
  for (const p of prepare(inv, files)) {
    try {
      const body = saveConfig ? withLastApplied(p.obj) : p.obj;
      if (dry === 'client') {
        printObjects(inv, printer, [body], 'replaced', dry);
        continue;
      }
      const client = inv.kctx.client();
      if (!body.metadata.resourceVersion) {
        const live = client.get(p.key, p.namespace, p.name);
        body.metadata.resourceVersion = live.metadata.resourceVersion;
      }
      const result = client.update(p.key, body, { dryRun: dry === 'server', fieldManager: flagString(flags, 'field-manager') });
      printObjects(inv, printer, [result], 'replaced', dry);
    } catch (e) {
      errors.push(describeError(e, e instanceof ApiError ? `error when replacing "${p.o.source}"` : undefined));
    }
  }
  if (errors.length) {
    writeErrors(inv, errors);
    return 1;
  }
  return 0;
}

async function forceReplace(inv: Invocation, files: string[], grace: number, timeoutMs: number, saveConfig: boolean, printer: ReturnType<typeof resolveGenericPrinter>): Promise<number> {
  rejectArgsWithPaths(inv.args);
  const client = inv.kctx.client();
  const prepared = prepare(inv, files);
  const output = flagString(inv.flags, 'output');
  const graceSeconds = grace === 0 ? 1 : grace;
  const cascade = flagString(inv.flags, 'cascade');
  const policy = cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  const deleted: Prepared[] = [];
  for (const p of prepared) {
    try {
      client.delete(p.key, p.namespace, p.name, { gracePeriodSeconds: graceSeconds >= 0 ? graceSeconds : undefined, propagationPolicy: policy });
      const prefix = kindPrefix(p.group, p.kind);
      inv.out.write(output === 'name' ? `${prefix}/${p.name}\n` : `${prefix} "${p.name}" deleted\n`);
      deleted.push(p);
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound') continue;
      throw e instanceof ApiError ? new KubectlError(describeError(e, `error when deleting "${p.o.source}"`)) : e;
    }
  }
  const store = inv.kctx.cluster().api.store;
  const gone = () => deleted.every((p) => !store.get(p.key, p.namespace, p.name));
  const limit = timeoutMs > 0 ? timeoutMs / 1000 : 300;
  if (!gone() && !inv.world.loop.advanceUntil(gone, limit)) throw new KubectlError('error: timed out waiting for the condition');
  for (const p of prepared) {
    const body = saveConfig ? withLastApplied(p.obj) : p.obj;
    delete body.metadata.resourceVersion;
    const created = client.create(p.key, body, { fieldManager: flagString(inv.flags, 'field-manager') });
    printObjects(inv, printer, [created], 'replaced', 'none' as DryRun);
  }
  if (prepared.length === 0) throw usageError('no objects passed to replace');
  return 0;
}
