/**
 * kubectl create job NAME --image=... [-- COMMAND] (restartPolicy Never, container named after
 * the job), or --from=cronjob/NAME: the cron job's job template, annotated as a manual
 * instantiation and owned by the cron job, as the CronJob controller would create it.
 */
import { resourceKey } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import { flagString } from '../flags/index.js';
import { KubectlError, usageError } from '../errors.js';
import { parseResourceArgs } from '../resources.js';
import { defineGenerator, type GeneratorInput } from './generator.js';
import { sortedMap } from './sources.js';

export const createJobCommand = defineGenerator({
  path: ['create', 'job'],
  resource: 'jobs.batch',
  failure: 'job',
  help: {
    short: 'Create a job with the specified name',
    long: `Create a job with the specified name.`,
    examples: `# Create a job
kubectl create job my-job --image=busybox

# Create a job with a command
kubectl create job my-job --image=busybox -- date

# Create a job from a cron job named "a-cronjob"
kubectl create job test-job --from=cronjob/a-cronjob`,
    use: 'NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]',
  },
  flags: [
    { name: 'from', type: 'string', usage: 'The name of the resource to create a Job from (only cronjob is supported).' },
    { name: 'image', type: 'string', usage: 'Image name to run.' },
  ],
  validate({ inv, command }) {
    const image = flagString(inv.flags, 'image');
    const from = flagString(inv.flags, 'from');
    if ((!image && !from) || (image && from)) throw usageError('either --image or --from must be specified');
    if (command.length && from) throw usageError('cannot specify --from and command');
  },
  build(input): KObject {
    const { inv, name, command, enforcedNamespace } = input;
    if (flagString(inv.flags, 'from')) return fromCronJob(input);
    return {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null },
      spec: {
        template: {
          metadata: { creationTimestamp: null },
          spec: { containers: [{ name, image: flagString(inv.flags, 'image'), ...(command.length ? { command } : {}), resources: {} }], restartPolicy: 'Never' },
        },
      },
      status: {},
    };
  },
});

function fromCronJob({ inv, name, namespace, enforcedNamespace }: GeneratorInput): KObject {
  const sels = parseResourceArgs(inv.kctx.cluster().api.registry, [flagString(inv.flags, 'from')]);
  const sel = sels[0];
  if (sels.length !== 1 || !sel || sel.names.length !== 1) throw new KubectlError('error: from must be an existing cronjob');
  const obj = inv.kctx.client().get(resourceKey(sel.info), sel.info.namespaced ? namespace : '', sel.names[0]!);
  if (obj.kind !== 'CronJob') throw new KubectlError(`error: unknown object type *v1.${obj.kind}`);
  const template = ((obj['spec'] as { jobTemplate?: { metadata?: KObject['metadata']; spec?: unknown } }).jobTemplate ?? {}) as { metadata?: KObject['metadata']; spec?: unknown };
  const annotations = sortedMap({ 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) });
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}),
      creationTimestamp: null,
      ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
      annotations,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: obj.metadata.name, uid: obj.metadata.uid, controller: true }],
    },
    spec: structuredClone(template.spec ?? {}),
    status: {},
  };
}
