/**
 * kubectl config: the kubeconfig subcommands an exam uses every few minutes (use-context,
 * current-context, get-contexts, set-context --current --namespace, set-credentials, view).
 */
import { flagBool, flagString, renderHelp } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { toYaml } from '../../util/yaml.js';
import type { KubeconfigFile } from '../../cluster/connect.js';
import { TabWriter } from '../printers/index.js';

function save(inv: Invocation, config: KubeconfigFile): void {
  inv.kctx.saveConfig(config, toYaml(orderedConfig(config)));
}

/** kubectl writes kubeconfigs with these keys, in this order (it sorts them), and each list by name (they are maps in clientcmd). */
function orderedConfig(c: KubeconfigFile): KubeconfigFile {
  const byName = <T extends { name: string }>(list: T[] = []) => [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { apiVersion: c.apiVersion ?? 'v1', clusters: byName(c.clusters), contexts: byName(c.contexts), 'current-context': c['current-context'] ?? '', kind: c.kind ?? 'Config', preferences: c.preferences ?? {}, users: byName(c.users) };
}

export const useContextCommand: KubectlCommand = {
  path: ['config', 'use-context'],
  aliases: ['use'],
  help: { short: 'Set the current-context in a kubeconfig file', long: 'Set the current-context in a kubeconfig file.', examples: '# Use the context for the minikube cluster\nkubectl config use-context minikube', use: 'CONTEXT_NAME' },
  flags: [],
  run(inv) {
    const name = inv.args[0];
    if (!name || inv.args.length > 1) throw usageError('Unexpected args: ' + JSON.stringify(inv.args.slice(1)).replace(/"/g, ''));
    const config = inv.kctx.config();
    if (!config.contexts?.some((c) => c.name === name)) throw new KubectlError(`error: no context exists with the name: "${name}"`);
    config['current-context'] = name;
    save(inv, config);
    inv.out.write(`Switched to context "${name}".\n`);
    return 0;
  },
};

export const currentContextCommand: KubectlCommand = {
  path: ['config', 'current-context'],
  help: { short: 'Display the current-context', long: 'Display the current-context.', examples: '# Display the current-context\nkubectl config current-context', use: '' },
  flags: [],
  run(inv) {
    const current = inv.kctx.config()['current-context'];
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
    const config = inv.kctx.config();
    const output = flagString(inv.flags, 'output');
    if (output && output !== 'name') throw usageError(`output must be one of '' or 'name': ${output}`);
    let contexts = config.contexts ?? [];
    if (inv.args.length) {
      const missing = inv.args.filter((a) => !contexts.some((c) => c.name === a));
      if (missing.length) throw new KubectlError(`error: context ${missing[0]} not found`);
      contexts = contexts.filter((c) => inv.args.includes(c.name));
    }
    contexts = [...contexts].sort((a, b) => (a.name < b.name ? -1 : 1));
    if (output === 'name') {
      for (const c of contexts) inv.out.write(c.name + '\n');
      return 0;
    }
    const w = TabWriter.forTables();
    if (!flagBool(inv.flags, 'no-headers')) w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
    for (const c of contexts) {
      const cur = c.name === config['current-context'] ? '*' : '';
      w.write(`${cur}\t${c.name}\t${c.context.cluster}\t${c.context.user}\t${c.context.namespace ?? ''}\n`);
    }
    w.flush();
    inv.out.write(w.take());
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
  flags: [{ name: 'current', type: 'bool', usage: 'Modify the current context' }],
  run(inv) {
    const config = inv.kctx.config();
    const current = flagBool(inv.flags, 'current');
    const name = current ? config['current-context'] : inv.args[0];
    if (!name) throw usageError(current ? 'no current context is set' : 'you must specify a non-empty context name or --current');
    const contexts = (config.contexts ??= []);
    let entry = contexts.find((c) => c.name === name);
    const existed = !!entry;
    if (!entry) contexts.push((entry = { name, context: { cluster: '', user: '' } }));
    const g = inv.kctx.globals;
    if (g.namespace !== undefined) entry.context.namespace = g.namespace;
    if (g.cluster !== undefined) entry.context.cluster = g.cluster;
    if (g.user !== undefined) entry.context.user = g.user;
    save(inv, config);
    inv.out.write(`Context "${name}" ${existed ? 'modified' : 'created'}.\n`);
    return 0;
  },
};

type AuthInfo = NonNullable<NonNullable<KubeconfigFile['users']>[number]['user']>;

/** The fields of a user entry, in the order kubectl writes them (clientcmd's AuthInfo). */
const AUTH_INFO_ORDER = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'username', 'password'] as const;

export const setCredentialsCommand: KubectlCommand = {
  path: ['config', 'set-credentials'],
  help: {
    short: 'Set a user entry in kubeconfig',
    long: [
      'Set a user entry in kubeconfig.',
      '',
      ' Specifying a name that already exists will merge new fields on top of existing values.',
      '',
      ...['Client-certificate flags:', '--client-certificate=certfile --client-key=keyfile', '', 'Bearer token flags:', '--token=bearer_token', '', 'Basic auth flags:', '--username=basic_user --password=basic_password', ''].map((l) => '        ' + l),
      ' Bearer token and basic auth are mutually exclusive.',
    ].join('\n'),
    examples:
      '# Set only the "client-key" field on the "cluster-admin"\n# entry, without touching other values\nkubectl config set-credentials cluster-admin --client-key=~/.kube/admin.key\n\n# Set basic auth for the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif\n\n# Embed client certificate data in the "cluster-admin" entry\nkubectl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt --embed-certs=true',
    use: 'NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password]',
  },
  flags: [
    { name: 'client-certificate', type: 'string', usage: 'Path to client-certificate file for the user entry in kubeconfig' },
    { name: 'client-key', type: 'string', usage: 'Path to client-key file for the user entry in kubeconfig' },
    { name: 'embed-certs', type: 'bool', usage: 'Embed client cert/key for the user entry in kubeconfig' },
    { name: 'password', type: 'string', usage: 'password for the user entry in kubeconfig' },
    { name: 'token', type: 'string', usage: 'token for the user entry in kubeconfig' },
    { name: 'username', type: 'string', usage: 'username for the user entry in kubeconfig' },
  ],
  run(inv) {
    const name = inv.args[0];
    if (inv.args.length !== 1) {
      // kubectl's helpErrorf: the whole help on stdout, then the complaint.
      inv.out.write(renderHelp({ ...setCredentialsCommand.help, path: 'kubectl config set-credentials', flags: setCredentialsCommand.flags }));
      throw new KubectlError(`error: unexpected args: [${inv.args.join(' ')}]`);
    }
    if (!name) throw new KubectlError('error: you must specify a non-empty user name');
    const given = (flag: string) => (inv.flags.changed.has(flag) ? flagString(inv.flags, flag) : undefined);
    const cert = given('client-certificate');
    const key = given('client-key');
    const token = given('token');
    const username = given('username');
    const password = given('password');
    if (token && (username || password)) throw new KubectlError('error: you cannot specify more than one authentication method at the same time: --token, --username/--password');
    const embed = flagBool(inv.flags, 'embed-certs');
    if (embed && !cert && !key) throw new KubectlError('error: you must specify a --client-certificate or --client-key to embed');
    const config = inv.kctx.config();
    const users = (config.users ??= []);
    let entry = users.find((u) => u.name === name);
    if (!entry) users.push((entry = { name, user: {} }));
    const info: AuthInfo = { ...(entry.user ?? {}) };
    // Both files are checked before either is read, as kubectl validates before it modifies.
    const read = [cert && { flag: 'client-certificate', path: cert }, key && { flag: 'client-key', path: key }].filter((f): f is { flag: string; path: string } => !!f).map((f) => ({ ...f, text: embed ? readForEmbedding(inv, f.flag, f.path) : undefined }));
    for (const f of read) {
      const field = f.flag as 'client-certificate' | 'client-key';
      if (f.text !== undefined) {
        info[`${field}-data`] = Buffer.from(f.text).toString('base64');
        delete info[field];
      } else {
        info[field] = inv.proc.resolve(f.path);
        delete info[`${field}-data`];
      }
    }
    if (token !== undefined) info.token = token;
    if (username !== undefined) info.username = username;
    if (password !== undefined) info.password = password;
    // A token or basic auth set here clears the other method.
    if (token || username || password) {
      if (!token) delete info.token;
      if (!(username || password)) {
        delete info.username;
        delete info.password;
      }
    }
    entry.user = Object.fromEntries(AUTH_INFO_ORDER.filter((k) => info[k]).map((k) => [k, info[k]])) as AuthInfo;
    save(inv, config);
    inv.out.write(`User "${name}" set.\n`);
    return 0;
  },
};

/** A file --embed-certs copies into the kubeconfig: a missing one is refused, an unreadable one embeds nothing (kubectl ignores the read error). */
function readForEmbedding(inv: Invocation, flag: string, path: string): string {
  const fs = inv.proc.host.fs;
  const abs = inv.proc.resolve(path);
  if (!fs.exists(abs)) throw new KubectlError(`error: could not stat ${flag} file ${path}: stat ${path}: no such file or directory`);
  try {
    return fs.readFile(abs, inv.proc.cred);
  } catch {
    return '';
  }
}

export const viewCommand: KubectlCommand = {
  path: ['config', 'view'],
  help: { short: 'Display merged kubeconfig settings or a specified kubeconfig file', long: 'Display merged kubeconfig settings or a specified kubeconfig file.', examples: '# Show merged kubeconfig settings\nkubectl config view', use: '' },
  flags: [
    { name: 'minify', type: 'bool', usage: 'Remove all information not used by current-context from the output' },
    { name: 'raw', type: 'bool', usage: 'Display raw byte data and sensitive data' },
    { name: 'flatten', type: 'bool', usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
    { name: 'output', shorthand: 'o', type: 'string', default: 'yaml', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  ],
  run(inv) {
    let config = structuredClone(orderedConfig(inv.kctx.config()));
    if (flagBool(inv.flags, 'minify')) {
      const ctx = config.contexts?.find((c) => c.name === config['current-context']);
      if (!ctx) throw new KubectlError('error: current-context must exist in order to minify');
      config = { ...config, contexts: [ctx], clusters: config.clusters?.filter((c) => c.name === ctx.context.cluster), users: config.users?.filter((u) => u.name === ctx.context.user) };
    }
    if (!flagBool(inv.flags, 'raw')) {
      for (const c of config.clusters ?? []) if (c.cluster['certificate-authority-data']) c.cluster['certificate-authority-data'] = 'DATA+OMITTED';
      for (const u of config.users ?? []) {
        if (!u.user) continue;
        if (u.user['client-certificate-data']) u.user['client-certificate-data'] = 'DATA+OMITTED';
        if (u.user['client-key-data']) u.user['client-key-data'] = 'DATA+OMITTED';
        if (u.user.token) u.user.token = 'REDACTED';
      }
    }
    const output = flagString(inv.flags, 'output');
    inv.out.write(output === 'json' ? JSON.stringify(config, null, 4) + '\n' : toYaml(config));
    return 0;
  },
};
