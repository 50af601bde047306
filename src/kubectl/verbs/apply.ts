/**
 * kubectl apply -f (client-side apply) and kubectl create -f: each object of the manifests is
 * created, or patched by the three-way merge against its last-applied configuration, with the
 * per-object result lines (`deployment.apps/web created|configured|unchanged`) and kubectl's
 * `error when creating "file"` errors. A failing object does not stop the others.
 */
import { ApiError } from '../../api/errors.js';
import { resourceKey } from '../../api/registry.js';
import { clone, type KObject } from '../../api/types.js';
import { flagBool, flagList, flagString, klogLine } from '../flags/index.js';
import { matchesAll, parseSelector } from '../../api/labels.js';
import { buildFor } from '../kustomize/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { dryRun, DRY_RUN_FLAG, fieldManagerFlag, outputFlags, SELECTOR_FLAG, VALIDATE_FLAG, type DryRun, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { warnSink } from './shared.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { printGenericObjects, resolvePrinter, PrinterError, successLine } from '../printers/index.js';
import { threeWayPatch } from '../apply/threeway.js';
import { mappingFor, namespaceFor, objectsFromFiles, printerEnv } from './shared.js';
import type { SourcedObject } from '../manifests.js';
import { goJsonCompact } from '../printers/index.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Outcome = 'created' | 'configured' | 'unchanged' | 'serverside-applied';

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
cat pod.json | kubectl apply -f -

# Apply the configuration from all files that end with '.json'
kubectl apply -f '*.json'

# Note: --prune is still in Alpha
# Apply the configuration in manifest.yaml that matches label app=nginx and delete all other resources that are not in the file and match label app=nginx
kubectl apply --prune -f manifest.yaml -l app=nginx

