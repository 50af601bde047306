/**
 * What bash completion offers after `kubectl` (or the `k` alias): verbs, subcommands, resource
 * types, object names in the namespace the line names, contexts, flags and output formats.
 * Tables of kubectl 1.33's command tree; the names come from the cluster through a source.
 */

export const KUBECTL_VERBS = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info', 'completion', 'config', 'cordon', 'cp',
  'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'help', 'kustomize', 'label', 'logs',
  'options', 'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
];

export const SUBCOMMANDS: Record<string, string[]> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  config: ['current-context', 'delete-cluster', 'delete-context', 'delete-user', 'get-clusters', 'get-contexts', 'get-users', 'rename-context', 'set', 'set-cluster', 'set-context', 'set-credentials', 'unset', 'use-context', 'view'],
  create: ['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'token'],
  auth: ['can-i', 'reconcile', 'whoami'],
  certificate: ['approve', 'deny'],
  top: ['node', 'pod'],
  set: ['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'],
  'cluster-info': ['dump'],
  plugin: ['list'],
};

/** Verbs whose first argument is a resource type and the next ones names of that type. */
const TYPE_THEN_NAMES = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'explain', 'scale', 'autoscale', 'expose', 'wait', 'events', 'replace']);
/** Verbs whose arguments are pod names (or TYPE/NAME). */
const POD_ARGS = new Set(['logs', 'exec', 'attach', 'port-forward', 'debug', 'cp']);
const NODE_ARGS = new Set(['cordon', 'uncordon', 'drain', 'taint']);

export const OUTPUT_FORMATS = ['custom-columns=', 'custom-columns-file=', 'go-template=', 'go-template-file=', 'json', 'jsonpath=', 'jsonpath-file=', 'name', 'template=', 'templatefile=', 'wide', 'yaml'];

const GLOBAL_FLAGS = ['--namespace=', '--context=', '--kubeconfig=', '--cluster=', '--user=', '--server=', '--token=', '--request-timeout=', '--as=', '--v='];
const VERB_FLAGS: Record<string, string[]> = {
  get: ['--all-namespaces', '--output=', '--selector=', '--show-labels', '--watch', '--field-selector=', '--sort-by=', '--label-columns=', '--no-headers', '--show-kind', '--filename='],
  describe: ['--all-namespaces', '--selector=', '--filename=', '--show-events='],
  delete: ['--all', '--all-namespaces', '--force', '--grace-period=', '--now', '--selector=', '--filename=', '--wait=', '--dry-run=', '--cascade=', '--ignore-not-found'],
  apply: ['--filename=', '--recursive', '--dry-run=', '--output=', '--server-side', '--force', '--prune', '--selector='],
  create: ['--filename=', '--dry-run=', '--output=', '--save-config', '--edit'],
  run: ['--image=', '--port=', '--labels=', '--env=', '--restart=', '--dry-run=', '--output=', '--command', '--rm', '--stdin', '--tty', '--expose', '--overrides=', '--annotations='],
  expose: ['--port=', '--target-port=', '--type=', '--name=', '--protocol=', '--selector=', '--dry-run=', '--output='],
  scale: ['--replicas=', '--current-replicas=', '--selector=', '--all'],
  logs: ['--container=', '--follow', '--previous', '--tail=', '--since=', '--timestamps', '--all-containers', '--selector='],
  exec: ['--container=', '--stdin', '--tty', '--'],
  edit: ['--output=', '--output-patch', '--save-config', '--validate=', '--filename='],
  label: ['--overwrite', '--all', '--selector=', '--list', '--dry-run=', '--output='],
  annotate: ['--overwrite', '--all', '--selector=', '--list', '--dry-run=', '--output='],
  rollout: ['--revision=', '--to-revision=', '--timeout=', '--watch'],
  drain: ['--ignore-daemonsets', '--delete-emptydir-data', '--force', '--grace-period=', '--timeout=', '--pod-selector=', '--disable-eviction'],
  taint: ['--overwrite', '--all', '--selector='],
  patch: ['--type=', '--patch=', '--patch-file=', '--subresource=', '--dry-run=', '--output='],
  auth: ['--as=', '--namespace=', '--list', '--quiet'],
  top: ['--containers', '--sort-by=', '--selector=', '--all-namespaces', '--no-headers'],
  config: ['--namespace=', '--current', '--minify', '--raw', '--output='],
  explain: ['--recursive', '--api-version='],
  wait: ['--for=', '--timeout=', '--selector=', '--all'],
};

