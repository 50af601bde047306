/**
 * kubectl describe: TYPE [NAME_PREFIX], TYPE/NAME, -l, -f; a name that does not exist matches
 * every object it prefixes, as kubectl's describe does. Lookups (events, pods of a node, ...)
 * go through the API as the caller.
 */
import { ApiError } from '../../api/errors.js';
import { resourceKey } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { ALL_NAMESPACES_FLAG, filenameFlags, SELECTOR_FLAG } from '../common-flags.js';
import { describeError, KubectlError } from '../errors.js';
import { describe, type DescribeLookup } from '../describe/index.js';
import { parseResourceArgs, rejectArgsWithPaths } from '../resources.js';
import { mappingFor, namespaceFor, objectsFromFiles, filenamesOf } from './shared.js';

export const describeCommand: KubectlCommand = {
  path: ['describe'],
  help: {
    short: 'Show details of a specific resource or group of resources',
    long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
    examples: `# Describe a node
kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

# Describe a pod
kubectl describe pods/nginx

# Describe a pod identified by type and name in "pod.json"
kubectl describe -f pod.json

# Describe all pods
kubectl describe pods

# Describe pods by label name=myLabel
kubectl describe pods -l name=myLabel

# Describe all pods managed by the 'frontend' replication controller
# (rc-created pods get the name of the rc as a prefix in the pod name)
kubectl describe pods frontend`,
    use: '(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  },
  flags: [
    ALL_NAMESPACES_FLAG,
    { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    ...filenameFlags('describe').map((f) => (f.name === 'filename' ? { ...f, usage: 'Filename, directory, or URL to files containing the resource to describe' } : f)),
    SELECTOR_FLAG,
    { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
  ],
  run: runDescribe,
};

function runDescribe(inv: Invocation): number {
  const { flags, kctx } = inv;
  const files = filenamesOf(inv);
  if (inv.args.length === 0 && files.length === 0) {
    throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl describe -h\' for help and examples');
  }
  const client = kctx.client();
  const ns = kctx.namespace();
  const allNs = flagBool(flags, 'all-namespaces');
  const selector = flagString(flags, 'selector') || undefined;
  const objects: KObject[] = [];
  const errors: string[] = [];
  if (files.length) {
    rejectArgsWithPaths(inv.args);
    for (const o of objectsFromFiles(inv, files, 'describe')) {
      const info = mappingFor(inv, o);
      try {
        objects.push(client.get(resourceKey(info), namespaceFor(inv, info, o.object, o.source), o.object.metadata?.name ?? ''));
      } catch (e) {
        if (e instanceof ApiError) errors.push(describeError(e));
        else throw e;
      }
    }
  }
  for (const sel of files.length ? [] : parseResourceArgs(kctx.cluster().api.registry, inv.args)) {
    const key = resourceKey(sel.info);
    const scope = sel.info.namespaced ? ns : '';
    if (sel.names.length === 0) {
      const items = client.list(key, sel.info.namespaced && !allNs ? ns : undefined, { labelSelector: selector });
      if (items.length === 0) inv.err.write(`No resources found in ${ns} namespace.\n`.replace(` in ${ns} namespace`, sel.info.namespaced && !allNs ? ` in ${ns} namespace` : ''));
      objects.push(...items);
      continue;
    }
    for (const name of sel.names) {
      const exact = client.find(key, scope, name);
      if (exact) {
        client.get(key, scope, name);
        objects.push(exact);
        continue;
      }
      const prefixed = client.list(key, sel.info.namespaced ? ns : undefined).filter((o) => o.metadata.name.startsWith(name));
      if (prefixed.length) objects.push(...prefixed);
      else {
        try {
          client.get(key, scope, name);
        } catch (e) {
          if (e instanceof ApiError) errors.push(describeError(e));
          else throw e;
        }
      }
    }
  }
  const lookup: DescribeLookup = {
    list: (resource, namespace, sel) => {
      try {
        return client.list(resource, namespace, { labelSelector: sel?.labels, fieldSelector: sel?.fields });
      } catch {
        return [];
      }
    },
    get: (resource, namespace, name) => {
      try {
        return client.find(resource, namespace ?? '', name);
      } catch {
        return undefined;
      }
    },
  };
  const ctx = { now: kctx.now(), showEvents: flagBool(flags, 'show-events'), lookup };
  objects.forEach((o, i) => inv.out.write((i === 0 ? '' : '\n\n') + describe(o, ctx)));
  for (const e of errors) inv.err.write(e + '\n');
  return errors.length ? 1 : 0;
}
