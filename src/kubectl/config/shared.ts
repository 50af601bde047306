/** What the `kubectl config` subcommands share: loading, saving, and cobra's help-then-error. */
import { renderHelp } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';
import { cloneKubeconfig, type Kubeconfig } from './model.js';
import type { KubeconfigAccess } from './access.js';

/** Go's %v of a []string: `[a b]`. */
export function goList(args: readonly string[]): string {
  return `[${args.join(' ')}]`;
}

/** cobra's cmd.Help(): the command's help on stdout. */
export function printHelp(inv: Invocation, command: KubectlCommand): void {
  inv.out.write(renderHelp({ ...command.help, path: `kubectl ${command.path.join(' ')}`, flags: command.flags }));
}

/** helpErrorf: the help, then the error. */
export function helpError(inv: Invocation, command: KubectlCommand, message: string): KubectlError {
  printHelp(inv, command);
  return new KubectlError(`error: ${message}`);
}

/** An edit of the starting config, written back with ModifyConfig semantics. */
export function editConfig(inv: Invocation, edit: (config: Kubeconfig, access: KubeconfigAccess) => void, relativize = false): void {
  const access = inv.kctx.kubeconfigAccess();
  const start = access.load();
  const next = cloneKubeconfig(start);
  edit(next, access);
  access.modify(start, next, relativize);
}
