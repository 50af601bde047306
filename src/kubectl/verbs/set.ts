/**
 * kubectl set image|env|resources|serviceaccount|selector|subject: each fetches the objects,
 * changes its pod template (or selector, or subjects) locally, and sends the difference as a
 * patch; an object left as it was prints nothing (set serviceaccount always prints). Result
 * lines: `deployment.apps/web image updated`, `env updated`, `resource requirements updated`,
 * `serviceaccount updated`, `selector updated`, `subjects updated`.
 */
import type { KObject } from '../../api/types.js';
import { envVarName } from '../../api/validation/names.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, dryRun, DRY_RUN_FLAG, fieldManagerFlag, SELECTOR_FLAG, type DryRun, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { goQuote } from '../../util/gofmt.js';
import { printObjects, resolveGenericPrinter } from '../create/generator.js';
import { labelSelectorOf } from '../create/pdb.js';
import { typedRoundTrip } from '../create/typed.js';
import { resourceList } from '../create/quota.js';
import { resourcesAndPairs } from './label.js';
import { createMergePatch, selectResources, type Target, warnSink, filenamesOf } from './shared.js';

type Obj = Record<string, unknown>;
type Container = { name: string; image?: string; env?: EnvVar[]; resources?: { limits?: Record<string, string>; requests?: Record<string, string> } } & Obj;
type EnvVar = { name: string; value?: string; valueFrom?: Obj };
type PodSpec = { containers?: Container[]; initContainers?: Container[]; serviceAccountName?: string; serviceAccount?: string } & Obj;

/** polymorphichelpers.UpdatePodSpecForObject: the pod spec inside a pod or workload. */
export function podSpecOf(obj: KObject): PodSpec {
  const spec = obj['spec'] as Obj | undefined;
  switch (obj.kind) {
    case 'Pod':
      return (spec ?? {}) as PodSpec;
    case 'ReplicationController':
    case 'Deployment':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'Job':
      return (((spec?.['template'] as Obj | undefined)?.['spec'] as PodSpec | undefined) ?? {}) as PodSpec;
    case 'CronJob':
      return (((((spec?.['jobTemplate'] as Obj | undefined)?.['spec'] as Obj | undefined)?.['template'] as Obj | undefined)?.['spec'] as PodSpec | undefined) ?? {}) as PodSpec;
    default:
      throw new Error(`the object is not a pod or does not have a pod template: *v1.${obj.kind}`);
  }
}

/** "deployment.apps/web" as info.ObjectName() spells it. */
function objectName(t: Target): string {
  return `${t.info.group ? `${t.info.kind.toLowerCase()}.${t.info.group}` : t.info.kind.toLowerCase()}/${t.name}`;
}

/** helper.go selectString: container names matched with `*` wildcards. */
export function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  const re = new RegExp('^' + spec.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(s);
}

interface SetRun {
  inv: Invocation;
  operation: string;
  resources: string[];
  /** Changes the object in place; returns errors that do not stop the others. */
  mutate(obj: KObject, t: Target): string[];
  /** Print even when nothing changed (set serviceaccount). */
  alwaysPrint?: boolean;
  /** The prefix of a failed patch: "failed to patch image update to pod template: ". */
  patchFailure: string;
  resourceVersion?: string;
}

