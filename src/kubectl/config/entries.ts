/**
 * kubectl config's cluster and user subcommands: set-cluster, set-credentials (certificates,
 * token, basic auth, auth provider, exec plugin; --embed-certs reads the files in), get-clusters,
 * get-users, delete-cluster and delete-user. Paths are stored absolute, or relative to the
 * kubeconfig when they lie below its directory, as kubectl writes them.
 */
import { flagBool, flagList, flagString, type ParsedFlags } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';
import { normalizePath } from '../../vfs/fs.js';
import type { Fields, Section } from './model.js';
import { editConfig, goList, helpError, printHelp } from './shared.js';

const given = (flags: ParsedFlags, name: string): boolean => flags.changed.has(name);

function statError(inv: Invocation, flag: string, path: string): KubectlError | undefined {
  if (inv.proc.host.fs.exists(normalizePath(path, inv.proc.cwd), inv.proc.cred)) return undefined;
  return new KubectlError(`error: could not stat ${flag} file ${path}: stat ${path}: no such file or directory`);
}

/** ioutil.ReadFile, base64-encoded as the kubeconfig stores []byte (errors ignored, as kubectl does). */
function embedded(inv: Invocation, path: string): string {
  try {
    return Buffer.from(inv.proc.host.fs.readFile(normalizePath(path, inv.proc.cwd), inv.proc.cred)).toString('base64');
  } catch {
    return '';
  }
}

const absolute = (inv: Invocation, path: string): string => normalizePath(path, inv.proc.cwd);

export const setClusterCommand: KubectlCommand = {
  path: ['config', 'set-cluster'],
  help: {
    short: 'Set a cluster entry in kubeconfig',
    long: 'Set a cluster entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
    examples: `# Set only the server field on the e2e cluster entry without touching other values
kubectl config set-cluster e2e --server=https://1.2.3.4

# Embed certificate authority data for the e2e cluster entry
kubectl config set-cluster e2e --embed-certs --certificate-authority=~/.kube/e2e/kubernetes.ca.crt

# Disable cert checking for the e2e cluster entry
kubectl config set-cluster e2e --insecure-skip-tls-verify=true

# Set the custom TLS server name to use for validation for the e2e cluster entry
kubectl config set-cluster e2e --tls-server-name=my-cluster-name

# Set the proxy URL for the e2e cluster entry
kubectl config set-cluster e2e --proxy-url=https://1.2.3.4`,
    use: 'NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com]',
  },
  flags: [
    { name: 'certificate-authority', type: 'string', usage: 'Path to certificate-authority file for the cluster entry in kubeconfig' },
    { name: 'embed-certs', type: 'bool', usage: 'embed-certs for the cluster entry in kubeconfig' },
    { name: 'insecure-skip-tls-verify', type: 'bool', usage: 'insecure-skip-tls-verify for the cluster entry in kubeconfig' },
    { name: 'proxy-url', type: 'string', usage: 'proxy-url for the cluster entry in kubeconfig' },
    { name: 'server', type: 'string', usage: 'server for the cluster entry in kubeconfig' },
    { name: 'tls-server-name', type: 'string', usage: 'tls-server-name for the cluster entry in kubeconfig' },
  ],
  run(inv) {
    if (inv.args.length !== 1) throw helpError(inv, setClusterCommand, `Unexpected args: ${goList(inv.args)}`);
    const name = inv.args[0]!;
    const f = inv.flags;
    const ca = flagString(f, 'certificate-authority');
    const embed = flagBool(f, 'embed-certs');
    if (!name) throw new KubectlError('error: you must specify a non-empty cluster name');
    if (flagBool(f, 'insecure-skip-tls-verify') && ca) throw new KubectlError('error: you cannot specify a certificate authority and insecure mode at the same time');
    if (embed) {
      if (!ca) throw new KubectlError('error: you must specify a --certificate-authority to embed');
      const err = statError(inv, 'certificate-authority', ca);
      if (err) throw err;
    }
    editConfig(inv, (config) => {
      const entry = config.clusters.get(name);
      const c: Fields = { ...(entry?.value ?? {}) };
      if (given(f, 'server')) {
        c['server'] = flagString(f, 'server');
        // a new server invalidates the TLS server name kept for the old one
        delete c['tls-server-name'];
      }
      if (given(f, 'tls-server-name')) c['tls-server-name'] = flagString(f, 'tls-server-name');
      if (given(f, 'insecure-skip-tls-verify')) {
        c['insecure-skip-tls-verify'] = flagBool(f, 'insecure-skip-tls-verify');
        if (c['insecure-skip-tls-verify']) {
          delete c['certificate-authority'];
          delete c['certificate-authority-data'];
        }
      }
      if (given(f, 'certificate-authority')) {
        if (embed) {
          c['certificate-authority-data'] = embedded(inv, ca);
          c['insecure-skip-tls-verify'] = false;
          delete c['certificate-authority'];
        } else {
          c['certificate-authority'] = absolute(inv, ca);
          if (ca) {
            c['insecure-skip-tls-verify'] = false;
            delete c['certificate-authority-data'];
          }
        }
      }
      if (given(f, 'proxy-url')) c['proxy-url'] = flagString(f, 'proxy-url');
      config.clusters.set(name, { value: c, origin: entry?.origin });
    }, true);
    inv.out.write(`Cluster "${name}" set.\n`);
    return 0;
  },
};

