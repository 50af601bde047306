/**
 * kubectl debug: `node/NAME` creates the node debugging pod kubectl creates (host namespaces,
 * the node's root filesystem at /host, pinned to the node, tolerating every taint) and, with
 * -it in the terminal, attaches its shell; `POD --copy-to=NAME` creates the edited copy. Adding
 * an ephemeral container to a running pod is refused with a clear message: the simulated
 * kubelet does not run ephemeral containers.
 */
import { filenamesOf } from './shared.js';
import { resourceKey } from '../../api/registry.js';
import type { KObject, Stored } from '../../api/types.js';
import { K8S_ALPHABET } from '../../util/rng.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { resolveType } from '../resources.js';
import { attachTo } from './attach.js';

const PROFILE_WARNING = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".';

export const debugCommand: KubectlCommand = {
  path: ['debug'],
  help: {
    short: 'Create debugging sessions for troubleshooting workloads and nodes',
    long: `Debug cluster resources using interactive debugging containers.

 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.

 The action taken by 'debug' varies depending on what resource is specified. Supported actions include:

  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.
  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.
  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.

 Note: When a non-root user is configured for the entire target Pod, some capabilities granted by debug profile may not work.`,
    examples: `# Create an interactive debugging session in pod mypod and immediately attach to it.
kubectl debug mypod -it --image=busybox

# Create an interactive debugging session for the pod in the file pod.yaml and immediately attach to it.
# (requires the EphemeralContainers feature to be enabled in the cluster)
kubectl debug -f pod.yaml -it --image=busybox

# Create a debug container named debugger using a custom automated debugging image.
kubectl debug --image=myproj/debug-tools -c debugger mypod

# Create a copy of mypod adding a debug container and attach to it
kubectl debug mypod -it --image=busybox --copy-to=my-debugger

# Create a copy of mypod changing the command of mycontainer
kubectl debug mypod -it --copy-to=my-debugger --container=mycontainer -- sh

# Create a copy of mypod changing all container images to busybox
kubectl debug mypod --copy-to=my-debugger --set-image=*=busybox

# Create a copy of mypod adding a debug container and changing container images
kubectl debug mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug

# Create an interactive debugging session on a node and immediately attach to it.
# The container will run in the host namespaces and the host's filesystem will be mounted at /host
kubectl debug node/mynode -it --image=busybox`,
    use: '(POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]',
  },
  flags: [
    { name: 'arguments-only', type: 'bool', usage: 'If specified, everything after -- will be passed to the new container as Args instead of Command.' },
    { name: 'attach', type: 'bool', usage: "If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true." },
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name to use for debug container.' },
    { name: 'copy-to', type: 'string', usage: 'Create a copy of the target Pod with this name.' },
    { name: 'custom', type: 'string', usage: 'Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles.' },
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'identifying the resource to debug' },
    { name: 'image', type: 'string', usage: 'Container image to use for debug container.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'keep-annotations', type: 'bool', usage: "If true, keep the original pod annotations.(This flag only works when used with '--copy-to')" },
    { name: 'keep-init-containers', type: 'bool', default: true, usage: "Run the init containers for the pod. Defaults to true.(This flag only works when used with '--copy-to')" },
    { name: 'keep-labels', type: 'bool', usage: "If true, keep the original pod labels.(This flag only works when used with '--copy-to')" },
    { name: 'keep-liveness', type: 'bool', usage: "If true, keep the original pod liveness probes.(This flag only works when used with '--copy-to')" },
    { name: 'keep-readiness', type: 'bool', usage: "If true, keep the original pod readiness probes.(This flag only works when used with '--copy-to')" },
    { name: 'keep-startup', type: 'bool', usage: "If true, keep the original startup probes.(This flag only works when used with '--copy-to')" },
    { name: 'profile', type: 'string', default: 'legacy', usage: 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'If true, suppress informational messages.' },
    { name: 'replace', type: 'bool', usage: "When used with '--copy-to', delete the original Pod." },
    { name: 'same-node', type: 'bool', usage: "When used with '--copy-to', schedule the copy of target Pod on the same node." },
    { name: 'set-image', type: 'stringSlice', usage: "When used with '--copy-to', a list of name=image pairs for changing container images, similar to how 'kubectl set image' works." },
    { name: 'share-processes', type: 'bool', default: true, usage: "When used with '--copy-to', enable process namespace sharing in the copy." },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Keep stdin open on the container(s) in the pod, even if nothing is attached.' },
    { name: 'target', type: 'string', usage: 'When using an ephemeral container, target processes in this container name.' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Allocate a TTY for the debugging container.' },
  ],
  run: runDebug,
};

/** How long kubectl waits for the debugging container to start before attaching. */
const START_TIMEOUT_SECONDS = 60;

function suffix(inv: Invocation): string {
  let out = '';
  let x = Math.floor(inv.kctx.now() / 1000) ^ 0x5bd1e995;
  for (let i = 0; i < 5; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += K8S_ALPHABET[x % K8S_ALPHABET.length];
  }
  return out;
}

async function runDebug(inv: Invocation): Promise<number> {
  const { flags } = inv;
  const image = flagString(flags, 'image');
  const copyTo = flagString(flags, 'copy-to');
  const stdin = flagBool(flags, 'stdin');
  const tty = flagBool(flags, 'tty');
  const dash = flags.argsLenAtDash;
  const args = dash >= 0 ? inv.args.slice(dash) : [];
  const targets = dash >= 0 ? inv.args.slice(0, dash) : inv.args;
  if (!copyTo && !image) throw usageError('you must specify --image when not using --copy-to.');
  if (targets.length === 0 && filenamesOf(inv).length === 0) throw usageError('NAME or filename is required for debug');
  if (tty && !stdin) throw usageError('-i/--stdin is required for containers with -t/--tty=true');
  if (flagString(flags, 'profile') === 'legacy' && !flags.changed.has('profile')) inv.err.write(PROFILE_WARNING + '\n');
  const client = inv.kctx.client();
  const target = targets[0]!;
  const slash = target.indexOf('/');
  const info = slash >= 0 ? resolveType(inv.kctx.cluster().api.registry, target.slice(0, slash)) : undefined;
  const name = slash >= 0 ? target.slice(slash + 1) : target;
  let pod: Stored;
  let attachName: string | undefined;
  if (info?.resource === 'nodes') {
    const node = client.get('nodes', '', name);
    pod = client.create('pods', nodeDebugPod(inv, node, image, args, stdin, tty));
  } else if (info && info.resource !== 'pods') {
    throw usageError(`"${info.group ? `${info.group}/` : ''}${info.version}, Kind=${info.kind}" not supported by debug`);
  } else {
    const original = client.get(resourceKey({ group: '', resource: 'pods' }), inv.kctx.namespace(), name);
    if (!copyTo) {
      throw new KubectlError('error: ephemeral containers are not simulated by kubedrill: use "kubectl debug POD --copy-to=NAME" or "kubectl debug node/NAME"');
    }
    const copy = podCopy(inv, original, copyTo, image, args, stdin, tty);
    pod = client.create('pods', copy.pod);
    attachName = copy.container;
    if (flagBool(flags, 'replace')) client.delete('pods', original.metadata.namespace ?? '', original.metadata.name);
  }
  if (!(flagBool(flags, 'attach') || stdin)) return 0;
  const container = attachName ?? (flagString(flags, 'container') || 'debugger');
  for (let t = 0; t < START_TIMEOUT_SECONDS && !inv.proc.signal.aborted; t++) {
    const current = client.get('pods', pod.metadata.namespace ?? '', pod.metadata.name);
    const status = current['status'] as { phase?: string; containerStatuses?: { name: string; state?: { terminated?: unknown } }[] } | undefined;
    // a container that already finished: kubectl falls back to its logs
    if (status?.containerStatuses?.find((c) => c.name === container)?.state?.terminated) {
      for (const l of client.api.podLogs(client.user, current.metadata.namespace ?? '', current.metadata.name, container)) inv.out.write(l.line + '\n');
      return 0;
    }
    if (status?.phase === 'Running') return attachTo(inv, current, container, { stdin, tty });
    await inv.proc.sleep(1);
  }
  throw new KubectlError('error: timed out waiting for the condition');
}

function nodeDebugPod(inv: Invocation, node: Stored, image: string, args: string[], stdin: boolean, tty: boolean): KObject {
  const container = flagString(inv.flags, 'container') || 'debugger';
  const name = `node-debugger-${node.metadata.name}-${suffix(inv)}`;
  if (!flagBool(inv.flags, 'quiet')) inv.out.write(`Creating debugging pod ${name} with container ${container} on node ${node.metadata.name}.\n`);
  const c: Record<string, unknown> = { name: container, image, stdin, tty, terminationMessagePolicy: 'File', volumeMounts: [{ mountPath: '/host', name: 'host-root' }] };
  if (args.length) c[flagBool(inv.flags, 'arguments-only') ? 'args' : 'command'] = args;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: inv.kctx.namespace() },
    spec: {
      containers: [c],
      hostIPC: true,
      hostNetwork: true,
      hostPID: true,
      nodeName: node.metadata.name,
      restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }],
      volumes: [{ hostPath: { path: '/' }, name: 'host-root' }],
    },
  };
}