/** Fetch, mutate, patch, print: CalculatePatches and the loop every set command runs. */
function runSet(r: SetRun): number {
  const { inv } = r;
  const dry = dryRun(inv.flags, warnSink(inv));
  const printer = resolveGenericPrinter(inv);
  const local = flagBool(inv.flags, 'local');
  const selection = selectResources(inv, {
    resources: r.resources,
    filenames: filenamesOf(inv),
    selector: flagString(inv.flags, 'selector'),
    all: flagBool(inv.flags, 'all'),
    local,
    verb: 'set',
  });
  const errors = [...selection.errors];
  const problemsFirst: string[] = [];
  for (const target of selection.targets) {
    const t = { ...target, object: typedRoundTrip(target.object) };
    const modified = structuredClone(t.object) as KObject;
    let problems: string[];
    try {
      problems = r.mutate(modified, t);
    } catch (e) {
      if (e instanceof ListDone) throw e;
      if (e instanceof KubectlError) errors.push(e.message);
      else if (e instanceof OverwriteError) errors.push(`error: ${objectName(t)}\n ${e.message}\n`);
      else errors.push(`error: ${objectName(t)} ${(e as Error).message}\n`);
      continue;
    }
    problemsFirst.push(...problems);
    const patch = createMergePatch(t.object, modified);
    if (!r.alwaysPrint && Object.keys(patch).length === 0) continue;
    if (local || dry === 'client') {
      printObjects(inv, printer, [modified], r.operation, dry);
      continue;
    }
    try {
      const result = Object.keys(patch).length
        ? inv.kctx.client().patch(t.key, t.namespace, t.name, 'merge', patch, { dryRun: dry === 'server', fieldManager: flagString(inv.flags, 'field-manager') })
        : t.object;
      printObjects(inv, printer, [result], r.operation, dry);
    } catch (e) {
      errors.push(`${r.patchFailure}${describeError(e).replace(/^Error from server \([A-Za-z]*\): /, '').replace(/^error: /, '')}`);
    }
  }
  const all = [...problemsFirst, ...errors];
  if (all.length) {
    writeAggregate(inv, all);
    return 1;
  }
  return 0;
}

/** utilerrors.NewAggregate as CheckErr prints it: one error prefixed "error: ", several one per line as they are. */
function writeAggregate(inv: Invocation, errors: string[]): void {
  if (errors.length === 1) {
    const e = errors[0]!;
    inv.err.write((e.startsWith('error: ') || e.startsWith('Error from server') || e.startsWith('The ') ? e : `error: ${e}`).replace(/\n?$/, '\n'));
    return;
  }
  inv.err.write(errors.map((e) => e + '\n').join(''));
}

/** set env's --overwrite=false failure, which kubectl prints on a line of its own. */
class OverwriteError extends Error {}

function commonValidate(inv: Invocation, resources: string[], dry: DryRun): void {
  if (flagBool(inv.flags, 'local') && dry === 'server') throw usageError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (flagBool(inv.flags, 'all') && flagString(inv.flags, 'selector')) throw usageError('cannot set --all and --selector at the same time');
  if (flagBool(inv.flags, 'local') && resources.length) throw usageError('error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\''.replace(/^error: /, ''));
}

// ---- set image ---------------------------------------------------------------------------

function runSetImage(inv: Invocation): number {
  const { resources, pairs } = resourcesAndPairs(inv.args, 'image');
  const images: Record<string, string> = {};
  const invalid: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i > 0) images[p.slice(0, i)] = p.slice(i + 1);
    else invalid.push(p);
  }
  if (invalid.length) throw usageError(`invalid image format: ${invalid.join(', ')}`);
  const dry = dryRun(inv.flags, { now: 0, pid: 0, write: () => undefined });
  commonValidate(inv, resources, dry);
  const errs: string[] = [];
  if (flagBool(inv.flags, 'all') && flagString(inv.flags, 'selector')) errs.push('cannot set --all and --selector at the same time');
  if (resources.length < 1 && filenamesOf(inv).length === 0) errs.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (Object.keys(images).length < 1) errs.push('at least one image update is required');
  else if (Object.keys(images).length > 1 && '*' in images) errs.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (errs.length === 1) throw usageError(errs[0]!);
  if (errs.length > 1) throw new KubectlError(errs.join('\n'));
  return runSet({
    inv,
    operation: 'image updated',
    resources,
    patchFailure: 'failed to patch image update to pod template: ',
    mutate(obj) {
      const spec = podSpecOf(obj);
      const problems: string[] = [];
      for (const [name, image] of Object.entries(images)) {
        let found = false;
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
          if (c.name === name || name === '*') {
            c.image = image;
            found = true;
          }
        }
        if (!found) problems.push(`error: unable to find container named ${goQuote(name)}`);
      }
      return problems;
    },
  });
}

// ---- set env -----------------------------------------------------------------------------

const ENV_ARG = /^(.+)=(.*)$/s;

