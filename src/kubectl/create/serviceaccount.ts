/** kubectl create serviceaccount NAME. */
import type { KObject } from '../../api/types.js';
import { defineGenerator } from './generator.js';

export const createServiceAccountCommand = defineGenerator({
  path: ['create', 'serviceaccount'],
  resource: 'serviceaccounts',
  failure: 'serviceaccount',
  help: {
    short: 'Create a service account with the specified name',
    long: `Create a service account with the specified name.`,
    aliases: ['sa'],
    examples: `# Create a new service account named my-service-account
kubectl create serviceaccount my-service-account`,
    use: 'NAME [--dry-run=server|client|none]',
  },
  flags: [
  ],
  build({ name, enforcedNamespace }): KObject {
    return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null } };
  },
});
