/**
 * kubectl config's context subcommands: use-context, current-context, get-contexts,
 * set-context (NAME or --current), delete-context and rename-context, with kubectl 1.33's
 * messages.
 */
import { flagBool, flagString } from '../flags/index.js';
import type { KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';
import { TabWriter } from '../printers/index.js';
import { editConfig, goList, helpError, printHelp } from './shared.js';

export const useContextCommand: KubectlCommand = {
  path: ['config', 'use-context'],
  help: { short: 'Set the current-context in a kubeconfig file', long: 'Set the current-context in a kubeconfig file.', examples: '# Use the context for the minikube cluster\nkubectl config use-context minikube', use: 'CONTEXT_NAME', aliases: ['use'] },
  flags: [],
  run(inv) {
    if (inv.args.length !== 1) throw helpError(inv, useContextCommand, `Unexpected args: ${goList(inv.args)}`);
    const name = inv.args[0]!;
    editConfig(inv, (config) => {
      if (!name) throw new KubectlError('error: empty context names are not allowed');
      if (!config.contexts.has(name)) throw new KubectlError(`error: no context exists with the name: "${name}"`);
      config.currentContext = name;
    }, true);
    inv.out.write(`Switched to context "${name}".\n`);
    return 0;
  },
};

export const currentContextCommand: KubectlCommand = {
  path: ['config', 'current-context'],
  help: { short: 'Display the current-context', long: 'Display the current-context.', examples: '# Display the current-context\nkubectl config current-context', use: '', flagsInUse: true },
  flags: [],
  run(inv) {
    const current = inv.kctx.kubeconfigAccess().load().currentContext;
    if (!current) throw new KubectlError('error: current-context is not set');
    inv.out.write(current + '\n');
    return 0;
  },
};

export const getContextsCommand: KubectlCommand = {
  path: ['config', 'get-contexts'],
  help: {
    short: 'Describe one or many contexts',
    long: 'Display one or many contexts from the kubeconfig file.',
    examples: '# List all the contexts in your kubeconfig file\nkubectl config get-contexts\n\n# Describe one context in your kubeconfig file\nkubectl config get-contexts my-context',
    use: '[(-o|--output=)name)]',
  },
  flags: [
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (name).' },
  ],
  run(inv) {
    const output = flagString(inv.flags, 'output');
    if (output && output !== 'name') throw new KubectlError(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
    const nameOnly = output === 'name';
    const config = inv.kctx.kubeconfigAccess().load();
    const errors: string[] = [];
    let names = [...config.contexts.keys()];
    if (inv.args.length) {
      names = inv.args.filter((a) => config.contexts.has(a));
      for (const a of inv.args) if (!config.contexts.has(a)) errors.push(`context ${a} not found`);
    }
    names.sort();
    const w = TabWriter.forTables();
    if (!nameOnly && !flagBool(inv.flags, 'no-headers')) w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
    for (const name of names) {
      const c = config.contexts.get(name)!.value;
      if (nameOnly) w.write(name + '\n');
      else w.write(`${name === config.currentContext ? '*' : ' '}\t${name}\t${c['cluster'] ?? ''}\t${c['user'] ?? ''}\t${c['namespace'] ?? ''}\n`);
    }
    w.flush();
    inv.out.write(w.take());
    // utilerrors.NewAggregate: one error is printed with "error: ", several one per line.
    if (errors.length === 1) throw new KubectlError(`error: ${errors[0]}`);
    if (errors.length > 1) throw new KubectlError(errors.join('\n'));
    return 0;
  },
};

export const setContextCommand: KubectlCommand = {
  path: ['config', 'set-context'],
  help: {
    short: 'Set a context entry in kubeconfig',
    long: 'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
    examples: '# Set the user field on the gce context entry without touching other values\nkubectl config set-context gce --user=cluster-admin',
    use: '[NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]',
  },
  flags: [
    { name: 'cluster', type: 'string', usage: 'cluster for the context entry in kubeconfig' },
    { name: 'current', type: 'bool', usage: 'Modify the current context' },
    { name: 'namespace', type: 'string', usage: 'namespace for the context entry in kubeconfig' },
    { name: 'user', type: 'string', usage: 'user for the context entry in kubeconfig' },
  ],
  run(inv) {
    const current = flagBool(inv.flags, 'current');
    if (inv.args.length > 1) throw helpError(inv, setContextCommand, `Unexpected args: ${goList(inv.args)}`);
    if (current && inv.args.length) throw new KubectlError('error: you cannot specify both a context name and --current');
    let name = inv.args[0] ?? '';
    let existed = false;
    editConfig(inv, (config) => {
      if (current) {
        if (!config.currentContext) throw new KubectlError('error: no current context is set');
        name = config.currentContext;
      }
      if (!name) throw new KubectlError('error: you must specify a non-empty context name or --current');
      const entry = config.contexts.get(name);
      existed = !!entry;
      const value = { ...(entry?.value ?? {}) };
      for (const f of ['cluster', 'user', 'namespace']) {
        if (inv.flags.changed.has(f)) value[f] = flagString(inv.flags, f);
      }
      config.contexts.set(name, { value, origin: entry?.origin });
    }, true);
    inv.out.write(`Context "${name}" ${existed ? 'modified' : 'created'}.\n`);
    return 0;
  },
};

export const deleteContextCommand: KubectlCommand = {
  path: ['config', 'delete-context'],
  help: { short: 'Delete the specified context from the kubeconfig', long: 'Delete the specified context from the kubeconfig.', examples: '# Delete the context for the minikube cluster\nkubectl config delete-context minikube', use: 'NAME' },
  flags: [],
  run(inv) {
    // cobra's Help() and a clean exit when the name is missing (or there are several).
    if (inv.args.length !== 1) {
      printHelp(inv, deleteContextCommand);
      return 0;
    }
    const name = inv.args[0]!;
    const access = inv.kctx.kubeconfigAccess();
    const file = access.defaultFile();
    let wasCurrent = false;
    editConfig(inv, (config) => {
      if (!config.contexts.has(name)) throw new KubectlError(`error: cannot delete context ${name}, not in ${file}`);
      wasCurrent = config.currentContext === name;
      config.contexts.delete(name);
    }, true);
    if (wasCurrent) inv.err.write('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
    inv.out.write(`deleted context ${name} from ${file}\n`);
    return 0;
  },
};

export const renameContextCommand: KubectlCommand = {
  path: ['config', 'rename-context'],
  help: {
    short: 'Rename a context from the kubeconfig file',
    long: "Renames a context from the kubeconfig file.\n\n CONTEXT_NAME is the context name that you want to change.\n\n NEW_NAME is the new name you want to set.\n\n Note: If the context being renamed is the 'current-context', this field will also be updated.",
    examples: "# Rename the context 'old-name' to 'new-name' in your kubeconfig file\nkubectl config rename-context old-name new-name",
    use: 'CONTEXT_NAME NEW_NAME',
  },
  flags: [],
  run(inv) {
    if (inv.args.length !== 2) throw helpError(inv, renameContextCommand, `Unexpected args: ${goList(inv.args)}`);
    const [from, to] = inv.args as [string, string];
    if (!to) throw new KubectlError('error: You must specify a new non-empty context name');
    const file = inv.kctx.kubeconfigAccess().defaultFile();
    editConfig(inv, (config) => {
      const entry = config.contexts.get(from);
      if (!entry) throw new KubectlError(`error: cannot rename the context "${from}", it's not in ${file}`);
      if (config.contexts.has(to)) throw new KubectlError(`error: cannot rename the context "${from}", the context "${to}" already exists in ${file}`);
      config.contexts.delete(from);
      config.contexts.set(to, { value: entry.value, origin: entry.origin });
      if (config.currentContext === from) config.currentContext = to;
    });
    inv.out.write(`Context "${from}" renamed to "${to}".\n`);
    return 0;
  },
};
