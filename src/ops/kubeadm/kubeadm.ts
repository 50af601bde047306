/**
 * kubeadm v1.33 as a node program: version, token, upgrade plan|apply|node, certs and
 * kubeconfig user (delegated to the PKI), and a clear refusal for init, join and reset, which
 * rebuild a cluster outside what the simulation models.
 */
import type { Program, ProcessContext } from '../../shell/types.js';
import { flagString, type FlagTable } from '../../kubectl/flags/index.js';
import { kubeadmCerts, kubeadmKubeconfigUser } from '../../pki/kubeadm-certs.js';
import { resolveCommand, type CommandNode } from '../commands.js';
import { KubeadmError, failWith, kubeadmVersion, type KubeadmDeps } from './common.js';
import { printVersion } from './version.js';
import { tokenCreate, tokenDelete, tokenList, generateToken } from './token.js';
import { upgradeApply, upgradeNode, upgradePlan } from './upgrade.js';

const GLOBALS: FlagTable = [
  { name: 'v', shorthand: 'v', type: 'string', usage: 'number for the log level verbosity' },
  { name: 'rootfs', type: 'string', usage: 'The path to the \'real\' host root filesystem.' },
];

const KUBECONFIG: FlagTable = [{ name: 'kubeconfig', type: 'string', default: '/etc/kubernetes/admin.conf', usage: 'The kubeconfig file to use when talking to the cluster.' }];
const UPGRADE_COMMON: FlagTable = [
  ...KUBECONFIG,
  { name: 'config', type: 'string', usage: 'Path to a kubeadm configuration file.' },
  { name: 'ignore-preflight-errors', type: 'stringSlice', usage: 'A list of checks whose errors will be shown as warnings.' },
  { name: 'allow-experimental-upgrades', type: 'bool', usage: 'Show unstable versions of Kubernetes as an upgrade alternative.' },
  { name: 'allow-release-candidate-upgrades', type: 'bool', usage: 'Show release candidate versions of Kubernetes as an upgrade alternative.' },
  { name: 'print-config', type: 'bool', usage: 'Specifies whether the configuration file that will be used in the upgrade should be printed or not.' },
  { name: 'etcd-upgrade', type: 'bool', default: true, usage: 'Perform the upgrade of etcd.' },
  { name: 'output', shorthand: 'o', type: 'string', default: 'text', usage: 'Output format.' },
];

const ROOT: CommandNode = {
  name: 'kubeadm',
  children: [
    { name: 'version', run: true, flags: [{ name: 'output', shorthand: 'o', type: 'string', usage: "Output format; available options are 'yaml', 'json' and 'short'" }] },
    {
      name: 'token',
      flags: [...KUBECONFIG, { name: 'dry-run', type: 'bool', usage: 'Whether to enable dry-run mode or not' }],
      children: [
        {
          name: 'create',
          run: true,
          flags: [
            { name: 'print-join-command', type: 'bool', usage: 'Instead of printing only the token, print the full \'kubeadm join\' flag needed to join the cluster using the token.' },
            { name: 'ttl', type: 'string', default: '24h0m0s', usage: 'The duration before the token is automatically deleted' },
            { name: 'description', type: 'string', usage: 'A human friendly description of how this token is used.' },
            { name: 'groups', type: 'stringSlice', usage: 'Extra groups that this token will authenticate as' },
            { name: 'usages', type: 'stringSlice', usage: 'Describes the ways in which this token can be used.' },
            { name: 'certificate-key', type: 'string', usage: 'When used together with \'--print-join-command\', print the full \'kubeadm join\' flag needed to join the cluster as a control-plane.' },
            { name: 'config', type: 'string', usage: 'Path to a kubeadm configuration file.' },
          ],
        },
        { name: 'list', run: true, flags: [{ name: 'output', shorthand: 'o', type: 'string', default: 'text', usage: 'Output format.' }] },
        { name: 'delete', run: true },
        { name: 'generate', run: true },
      ],
    },
    {
      name: 'upgrade',
      children: [
        { name: 'plan', run: true, flags: UPGRADE_COMMON },
        { name: 'apply', run: true, flags: [...UPGRADE_COMMON, { name: 'yes', shorthand: 'y', type: 'bool', usage: 'Perform the upgrade and do not prompt for confirmation (non-interactive mode).' }, { name: 'force', shorthand: 'f', type: 'bool', usage: 'Force upgrading although some requirements might not be met.' }, { name: 'dry-run', type: 'bool', usage: 'Do not change any state, just output what actions would be performed.' }, { name: 'certificate-renewal', type: 'bool', default: true, usage: 'Perform the renewal of certificates used by component changed during upgrades.' }, { name: 'patches', type: 'string', usage: 'Path to a directory that contains files named "target[suffix][+patchtype].extension".' }] },
        { name: 'node', run: true, flags: [...UPGRADE_COMMON, { name: 'dry-run', type: 'bool', usage: 'Do not change any state, just output the actions that would be performed.' }, { name: 'certificate-renewal', type: 'bool', default: true, usage: 'Perform the renewal of certificates used by component changed during upgrades.' }, { name: 'patches', type: 'string', usage: 'Path to a directory.' }, { name: 'skip-phases', type: 'stringSlice', usage: 'List of phases to be skipped' }] },
        { name: 'diff', run: true, flags: UPGRADE_COMMON },
      ],
    },
    { name: 'certs', run: true },
    { name: 'kubeconfig', run: true },
    { name: 'config', run: true },
  ],
};

