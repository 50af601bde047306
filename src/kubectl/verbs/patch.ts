/**
 * kubectl patch (-f FILENAME | TYPE NAME) -p PATCH | --patch-file FILE [--type
 * strategic|merge|json] [--subresource status|scale] [--local] [--dry-run]: the server applies
 * the patch; `deployment.apps/web patched` or `patched (no change)`.
 */
import { parse as parseYaml } from 'yaml';
import { applyPatch, PatchError, type PatchType } from '../../api/patch.js';
import type { KObject } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, dryRun, DRY_RUN_FLAG, fieldManagerFlag, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { goJsonCompact, goQuote } from '../../util/gofmt.js';
import { printObjects, resolveGenericPrinter } from '../create/generator.js';
import { selectResources, writeErrors, type Target, warnSink, filenamesOf } from './shared.js';

const PATCH_TYPES = ['json', 'merge', 'strategic'];

export const patchCommand: KubectlCommand = {
  path: ['patch'],
  help: {
    short: 'Update fields of a resource',
    long: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.`,
    examples: `# Partially update a node using a strategic merge patch, specifying the patch as JSON
kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

# Partially update a node using a strategic merge patch, specifying the patch as YAML
kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'

# Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'

# Update a container's image; spec.containers[*].name is required because it's a merge key
kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

# Update a container's image using a JSON patch with positional arrays
kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

# Update a deployment's replicas through the 'scale' subresource using a merge patch
kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
    use: '(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-patch'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to update'),
    { name: 'local', type: 'bool', usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    { name: 'patch', shorthand: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
    { name: 'subresource', type: 'string', usage: 'If specified, patch will operate on the subresource of the requested object.' },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
  ],
  run: runPatch,
};

/** yaml.ToJSON: the patch may be JSON or YAML. */
export function parsePatch(text: string, shown: string): unknown {
  try {
    return parseYaml(text, { strict: true, uniqueKeys: false });
  } catch (e) {
    if (/^\s*[[{]/.test(text)) throw new KubectlError('error: invalid JSON document');
    const first = String((e as Error).message).split('\n')[0]!;
    throw new KubectlError(`error: unable to parse ${goQuote(shown)}: yaml: ${first.replace(/ at line \d+, column \d+.*$/, '')}`);
  }
}

function readPatchFile(inv: Invocation, path: string): string {
  const fs = inv.proc.host.fs;
  const abs = inv.proc.resolve(path);
  if (!fs.exists(abs)) throw new KubectlError(`error: unable to read patch file: open ${path}: no such file or directory`);
  try {
    return fs.readFile(abs, inv.proc.cred);
  } catch (e) {
    throw new KubectlError(`error: unable to read patch file: open ${path}: ${((e as { reason?: string }).reason ?? 'permission denied').toLowerCase()}`);
  }
}

/** The Scale subresource kubectl sees for a workload (autoscaling/v1). */
export function scaleOf(obj: KObject): KObject {
  const spec = (obj['spec'] ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = (obj['status'] ?? {}) as { replicas?: number };
  const sel = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(sel ? { selector: sel } : {}) },
  };
}

function runPatch(inv: Invocation): number {
  const { flags } = inv;
  const dry = dryRun(flags, warnSink(inv));
  const printer = resolveGenericPrinter(inv);
  const patchText = flagString(flags, 'patch');
  const patchFile = flagString(flags, 'patch-file');
  const local = flagBool(flags, 'local');
  if (patchText && patchFile) throw usageError('cannot specify --patch and --patch-file together');
  if (!patchText && !patchFile) throw usageError('must specify --patch or --patch-file containing the contents of the patch');
  if (local && inv.args.length) throw usageError('cannot specify --local and server resources');
  if (local && dry === 'server') throw usageError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const typed = flagString(flags, 'type');
  if (typed && !PATCH_TYPES.includes(typed.toLowerCase())) throw usageError(`--type must be one of [${PATCH_TYPES.join(' ')}], not ${goQuote(typed)}`);
  const type = (typed.toLowerCase() || 'strategic') as PatchType;
  const patch = parsePatch(patchFile ? readPatchFile(inv, patchFile) : patchText, patchText);
  const files = filenamesOf(inv);
  if (!local && !files.length && inv.args.length === 0) throw new KubectlError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const selection = selectResources(inv, { resources: inv.args, filenames: files, local, verb: 'patch' });
  const subresource = flagString(flags, 'subresource');
  const errors = [...selection.errors];
  let count = 0;
  for (const t of selection.targets) {
    count++;
    try {
      const { object, changed } = local || dry === 'client' ? patchLocally(t, type, patch) : patchOnServer(inv, t, type, patch, subresource, dry === 'server');
      printObjects(inv, printer, [object], changed ? 'patched' : 'patched (no change)', dry);
    } catch (e) {
      errors.push(describeError(e));
    }
  }
  if (errors.length) {
    writeErrors(inv, errors);
    return 1;
  }
  if (count === 0) throw usageError('no objects passed to patch');
  return 0;
}

function patchLocally(t: Target, type: PatchType, patch: unknown): { object: KObject; changed: boolean } {
  let result: unknown;
  try {
    result = applyPatch(type, t.object, patch);
  } catch (e) {
    if (e instanceof PatchError) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
  return { object: result as KObject, changed: goJsonCompact(result) !== goJsonCompact(t.object) };
}

function patchOnServer(inv: Invocation, t: Target, type: PatchType, patch: unknown, subresource: string, dry: boolean): { object: KObject; changed: boolean } {
  const client = inv.kctx.client();
  const before = subresource === 'scale' ? scaleOf(t.object) : t.object;
  let body = patch;
  if (subresource === 'scale') body = scalePatchToWorkload(type, patch);
  const result = client.patch(t.key, t.namespace, t.name, type, body, { dryRun: dry, fieldManager: flagString(inv.flags, 'field-manager'), subresource: subresource || undefined });
  const after = subresource === 'scale' ? scaleOf(result) : result;
  return { object: after, changed: goJsonCompact(after) !== goJsonCompact(before) };
}

/** A patch of the Scale (spec.replicas) becomes the same patch of the workload's spec.replicas. */
function scalePatchToWorkload(type: PatchType, patch: unknown): unknown {
  if (type === 'json') return patch;
  const spec = (patch as { spec?: { replicas?: unknown } } | null)?.spec;
  return spec && 'replicas' in spec ? { spec: { replicas: spec.replicas } } : {};
}
