/** kubectl create -f: creates each object of the manifests (the generators live in create/*). */
import type { KubectlCommand } from '../command.js';
import { DRY_RUN_FLAG, fieldManagerFlag, filenameFlags, GENERIC_OUTPUT_FLAGS, VALIDATE_FLAG } from '../common-flags.js';
import { applyObjects } from './apply.js';

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
    ...filenameFlags('use to create the resource'),
    { name: 'raw', type: 'string', usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.' },
    { name: 'save-config', type: 'bool', usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
    { name: 'selector', shorthand: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    VALIDATE_FLAG,
    { name: 'windows-line-endings', type: 'bool', usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' },
  ],
  run: (inv) => applyObjects(inv, 'create'),
};
