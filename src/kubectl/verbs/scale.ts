/** kubectl scale: sets the replicas of deployments, replica sets, stateful sets and replication controllers. */
import { resourceKey } from '../../api/registry.js';
import { flagBool, flagNumber, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { dryRun, DRY_RUN_FLAG, GENERIC_OUTPUT_FLAGS, SELECTOR_FLAG } from '../common-flags.js';
import { warnSink } from './shared.js';
import { KubectlError, usageError } from '../errors.js';
import { kindPrefix } from '../printers/index.js';
import { parseResourceArgs } from '../resources.js';

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
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to set a new size' },
    { name: 'replicas', type: 'int', default: -1, usage: 'The new desired number of replicas. Required.' },
    { name: 'resource-version', type: 'string', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
  ],
  run: runScale,
};

function runScale(inv: Invocation): number {
  const { flags, kctx } = inv;
  if (!flags.changed.has('replicas')) throw usageError('required flag(s) "replicas" not set');
  const replicas = flagNumber(flags, 'replicas');
  if (replicas < 0) throw usageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dry = dryRun(flags, warnSink(inv));
  const client = kctx.client();
  const ns = kctx.namespace();
  const sels = parseResourceArgs(kctx.cluster().api.registry, inv.args);
  if (sels.length === 0) throw usageError('the server doesn\'t have a resource type ""');
  const current = flagNumber(flags, 'current-replicas');
  let failed = 0;
  for (const sel of sels) {
    const key = resourceKey(sel.info);
    const names = sel.names.length ? sel.names : flagBool(flags, 'all') || flagString(flags, 'selector') ? client.list(key, ns, { labelSelector: flagString(flags, 'selector') || undefined }).map((o) => o.metadata.name) : [];
    if (!sel.names.length && !names.length && !flagBool(flags, 'all') && !flagString(flags, 'selector')) throw usageError('resource(s) were provided, but no name was specified');
    for (const name of names) {
      const obj = client.get(key, ns, name);
      if (!SCALABLE.has(key)) throw new KubectlError(`error: cannot use scale on ${sel.info.kind}`, 1);
      const have = Number((obj['spec'] as { replicas?: number }).replicas ?? 1);
      if (current >= 0 && have !== current) {
        failed++;
        inv.err.write(`error: Expected replicas to be ${current}, was ${have}\n`);
        continue;
      }
      if (dry !== 'client') client.patch(key, ns, name, 'merge', { spec: { replicas } }, { dryRun: dry === 'server' });
      const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      inv.out.write(`${kindPrefix(sel.info.group, sel.info.kind)}/${name} scaled${suffix}\n`);
    }
  }
  return failed ? 1 : 0;
}