const CREDENTIALS_EXAMPLES = `# Set only the "client-key" field on the "cluster-admin"
# entry, without touching other values
kubectl config set-credentials cluster-admin --client-key=~/.kube/admin.key

# Set basic auth for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif

# Embed client certificate data in the "cluster-admin" entry
kubectl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt --embed-certs=true

# Enable the Google Compute Platform auth provider for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --auth-provider=gcp

# Enable the OpenID Connect auth provider for the "cluster-admin" entry with additional arguments
kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar

# Remove the "client-secret" config value for the OpenID Connect auth provider for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-secret-

# Enable new exec auth plugin for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1

# Enable new exec auth plugin for the "cluster-admin" entry with interactive mode
kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-interactive-mode=Never

# Define new exec auth plugin arguments for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-arg=arg1 --exec-arg=arg2

# Create or update exec auth plugin environment variables for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-env=key1=val1 --exec-env=key2=val2

# Remove exec auth plugin environment variables for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-env=var-to-remove-`;

/** cmdutil.ParsePairs with removal allowed: "k=v" to set, "k-" to remove. */
function parsePairs(list: string[], flag: string): { set: [string, string][]; remove: string[] } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  for (const p of list) {
    if (p.endsWith('-') && !p.includes('=')) remove.push(p.slice(0, -1));
    else if (p.includes('=') && !p.startsWith('=')) set.push([p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]);
    else throw new KubectlError(`error: Error: invalid ${flag}: '${p}'`);
  }
  return { set, remove };
}

