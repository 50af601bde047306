/** kubectl create -f: creates each object of the manifests (the generators live in create/*). */
import type { KubectlCommand } from '../command.js';
import { DRY_RUN_FLAG, fieldManagerFlag, filenameFlags, GENERIC_OUTPUT_FLAGS, VALIDATE_FLAG } from '../common-flags.js';
import { applyObjects } from './apply.js';
import { KubectlError, usageError } from '../errors.js';
import { resourceKey } from '../../api/registry.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation } from '../command.js';
import { runEditLoop } from './edit.js';
import { mappingFor, namespaceFor, objectsFromFiles, filenamesOf } from './shared.js';

export const createCommand: KubectlCommand = {
  path: ['create'],
  help: {
    short: 'Create a resource from a file or from stdin',
    long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
    examples: `# Create a pod using the data in pod.json
kubectl create -f ./pod.json

# Create a pod based on the JSON passed into stdin
cat pod.json | kubectl create -f -

# Edit the data in registry.yaml in JSON then create the resource using the edited data
kubectl create -f registry.yaml --edit -o json`,
    use: '-f FILENAME',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    { name: 'edit', type: 'bool', usage: 'Edit the API resource before creating' },
    fieldManagerFlag('kubectl-create'),
    ...filenameFlags('use to create the resource').map((f) => (f.name === 'filename' ? { ...f, usage: 'Filename, directory, or URL to files to use to create the resource' } : f)),
    { name: 'raw', type: 'string', usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.' },
    { name: 'save-config', type: 'bool', usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
    { name: 'selector', shorthand: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    VALIDATE_FLAG,
    { name: 'windows-line-endings', type: 'bool', usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' },
  ],
  run: async (inv) => {
    if (inv.args.length) throw new KubectlError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
    if (flagBool(inv.flags, 'edit')) return editBeforeCreate(inv);
    return applyObjects(inv, 'create');
  },
};

/** create -f --edit: each object opened in the editor, then created as saved. */
async function editBeforeCreate(inv: Invocation): Promise<number> {
  const files = filenamesOf(inv);
  if (files.length === 0 && !flagString(inv.flags, 'kustomize')) throw usageError('must specify one of -f and -k');
  const output = flagString(inv.flags, 'output');
  for (const o of objectsFromFiles(inv, files, 'create')) {
    const info = mappingFor(inv, o);
    const target = { info, key: resourceKey(info), namespace: namespaceFor(inv, info, o.object, o.source), name: o.object.metadata?.name ?? '', object: o.object };
    const status = await runEditLoop({ inv, targets: [target], format: output === 'json' ? 'json' : 'yaml', mode: 'create' });
    if (status !== 0) return status;
  }
  return 0;
}
