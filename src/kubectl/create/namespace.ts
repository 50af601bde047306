/** kubectl create namespace NAME: server errors print as they are (`Error from server (AlreadyExists): ...`). */
import type { KObject } from '../../api/types.js';
import { defineGenerator } from './generator.js';

export const createNamespaceCommand = defineGenerator({
  path: ['create', 'namespace'],
  resource: 'namespaces',
  help: {
    short: 'Create a namespace with the specified name',
    long: `Create a namespace with the specified name.`,
    aliases: ['ns'],
    examples: `# Create a new namespace named my-namespace
kubectl create namespace my-namespace`,
    use: 'NAME [--dry-run=server|client|none]',
  },
  flags: [
  ],
  build({ name }): KObject {
    return { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, spec: {}, status: {} };
  },
});
