/**
 * The `kubectl create` generators, in kubectl's registration order, and the two subcommand
 * groups below create (secret, service).
 */
import type { CommandGroup, KubectlCommand } from '../command.js';
import { createClusterRoleCommand } from './clusterrole.js';
import { createClusterRoleBindingCommand } from './clusterrolebinding.js';
import { createConfigMapCommand } from './configmap.js';
import { createCronJobCommand } from './cronjob.js';
import { createDeploymentCommand } from './deployment.js';
import { createIngressCommand } from './ingress.js';
import { createJobCommand } from './job.js';
import { createNamespaceCommand } from './namespace.js';
import { createPdbCommand } from './pdb.js';
import { createPriorityClassCommand } from './priorityclass.js';
import { createQuotaCommand } from './quota.js';
import { createRoleCommand } from './role.js';
import { createRoleBindingCommand } from './rolebinding.js';
import { createSecretDockerRegistryCommand } from './secret-docker-registry.js';
import { createSecretGenericCommand } from './secret-generic.js';
import { createSecretTlsCommand } from './secret-tls.js';
import { createServiceClusterIPCommand, createServiceExternalNameCommand, createServiceLoadBalancerCommand, createServiceNodePortCommand } from './service.js';
import { createServiceAccountCommand } from './serviceaccount.js';
import { createTokenCommand } from './token.js';

export const CREATE_COMMANDS: KubectlCommand[] = [
  createNamespaceCommand,
  createQuotaCommand,
  createSecretDockerRegistryCommand,
  createSecretGenericCommand,
  createSecretTlsCommand,
  createConfigMapCommand,
  createServiceAccountCommand,
  createServiceClusterIPCommand,
  createServiceExternalNameCommand,
  createServiceLoadBalancerCommand,
  createServiceNodePortCommand,
  createDeploymentCommand,
  createClusterRoleCommand,
  createClusterRoleBindingCommand,
  createRoleCommand,
  createRoleBindingCommand,
  createPdbCommand,
  createPriorityClassCommand,
  createJobCommand,
  createCronJobCommand,
  createIngressCommand,
  createTokenCommand,
];

export const CREATE_GROUPS: CommandGroup[] = [
  {
    path: ['create', 'secret'],
    help: {
      short: 'Create a secret using a specified subcommand',
      long: `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.`,
      use: '(docker-registry | generic | tls) [options]',
    },
    bare: { stream: 'stderr', code: 1 },
  },
  {
    path: ['create', 'service'],
    aliases: ['svc'],
    help: { short: 'Create a service using a specified subcommand', long: 'Create a service using a specified subcommand.', aliases: ['svc'], use: '[flags] [options]' },
    bare: { stream: 'stderr', code: 1 },
  },
];
