/**
 * The kubectl command registry, in the order of kubectl's help groups (which is also the order
 * of its "Did you mean this?" suggestions), and the root help text.
 */
import type { CommandGroup, KubectlCommand } from '../command.js';
import { getCommand } from './get.js';
import { applyCommand } from './apply.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { CONFIG_COMMANDS, CONFIG_GROUP } from '../config/index.js';
import { versionCommand } from './version.js';
import { logsCommand } from './logs.js';
import { scaleCommand } from './scale.js';
import { rolloutStatusCommand } from './rollout-status.js';
import { waitCommand } from './wait.js';
import { READ_COMMANDS, READ_GROUPS } from './read-commands.js';
import { describeCommand } from './describe.js';
import { CREATE_COMMANDS, CREATE_GROUPS } from '../create/index.js';
import { annotateCommand, labelCommand } from './label.js';
import { patchCommand } from './patch.js';
import { replaceCommand } from './replace.js';
import { SET_COMMANDS } from './set.js';
import { taintCommand } from './taint.js';
import { ROLLOUT_COMMANDS } from './rollout.js';
import { autoscaleCommand } from './autoscale.js';
import { exposeCommand } from './expose.js';
import { runCommand } from './run.js';
import { editCommand } from './edit.js';
import { kustomizeCommand } from '../kustomize/index.js';
import { diffCommand } from './diff.js';
import { applySetLastAppliedCommand, applyViewLastAppliedCommand } from './apply-view.js';
import { certificateApproveCommand, certificateDenyCommand } from './certificate.js';
import { cordonCommand, drainCommand, uncordonCommand } from './drain.js';

export const COMMANDS: KubectlCommand[] = [
  createCommand,
  ...CREATE_COMMANDS,
  exposeCommand,
  runCommand,
  editCommand,
  getCommand,
  deleteCommand,
  rolloutStatusCommand,
  ...ROLLOUT_COMMANDS,
  scaleCommand,
  describeCommand,
  logsCommand,
  diffCommand,
  ...READ_COMMANDS,
  applyCommand,
  applyViewLastAppliedCommand,
  applySetLastAppliedCommand,
  kustomizeCommand,
  waitCommand,
  ...CONFIG_COMMANDS,
  ...SET_COMMANDS,
  autoscaleCommand,
  certificateApproveCommand,
  certificateDenyCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  patchCommand,
  replaceCommand,
  labelCommand,
  annotateCommand,
  versionCommand,
];

export const GROUPS: CommandGroup[] = [
  {
    path: ['rollout'],
    help: {
      short: 'Manage the rollout of a resource',
      long: 'Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets',
      examples: `# Rollback to the previous deployment
kubectl rollout undo deployment/abc

# Check the rollout status of a daemonset
kubectl rollout status daemonset/foo

# Restart a deployment
kubectl rollout restart deployment/abc

# Restart deployments with the 'app=nginx' label
kubectl rollout restart deployment --selector=app=nginx`,
      use: 'SUBCOMMAND [options]',
    },
    bare: { stream: 'stdout', code: 1 },
  },
  CONFIG_GROUP,
  ...CREATE_GROUPS,
  {
    path: ['certificate'],
    help: { short: 'Modify certificate resources', long: 'Modify certificate resources.', use: 'SUBCOMMAND [options]' },
    bare: { stream: 'stdout', code: 0 },
    helpOnUnknown: true,
  },
  {
    path: ['set'],
    help: { short: 'Set specific features on objects', long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.', use: 'SUBCOMMAND [options]' },
    bare: { stream: 'stderr', code: 1 },
  },
];

// `kubectl create --help` lists the generators and groups below it
createCommand.help.subcommands = [
  {
    title: 'Available Commands:',
    commands: [...COMMANDS, ...GROUPS]
      .filter((c) => c.path.length === 2 && c.path[0] === 'create')
      .map((c) => ({ name: c.path[1]!, short: c.help.short }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
  },
];

/** Every top-level command name kubectl 1.33 has, in its help order. */
const ALL_NAMES = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint',
  'describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate', 'completion',
  'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options', 'help',
];

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** cobra's suggestions: edit distance of at most 2, or a prefix of the typed word. */
export function suggestCommands(typed: string): string[] {
  return ALL_NAMES.filter((n) => n !== 'help' && (levenshtein(typed, n) <= 2 || n.startsWith(typed.toLowerCase())));
}

export const ROOT_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

GROUPS.push(...READ_GROUPS);