function parseEnv(specs: string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') throw usageError("when '-' is used, STDIN must be open");
    if (spec.includes('=')) {
      const i = spec.indexOf('=');
      const name = spec.slice(0, i);
      const errs = envVarName(name);
      if (errs.length) throw usageError(`${goQuote(name)} is not a valid key name: ${errs.join(';')}`);
      env.push({ name, value: spec.slice(i + 1) });
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw usageError(`unknown environment variable: ${spec}`);
    }
  }
  if (remove.some((r) => env.some((e) => e.name === r))) throw usageError('can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
      continue;
    }
    out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

function envRefString(from: Obj): string {
  const cm = from['configMapKeyRef'] as { name?: string; key?: string } | undefined;
  if (cm) return `configmap ${cm.name}, key ${cm.key}`;
  const sec = from['secretKeyRef'] as { name?: string; key?: string } | undefined;
  if (sec) return `secret ${sec.name}, key ${sec.key}`;
  const field = from['fieldRef'] as { fieldPath?: string } | undefined;
  if (field) return `field path ${field.fieldPath}`;
  const res = from['resourceFieldRef'] as { containerName?: string; resource?: string } | undefined;
  if (res) return `resource field ${res.containerName ? `${res.containerName}/` : ''}${res.resource}`;
  return 'invalid valueFrom';
}

/** --from=configmap/x or secret/x: one variable per key (sorted), named after the key. */
function envFrom(inv: Invocation): EnvVar[] {
  const from = flagString(inv.flags, 'from');
  if (!from) return [];
  const keys = flagList(inv.flags, 'keys');
  const sel = selectResources(inv, { resources: [from], verb: 'set' });
  if (sel.errors.length) throw new KubectlError(sel.errors[0]!);
  const out: EnvVar[] = [];
  for (const t of sel.targets) {
    const kind = t.object.kind;
    if (kind !== 'ConfigMap' && kind !== 'Secret') throw usageError('unsupported resource specified in --from');
    const data = (t.object['data'] as Record<string, string> | undefined) ?? {};
    for (const key of Object.keys(data).sort()) {
      if (keys.length && !keys.includes(key)) continue;
      const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
      if (name !== key) inv.err.write(`Warning: key ${key} transferred to ${name}\n`);
      const ref = kind === 'ConfigMap' ? { configMapKeyRef: { name: t.name, key } } : { secretKeyRef: { name: t.name, key } };
      out.push({ name, valueFrom: ref });
    }
  }
  return out;
}

function runSetEnv(inv: Invocation): number {
  if (flagBool(inv.flags, 'all') && flagString(inv.flags, 'selector')) throw usageError('cannot set --all and --selector at the same time');
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of inv.args) {
    const isEnv = ENV_ARG.test(s) || s.endsWith('-');
    if (isEnv) envArgs.push(s);
    else if (envArgs.length) throw usageError(`all resources must be specified before environment changes: ${inv.args.join(' ')}`);
    else resources.push(s);
  }
  const dry = dryRun(inv.flags, warnSink(inv));
  const list = flagBool(inv.flags, 'list');
  if (flagBool(inv.flags, 'local') && dry === 'server') throw usageError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (!filenamesOf(inv).length && resources.length < 1) throw usageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (list && flagString(inv.flags, 'output')) throw usageError('--list and --output may not be specified together');
  if (flagList(inv.flags, 'keys').length && !flagString(inv.flags, 'from')) throw usageError('when specifying --keys, a configmap or secret must be provided with --from');
  const parsed = parseEnv([...flagList(inv.flags, 'env'), ...envArgs]);
  const env = [...parsed.env, ...envFrom(inv)];
  const prefix = flagString(inv.flags, 'prefix');
  if (prefix) for (const e of env) e.name = prefix + e.name;
  const selector = flagString(inv.flags, 'containers') || '*';
  const overwrite = inv.flags.values.get('overwrite') !== false;
  if (!list && env.length === 0 && envArgs.length === 0 && parsed.remove.length === 0) {
    // kubectl only notices after patching; an empty update changes nothing, so it fails here
    throw usageError('at least one environment variable must be provided');
  }
  return runSet({
    inv,
    operation: 'env updated',
    resources,
    patchFailure: 'failed to patch env update to pod template: ',
    mutate(obj, t) {
      const spec = podSpecOf(obj);
      const containers = [...(spec.containers ?? []).filter((c) => selectString(c.name, selector)), ...(spec.initContainers ?? []).filter((c) => selectString(c.name, selector))];
      if (containers.length === 0) {
        inv.err.write(`Warning: ${obj.kind}/${t.name} does not have any containers matching ${goQuote(selector)}\n`);
        return [];
      }
      for (const c of containers) {
        if (!overwrite) {
          for (const e of env) {
            const cur = (c.env ?? []).find((x) => x.name === e.name);
            if (cur && cur.value !== e.value) throw new OverwriteError(`'${cur.name}' already has a value (${cur.value ?? ''}), and --overwrite is false`);
          }
        }
        const next = updateEnv(c.env ?? [], env, parsed.remove);
        if (next.length) c.env = next;
        else delete c.env;
        if (list) {
          inv.out.write(`# ${obj.kind} ${t.name}, container ${c.name}\n`);
          for (const e of next) inv.out.write(e.valueFrom ? `# ${e.name} from ${envRefString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ''}\n`);
        }
      }
      if (list) throw new ListDone();
      return [];
    },
  });
}