# Apply the configuration in manifest.yaml and delete all the other config maps that are not in the file
kubectl apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap`,
    use: '(-f FILENAME | -k DIRECTORY)',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types.' },
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-client-side-apply'),
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'The files that contain the configurations to apply.' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'force-conflicts', type: 'bool', usage: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'openapi-patch', type: 'bool', default: true, usage: 'If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration' },
    { name: 'prune', type: 'bool', usage: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.' },
    { name: 'prune-allowlist', type: 'stringArray', usage: 'Overwrite the default allowlist with <group/version/kind> for --prune' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    SELECTOR_FLAG,
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'subresource', type: 'string', usage: 'If specified, apply will operate on the subresource of the requested object.  Only allowed when using --server-side.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    VALIDATE_FLAG,
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: (inv) => {
    // validateArgs: apply takes its objects from -f/-k only.
    if (inv.args.length) throw new KubectlError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
    return applyObjects(inv, 'apply');
  },
};

// apply's help lists its subcommands; view-last-applied runs, the editing ones are not simulated
applyCommand.help.subcommands = [
  {
    title: 'Available Commands:',
    commands: [
      { name: 'edit-last-applied', short: 'Edit latest last-applied-configuration annotations of a resource/object' },
      { name: 'set-last-applied', short: 'Set the last-applied-configuration annotation on a live object to match the contents of a file' },
      { name: 'view-last-applied', short: 'View the latest last-applied-configuration annotations of a resource/object' },
    ],
  },
];

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
  if (files.length && kustomize) throw usageError('only one of -f or -k can be specified');
  const serverSide = mode === 'apply' && flagBool(inv.flags, 'server-side');
  if (serverSide && dry === 'client') throw usageError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  const prune = mode === 'apply' && flagBool(inv.flags, 'prune');
  const selector = flagString(inv.flags, 'selector');
  if (mode === 'apply') validatePrune(inv, prune, selector);
  let objects = kustomize ? buildFor(inv, kustomize).map((object) => ({ object, source: kustomize })) : objectsFromFiles(inv, files, mode);
  // -l also filters what the files hold (the builder's LabelSelectorParam)
  if (selector) {
    const reqs = parseSelector(selector);
    objects = objects.filter((o) => matchesAll(o.object.metadata?.labels, reqs));
  }
  let failed = 0;
  const printed: KObject[] = [];
  const visited = { namespaces: new Set<string>(), uids: new Set<string>() };
  for (const o of objects) {
    const phase = { action: 'creating' };
    try {
      const { object, outcome, info } = mode === 'create' ? createOne(inv, o, dry) : serverSide ? serverSideApplyOne(inv, o, dry) : applyOne(inv, o, dry, phase);
      if (info.namespaced) visited.namespaces.add(object.metadata.namespace || inv.kctx.namespace());
      if (object.metadata.uid) visited.uids.add(object.metadata.uid);
      if (printer.kind === 'success') inv.out.write(successLine(info, object.metadata.name ?? '', outcome, dry));
      else printed.push(object);
    } catch (e) {
      failed++;
      inv.err.write(describeError(e, e instanceof ApiError ? `error when ${phase.action} "${o.source}"` : undefined) + '\n');
    }
  }
  if (prune) pruneObjects(inv, selector, visited, dry, printer.kind === 'success');
  if (printed.length) {
    const r = printGenericObjects(printer, printed, '', dry);
    inv.out.write(r.stdout);
    if (r.error) inv.err.write(`error: ${r.error}\n`);
  }
  return failed ? 1 : 0;
}

function validatePrune(inv: Invocation, prune: boolean, selector: string): void {
  if (flagBool(inv.flags, 'all') && selector) throw usageError('cannot set --all and --selector at the same time');
  if (!prune) return;
  if (flagBool(inv.flags, 'force')) throw usageError('--force cannot be used with --prune');
  if (!flagBool(inv.flags, 'all') && !selector) {
    throw usageError('all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector');
  }
  if (flagBool(inv.flags, 'server-side')) throw usageError("--prune is in alpha and doesn't currently work on objects created by server-side apply");
}

/** What apply --prune deletes when nothing applied mentions it (prune.go's default allowlist). */
const PRUNE_NAMESPACED = ['configmaps', 'endpoints', 'persistentvolumeclaims', 'pods', 'replicationcontrollers', 'secrets', 'services', 'jobs.batch', 'cronjobs.batch', 'ingresses.networking.k8s.io', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps'];
const PRUNE_CLUSTER = ['namespaces', 'persistentvolumes'];

/** Deletes the objects that carry the last-applied annotation, match -l, and were not applied now. */
function pruneObjects(inv: Invocation, selector: string, visited: { namespaces: Set<string>; uids: Set<string> }, dry: DryRun, lines: boolean): void {
  const client = inv.kctx.client();
  const registry = inv.kctx.cluster().api.registry;
  if (inv.kctx.globals.namespace) {
    const w = warnSink(inv);
    inv.err.write(klogLine('W', w.now, w.pid, 'prune.go:71', 'Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.'));
  }
  const sweep = (key: string, namespace: string | undefined) => {
    const info = registry.byResourceKey(key);
    if (!info) return;
    for (const obj of client.list(key, namespace, { labelSelector: selector || undefined })) {
      if (obj.metadata.annotations?.[LAST_APPLIED] === undefined || visited.uids.has(obj.metadata.uid)) continue;
      if (dry !== 'client') client.delete(key, obj.metadata.namespace ?? '', obj.metadata.name, { dryRun: dry === 'server', propagationPolicy: 'Background' });
      if (lines) inv.out.write(successLine(info, obj.metadata.name, 'pruned', dry));
    }
  };
  for (const ns of visited.namespaces) for (const key of PRUNE_NAMESPACED) sweep(key, ns);
  for (const key of PRUNE_CLUSTER) sweep(key, undefined);
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

export function applyOne(inv: Invocation, o: SourcedObject, dry: DryRun, phase: { action: string; quiet?: boolean }): { object: KObject; outcome: Outcome; info: ReturnType<typeof mappingFor> } {
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
  // a client dry run stops here: kubectl prints "configured" without computing the patch
  if (dry === 'client') return { object: modified, outcome: 'configured', info };
  const originalText = live.metadata.annotations?.[LAST_APPLIED];
  if (!originalText && !phase.quiet) {
    inv.err.write(
      `Warning: resource ${info.resource}${info.group ? '.' + info.group : ''}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
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
  const result = client.patch(key, ns, name, 'strategic', patch, { dryRun: dry === 'server' });
  return { object: result, outcome: 'configured', info };
}

/**
 * apply --server-side: the fields the manifest sets are merged into the live object by the
 * server (no last-applied annotation); kubectl reports "serverside-applied" either way.
 * Field ownership conflicts with other managers are not modelled.
 */
function serverSideApplyOne(inv: Invocation, o: SourcedObject, dry: DryRun): { object: KObject; outcome: Outcome; info: ReturnType<typeof mappingFor> } {
  const { info, obj, ns, key } = prepare(inv, o);
  const client = inv.kctx.client();
  const live = client.find(key, ns, obj.metadata.name ?? '');
  const object = live ? client.patch(key, ns, obj.metadata.name!, 'strategic', obj, { dryRun: dry === 'server' }) : client.create(key, obj, { dryRun: dry === 'server' });
  return { object, outcome: 'serverside-applied', info };
}

function createOne(inv: Invocation, o: SourcedObject, dry: DryRun): { object: KObject; outcome: Outcome; info: ReturnType<typeof mappingFor> } {
  const { info, obj, key } = prepare(inv, o);
  const saveConfig = inv.flags.values.get('save-config') === true;
  const toCreate = saveConfig ? withLastApplied(obj) : obj;
  if (dry === 'client') return { object: toCreate, outcome: 'created', info };
  const created = inv.kctx.client().create(key, toCreate, { dryRun: dry === 'server' });
  return { object: created, outcome: 'created', info };
}
