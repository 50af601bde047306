/** kubectl scale: sets the replicas of deployments, replica sets, stateful sets and replication controllers. */
import { flagBool, flagNumber, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { dryRun, DRY_RUN_FLAG, filenameFlags, GENERIC_OUTPUT_FLAGS, SELECTOR_FLAG } from '../common-flags.js';
import { selectResources, warnSink, writeErrors, filenamesOf } from './shared.js';
import { printObjects, resolveGenericPrinter } from '../create/generator.js';
import { KubectlError, usageError } from '../errors.js';

const NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

export const scaleCommand: KubectlCommand = {
  path: ['scale'],
  help: {
    short: 'Set a new size for a deployment, replica set, or replication controller',
    long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
    examples: `# Scale a replica set named 'foo' to 3
kubectl scale --replicas=3 rs/foo

# Scale a resource identified by type and name specified in "foo.yaml" to 3
kubectl scale --replicas=3 -f foo.yaml

# If the deployment named mysql's current size is 2, scale mysql to 3
kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

# Scale multiple replication controllers
kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

# Scale stateful set named 'web' to 3
kubectl scale --replicas=3 statefulset/web`,
    use: '[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    DRY_RUN_FLAG,
    ...filenameFlags('set a new size'),
    { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
    { name: 'resource-version', type: 'string', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
  ],
  run: runScale,
};

function runScale(inv: Invocation): number {
  const { flags } = inv;
  if (!flags.changed.has('replicas')) throw usageError('required flag(s) "replicas" not set');
  const replicas = flagNumber(flags, 'replicas');
  if (replicas < 0) throw usageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dry = dryRun(flags, warnSink(inv));
  const files = filenamesOf(inv);
  if (inv.args.length === 0 && files.length === 0) throw new KubectlError(NO_RESOURCES);
  const printer = resolveGenericPrinter(inv);
  // The builder: -f objects or TYPE NAME / TYPE/NAME, each fetched; NotFound ones reported last.
  const selection = selectResources(inv, {
    resources: inv.args,
    filenames: files,
    selector: flagString(flags, 'selector'),
    all: flagBool(flags, 'all'),
    verb: 'scale',
  });
  if (selection.targets.length === 0) {
    // every object missing: the builder's aggregate comes wrapped in "no objects passed to scale"
    if (selection.errors.length) {
      const messages = selection.errors.map((e) => e.replace(/^Error from server \([A-Za-z]+\): /, ''));
      throw new KubectlError(`error: no objects passed to scale ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}`);
    }
    throw new KubectlError('error: no objects passed to scale');
  }
  const resourceVersion = flagString(flags, 'resource-version');
  if (resourceVersion && selection.targets.length > 1) throw new KubectlError('error: cannot use --resource-version with multiple resources');
  const current = flagNumber(flags, 'current-replicas');
  const client = inv.kctx.client();
  for (const t of selection.targets) {
    const scaled = structuredClone(t.object);
    ((scaled['spec'] ??= {}) as { replicas?: number }).replicas = replicas;
    if (dry === 'client') {
      printObjects(inv, printer, [scaled], 'scaled', dry);
      continue;
    }
    if (!SCALABLE.has(t.key)) throw new KubectlError(`error: cannot use scale on ${t.info.kind}`, 1);
    // ScalePrecondition: checked against the live scale before the update is sent.
    const have = Number((t.object['spec'] as { replicas?: number } | undefined)?.replicas ?? 1);
    if (current >= 0 && have !== current) throw new KubectlError(`error: Expected replicas to be ${current}, was ${have}`);
    if (resourceVersion && t.object.metadata.resourceVersion !== resourceVersion) {
      throw new KubectlError(`error: Expected resource version to be ${resourceVersion}, was ${t.object.metadata.resourceVersion ?? ''}`);
    }
    client.patch(t.key, t.namespace, t.name, 'merge', { spec: { replicas } }, { dryRun: dry === 'server' });
    printObjects(inv, printer, [scaled], 'scaled', dry);
  }
  if (selection.errors.length) {
    writeErrors(inv, selection.errors);
    return 1;
  }
  return 0;
}