class ListDone extends Error {}

// ---- set resources -----------------------------------------------------------------------

function runSetResources(inv: Invocation): number {
  const dry = dryRun(inv.flags, warnSink(inv));
  commonValidate(inv, inv.args, dry);
  const limitsText = flagString(inv.flags, 'limits');
  const requestsText = flagString(inv.flags, 'requests');
  if (!limitsText && !requestsText) throw usageError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  const limits = resourceList(limitsText);
  const requests = resourceList(requestsText);
  const selector = flagString(inv.flags, 'containers') || '*';
  return runSet({
    inv,
    operation: 'resource requirements updated',
    resources: inv.args,
    patchFailure: 'failed to patch resources update to pod template ',
    mutate(obj) {
      const spec = podSpecOf(obj);
      const containers = [...(spec.containers ?? []).filter((c) => selectString(c.name, selector)), ...(spec.initContainers ?? []).filter((c) => selectString(c.name, selector))];
      if (containers.length === 0) return [`error: unable to find container named ${selector}`];
      for (const c of containers) {
        const res = (c.resources ??= {});
        if (limits) res.limits = { ...(res.limits ?? {}), ...limits };
        if (requests) res.requests = { ...(res.requests ?? {}), ...requests };
      }
      return [];
    },
  });
}

// ---- set serviceaccount ------------------------------------------------------------------

function runSetServiceAccount(inv: Invocation): number {
  const dry = dryRun(inv.flags, warnSink(inv));
  if (flagBool(inv.flags, 'local') && dry === 'server') throw usageError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (inv.args.length === 0) throw usageError('serviceaccount is required');
  const sa = inv.args[inv.args.length - 1]!;
  return runSet({
    inv,
    operation: 'serviceaccount updated',
    resources: inv.args.slice(0, -1),
    alwaysPrint: true,
    patchFailure: 'failed to patch ServiceAccountName ',
    mutate(obj) {
      const spec = podSpecOf(obj);
      spec.serviceAccountName = sa;
      if ('serviceAccount' in spec) spec.serviceAccount = sa;
      return [];
    },
  });
}

// ---- set selector ------------------------------------------------------------------------

function runSetSelector(inv: Invocation): number {
  dryRun(inv.flags, warnSink(inv));
  if (inv.args.length === 0) throw usageError('one selector is required');
  const selector = labelSelectorOf(inv.args[inv.args.length - 1]!);
  return runSet({
    inv,
    operation: 'selector updated',
    resources: inv.args.slice(0, -1),
    alwaysPrint: true,
    patchFailure: '',
    mutate(obj) {
      if (obj.kind !== 'Service') throw new KubectlError('error: setting a selector is only supported for Services');
      if (selector['matchExpressions']) throw new KubectlError(`error: match expression ${JSON.stringify(selector['matchExpressions'])} not supported on this object`);
      (obj['spec'] as Obj)['selector'] = { ...((selector['matchLabels'] as Record<string, string>) ?? {}) };
      return [];
    },
  });
}

// ---- set subject -------------------------------------------------------------------------

