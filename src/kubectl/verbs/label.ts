/**
 * kubectl label and kubectl annotate: KEY=VAL and KEY- pairs after the resources, --overwrite,
 * --list, --all, -l, --local, --resource-version, --dry-run; a JSON merge patch of the metadata
 * map per object, and the result line (`pod/x labeled`, `unlabeled`, `not labeled`,
 * `annotated`) worded as kubectl decides it.
 */
import type { KObject } from '../../api/types.js';
import { labelValue } from '../../api/validation/names.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, dryRun, DRY_RUN_FLAG, fieldManagerFlag, FIELD_SELECTOR_FLAG, SELECTOR_FLAG, type DryRun, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { goJsonCompact, goQuote } from '../../util/gofmt.js';
import { printObjects, resolveGenericPrinter } from '../create/generator.js';
import { selectResources, writeErrors, type Target, warnSink, filenamesOf } from './shared.js';

type Field = 'labels' | 'annotations';

interface Pairs {
  set: Record<string, string>;
  remove: string[];
}

/** GetResourcesAndPairs: resources first, then KEY=VAL / KEY- pairs. */
export function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const isPair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (isPair) pairs.push(s);
    else if (pairs.length) throw usageError(`all resources must be specified before ${pairType} changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

function parseLabels(specs: string[]): Pairs {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw usageError(`invalid label spec: ${spec}`);
      const errs = labelValue(parts[1]!);
      if (errs.length) throw usageError(`invalid label value: ${goQuote(spec)}: ${errs.join(';')}`);
      set[parts[0]!] = parts[1]!;
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw usageError(`unknown label spec: ${spec}`);
    }
  }
  if (remove.some((r) => r in set)) throw usageError('can not both modify and remove a label in the same command');
  return { set, remove };
}

function parseAnnotations(specs: string[]): Pairs {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=') && spec[0] !== '=') {
      const i = spec.indexOf('=');
      set[spec.slice(0, i)] = spec.slice(i + 1);
    } else if (spec.endsWith('-') && spec !== '-') {
      remove.push(spec.slice(0, -1));
    } else {
      invalid.push(spec);
    }
  }
  if (invalid.length) throw usageError(`invalid annotation format: ${invalid.join(', ')}`);
  return { set, remove };
}

interface Kind {
  field: Field;
  verb: 'label' | 'annotate';
  parse(specs: string[]): Pairs;
  /** The overwrite failures for one object, as one error message (or several, aggregated). */
  overwriteErrors(current: Record<string, string>, set: Record<string, string>): string[];
  message(oldJson: string, newJson: string, overwrite: boolean): string;
  listHeader: string;
}

const LABEL: Kind = {
  field: 'labels',
  verb: 'label',
  parse: parseLabels,
  overwriteErrors: (current, set) =>
    Object.entries(set)
      .filter(([k, v]) => k in current && current[k] !== v)
      .map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`),
  message: (oldJson, newJson, overwrite) => (oldJson === newJson ? 'not labeled' : !overwrite && newJson.length < oldJson.length ? 'unlabeled' : 'labeled'),
  listHeader: 'labels',
};

const ANNOTATE: Kind = {
  field: 'annotations',
  verb: 'annotate',
  parse: parseAnnotations,
  overwriteErrors: (current, set) => {
    const found = Object.entries(set)
      .filter(([k, v]) => k !== 'kubernetes.io/change-cause' && k in current && current[k] !== v)
      .map(([k]) => `'${k}' already has a value (${current[k]})`);
    return found.length ? [`--overwrite is false but found the following declared annotation(s): ${found.join('; ')}`] : [];
  },
  message: () => 'annotated',
  listHeader: 'annotations',
};

/** The object's map after the update (an absent map becomes empty, as kubectl's accessor leaves it). */
function updated(obj: KObject, kind: Kind, pairs: Pairs): KObject {
  const copy = structuredClone(obj);
  const map = { ...((copy.metadata[kind.field] as Record<string, string> | undefined) ?? {}) };
  Object.assign(map, pairs.set);
  for (const k of pairs.remove) delete map[k];
  copy.metadata[kind.field] = map;
  return copy;
}

