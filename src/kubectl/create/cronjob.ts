/** kubectl create cronjob NAME --image=... --schedule=... [--restart] [-- COMMAND]. */
import type { KObject } from '../../api/types.js';
import { flagString } from '../flags/index.js';
import { defineGenerator } from './generator.js';

export const createCronJobCommand = defineGenerator({
  path: ['create', 'cronjob'],
  resource: 'cronjobs.batch',
  failure: 'cronjob',
  required: ['image', 'schedule'],
  help: {
    short: 'Create a cron job with the specified name',
    long: `Create a cron job with the specified name.`,
    aliases: ['cj'],
    examples: `# Create a cron job
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"

# Create a cron job with a command
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date`,
    use: "NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags]",
  },
  flags: [
    { name: 'image', type: 'string', usage: 'Image name to run.' },
    { name: 'restart', type: 'string', usage: "job's restart policy. supported values: OnFailure, Never" },
    { name: 'schedule', type: 'string', usage: 'A schedule in the Cron format the job should be run with.' },
  ],
  build({ inv, name, command, enforcedNamespace }): KObject {
    const restart = flagString(inv.flags, 'restart') || 'OnFailure';
    return {
      kind: 'CronJob',
      apiVersion: 'batch/v1',
      metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null },
      spec: {
        schedule: flagString(inv.flags, 'schedule'),
        jobTemplate: {
          metadata: { name, creationTimestamp: null },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: { containers: [{ name, image: flagString(inv.flags, 'image'), ...(command.length ? { command } : {}), resources: {} }], restartPolicy: restart },
            },
          },
        },
      },
      status: {},
    };
  },
});
