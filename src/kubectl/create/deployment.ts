/**
 * kubectl create deployment NAME --image=... [--replicas] [--port] [-- COMMAND]: one container
 * per image, named after the image (tag and digest dropped; `_` and `.` become `-` plus a
 * random suffix), labels and selector app=NAME.
 */
import type { KObject } from '../../api/types.js';
import { K8S_ALPHABET } from '../../util/rng.js';
import { flagNumber } from '../flags/index.js';
import { usageError } from '../errors.js';
import { defineGenerator, listFlag } from './generator.js';

export const createDeploymentCommand = defineGenerator({
  path: ['create', 'deployment'],
  resource: 'deployments.apps',
  failure: 'deployment',
  required: ['image'],
  help: {
    short: 'Create a deployment with the specified name',
    long: `Create a deployment with the specified name.`,
    aliases: ['deploy'],
    examples: `# Create a deployment named my-dep that runs the busybox image
kubectl create deployment my-dep --image=busybox

# Create a deployment with a command
kubectl create deployment my-dep --image=busybox -- date

# Create a deployment named my-dep that runs the nginx image with 3 replicas
kubectl create deployment my-dep --image=nginx --replicas=3

# Create a deployment named my-dep that runs the busybox image and expose port 5701
kubectl create deployment my-dep --image=busybox --port=5701

# Create a deployment named my-dep that runs multiple containers
kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx`,
    use: 'NAME --image=image -- [COMMAND] [args...]',
  },
  flags: [
    { name: 'image', type: 'stringSlice', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', type: 'int32', default: -1, usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', shorthand: 'r', type: 'int32', default: 1, usage: 'Number of replicas to create. Default is 1.' },
  ],
  validate({ inv, command }) {
    if (listFlag(inv, 'image').length > 1 && command.length > 0) throw usageError('cannot specify multiple --image options and command');
  },
  build({ inv, name, command, enforcedNamespace }): KObject {
    const labels = { app: name };
    const containers = listFlag(inv, 'image').map((image) => ({
      name: containerName(image, () => inv.world.rng.string(5, K8S_ALPHABET)),
      image,
      ...(command.length ? { command } : {}),
      resources: {},
    }));
    const port = flagNumber(inv.flags, 'port');
    if (port >= 0 && containers.length > 0) Object.assign(containers[0]!, { ports: [{ containerPort: port }] });
    return {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null, labels },
      spec: {
        replicas: flagNumber(inv.flags, 'replicas'),
        selector: { matchLabels: labels },
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        strategy: {},
      },
      status: {},
    };
  },
});

/** The container name kubectl derives from an image reference. */
export function containerName(image: string, suffix: () => string): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${suffix()}`;
  return name;
}