function runSetSubject(inv: Invocation): number {
  const dry = dryRun(inv.flags, warnSink(inv));
  commonValidate(inv, inv.args, dry);
  const users = [...new Set(flagList(inv.flags, 'user'))].sort();
  const groups = [...new Set(flagList(inv.flags, 'group'))].sort();
  const sas = [...new Set(flagList(inv.flags, 'serviceaccount'))].sort();
  if (!users.length && !groups.length && !sas.length) throw usageError('you must specify at least one value of user, group or serviceaccount');
  for (const sa of sas) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || !tokens[1]) throw usageError('serviceaccount must be <namespace>:<name>');
  }
  const namespace = inv.kctx.namespace();
  const subjects: Obj[] = [
    ...users.map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...groups.map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sas.map((sa) => {
      const [ns, name] = sa.split(':') as [string, string];
      return { kind: 'ServiceAccount', name, namespace: ns || namespace };
    }),
  ];
  return runSet({
    inv,
    operation: 'subjects updated',
    resources: inv.args,
    patchFailure: 'failed to patch subjects to rolebinding: ',
    mutate(obj) {
      if (obj.kind !== 'RoleBinding' && obj.kind !== 'ClusterRoleBinding') throw new Error('setting subjects is only supported for RoleBinding/ClusterRoleBinding');
      const existing = (obj['subjects'] as Obj[] | undefined) ?? [];
      const same = (a: Obj, b: Obj) => a['kind'] === b['kind'] && a['name'] === b['name'] && (a['namespace'] ?? '') === (b['namespace'] ?? '') && (a['apiGroup'] ?? '') === (b['apiGroup'] ?? '');
      const added = subjects.filter((s) => !existing.some((e) => same(e, s)));
      if (added.length) obj['subjects'] = [...existing, ...added];
      return [];
    },
  });
}

function listAware(run: (inv: Invocation) => number): (inv: Invocation) => number {
  return (inv) => {
    try {
      return run(inv);
    } catch (e) {
      if (e instanceof ListDone) return 0;
      throw e;
    }
  };
}

export const setImageCommand: KubectlCommand = {
  path: ['set', 'image'],
  discovery: 'set',
  help: {
    short: 'Update the image of a pod template',
    long: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
    examples: `# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
kubectl set image deployments,rc nginx=nginx:1.9.1 --all

# Update image of all containers of daemonset abc to 'nginx:1.9.1'
kubectl set image daemonset abc *=nginx:1.9.1

# Print result (in yaml format) of updating nginx container image from local file, without hitting the server
kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml`,
    use: '(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-set'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    { name: 'local', type: 'bool', usage: 'If true, set image will NOT contact api-server but run locally.' },
    SELECTOR_FLAG,
  ],
  run: runSetImage,
};