function mergePatchFor(kind: Kind, before: Record<string, string>, after: Record<string, string>, resourceVersion: string): Record<string, unknown> | undefined {
  const changes: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) changes[k] = v;
  for (const k of Object.keys(before)) if (!(k in after)) changes[k] = null;
  if (Object.keys(changes).length === 0 && !resourceVersion) return undefined;
  return { metadata: { ...(Object.keys(changes).length ? { [kind.field]: changes } : {}), ...(resourceVersion ? { resourceVersion } : {}) } };
}

async function runUpdate(kind: Kind, inv: Invocation): Promise<number> {
  const { flags } = inv;
  const dry = dryRun(flags, warnSink(inv));
  const output = flagString(flags, 'output');
  const { resources, pairs: specs } = resourcesAndPairs(inv.args, kind.verb === 'label' ? 'label' : 'annotation');
  const pairs = kind.parse(specs);
  const list = flagBool(flags, 'list');
  if (list && output) throw usageError('--list and --output may not be specified together');
  const printer = resolveGenericPrinter(inv);
  validate(kind, inv, resources, pairs, dry);
  const files = filenamesOf(inv);
  const selection = selectResources(inv, {
    resources,
    filenames: files,
    selector: flagString(flags, 'selector'),
    fieldSelector: flagString(flags, 'field-selector'),
    all: flagBool(flags, 'all'),
    allNamespaces: flagBool(flags, 'all-namespaces'),
    local: flagBool(flags, 'local'),
    verb: kind.verb,
  });
  const resourceVersion = flagString(flags, 'resource-version');
  if (!selection.singleItemImplied && resourceVersion) throw usageError('--resource-version may only be used with a single resource');
  const errors = [...selection.errors];
  const overwrite = flagBool(flags, 'overwrite');
  for (const t of selection.targets) {
    try {
      const out = updateOne(kind, inv, t, pairs, { dry, list, overwrite, resourceVersion, local: flagBool(flags, 'local') });
      if (list) printList(kind, inv, out, t, selection.singleItemImplied);
      else printObjects(inv, printer, [out.printed], out.message, dry);
    } catch (e) {
      if (e instanceof KubectlError && e.message.startsWith('\u0000')) errors.push(...e.message.slice(1).split('\u0000'));
      else errors.push(describeError(e));
    }
  }
  if (errors.length) {
    writeErrors(inv, errors);
    return 1;
  }
  return 0;
}

function validate(kind: Kind, inv: Invocation, resources: string[], pairs: Pairs, dry: DryRun): void {
  const { flags } = inv;
  const noun = kind.verb === 'label' ? 'label' : 'annotation';
  if (kind.verb === 'annotate') {
    const both = pairs.remove.filter((r) => r in pairs.set);
    if (both.length) throw usageError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  }
  if (flagBool(flags, 'all') && flagString(flags, 'selector')) throw usageError('cannot set --all and --selector at the same time');
  if (flagBool(flags, 'all') && flagString(flags, 'field-selector')) throw usageError('cannot set --all and --field-selector at the same time');
  const files = filenamesOf(inv);
  const example = kind.verb === 'label' ? 'pod.yaml' : 'rsrc.yaml';
  const exampleJson = kind.verb === 'label' ? 'pod.json' : 'rsrc.json';
  if (flagBool(flags, 'local')) {
    if (dry === 'server') throw usageError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length) throw usageError(`can only use local files by -f ${example} or --filename=${exampleJson} when --local=true is set`);
    if (!files.length) throw usageError(`one or more files must be specified as -f ${example} or --filename=${exampleJson}`);
  } else if (resources.length < 1 && !files.length) {
    throw usageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (Object.keys(pairs.set).length < 1 && pairs.remove.length < 1 && !flagBool(flags, 'list')) throw usageError(`at least one ${noun} update is required`);
}

interface UpdateResult {
  printed: KObject;
  message: string;
}