function podCopy(inv: Invocation, original: Stored, name: string, image: string, args: string[], stdin: boolean, tty: boolean): { pod: KObject; container: string } {
  const flags = inv.flags;
  const spec = structuredClone(original['spec'] ?? {}) as Record<string, unknown> & { containers: Record<string, unknown>[]; initContainers?: unknown[]; nodeName?: string };
  if (!flagBool(flags, 'same-node')) delete spec.nodeName;
  if (!flagBool(flags, 'keep-init-containers')) delete spec.initContainers;
  for (const c of spec.containers) {
    if (!flagBool(flags, 'keep-liveness')) delete c['livenessProbe'];
    if (!flagBool(flags, 'keep-readiness')) delete c['readinessProbe'];
    if (!flagBool(flags, 'keep-startup')) delete c['startupProbe'];
  }
  for (const pair of flagList(flags, 'set-image')) {
    const [container, img] = pair.split('=') as [string, string];
    for (const c of spec.containers) if (container === '*' || c['name'] === container) c['image'] = img;
  }
  if (flagBool(flags, 'share-processes')) spec['shareProcessNamespace'] = true;
  const containerName = flagString(flags, 'container');
  const existing = containerName ? spec.containers.find((c) => c['name'] === containerName) : undefined;
  let attachTo = containerName || String(spec.containers[0]?.['name'] ?? '');
  if (existing) {
    if (image) existing['image'] = image;
    if (args.length) existing['command'] = args;
    existing['stdin'] = stdin;
    existing['tty'] = tty;
  } else if (image) {
    const debugName = containerName || `debugger-${suffix(inv)}`;
    if (!containerName && !flagBool(flags, 'quiet')) inv.out.write(`Defaulting debug container name to ${debugName}.\n`);
    spec.containers.push({ name: debugName, image, stdin, tty, terminationMessagePolicy: 'File', ...(args.length ? { command: args } : {}) });
    attachTo = debugName;
  }
  const meta = original.metadata;
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: meta.namespace,
      ...(flagBool(flags, 'keep-labels') && meta.labels ? { labels: meta.labels } : {}),
      ...(flagBool(flags, 'keep-annotations') && meta.annotations ? { annotations: meta.annotations } : {}),
    },
    spec,
  };
  return { pod, container: attachTo };
}