/** Flags that take the next word as their value (so it is not an argument). */
const VALUE_FLAGS = new Set([
  '-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '-o', '--output', '-l', '--selector', '-f', '--filename',
  '-c', '--container', '--image', '--replicas', '--port', '--type', '--field-selector', '--sort-by', '--tail', '--since', '--grace-period', '--timeout', '-p',
  '--patch', '--for', '--as', '--restart', '--env', '--labels', '--name', '--target-port', '--to-revision', '--revision', '--dry-run', '--overrides',
]);

export type KubectlWant =
  | { kind: 'words'; words: string[] }
  | { kind: 'types' }
  | { kind: 'names'; type: string; namespace?: string; allNamespaces: boolean; prefix?: string }
  | { kind: 'namespaces' }
  | { kind: 'contexts' }
  | { kind: 'files' };

/** What to complete for the word at `args.length` (args: the words after `kubectl`, before the current one). */
export function kubectlWant(args: readonly string[], current: string): KubectlWant {
  let namespace: string | undefined;
  let allNamespaces = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('-') && eq > 0 ? a.slice(0, eq) : a;
    if (name === '-A' || name === '--all-namespaces') allNamespaces = true;
    if (a.startsWith('-n') && a.length > 2 && !a.startsWith('--')) namespace = a.slice(2).replace(/^=/, '');
    if (!a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : VALUE_FLAGS.has(a) ? args[++i] : undefined;
    if ((name === '-n' || name === '--namespace') && value !== undefined) namespace = value;
  }
  const previous = args[args.length - 1];
  if (previous === '-n' || previous === '--namespace') return { kind: 'namespaces' };
  if (previous === '--context') return { kind: 'contexts' };
  if (previous === '-f' || previous === '--filename' || previous === '--kubeconfig') return { kind: 'files' };
  if (previous === '-o' || previous === '--output') return { kind: 'words', words: OUTPUT_FORMATS };
  if (current.startsWith('-')) return { kind: 'words', words: flagsFor(positional[0]) };
  const names = (type: string, prefix?: string): KubectlWant => ({ kind: 'names', type, namespace, allNamespaces, prefix });
  const verb = positional[0];
  const n = positional.length;
  if (n === 0) return { kind: 'words', words: KUBECTL_VERBS };
  const slash = current.indexOf('/');
  if (slash > 0 && (TYPE_THEN_NAMES.has(verb!) || POD_ARGS.has(verb!) || verb === 'rollout')) return names(current.slice(0, slash), current.slice(0, slash + 1));
  if (verb === 'rollout') {
    if (n === 1) return { kind: 'words', words: SUBCOMMANDS['rollout']! };
    if (n === 2) return { kind: 'words', words: ['daemonset', 'deployment', 'statefulset'] };
    return names(positional[2]!);
  }
  if (verb === 'config') {
    if (n === 1) return { kind: 'words', words: SUBCOMMANDS['config']! };
    if (n === 2 && ['use-context', 'delete-context', 'rename-context', 'set-context'].includes(positional[1]!)) return { kind: 'contexts' };
    return { kind: 'files' };
  }
  if (verb === 'top') return n === 1 ? { kind: 'words', words: SUBCOMMANDS['top']! } : names(positional[1] === 'node' ? 'nodes' : 'pods');
  if (verb === 'certificate') return n === 1 ? { kind: 'words', words: SUBCOMMANDS['certificate']! } : names('certificatesigningrequests');
  if (verb === 'set' && n >= 2) return n === 2 ? { kind: 'types' } : names(positional[2]!);
  if (verb === 'create' && n === 1) return { kind: 'words', words: SUBCOMMANDS['create']! };
  if (verb && SUBCOMMANDS[verb] && n === 1) return { kind: 'words', words: SUBCOMMANDS[verb]! };
  if (verb === 'auth' && positional[1] === 'can-i') return n === 2 ? { kind: 'words', words: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch', '*'] } : n === 3 ? { kind: 'types' } : { kind: 'files' };
  if (verb && TYPE_THEN_NAMES.has(verb)) return n === 1 ? { kind: 'types' } : names(positional[1]!);
  if (verb && POD_ARGS.has(verb)) return n === 1 ? names('pods') : { kind: 'files' };
  if (verb && NODE_ARGS.has(verb)) return n === 1 ? names('nodes') : { kind: 'files' };
  return { kind: 'files' };
}

function flagsFor(verb: string | undefined): string[] {
  return [...(verb ? (VERB_FLAGS[verb] ?? []) : []), ...GLOBAL_FLAGS, '--help'].sort();
}