function updateOne(kind: Kind, inv: Invocation, t: Target, pairs: Pairs, o: { dry: DryRun; list: boolean; overwrite: boolean; resourceVersion: string; local: boolean }): UpdateResult {
  const current = (t.object.metadata[kind.field] as Record<string, string> | undefined) ?? {};
  if (!o.overwrite) {
    const errs = kind.overwriteErrors(current, pairs.set);
    if (errs.length === 1) throw usageError(errs[0]!);
    if (errs.length > 1) throw new KubectlError('\u0000' + errs.join('\u0000'));
  }
  const base = o.resourceVersion ? { ...t.object, metadata: { ...t.object.metadata, resourceVersion: undefined } } : t.object;
  const next = updated(base as KObject, kind, pairs);
  if (o.resourceVersion) next.metadata.resourceVersion = o.resourceVersion;
  const message = kind.message(goJsonCompact(base), goJsonCompact(next), o.overwrite);
  if (o.dry === 'client' || o.local || o.list) return { printed: next, message };
  if (kind.verb === 'label') for (const r of pairs.remove) if (!(r in current)) inv.out.write(`label ${goQuote(r)} not found.\n`);
  const patch = mergePatchFor(kind, current, next.metadata[kind.field] as Record<string, string>, o.resourceVersion);
  const result = patch ? inv.kctx.client().patch(t.key, t.namespace, t.name, 'merge', patch, { dryRun: o.dry === 'server', fieldManager: flagString(inv.flags, 'field-manager') }) : t.object;
  return { printed: kind.verb === 'label' ? next : result, message };
}

function printList(kind: Kind, inv: Invocation, out: UpdateResult, t: Target, single: boolean): void {
  const map = (out.printed.metadata[kind.field] as Record<string, string> | undefined) ?? {};
  let indent = '';
  if (!single) {
    indent = ' ';
    inv.out.write(`Listing ${kind.listHeader} for ${t.info.kind}.${t.info.group}/${t.name}:\n`);
  }
  for (const k of Object.keys(map).sort()) inv.out.write(`${indent}${k}=${map[k]}\n`);
}

export const labelCommand: KubectlCommand = {
  path: ['label'],
  help: {
    short: 'Update the labels on a resource',
    long: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
    examples: `# Update pod 'foo' with the label 'unhealthy' and the value 'true'
kubectl label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
kubectl label --overwrite pods foo status=unhealthy

# Update all pods in the namespace
kubectl label pods --all status=unhealthy

# Update a pod identified by the type and name in "pod.json"
kubectl label -f pod.json status=unhealthy

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl label pods foo status=unhealthy --resource-version=1

# Update pod 'foo' by removing a label named 'bar' if it exists
# Does not require the --overwrite flag
kubectl label pods foo bar-`,
    use: '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-label'),
    FIELD_SELECTOR_FLAG,
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to update the labels'),
    { name: 'list', type: 'bool', usage: 'If true, display the labels for a given resource.' },
    { name: 'local', type: 'bool', usage: 'If true, label will NOT contact api-server but run locally.' },
    { name: 'overwrite', type: 'bool', usage: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.' },
    { name: 'resource-version', type: 'string', usage: 'If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.' },
    SELECTOR_FLAG,
  ],
  run: (inv) => runUpdate(LABEL, inv),
};

export const annotateCommand: KubectlCommand = {
  path: ['annotate'],
  help: {
    short: 'Update the annotations on a resource',
    long: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Use "kubectl api-resources" for a complete list of supported resources.`,
    examples: `# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
# If the same annotation is set multiple times, only the last value will be applied
kubectl annotate pods foo description='my frontend'

# Update a pod identified by type and name in "pod.json"
kubectl annotate -f pod.json description='my frontend'

# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
kubectl annotate --overwrite pods foo description='my frontend running nginx'

# Update all pods in the namespace
kubectl annotate pods --all description='my frontend running nginx'

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl annotate pods foo description='my frontend running nginx' --resource-version=1

# Update pod 'foo' by removing an annotation named 'description' if it exists
# Does not require the --overwrite flag
kubectl annotate pods foo description-`,
    use: '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types.' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-annotate'),
    FIELD_SELECTOR_FLAG,
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to update the annotation'),
    { name: 'list', type: 'bool', usage: 'If true, display the annotations for a given resource.' },
    { name: 'local', type: 'bool', usage: 'If true, annotation will NOT contact api-server but run locally.' },
    { name: 'overwrite', type: 'bool', usage: 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.' },
    { name: 'resource-version', type: 'string', usage: 'If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.' },
    SELECTOR_FLAG,
  ],
  run: (inv) => runUpdate(ANNOTATE, inv),
};