export function kubeadmProgram(deps: KubeadmDeps): Program {
  return async (ctx) => {
    const argv = ctx.argv.slice(1);
    // certs and kubeconfig take their own flags: hand everything after the word to the PKI.
    const first = argv.findIndex((a) => !a.startsWith('-'));
    const word = argv[first];
    const pkiDeps = { clock: deps.cluster.world.clock, rng: deps.rng.fork('certs'), apiServerReachable: () => deps.cluster.apiAvailable() };
    if (word === 'certs') return kubeadmCerts(ctx, argv.slice(first + 1), pkiDeps);
    if (word === 'kubeconfig') {
      if (argv[first + 1] === 'user') return kubeadmKubeconfigUser(ctx, argv.slice(first + 2), pkiDeps);
      ctx.stderr.write(`invalid subcommand "${argv.slice(first + 1).join(' ')}"\nSee 'kubeadm kubeconfig -h' for help and examples\n`);
      return 1;
    }
    if (word === 'init' || word === 'join' || word === 'reset') return failWith(ctx, new KubeadmError(`kubeadm ${word} is not available in this simulation: the cluster is already bootstrapped and its nodes are joined. Repair the existing cluster instead.`, false));
    const r = resolveCommand(ROOT, argv, GLOBALS, false);
    if (!r.ok) {
      ctx.stderr.write(`${r.unknownCommand ? `unknown command "${r.unknownCommand}" for "kubeadm"` : r.error}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
      return 1;
    }
    try {
      return await run(ctx, deps, r.resolved.path.join(' '), r.resolved.flags, r.resolved.args);
    } catch (e) {
      if (e instanceof KubeadmError) return failWith(ctx, e);
      throw e;
    }
  };
}

async function run(ctx: ProcessContext, deps: KubeadmDeps, command: string, flags: Parameters<typeof tokenCreate>[2], args: string[]): Promise<number> {
  switch (command) {
    case 'version':
      return printVersion(ctx, kubeadmVersion(ctx, deps), flagString(flags, 'output'));
    case 'token create':
      return tokenCreate(ctx, deps, flags, args);
    case 'token list':
      return tokenList(ctx, deps, flags);
    case 'token delete':
      return tokenDelete(ctx, deps, flags, args);
    case 'token generate':
      ctx.stdout.write(generateToken(deps) + '\n');
      return 0;
    case 'upgrade plan':
      return upgradePlan(ctx, deps, flags);
    case 'upgrade apply':
      return upgradeApply(ctx, deps, flags, args);
    case 'upgrade node':
      return upgradeNode(ctx, deps, flags);
    default:
      ctx.stdout.write(helpOf(command));
      return 0;
  }
}

function helpOf(command: string): string {
  return `Usage:\n  kubeadm ${command} [command]\n\nUse "kubeadm ${command} [command] --help" for more information about a command.\n`;
}
