/**
 * kubectl get: tables per resource type, or one List in a generic format; by name, by
 * type/name, by selector, from -f manifests; NotFound errors after the output, as kubectl
 * aggregates them.
 */
import { ApiError } from '../../api/errors.js';
import { resourceKey, type ResourceInfo } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import { printGet, resolvePrinter, PrinterError, type PrintGroup } from '../printers/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { ALL_NAMESPACES_FLAG, FIELD_SELECTOR_FLAG, filenameFlags, GET_OUTPUT_FLAGS, outputFlags, SELECTOR_FLAG } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { parseResourceArgs, rejectArgsWithPaths, type ResourceSelection } from '../resources.js';
import { objectsFromFiles, filenamesOf } from './shared.js';
import { printerEnv } from './shared.js';
import { runGetRaw, scaleOf } from './get-raw.js';
import { runGetWatch } from './get-watch.js';

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

export const getCommand: KubectlCommand = {
  path: ['get'],
  help: {
    short: 'Display one or many resources',
    long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`,
    examples: `# List all pods in ps output format
kubectl get pods

# List all pods in ps output format with more information (such as node name)
kubectl get pods -o wide

# List a single replication controller with specified NAME in ps output format
kubectl get replicationcontroller web

# List deployments in JSON output format, in the "v1" version of the "apps" API group
kubectl get deployments.v1.apps -o json

# List a single pod in JSON output format
kubectl get -o json pod web-pod-13je7

# List a pod identified by type and name specified in "pod.yaml" in JSON output format
kubectl get -f pod.yaml -o json

# List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
kubectl get -k dir/

# Return only the phase value of the specified pod
kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

# List resource information in custom columns
kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

# List all replication controllers and services together in ps output format
kubectl get rc,services

# List one or more resources by their type and names
kubectl get rc/web service/frontend pods/web-pod-13je7

# List the 'status' subresource for a single pod
kubectl get pod web-pod-13je7 --subresource status

# List all deployments in namespace 'backend'
kubectl get deployments.apps --namespace backend

# List all pods existing in all namespaces
kubectl get pods --all-namespaces`,
    use: '[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  },
  flags: [
    ALL_NAMESPACES_FLAG,
    { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    FIELD_SELECTOR_FLAG,
    ...filenameFlags('get from a server.').map((f) => (f.name === 'filename' ? { ...f, usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' } : f)),
    { name: 'ignore-not-found', type: 'bool', usage: 'If the requested object does not exist the command will return exit code 0.' },
    ...GET_OUTPUT_FLAGS,
    { name: 'output-watch-events', type: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    { name: 'raw', type: 'string', usage: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.' },
    SELECTOR_FLAG,
    { name: 'server-print', type: 'bool', default: true, usage: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.' },
    { name: 'subresource', type: 'string', usage: 'If specified, gets the subresource of the requested object.' },
    { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
  ],
  run: runGet,
};

/** GetOptions.Validate: --raw and the watch flags' combinations. */
function validate(inv: Invocation): void {
  const { flags } = inv;
  const watching = flagBool(flags, 'watch') || flagBool(flags, 'watch-only');
  if (flagString(flags, 'raw')) {
    if (watching || flagString(flags, 'selector')) throw usageError('--raw may not be specified with other flags that filter the server request or alter the output');
    if (flagString(flags, 'output')) throw usageError('--raw and --output are mutually exclusive');
  }
  if (flagBool(flags, 'output-watch-events') && !watching) throw usageError('--output-watch-events option can only be used with --watch or --watch-only');
}

/** The Scale table the apiserver prints for `--subresource=scale`. */
const SCALE_COLUMNS = [
  { name: 'Desired', type: 'integer', jsonPath: '.spec.replicas' },
  { name: 'Available', type: 'integer', jsonPath: '.status.replicas' },
];

function runGet(inv: Invocation): number | Promise<number> {
  const { flags, kctx } = inv;
  validate(inv);
  if (flagString(flags, 'raw')) return runGetRaw(inv, flagString(flags, 'raw'));
  const oflags = outputFlags(flags);
  let printer;
  try {
    printer = resolvePrinter(oflags, 'get', printerEnv(inv));
  } catch (e) {
    if (e instanceof PrinterError) throw usageError(e.message);
    throw e;
  }
  const files = filenamesOf(inv);
  if (inv.args.length === 0 && files.length === 0) throw new KubectlError(NO_TYPE);
  const client = kctx.client();
  const registry = kctx.cluster().api.registry;
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const namespace = kctx.namespace();
  const selector = flagString(flags, 'selector') || undefined;
  const fieldSelector = flagString(flags, 'field-selector') || undefined;
  const errors: string[] = [];
  const groups: PrintGroup[] = [];
  let names = 0;
  const selections: ResourceSelection[] = files.length ? [] : parseResourceArgs(registry, inv.args);
  if (files.length) {
    rejectArgsWithPaths(inv.args);
    for (const o of objectsFromFiles(inv, files)) {
      const info = registry.byKind(o.object.apiVersion, o.object.kind);
      if (!info) throw usageError(`resource mapping not found for name: "${o.object.metadata?.name ?? ''}" namespace: "${o.object.metadata?.namespace ?? ''}" from "${o.source}": no matches for kind "${o.object.kind}" in version "${o.object.apiVersion}"\nensure CRDs are installed first`);
      selections.push({ info, names: [o.object.metadata?.name ?? ''] });
    }
  }
  if (flagBool(flags, 'watch') || flagBool(flags, 'watch-only')) {
    return runGetWatch(inv, { selections, printer, flags: oflags, namespace, allNamespaces, labelSelector: selector, fieldSelector });
  }
  const subresource = flagString(flags, 'subresource');
  if (subresource && selections.some((s) => s.names.length === 0)) throw usageError('subresource cannot be used when bulk resources are specified');
  for (const sel of selections) {
    const scale = subresource === 'scale';
    const group: PrintGroup = scale ? { info: { ...sel.info, group: 'autoscaling', version: 'v1', kind: 'Scale' }, objects: [], printerColumns: SCALE_COLUMNS } : { info: sel.info, objects: [] };
    if (sel.names.length) {
      names += sel.names.length;
      for (const name of sel.names) {
        try {
          const ns = sel.info.namespaced ? namespace : '';
          if (subresource) {
            if (!sel.info.subresources.includes(subresource)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
            const obj = client.api.get(client.user, resourceKey(sel.info), ns, name, subresource);
            group.objects.push(scale ? scaleOf(obj) : obj);
            continue;
          }
          group.objects.push(client.get(resourceKey(sel.info), ns, name));
        } catch (e) {
          if (e instanceof ApiError && e.reason === 'NotFound' && flagBool(flags, 'ignore-not-found')) continue;
          if (e instanceof ApiError) errors.push(describeError(e));
          else throw e;
        }
      }
    } else {
      const items = client.list(resourceKey(sel.info), sel.info.namespaced && !allNamespaces ? namespace : undefined, { labelSelector: selector, fieldSelector });
      group.objects.push(...(items as KObject[]));
    }
    groups.push(group);
  }
  const result = printGet(printer, oflags, {
    groups,
    singleItemImplied: names === 1 && selections.length === 1,
    allNamespaces,
    namespace,
    ignoreNotFound: flagBool(flags, 'ignore-not-found'),
    now: kctx.now(),
  });
  inv.out.write(result.stdout);
  if (result.stderr && errors.length === 0) inv.err.write(result.stderr);
  for (const e of errors) inv.err.write(e + '\n');
  if (result.error) inv.err.write(`error: ${result.error}\n`);
  return errors.length || result.error ? 1 : result.exitCode;
}

export type { ResourceInfo };