export const setEnvCommand: KubectlCommand = {
  path: ['set', 'env'],
  discovery: 'set',
  help: {
    short: 'Update environment variables on a pod template',
    long: `Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
    examples: `# Update deployment 'registry' with a new environment variable
kubectl set env deployment/registry STORAGE_DIR=/local

# List the environment variables defined on a deployments 'sample-build'
kubectl set env deployment/sample-build --list

# List the environment variables defined on all pods
kubectl set env pods --all --list

# Output modified deployment in YAML, and does not alter the object on the server
kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml

# Update all containers in all replication controllers in the project to have ENV=prod
kubectl set env rc --all ENV=prod

# Import environment from a secret
kubectl set env --from=secret/mysecret deployment/myapp

# Import environment from a config map with a prefix
kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp

# Import specific keys from a config map
kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp

# Remove the environment variable ENV from container 'c1' in all deployment configs
kubectl set env deployments --all --containers="c1" ENV-

# Remove the environment variable ENV from a deployment definition on disk and
# update the deployment config on the server
kubectl set env -f deploy.json ENV-

# Set some of the local shell environment into a deployment config on the server
env | grep RAILS_ | kubectl set env -e - deployment/registry`,
    use: 'RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'If true, select all resources in the namespace of the specified resource types' },
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'containers', shorthand: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change - may use wildcards' },
    DRY_RUN_FLAG,
    { name: 'env', shorthand: 'e', type: 'stringArray', usage: 'Specify a key-value pair for an environment variable to set into each container.' },
    fieldManagerFlag('kubectl-set'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files the resource to update the env'),
    { name: 'from', type: 'string', usage: 'The name of a resource from which to inject environment variables' },
    { name: 'keys', type: 'stringSlice', usage: 'Comma-separated list of keys to import from specified resource' },
    { name: 'list', type: 'bool', usage: 'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.' },
    { name: 'local', type: 'bool', usage: 'If true, set env will NOT contact api-server but run locally.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.' },
    { name: 'prefix', type: 'string', usage: 'Prefix to append to variable names' },
    { name: 'resolve', type: 'bool', usage: 'If true, show secret or configmap references when listing variables' },
    SELECTOR_FLAG,
  ],
  run: listAware(runSetEnv),
};

export const setResourcesCommand: KubectlCommand = {
  path: ['set', 'resources'],
  discovery: 'set',
  help: {
    short: 'Update resource requests/limits on objects with pod templates',
    long: `Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..`,
    examples: `# Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

# Set the resource request and limits for all containers in nginx
kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi

# Remove the resource requests for resources on containers in nginx
kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0

# Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server
kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml`,
    use: '(-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS]',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'containers', shorthand: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards' },
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-set'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    { name: 'limits', type: 'string', usage: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges." },
    { name: 'local', type: 'bool', usage: 'If true, set resources will NOT contact api-server but run locally.' },
    { name: 'requests', type: 'string', usage: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges." },
    SELECTOR_FLAG,
  ],
  run: runSetResources,
};

export const setSelectorCommand: KubectlCommand = {
  path: ['set', 'selector'],
  discovery: 'set',
  help: {
    short: 'Set the selector on a resource',
    long: `Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.

 A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.`,
    examples: `# Set the labels and selector before creating a deployment/service pair
kubectl create service clusterip my-svc --clusterip="None" -o yaml --dry-run=client | kubectl set selector --local -f - 'environment=qa' -o yaml | kubectl create -f -
kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - environment=qa -o yaml | kubectl create -f -`,
    use: '(-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-set'),
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'identifying the resource.' },
    { name: 'local', type: 'bool', usage: 'If true, annotation will NOT contact api-server but run locally.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', default: true, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'resource-version', type: 'string', usage: 'If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.' },
  ],
  run: runSetSelector,
};

export const setServiceAccountCommand: KubectlCommand = {
  path: ['set', 'serviceaccount'],
  discovery: 'set',
  help: {
    short: 'Update the service account of a resource',
    long: `Update the service account of pod template resources.

 Possible resources (case insensitive) can be:

 replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset`,
    aliases: ['sa'],
    examples: `# Set deployment nginx-deployment's service account to serviceaccount1
kubectl set serviceaccount deployment nginx-deployment serviceaccount1

# Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server
kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml`,
    use: '(-f FILENAME | TYPE NAME) SERVICE_ACCOUNT',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-set'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    { name: 'local', type: 'bool', usage: 'If true, set serviceaccount will NOT contact api-server but run locally.' },
  ],
  run: runSetServiceAccount,
};

export const setSubjectCommand: KubectlCommand = {
  path: ['set', 'subject'],
  discovery: 'set',
  help: {
    short: 'Update the user, group, or service account in a role binding or cluster role binding',
    long: `Update the user, group, or service account in a role binding or cluster role binding.`,
    examples: `# Update a cluster role binding for serviceaccount1
kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1

# Update a role binding for user1, user2, and group1
kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1

# Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server
kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml`,
    use: '(-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-set'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files the resource to update the subjects'),
    { name: 'group', type: 'stringArray', usage: 'Groups to bind to the role' },
    { name: 'local', type: 'bool', usage: 'If true, set subject will NOT contact api-server but run locally.' },
    SELECTOR_FLAG,
    { name: 'serviceaccount', type: 'stringArray', usage: 'Service accounts to bind to the role' },
    { name: 'user', type: 'stringArray', usage: 'Usernames to bind to the role' },
  ],
  run: runSetSubject,
};

export const SET_COMMANDS = [setEnvCommand, setImageCommand, setResourcesCommand, setSelectorCommand, setServiceAccountCommand, setSubjectCommand];
