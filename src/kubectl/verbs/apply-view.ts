/**
 * kubectl apply view-last-applied: the last-applied-configuration annotation of each object,
 * as YAML (default) or JSON; the other apply subcommands are listed in apply's help only.
 */
import type { KObject } from '../../api/types.js';
import { flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { goJsonIndent } from '../../util/gofmt.js';
import { toYaml } from '../printers/index.js';
import { selectResources, filenamesOf } from './shared.js';
import { SELECTOR_FLAG } from '../common-flags.js';

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
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files that contains the last-applied-configuration annotations' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'output', shorthand: 'o', type: 'string', default: 'yaml', usage: 'Output format. Must be one of (yaml, json)' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    SELECTOR_FLAG,
  ],
  run: runView,
};
