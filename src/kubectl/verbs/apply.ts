/**
 * kubectl apply -f (client-side apply) and kubectl create -f: each object of the manifests is
 * created, or patched by the three-way merge against its last-applied configuration, with the
 * per-object result lines (`deployment.apps/web created|configured|unchanged`) and kubectl's
 * `error when creating "file"` errors. A failing object does not stop the others.
 */
import { ApiError } from '../../api/errors.js';
import { resourceKey } from '../../api/registry.js';
import { clone, type KObject } from '../../api/types.js';
import { flagList } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { dryRun, DRY_RUN_FLAG, fieldManagerFlag, filenameFlags, GENERIC_OUTPUT_FLAGS, outputFlags, SELECTOR_FLAG, VALIDATE_FLAG, type DryRun } from '../common-flags.js';
import { warnSink } from './shared.js';
import { describeError, usageError } from '../errors.js';
import { printGenericObjects, resolvePrinter, PrinterError, successLine } from '../printers/index.js';
import { threeWayPatch } from '../apply/threeway.js';
import { mappingFor, namespaceFor, objectsFromFiles, printerEnv } from './shared.js';
import type { SourcedObject } from '../manifests.js';
import { goJsonCompact } from '../printers/index.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Outcome = 'created' | 'configured' | 'unchanged';

export const applyCommand: KubectlCommand = {
  path: ['apply'],
  help: {
    short: 'Apply a configuration to a resource by file name or stdin',
    long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.`,
    examples: `# Apply the configuration in pod.json to a pod
kubectl apply -f ./pod.json

# Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
kubectl apply -k dir/

# Apply the JSON passed into stdin to a pod
cat pod.json | kubectl apply -f -`,
    use: '(-f FILENAME | -k DIRECTORY)',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-client-side-apply'),
    ...filenameFlags('apply').map((f) => (f.name === 'filename' ? { ...f, usage: 'The files that contain the configurations to apply.' } : f)),
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration' },
    { name: 'prune', type: 'bool', usage: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.' },
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types.' },
    SELECTOR_FLAG,
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'force-conflicts', type: 'bool', usage: 'If true, server-side apply will force the changes against conflicts.' },
    VALIDATE_FLAG,
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: (inv) => applyObjects(inv, 'apply'),
};

export async function applyObjects(inv: Invocation, mode: 'apply' | 'create'): Promise<number> {
  const files = flagList(inv.flags, 'filename');
  const kustomize = inv.flags.values.has('kustomize') ? String(inv.flags.values.get('kustomize') ?? '') : '';
  if (files.length === 0 && !kustomize) throw usageError('must specify one of -f and -k', 1);
  const dry = dryRun(inv.flags, warnSink(inv));
  let printer;
  try {
    printer = resolvePrinter(outputFlags(inv.flags), 'generic', printerEnv(inv));
  } catch (e) {
    if (e instanceof PrinterError) throw usageError(e.message);
    throw e;
  }
  const objects = objectsFromFiles(inv, files, mode);
  let failed = 0;
  const printed: KObject[] = [];
  for (const o of objects) {
    const phase = { action: 'creating' };
    try {
      const { object, outcome, info } = mode === 'apply' ? applyOne(inv, o, dry, phase) : createOne(inv, o, dry);
      if (printer.kind === 'success') inv.out.write(successLine(info, object.metadata.name ?? '', outcome, dry));
      else printed.push(object);
    } catch (e) {
      failed++;
      inv.err.write(describeError(e, e instanceof ApiError ? `error when ${phase.action} "${o.source}"` : undefined) + '\n');
    }
  }
  if (printed.length) {
    const r = printGenericObjects(printer, printed, '', dry);
    inv.out.write(r.stdout);
    if (r.error) inv.err.write(`error: ${r.error}\n`);
  }
  return failed ? 1 : 0;
}

function prepare(inv: Invocation, o: SourcedObject) {
  const info = mappingFor(inv, o);
  const obj = clone(o.object);
  obj.metadata = { ...(obj.metadata ?? {}) };
  const ns = namespaceFor(inv, info, obj, o.source);
  if (info.namespaced) obj.metadata.namespace = ns;
  return { info, obj, ns, key: resourceKey(info) };
}

/** The annotation value kubectl stores: compact JSON of the applied object, keys sorted, newline. */
export function lastAppliedOf(obj: KObject): string {
  const copy = clone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  if (Object.keys(annotations).length) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  return goJsonCompact(copy) + '\n';
}

function withLastApplied(obj: KObject): KObject {
  const value = lastAppliedOf(obj);
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: value } } };
}

function applyOne(inv: Invocation, o: SourcedObject, dry: DryRun, phase: { action: string }): { object: KObject; outcome: Outcome; info: ReturnType<typeof mappingFor> } {
  const { info, obj, ns, key } = prepare(inv, o);
  const client = inv.kctx.client();
  const name = obj.metadata.name;
  if (!name) throw usageError(`error when retrieving current configuration of:\nResource: "${key}", GroupVersionKind: "${info.group ? `${info.group}/` : ''}${info.version}, Kind=${info.kind}"\nName: "", Namespace: "${ns}"\nfrom server for: "${o.source}": resource name may not be empty`);
  const modified = withLastApplied(obj);
  const live = client.find(key, ns, name);
  if (!live) {
    if (dry === 'client') return { object: modified, outcome: 'created', info };
    const created = client.create(key, modified, { dryRun: dry === 'server' });
    return { object: created, outcome: 'created', info };
  }
  const originalText = live.metadata.annotations?.[LAST_APPLIED];
  if (!originalText) {
    inv.err.write(
      `Warning: resource ${info.resource}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  let original: Record<string, unknown> | undefined;
  try {
    original = originalText ? JSON.parse(originalText) : undefined;
  } catch {
    original = undefined;
  }
  phase.action = 'applying patch';
  const patch = threeWayPatch(original as never, modified as never, live as never);
  if (Object.keys(patch).length === 0) return { object: live, outcome: 'unchanged', info };
  if (dry === 'client') return { object: modified, outcome: 'configured', info };
  const result = client.patch(key, ns, name, 'strategic', patch, { dryRun: dry === 'server' });
  return { object: result, outcome: 'configured', info };
}

function createOne(inv: Invocation, o: SourcedObject, dry: DryRun): { object: KObject; outcome: Outcome; info: ReturnType<typeof mappingFor> } {
  const { info, obj, key } = prepare(inv, o);
  const saveConfig = inv.flags.values.get('save-config') === true;
  const toCreate = saveConfig ? withLastApplied(obj) : obj;
  if (dry === 'client') return { object: toCreate, outcome: 'created', info };
  const created = inv.kctx.client().create(key, toCreate, { dryRun: dry === 'server' });
  return { object: created, outcome: 'created', info };
}
