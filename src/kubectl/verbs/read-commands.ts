/**
 * The read-side commands (explain, api-resources, cluster-info, auth, top, events, exec, ...)
 * and their groups, registered into the command registry by verbs/index.ts.
 */
import type { CommandGroup, KubectlCommand } from '../command.js';
import { apiResourcesCommand } from './api-resources.js';
import { apiVersionsCommand } from './api-versions.js';
import { clusterInfoCommand } from './cluster-info.js';
import { clusterInfoDumpCommand } from './cluster-info-dump.js';
import { explainCommand } from './explain.js';
import { authCanICommand } from './auth-can-i.js';
import { authWhoamiCommand } from './auth-whoami.js';
import { authReconcileCommand } from './auth-reconcile.js';
import { eventsCommand } from './events.js';
import { topNodeCommand, topPodCommand } from './top.js';
import { execCommand } from './exec.js';
import { cpCommand } from './cp.js';
import { completionCommand } from './completion.js';
import { optionsCommand } from './options.js';
import { pluginListCommand } from './plugin-list.js';
import { proxyCommand } from './proxy.js';
import { portForwardCommand } from './port-forward.js';
import { attachCommand } from './attach.js';
import { debugCommand } from './debug.js';

export const READ_COMMANDS: KubectlCommand[] = [
  explainCommand,
  clusterInfoCommand,
  clusterInfoDumpCommand,
  topNodeCommand,
  topPodCommand,
  attachCommand,
  execCommand,
  portForwardCommand,
  proxyCommand,
  cpCommand,
  authCanICommand,
  authReconcileCommand,
  authWhoamiCommand,
  debugCommand,
  eventsCommand,
  completionCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  pluginListCommand,
  optionsCommand,
];

/** A group with cobra's bare-run behaviour (help on stderr, status 1 for these). */
type BareGroup = CommandGroup & { bare: { stream: 'stdout' | 'stderr'; code: number } };

function group(g: BareGroup): CommandGroup {
  return g;
}

export const READ_GROUPS: CommandGroup[] = [
  group({ path: ['auth'], help: { short: 'Inspect authorization', long: 'Inspect authorization.', use: '[flags] [options]' }, bare: { stream: 'stderr', code: 1 } }),
  group({
    path: ['top'],
    help: {
      short: 'Display resource (CPU/memory) usage',
      long: 'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.',
      use: '[flags] [options]',
    },
    bare: { stream: 'stderr', code: 1 },
  }),
  group({
    path: ['plugin'],
    help: {
      short: 'Provides utilities for interacting with plugins',
      long: 'Provides utilities for interacting with plugins.\n\n Plugins provide extended functionality that is not part of the major command-line distribution. Please refer to the documentation and examples for more information about how write your own plugins.\n\n The easiest way to discover and install plugins is via the kubernetes sub-project krew: [krew.sigs.k8s.io]. To install krew, visit https://krew.sigs.k8s.io/docs/user-guide/setup/install',
      examples: '# List all available plugins\nkubectl plugin list\n\n# List only binary names of available plugins without paths\nkubectl plugin list --name-only',
      use: '[flags] [options]',
    },
    bare: { stream: 'stderr', code: 1 },
  }),
];