/** createAuthInfoOptions.modifyAuthInfo. */
function modifiedUser(inv: Invocation, existing: Fields): Fields {
  const f = inv.flags;
  const u: Fields = { ...existing };
  const embed = flagBool(f, 'embed-certs');
  let setToken = false;
  let setBasic = false;
  for (const [flag, field] of [['client-certificate', 'client-certificate'], ['client-key', 'client-key']] as const) {
    if (!given(f, flag)) continue;
    const path = flagString(f, flag);
    if (embed) {
      u[`${field}-data`] = embedded(inv, path);
      delete u[field];
    } else {
      u[field] = absolute(inv, path);
      delete u[`${field}-data`];
    }
  }
  if (given(f, 'token')) {
    u['token'] = flagString(f, 'token');
    setToken = !!u['token'];
  }
  for (const field of ['username', 'password']) {
    if (!given(f, field)) continue;
    u[field] = flagString(f, field);
    setBasic = setBasic || !!u[field];
  }
  if (given(f, 'auth-provider')) {
    const name = flagString(f, 'auth-provider');
    const current = u['auth-provider'] as Fields | undefined;
    if (!current || current['name'] !== name) u['auth-provider'] = { name };
  }
  if (u['auth-provider']) {
    const provider = { ...(u['auth-provider'] as Fields) };
    const config: Record<string, unknown> = { ...((provider['config'] as Fields) ?? {}) };
    const pairs = parsePairs(flagList(f, 'auth-provider-arg'), 'auth-provider-arg');
    for (const k of pairs.remove) delete config[k];
    for (const [k, v] of pairs.set) config[k] = v;
    u['auth-provider'] = { ...provider, config };
  }
  if (given(f, 'exec-command')) {
    const current = u['exec'] as Fields | undefined;
    u['exec'] = current ? { ...current, command: flagString(f, 'exec-command'), args: null } : { command: flagString(f, 'exec-command') };
  }
  if (u['exec']) u['exec'] = modifiedExec(f, { ...(u['exec'] as Fields) });
  if (setToken || setBasic) {
    if (!setToken) delete u['token'];
    if (!setBasic) {
      delete u['username'];
      delete u['password'];
    }
  }
  return u;
}

function modifiedExec(f: ParsedFlags, exec: Fields): Fields {
  if (given(f, 'exec-api-version')) exec['apiVersion'] = flagString(f, 'exec-api-version');
  const args = flagList(f, 'exec-arg');
  if (args.length) exec['args'] = args;
  if (given(f, 'exec-interactive-mode')) exec['interactiveMode'] = flagString(f, 'exec-interactive-mode');
  if (given(f, 'exec-provide-cluster-info')) exec['provideClusterInfo'] = flagBool(f, 'exec-provide-cluster-info');
  const env = flagList(f, 'exec-env');
  if (env.length) {
    const pairs = parsePairs(env, 'exec-env');
    let vars = ((exec['env'] as { name: string; value: string }[] | null) ?? []).filter((v) => !pairs.remove.includes(v.name));
    for (const [name, value] of pairs.set) {
      const found = vars.find((v) => v.name === name);
      if (found) found.value = value;
      else vars = [...vars, { name, value }];
    }
    exec['env'] = vars;
  }
  return exec;
}

