/**
 * kubectl api-resources: the server's preferred resources as a table (NAME SHORTNAMES
 * APIVERSION NAMESPACED KIND, plus VERBS and CATEGORIES with -o wide) or names, filtered by
 * --namespaced, --api-group, --verbs and --categories, sorted by group then name unless
 * --sort-by says name or kind.
 */
import { apiVersionOf, type ResourceInfo } from '../../api/registry.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { goStableSort } from '../printers/gosort.js';
import { TabWriter } from '../printers/index.js';
import { discover, discoveryFailure } from './discovery.js';

export const apiResourcesCommand: KubectlCommand = {
  path: ['api-resources'],
  help: {
    short: 'Print the supported API resources on the server',
    long: 'Print the supported API resources on the server.',
    examples: `# Print the supported API resources
kubectl api-resources

# Print the supported API resources with more information
kubectl api-resources -o wide

# Print the supported API resources sorted by a column
kubectl api-resources --sort-by=name

# Print the supported namespaced resources
kubectl api-resources --namespaced=true

# Print the supported non-namespaced resources
kubectl api-resources --namespaced=false

# Print the supported API resources with a specific APIGroup
kubectl api-resources --api-group=rbac.authorization.k8s.io`,
    use: '[flags]',
  },
  flags: [
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
    { name: 'categories', type: 'stringSlice', usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
  ],
  discovery: 'api-resources',
  run: runApiResources,
};

const HEADERS = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];

function runApiResources(inv: Invocation): number {
  const { flags } = inv;
  if (inv.args.length) throw usageError(`unexpected arguments: [${inv.args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
  const output = flagString(flags, 'output');
  if (!['', 'wide', 'name'].includes(output)) throw usageError(`--output ${output} is not available`);
  const sortBy = flagString(flags, 'sort-by');
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw usageError('--sort-by accepts only name or kind');
  const header = !flagBool(flags, 'no-headers') && output !== 'name' ? [...HEADERS, ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])].join('\t') + '\n' : '';
  let api;
  try {
    api = inv.kctx.cluster().api;
    inv.kctx.client();
  } catch (e) {
    // The header is printed before the failed discovery is reported, as kubectl does.
    if (e instanceof KubectlError) inv.out.write(tabulate(header));
    throw e;
  }
  const { resources, failed } = discover(api);
  const group = flags.changed.has('api-group') ? flagString(flags, 'api-group') : undefined;
  const namespaced = flags.changed.has('namespaced') ? flagBool(flags, 'namespaced') : undefined;
  const verbs = flagList(flags, 'verbs');
  const categories = flagList(flags, 'categories');
  const selected = resources.filter(
    (r) =>
      r.verbs.length > 0 &&
      (group === undefined || r.group === group) &&
      (namespaced === undefined || r.namespaced === namespaced) &&
      verbs.every((v) => r.verbs.includes(v)) &&
      categories.every((c) => r.categories.includes(c)),
  );
  const key = (r: ResourceInfo) => (sortBy === 'name' ? r.resource : sortBy === 'kind' ? r.kind : r.group);
  const sorted = goStableSort(selected, (a, b) => (key(a) === key(b) ? a.resource < b.resource : key(a) < key(b)));
  let text = header;
  for (const r of sorted) {
    if (output === 'name') text += (r.group ? `${r.resource}.${r.group}` : r.resource) + '\n';
    else {
      text += `${r.resource}\t${r.shortNames.join(',')}\t${apiVersionOf(r)}\t${r.namespaced}\t${r.kind}`;
      text += output === 'wide' ? `\t${r.verbs.join(',')}\t${r.categories.join(',')}\n` : '\n';
    }
  }
  inv.out.write(tabulate(text));
  if (failed.length) throw usageError(discoveryFailure(failed));
  return 0;
}

function tabulate(text: string): string {
  const w = TabWriter.forTables();
  w.write(text);
  w.flush();
  return w.take();
}
