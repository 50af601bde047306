/**
 * kubectl apply view-last-applied: the last-applied-configuration annotation of each object,
 * as YAML (default) or JSON; and apply set-last-applied.
 */
import type { KObject } from '../../api/types.js';
import { flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { goJsonIndent } from '../../util/gofmt.js';
import { toYaml } from '../printers/index.js';
import { selectResources, filenamesOf, mappingFor, namespaceFor, objectsFromFiles, warnSink } from './shared.js';
import { filenameFlagsWithUsage, dryRun, DRY_RUN_FLAG, SELECTOR_FLAG, TEMPLATE_FLAGS } from '../common-flags.js';
import { flagBool } from '../flags/index.js';
import { resourceKey } from '../../api/registry.js';
import { CREATE_OUTPUT_FLAG, printObjects, resolveGenericPrinter } from '../create/generator.js';
import { lastAppliedOf } from './apply.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function runView(inv: Invocation): number {
  const output = flagString(inv.flags, 'output') || 'yaml';
  if (output !== 'yaml' && output !== 'json') throw usageError(`Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`);
  const files = filenamesOf(inv);
  if (inv.args.length === 0 && files.length === 0) throw new KubectlError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const sel = selectResources(inv, { resources: inv.args, filenames: files, selector: flagString(inv.flags, 'selector'), all: inv.flags.values.get('all') === true, verb: 'view-last-applied' });
  if (sel.errors.length) throw new KubectlError(sel.errors.join('\n'));
  for (const t of sel.targets) {
    const text = t.object.metadata.annotations?.[LAST_APPLIED];
    if (text === undefined) throw new KubectlError(`error: no last-applied-configuration annotation found on resource: ${t.name}`);
    const value = JSON.parse(text) as KObject;
    inv.out.write(output === 'json' ? goJsonIndent(value) + '\n' : toYaml(value));
  }
  return 0;
}

export const applyViewLastAppliedCommand: KubectlCommand = {
  path: ['apply', 'view-last-applied'],
  discovery: 'apply',
  help: {
    short: 'View the latest last-applied-configuration annotations of a resource/object',
    long: `View the latest last-applied-configuration annotations by type/name or file.

 The default output will be printed to stdout in YAML format. You can use the -o option to change the output format.`,
    examples: `# View the last-applied-configuration annotations by type/name in YAML
kubectl apply view-last-applied deployment/nginx

# View the last-applied-configuration annotations by file in JSON
kubectl apply view-last-applied -f deploy.yaml -o json`,
    use: '(TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    ...filenameFlagsWithUsage('Filename, directory, or URL to files that contains the last-applied-configuration annotations'),
    { name: 'output', shorthand: 'o', type: 'string', default: 'yaml', usage: 'Output format. Must be one of (yaml, json)' },
    SELECTOR_FLAG,
  ],
  run: runView,
};

/**
 * kubectl apply set-last-applied -f FILE: the annotation set to what `apply -f FILE` would
 * record, nothing else touched; objects must exist, and carry the annotation already unless
 * --create-annotation.
 */
function runSetLastApplied(inv: Invocation): number {
  const files = filenamesOf(inv);
  if (files.length === 0) throw new KubectlError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const dry = dryRun(inv.flags, warnSink(inv));
  const printer = resolveGenericPrinter(inv);
  const client = inv.kctx.client();
  const changes: { key: string; namespace: string; name: string; value: string; object: KObject }[] = [];
  for (const o of objectsFromFiles(inv, files, 'set-last-applied')) {
    const info = mappingFor(inv, o);
    const namespace = namespaceFor(inv, info, o.object, o.source);
    const name = o.object.metadata?.name ?? '';
    const live = client.get(resourceKey(info), namespace, name);
    const original = live.metadata.annotations?.[LAST_APPLIED];
    if (original === undefined && !flagBool(inv.flags, 'create-annotation')) {
      throw new KubectlError(`error: no last-applied-configuration annotation found on resource: ${name}, to create the annotation, run the command with --create-annotation`);
    }
    const value = lastAppliedOf({ ...o.object, metadata: { ...o.object.metadata, ...(info.namespaced ? { namespace } : {}) } });
    if (original === value) inv.out.write(`set-last-applied ${name}: no changes required.\n`);
    else changes.push({ key: resourceKey(info), namespace, name, value, object: live });
  }
  for (const c of changes) {
    const patch = { metadata: { annotations: { [LAST_APPLIED]: c.value } } };
    const result = dry === 'client' ? c.object : client.patch(c.key, c.namespace, c.name, 'merge', patch, { dryRun: dry === 'server' });
    printObjects(inv, printer, [result], 'configured', dry);
  }
  return 0;
}

export const applySetLastAppliedCommand: KubectlCommand = {
  path: ['apply', 'set-last-applied'],
  discovery: 'apply',
  help: {
    short: 'Set the last-applied-configuration annotation on a live object to match the contents of a file',
    long: "Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though 'kubectl apply -f<file> ' was run, without updating any other parts of the object.",
    examples: `# Set the last-applied-configuration of a resource to match the contents of a file
kubectl apply set-last-applied -f deploy.yaml

# Execute set-last-applied against each configuration file in a directory
kubectl apply set-last-applied -f path/

# Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
kubectl apply set-last-applied -f deploy.yaml --create-annotation=true`,
    use: '-f FILENAME',
  },
  flags: [
    ...TEMPLATE_FLAGS,
    { name: 'create-annotation', type: 'bool', usage: "Will create 'last-applied-configuration' annotations if current objects doesn't have one" },
    DRY_RUN_FLAG,
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files that contains the last-applied-configuration annotations' },
    CREATE_OUTPUT_FLAG,
  ],
  run: runSetLastApplied,
};