export const setCredentialsCommand: KubectlCommand = {
  path: ['config', 'set-credentials'],
  help: {
    short: 'Set a user entry in kubeconfig',
    long: `Set a user entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values.

        Client-certificate flags:
        --client-certificate=certfile --client-key=keyfile
        
        Bearer token flags:
        --token=bearer_token
        
        Basic auth flags:
        --username=basic_user --password=basic_password
        
 Bearer token and basic auth are mutually exclusive.`,
    examples: CREDENTIALS_EXAMPLES,
    use: 'NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value]',
  },
  flags: [
    { name: 'auth-provider', type: 'string', usage: 'Auth provider for the user entry in kubeconfig' },
    { name: 'auth-provider-arg', type: 'stringSlice', usage: "'key=value' arguments for the auth provider" },
    { name: 'client-certificate', type: 'string', usage: 'Path to client-certificate file for the user entry in kubeconfig' },
    { name: 'client-key', type: 'string', usage: 'Path to client-key file for the user entry in kubeconfig' },
    { name: 'embed-certs', type: 'bool', usage: 'Embed client cert/key for the user entry in kubeconfig' },
    { name: 'exec-api-version', type: 'string', usage: 'API version of the exec credential plugin for the user entry in kubeconfig' },
    { name: 'exec-arg', type: 'stringSlice', usage: 'New arguments for the exec credential plugin command for the user entry in kubeconfig' },
    { name: 'exec-command', type: 'string', usage: 'Command for the exec credential plugin for the user entry in kubeconfig' },
    { name: 'exec-env', type: 'stringArray', usage: "'key=value' environment values for the exec credential plugin" },
    { name: 'exec-interactive-mode', type: 'string', usage: 'InteractiveMode of the exec credentials plugin for the user entry in kubeconfig' },
    { name: 'exec-provide-cluster-info', type: 'bool', usage: 'ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig' },
    { name: 'password', type: 'string', usage: 'password for the user entry in kubeconfig' },
    { name: 'token', type: 'string', usage: 'token for the user entry in kubeconfig' },
    { name: 'username', type: 'string', usage: 'username for the user entry in kubeconfig' },
  ],
  run(inv) {
    if (inv.args.length !== 1) throw helpError(inv, setCredentialsCommand, `unexpected args: ${goList(inv.args)}`);
    const name = inv.args[0]!;
    const f = inv.flags;
    if (!name) throw new KubectlError('error: you must specify a non-empty user name');
    const methods: string[] = [];
    if (flagString(f, 'token')) methods.push('--token');
    if (flagString(f, 'username') || flagString(f, 'password')) methods.push('--username/--password');
    if (methods.length > 1) throw new KubectlError(`error: you cannot specify more than one authentication method at the same time: ${methods.join(', ')}`);
    if (flagBool(f, 'embed-certs')) {
      const cert = flagString(f, 'client-certificate');
      const key = flagString(f, 'client-key');
      if (!cert && !key) throw new KubectlError('error: you must specify a --client-certificate or --client-key to embed');
      const err = (cert && statError(inv, 'client-certificate', cert)) || (key && statError(inv, 'client-key', key));
      if (err) throw err;
    }
    editConfig(inv, (config) => {
      const entry = config.users.get(name);
      config.users.set(name, { value: modifiedUser(inv, entry?.value ?? {}), origin: entry?.origin });
    }, true);
    inv.out.write(`User "${name}" set.\n`);
    return 0;
  },
};

function namesCommand(section: Section, short: string, example: string): KubectlCommand {
  return {
    path: ['config', `get-${section}`],
    help: { short, long: `${short}.`, examples: example, use: '', flagsInUse: true },
    flags: [],
    run(inv) {
      const names = [...inv.kctx.kubeconfigAccess().load()[section].keys()].sort();
      inv.out.write(['NAME', ...names].map((n) => n + '\n').join(''));
      return 0;
    },
  };
}

export const getClustersCommand = namesCommand('clusters', 'Display clusters defined in the kubeconfig', '# List the clusters that kubectl knows about\nkubectl config get-clusters');
export const getUsersCommand = namesCommand('users', 'Display users defined in the kubeconfig', '# List the users that kubectl knows about\nkubectl config get-users');

function deleteCommand(section: 'clusters' | 'users', word: 'cluster' | 'user', example: string): KubectlCommand {
  const command: KubectlCommand = {
    path: ['config', `delete-${word}`],
    help: { short: `Delete the specified ${word} from the kubeconfig`, long: `Delete the specified ${word} from the kubeconfig.`, examples: example, use: 'NAME' },
    flags: [],
    run(inv) {
      if (inv.args.length !== 1) {
        // delete-cluster shows its help and succeeds; delete-user says what is missing
        if (word === 'cluster') {
          printHelp(inv, command);
          return 0;
        }
        throw new KubectlError(`error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples`);
      }
      const name = inv.args[0]!;
      const file = inv.kctx.kubeconfigAccess().defaultFile();
      editConfig(inv, (config) => {
        if (!config[section].has(name)) throw new KubectlError(`error: cannot delete ${word} ${name}, not in ${file}`);
        config[section].delete(name);
      }, true);
      inv.out.write(`deleted ${word} ${name} from ${file}\n`);
      return 0;
    },
  };
  return command;
}

export const deleteClusterCommand = deleteCommand('clusters', 'cluster', '# Delete the minikube cluster\nkubectl config delete-cluster minikube');
export const deleteUserCommand = deleteCommand('users', 'user', '# Delete the minikube user\nkubectl config delete-user minikube');
