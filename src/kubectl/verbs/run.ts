/**
 * kubectl run NAME --image=IMAGE [-- ARGS]: a Pod from the run-pod/v1 generator (labels
 * run=NAME, dnsPolicy ClusterFirst, --env, --port, --labels, --annotations, --command,
 * --restart, --image-pull-policy, --privileged, --overrides), optionally exposed as a Service;
 * with -i/-t/--attach it waits on the clock for the pod to run, streams the container's output
 * (its log: the simulated container has no terminal) until it exits, deletes it with --rm
 * (`pod "tmp" deleted`) and exits with the container's code.
 */
import type { KObject, Stored } from '../../api/types.js';
import { envVarName } from '../../api/validation/names.js';
import { flagBool, flagList, flagString, parseDuration } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { dryRun, DRY_RUN_FLAG, fieldManagerFlag, type DryRun, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError } from '../errors.js';
import { goOrdered } from '../create/order.js';
import { typedRoundTrip } from '../create/typed.js';
import { printObjects, resolveGenericPrinter, seeHelp, withLastApplied, checkRequired } from '../create/generator.js';
import { sortedMap } from '../create/sources.js';
import { applyOverrides, warnSink } from './shared.js';

const PATH = ['run'];

/** distribution/reference's ReferenceRegexp: what kubectl accepts as an image name. */
const COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${COMPONENT}(?:\\.${COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}))?$`);

interface RunSettings {
  name: string;
  args: string[];
  restart: string;
  attach: boolean;
  remove: boolean;
  dry: DryRun;
  timeoutSeconds: number;
}

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const parts = item.split('=');
    if (parts.length !== 2) throw new KubectlError(`error: unexpected label spec: ${item}`);
    out[parts[0]!] = parts[1]!;
  }
  return sortedMap(out);
}

function parseEnvs(envs: string[]): { name: string; value: string }[] {
  return envs.map((env) => {
    const pos = env.indexOf('=');
    const name = pos < 0 ? '' : env.slice(0, pos);
    if (pos < 0 || !name || envVarName(name).length) throw new KubectlError(`error: invalid env: ${env}`);
    return { name, value: env.slice(pos + 1) };
  });
}

/** The run-pod/v1 generator. */
function buildPod(inv: Invocation, s: RunSettings): KObject {
  const f = (n: string) => flagString(inv.flags, n);
  const labels = f('labels') ? parseLabels(f('labels')) : { run: s.name };
  const annotationPairs = flagList(inv.flags, 'annotations');
  const annotations: Record<string, string> = {};
  const invalid: string[] = [];
  for (const a of annotationPairs) {
    const i = a.indexOf('=');
    if (i > 0) annotations[a.slice(0, i)] = a.slice(i + 1);
    else invalid.push(a);
  }
  if (invalid.length) throw new KubectlError(`error: invalid annotations format: ${invalid.join(', ')}`);
  const stdin = flagBool(inv.flags, 'stdin');
  const tty = flagBool(inv.flags, 'tty');
  const container: Record<string, unknown> = { name: s.name, image: f('image') };
  if (s.args.length) container[flagBool(inv.flags, 'command') ? 'command' : 'args'] = s.args;
  const port = f('port');
  if (port) {
    if (!/^[+-]?\d+$/.test(port)) throw new KubectlError(`error: strconv.Atoi: parsing "${port}": invalid syntax`);
    container['ports'] = [{ containerPort: Number(port) }];
  }
  const env = parseEnvs(flagList(inv.flags, 'env'));
  if (env.length) container['env'] = env;
  container['resources'] = {};
  if (f('image-pull-policy')) container['imagePullPolicy'] = f('image-pull-policy');
  if (flagBool(inv.flags, 'privileged')) container['securityContext'] = { privileged: true };
  if (stdin) container['stdin'] = true;
  if (stdin && !flagBool(inv.flags, 'leave-stdin-open')) container['stdinOnce'] = true;
  if (tty) container['tty'] = true;
  const pod: KObject = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name: s.name, creationTimestamp: null, labels, ...(Object.keys(annotations).length ? { annotations: sortedMap(annotations) } : {}) },
    spec: { containers: [container], restartPolicy: s.restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
  return typedRoundTrip(goOrdered(applyOverrides(pod, f('overrides'), f('override-type') || 'merge')));
}

/** The service/v2 generator behind --expose: selector from --labels or run=NAME. */
function buildService(inv: Invocation, s: RunSettings): KObject {
  const labelsText = flagString(inv.flags, 'labels');
  const selector = labelsText ? parseLabels(labelsText) : { run: s.name };
  const port = Number(flagString(inv.flags, 'port'));
  return typedRoundTrip(
    goOrdered({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: s.name, ...(labelsText ? { labels: selector } : {}) },
      spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector },
    }),
  );
}

function settings(inv: Invocation): RunSettings {
  const { flags } = inv;
  if (inv.args.length === 0 || flags.argsLenAtDash === 0) throw seeHelp('NAME is required for run', PATH);
  const timeoutText = flagString(flags, 'pod-running-timeout') || '1m0s';
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs <= 0) throw seeHelp('--pod-running-timeout must be higher than zero', PATH);
  const image = flagString(flags, 'image');
  if (!image) throw new KubectlError('error: --image is required');
  if (!REFERENCE.test(image)) throw new KubectlError(`error: Invalid image name "${image}": invalid reference format`);
  const stdin = flagBool(flags, 'stdin');
  if (flagBool(flags, 'tty') && !stdin) throw seeHelp('-i/--stdin is required for containers with -t/--tty=true', PATH);
  if (flagBool(flags, 'expose') && !flagString(flags, 'port')) throw seeHelp('--port must be set when exposing a service', PATH);
  const restart = flagString(flags, 'restart') || (stdin ? 'OnFailure' : 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw seeHelp(`invalid restart policy: ${restart}`, PATH);
  const attach = flags.changed.has('attach') ? flagBool(flags, 'attach') : stdin;
  const remove = flagBool(flags, 'rm');
  if (!attach && remove) throw seeHelp('--rm should only be used for attached containers', PATH);
  const dry = dryRun(flags, warnSink(inv));
  if (attach && dry !== 'none') throw seeHelp("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)", PATH);
  const policy = flagString(flags, 'image-pull-policy');
  if (policy && !['Always', 'IfNotPresent', 'Never'].includes(policy)) throw seeHelp(`invalid image pull policy: ${policy}`, PATH);
  return { name: inv.args[0]!, args: inv.args.slice(1), restart, attach, remove, dry, timeoutSeconds: timeoutMs / 1000 };
}

function create(inv: Invocation, key: string, obj: KObject, dry: DryRun): KObject {
  if (dry === 'client') {
    const ns = inv.kctx.globals.namespace;
    return ns ? goOrdered({ ...obj, metadata: { ...obj.metadata, namespace: ns } }) : obj;
  }
  const body = flagBool(inv.flags, 'save-config') ? withLastApplied(obj) : obj;
  try {
    return inv.kctx.client().create(key, { ...body, metadata: { ...body.metadata, namespace: inv.kctx.namespace() } }, { dryRun: dry === 'server', fieldManager: flagString(inv.flags, 'field-manager') });
  } catch (e) {
    throw new KubectlError(describeError(e));
  }
}

async function runRun(inv: Invocation): Promise<number> {
  checkRequired(inv, ['image']);
  const s = settings(inv);
  const printer = resolveGenericPrinter(inv);
  inv.kctx.cluster();
  const pod = buildPod(inv, s);
  const created = create(inv, 'pods', pod, s.dry);
  const createdObjects: { key: string; kind: string; name: string }[] = [{ key: 'pods', kind: 'pod', name: s.name }];
  if (flagBool(inv.flags, 'expose')) {
    const svc = create(inv, 'services', buildService(inv, s), s.dry);
    printObjects(inv, printer, [svc], 'created', s.dry, s.dry === 'client');
    if (flagString(inv.flags, 'output') === 'yaml') inv.out.write('---\n');
    createdObjects.push({ key: 'services', kind: 'service', name: s.name });
  }
  if (!s.attach) {
    if (flagBool(inv.flags, 'expose') && flagString(inv.flags, 'output') === 'yaml') inv.out.write('---\n');
    printObjects(inv, printer, [created], 'created', s.dry, s.dry === 'client');
    return 0;
  }
  try {
    return await attach(inv, s);
  } finally {
    if (s.remove) removeObjects(inv, createdObjects);
  }
}

function removeObjects(inv: Invocation, objects: { key: string; kind: string; name: string }[]): void {
  const client = inv.kctx.client();
  const ns = inv.kctx.namespace();
  for (const o of objects) {
    try {
      client.delete(o.key, ns, o.name, {});
      if (!flagBool(inv.flags, 'quiet')) inv.out.write(`${o.kind} "${o.name}" deleted\n`);
    } catch {
      // IgnoreNotFound: the pod may be gone already
    }
  }
}

type PodStatus = { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { state?: { terminated?: { exitCode: number; reason?: string; message?: string } } }[] };

function statusOf(pod: Stored | undefined): PodStatus {
  return ((pod?.['status'] as PodStatus | undefined) ?? {});
}

const completed = (st: PodStatus) => st.phase === 'Succeeded' || st.phase === 'Failed';
const runningReady = (st: PodStatus) => st.phase === 'Running' && (st.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Attach, simulated: the container's output is its log, streamed until it exits. */
async function attach(inv: Invocation, s: RunSettings): Promise<number> {
  const api = inv.kctx.client().api;
  const user = inv.kctx.client().user;
  const ns = inv.kctx.namespace();
  const get = () => api.store.get('pods', ns, s.name);
  if (!(await waitFor(inv, () => runningReady(statusOf(get())) || completed(statusOf(get())), s.timeoutSeconds))) {
    throw new KubectlError('error: timed out waiting for the condition');
  }
  const quiet = flagBool(inv.flags, 'quiet');
  if (!completed(statusOf(get())) && flagBool(inv.flags, 'tty') && !quiet) inv.err.write("If you don't see a command prompt, try pressing enter.\n");
  let printed = 0;
  const stream = () => {
    let lines: { line: string }[] = [];
    try {
      lines = api.podLogs(user, ns, s.name, s.name, {});
    } catch {
      return;
    }
    for (const l of lines.slice(printed)) inv.out.write(l.line + '\n');
    printed = Math.max(printed, lines.length);
  };
  stream();
  const waitForExit = !flagBool(inv.flags, 'leave-stdin-open') && (s.restart === 'Never' || s.restart === 'OnFailure');
  if (!waitForExit) return 0;
  const exitCondition = s.restart === 'OnFailure' ? (st: PodStatus) => st.phase === 'Succeeded' : completed;
  const done = await waitFor(inv, () => {
    stream();
    return exitCondition(statusOf(get()));
  }, s.timeoutSeconds);
  stream();
  if (!done) throw new KubectlError('error: timed out waiting for the condition');
  const st = statusOf(get());
  if (st.phase === 'Succeeded') return 0;
  if (st.phase === 'Failed') {
    const term = st.containerStatuses?.[0]?.state?.terminated;
    if (!term || term.exitCode === 0) throw new KubectlError(`error: pod ${ns}/${s.name} failed with unknown exit code`);
    inv.err.write(`pod ${ns}/${s.name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`.replace(/\n$/, '') + '\n');
    return term.exitCode;
  }
  throw new KubectlError(`error: pod ${ns}/${s.name} left in phase ${st.phase ?? ''}`);
}

/** Polls a condition once a virtual second, up to `seconds`. */
async function waitFor(inv: Invocation, done: () => boolean, seconds: number): Promise<boolean> {
  for (let waited = 0; ; waited++) {
    if (done()) return true;
    if (waited >= seconds || inv.proc.signal.aborted) return false;
    await inv.proc.sleep(1);
  }
}

export const runCommand: KubectlCommand = {
  path: ['run'],
  help: {
    short: 'Run a particular image on the cluster',
    long: `Create and run a particular image in a pod.`,
    examples: `# Start a nginx pod
kubectl run nginx --image=nginx

# Start a hazelcast pod and let the container expose port 5701
kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

# Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"

# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

# Dry run; print the corresponding API objects without creating them
kubectl run nginx --image=nginx --dry-run=client

# Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
kubectl run nginx --image=nginx --overrides='{ "apiVersion": "v1", "spec": { ... } }'

# Start a busybox pod and keep it in the foreground, don't restart it if it exits
kubectl run -i -t busybox --image=busybox --restart=Never

# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>

# Start the nginx pod using a different command and custom arguments
kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
    use: 'NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
    { name: 'attach', type: 'bool', usage: "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned." },
    { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    { name: 'command', type: 'bool', usage: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default." },
    DRY_RUN_FLAG,
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'expose', type: 'bool', usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
    fieldManagerFlag('kubectl-run'),
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'to use to replace the resource.' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'labels', shorthand: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'leave-stdin-open', type: 'bool', usage: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.' },
    { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
    { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
    { name: 'privileged', type: 'bool', usage: 'If true, run the container in privileged mode.' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'If true, suppress prompt messages.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
    { name: 'rm', type: 'bool', usage: "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'." },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
    { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: runRun,
};
