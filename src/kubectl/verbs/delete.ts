/**
 * kubectl delete: by name, type/name, -f, -l or --all; graceful by default (pods wait for their
 * grace period, as `kubectl delete` waits), --grace-period=0 --force for immediate removal,
 * --cascade, --ignore-not-found, --wait.
 */
import { UNBOUNDED_WAIT_SECONDS } from './rollout-status.js';
import { ApiError } from '../../api/errors.js';
import { resourceKey } from '../../api/registry.js';
import type { Stored } from '../../api/types.js';
import { flagBool, flagNumber, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { ALL_NAMESPACES_FLAG, dryRun, DRY_RUN_FLAG, FIELD_SELECTOR_FLAG, filenameFlags, SELECTOR_FLAG } from '../common-flags.js';
import { warnSink, filenamesOf } from './shared.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { parseResourceArgs, rejectArgsWithPaths, type ResourceSelection } from '../resources.js';
import { mappingFor, namespaceFor, objectsFromFiles } from './shared.js';
import { kindPrefix } from '../printers/index.js';

export const deleteCommand: KubectlCommand = {
  path: ['delete'],
  help: {
    short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.`,
    examples: `# Delete a pod using the type and name specified in pod.json
kubectl delete -f ./pod.json

# Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
kubectl delete -k dir

# Delete resources from all files that end with '.json'
kubectl delete -f '*.json'

# Delete a pod based on the type and name in the JSON passed into stdin
cat pod.json | kubectl delete -f -

# Delete pods and services with same names "baz" and "foo"
kubectl delete pod,service baz foo

# Delete pods and services with label name=myLabel
kubectl delete pods,services -l name=myLabel

# Delete a pod with minimal delay
kubectl delete pod foo --now

# Force delete a pod on a dead node
kubectl delete pod foo --force

# Delete all pods
kubectl delete pods --all

# Delete all pods only if the user confirms the deletion
kubectl delete pods --all --interactive`,
    use: '([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Delete all resources, in the namespace of the specified resource types.' },
    ALL_NAMESPACES_FLAG,
    { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    DRY_RUN_FLAG,
    FIELD_SELECTOR_FLAG,
    ...filenameFlags('delete').map((f) =>
      f.name === 'filename' ? { ...f, usage: 'containing the resource to delete.' } : f.name === 'kustomize' ? { ...f, usage: "Process a kustomization directory. This flag can't be used together with -f or -R." } : f,
    ),
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'ignore-not-found', type: 'bool', usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: 'interactive', shorthand: 'i', type: 'bool', usage: 'If true, delete resource only when user confirms.' },
    { name: 'now', type: 'bool', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    { name: 'raw', type: 'string', usage: 'Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: runDelete,
};

interface Target {
  key: string;
  info: ResourceSelection['info'];
  namespace: string;
  name: string;
}

async function runDelete(inv: Invocation): Promise<number> {
  const { flags, kctx } = inv;
  const dry = dryRun(flags, warnSink(inv));
  const force = flagBool(flags, 'force');
  let grace = flagNumber(flags, 'grace-period');
  if (flagBool(flags, 'now')) {
    if (grace !== -1) throw usageError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1; // kubectl turns a bare --grace-period=0 into 1
  const cascade = flagString(flags, 'cascade');
  const policy = cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : cascade === 'background' || cascade === 'true' ? 'Background' : undefined;
  if (!policy) throw usageError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  const all = flagBool(flags, 'all');
  const selector = flagString(flags, 'selector');
  const files = filenamesOf(inv);
  const ignoreNotFound = flagBool(flags, 'ignore-not-found') || all;
  if (all && selector) throw usageError("setting 'all' parameter but found a non empty selector. ");
  if (inv.args.length === 0 && files.length === 0) {
    throw new KubectlError('error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  }
  const client = kctx.client();
  const registry = kctx.cluster().api.registry;
  const targets: Target[] = [];
  const errors: string[] = [];
  if (files.length) {
    rejectArgsWithPaths(inv.args);
    for (const o of objectsFromFiles(inv, files, 'delete')) {
      const info = mappingFor(inv, o);
      targets.push({ key: resourceKey(info), info, namespace: namespaceFor(inv, info, o.object, o.source), name: o.object.metadata?.name ?? '' });
    }
  } else {
    const allNs = flagBool(flags, 'all-namespaces');
    for (const sel of parseResourceArgs(registry, inv.args)) {
      const key = resourceKey(sel.info);
      if (sel.names.length) {
        if (all || selector) throw usageError('name cannot be provided when a selector is specified');
        for (const name of sel.names) targets.push({ key, info: sel.info, namespace: sel.info.namespaced ? kctx.namespace() : '', name });
      } else {
        if (!all && !selector && !flagString(flags, 'field-selector')) throw usageError(`resource(s) were provided, but no name was specified`);
        const ns = sel.info.namespaced && !allNs ? kctx.namespace() : undefined;
        for (const o of client.list(key, ns, { labelSelector: selector || undefined, fieldSelector: flagString(flags, 'field-selector') || undefined })) {
          targets.push({ key, info: sel.info, namespace: o.metadata.namespace ?? '', name: o.metadata.name });
        }
      }
    }
  }
  if (targets.length === 0 && (all || selector)) {
    inv.err.write(`No resources found${allNsText(flags, kctx.namespace())}\n`);
    return 0;
  }
  if (flagBool(flags, 'interactive') && !confirmed(inv, targets)) return 0;
  if (force && dry === 'none') inv.err.write('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const deleted: Target[] = [];
  for (const t of targets) {
    try {
      // a client dry run sends nothing, not even a GET: missing objects are "deleted" too
      if (dry !== 'client') client.delete(t.key, t.namespace, t.name, { gracePeriodSeconds: grace >= 0 ? grace : undefined, propagationPolicy: policy, dryRun: dry === 'server' });
      const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      const prefix = kindPrefix(t.info.group, t.info.kind);
      const verb = force && grace === 0 ? 'force deleted' : 'deleted';
      inv.out.write(flagString(flags, 'output') === 'name' ? `${prefix}/${t.name}\n` : `${prefix} "${t.name}" ${verb}${suffix}\n`);
      deleted.push(t);
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound' && ignoreNotFound) continue;
      if (e instanceof ApiError) errors.push(describeError(e));
      else throw e;
    }
  }
  if (dry === 'none' && flagBool(flags, 'wait')) await waitGone(inv, deleted);
  for (const e of errors) inv.err.write(e + '\n');
  return errors.length ? 1 : 0;
}

/** --interactive: lists what would go and reads one word from stdin; only "y" goes on. */
function confirmed(inv: Invocation, targets: Target[]): boolean {
  inv.out.write(`You are about to delete the following ${targets.length} resource(s):\n`);
  for (const t of targets) inv.out.write(`${kindPrefix(t.info.group, t.info.kind)}/${t.name}\n`);
  inv.out.write('Do you want to continue? (y/n): ');
  const answer = inv.proc.stdin.trim().split(/\s+/)[0] ?? '';
  if (answer.toLowerCase() === 'y') return true;
  inv.out.write('deletion is cancelled\n');
  return false;
}

function allNsText(flags: Invocation['flags'], ns: string): string {
  return flagBool(flags, 'all-namespaces') ? '' : ` in ${ns} namespace.`;
}

/** kubectl delete waits until the objects are gone (pods after their grace period). */
async function waitGone(inv: Invocation, targets: Target[]): Promise<void> {
  const store = () => inv.kctx.cluster().api.store;
  const gone = (t: Target): boolean => {
    const o = store().get(t.key, t.namespace, t.name) as Stored | undefined;
    return !o;
  };
  if (targets.every(gone)) return;
  // kubectl would wait a week; headless runs stop at the bound every waiting verb shares
  inv.world.loop.advanceUntil(() => targets.every(gone), UNBOUNDED_WAIT_SECONDS);
}
