/**
 * crictl v1.33 against the node's containerd: ps, pods, images, logs, inspect, inspectp,
 * stop, rm, stopp, rmp, rmi, pull, exec, version, info. Tables come out of Go's tabwriter
 * exactly as crictl prints them; with containerd stopped every command fails with crictl's
 * connection error.
 */
import type { Program, ProcessContext } from '../../shell/types.js';
import type { NodeHost } from '../node.js';
import type { ContainerRecord, SandboxRecord } from '../runtime.js';
import { resolveImage } from '../images.js';
import { humanDuration, humanSize, isRoot, tabwrite } from './common.js';

const SOCKET = '/run/containerd/containerd.sock';

function fatal(ctx: ProcessContext, msg: string): number {
  ctx.stderr.write(`FATA[0000] ${msg}\n`);
  return 1;
}

function stateName(c: ContainerRecord): string {
  return c.state === 'running' ? 'Running' : c.state === 'created' ? 'Created' : 'Exited';
}

function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, f: string) => `.${f}${String((ms * 7919) % 1_000_000).padStart(6, '0')}Z`);
}

interface Parsed {
  flags: Map<string, string>;
  positional: string[];
}

const VALUE_FLAGS = new Set(['name', 'pod', 'state', 'o', 'output', 'tail', 'since', 'label', 'namespace', 'image', 'last', 'timeout', 'r', 'runtime-endpoint', 'i', 'image-endpoint', 'id']);

function parse(args: string[]): Parsed {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-' || positional.length > 0 && positional[0] === 'exec' && positional.length >= 2) {
      positional.push(a);
      continue;
    }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) flags.set(body.slice(0, eq), body.slice(eq + 1));
    else if (VALUE_FLAGS.has(body) && i + 1 < args.length) flags.set(body, args[++i]!);
    else if (!a.startsWith('--') && body.length > 1 && !VALUE_FLAGS.has(body)) for (const f of body) flags.set(f, 'true');
    else flags.set(body, 'true');
  }
  return { flags, positional };
}

export function crictl(node: NodeHost): Program {
  return (ctx) => {
    const { flags, positional } = parse(ctx.argv.slice(1));
    const cmd = positional[0];
    const args = positional.slice(1);
    if (flags.has('version') || flags.has('v') && !cmd) {
      ctx.stdout.write('crictl version v1.33.0\n');
      return 0;
    }
    if (!cmd || flags.has('help') || flags.has('h')) {
      ctx.stdout.write('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.33.0\n\nCOMMANDS:\n   attach              Attach to a running container\n   create              Create a new container\n   exec                Run a command in a running container\n   version             Display runtime version information\n   images, image, img  List images\n   inspect             Display the status of one or more containers\n   inspecti            Return the status of one or more images\n   imagefsinfo         Return image filesystem info\n   inspectp            Display the status of one or more pods\n   logs                Fetch the logs of a container\n   port-forward        Forward local port to a pod\n   ps                  List containers\n   pull                Pull an image from a registry\n   run                 Run a new container inside a sandbox\n   runp                Run a new pod\n   rm                  Remove one or more containers\n   rmi                 Remove one or more images\n   rmp                 Remove one or more pods\n   pods                List pods\n   start               Start one or more created containers\n   info                Display information of the container runtime\n   stop                Stop one or more running containers\n   stopp               Stop one or more running pods\n   update              Update one or more running containers\n   config              Get and set crictl client configuration options\n   stats               List container(s) resource usage statistics\n   statsp              List pod statistics. Stats represent a structured API that will fulfill the Kubelet\'s /stats/summary endpoint.\n   metricsp            List pod metrics. Metrics are unstructured key/value pairs gathered by CRI meant to replace cAdvisor\'s /metrics/cadvisor endpoint.\n   completion          Output shell completion code\n   checkpoint          Checkpoint one or more running containers\n   events, event       Stream the events of containers\n   update-runtime-config  Update the runtime configuration\n   runtime-config      Retrieve the container runtime\'s configuration options\n   help, h             Shows a list of commands or help for one command\n\nGLOBAL OPTIONS:\n   --config value, -c value            Location of the client config file. If not specified and the default does not exist, the program\'s directory is searched as well (default: "/etc/crictl.yaml") [$CRI_CONFIG_FILE]\n   --debug, -D                         Enable debug mode (default: false)\n   --runtime-endpoint value, -r value  Endpoint of CRI container runtime service (default: uses in order the first successful one of [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]). Default is now deprecated and the endpoint should be set instead. [$CONTAINER_RUNTIME_ENDPOINT]\n   --timeout value, -t value           Timeout of connecting to the server in seconds (e.g. 2s, 20s.). 0 or less is set to default (default: 2s)\n   --help, -h                          show help\n   --version, -v                       print the version\n');
      return 0;
    }
    const endpoint = flags.get('runtime-endpoint') ?? flags.get('r') ?? configuredEndpoint(node);
    if (!endpoint) {
      ctx.stderr.write('WARN[0000] runtime connect using default endpoints: [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]. As the default settings are now deprecated, you should set the endpoint instead. \n');
    }
    const ep = endpoint ?? `unix://${SOCKET}`;
    const socket = ep.replace(/^unix:\/\//, '');
    const connectErr = (why: string) =>
      `validate service connection: validate CRI v1 runtime API for endpoint "${ep}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${socket}: connect: ${why}"`;
    if (cmd !== 'config') {
      if (!isRoot(ctx.cred) && node.runtime.running) return fatal(ctx, connectErr('permission denied'));
      if (!node.runtime.running || (socket !== SOCKET && socket !== `/var${SOCKET}`)) {
        if (!endpoint) ctx.stderr.write(`ERRO[0000] ${connectErr('no such file or directory')} \n`);
        return fatal(ctx, connectErr('no such file or directory'));
      }
    }
    switch (cmd) {
      case 'ps':
        return ps(node, ctx, flags);
      case 'pods':
        return pods(node, ctx, flags);
      case 'images':
      case 'image':
      case 'img':
        return images(node, ctx, flags);
      case 'logs':
        return logs(node, ctx, flags, args);
      case 'inspect':
        return inspect(node, ctx, args);
      case 'inspectp':
        return inspectp(node, ctx, args);
      case 'stop':
      case 'rm':
        return stopOrRemove(node, ctx, cmd, args, flags);
      case 'stopp':
      case 'rmp':
        return stopOrRemovePod(node, ctx, cmd, args, flags);
      case 'rmi':
        for (const a of args) {
          if (!node.runtime.removeImage(a)) return fatal(ctx, `no such image ${a}`);
          ctx.stdout.write(`Deleted: ${a}\n`);
        }
        return 0;
      case 'pull': {
        const r = resolveImage(args[0] ?? '');
        if (!r.ok) return fatal(ctx, `pulling image: rpc error: code = ${r.code} desc = ${r.message}`);
        node.runtime.addImage(r.image, node.clock.now());
        ctx.stdout.write(`Image is up to date for ${r.image.id}\n`);
        return 0;
      }
      case 'exec':
        return exec(node, ctx, args);
      case 'version':
        ctx.stdout.write('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v1.7.27\nRuntimeApiVersion:  v1\n');
        return 0;
      case 'info':
        ctx.stdout.write(`${JSON.stringify({ status: { conditions: [{ type: 'RuntimeReady', status: true, reason: '', message: '' }, { type: 'NetworkReady', status: !node.kubelet.notReadyReason().startsWith('container runtime network'), reason: '', message: '' }] }, config: { containerd: { snapshotter: 'overlayfs', defaultRuntimeName: 'runc' }, cni: { binDir: '/opt/cni/bin', confDir: '/etc/cni/net.d' } } }, null, 2)}\n`);
        return 0;
      case 'config':
        ctx.stdout.write(node.fs.readFileIfExists('/etc/crictl.yaml') ?? '');
        return 0;
      default:
        ctx.stderr.write(`No help topic for '${cmd}'\n`);
        return 3;
    }
  };
}

function configuredEndpoint(node: NodeHost): string | undefined {
  const text = node.fs.readFileIfExists('/etc/crictl.yaml');
  return text ? /runtime-endpoint:\s*(\S+)/.exec(text)?.[1] : undefined;
}

function trunc(id: string): string {
  return id.slice(0, 13);
}

function sorted(node: NodeHost): ContainerRecord[] {
  const now = node.clock.now();
  const list = [...node.runtime.containers.values()];
  for (const c of list) node.runtime.advance(c, now);
  return list.sort((a, b) => b.createdAt - a.createdAt || b.attempt - a.attempt || b.id.localeCompare(a.id));
}

function ps(node: NodeHost, ctx: ProcessContext, flags: Map<string, string>): number {
  const now = node.clock.now();
  const all = flags.has('a') || flags.has('all');
  const quiet = flags.has('q') || flags.has('quiet');
  const noTrunc = flags.has('no-trunc');
  const name = flags.get('name');
  const pod = flags.get('pod') ?? flags.get('p');
  const state = flags.get('state') ?? flags.get('s');
  let list = sorted(node).filter((c) => (all || state ? true : c.state === 'running'));
  if (state) list = list.filter((c) => stateName(c).toLowerCase() === state.toLowerCase());
  if (name) list = list.filter((c) => new RegExp(name).test(c.name));
  if (pod) list = list.filter((c) => c.sandboxId.startsWith(pod));
  if (flags.has('latest') || flags.has('l')) list = list.slice(0, 1);
  const output = flags.get('o') ?? flags.get('output');
  if (output === 'json') {
    ctx.stdout.write(`${JSON.stringify({ containers: list.map((c) => containerJson(node, c)) }, null, 2)}\n`);
    return 0;
  }
  if (quiet) {
    for (const c of list) ctx.stdout.write(`${c.id}\n`);
    return 0;
  }
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
  for (const c of list) {
    rows.push([noTrunc ? c.id : trunc(c.id), noTrunc ? c.imageId : trunc(c.imageId.replace(/^sha256:/, '')), `${humanDuration(now - c.createdAt)} ago`, stateName(c), c.name, String(c.attempt), noTrunc ? c.sandboxId : trunc(c.sandboxId), c.podName, c.podNamespace]);
  }
  ctx.stdout.write(tabwrite(rows, 20, 3));
  return 0;
}

function pods(node: NodeHost, ctx: ProcessContext, flags: Map<string, string>): number {
  const now = node.clock.now();
  let list = [...node.runtime.sandboxes.values()].sort((a, b) => b.createdAt - a.createdAt);
  const name = flags.get('name');
  const ns = flags.get('namespace');
  if (name) list = list.filter((s) => new RegExp(name).test(s.podName));
  if (ns) list = list.filter((s) => new RegExp(ns).test(s.podNamespace));
  const st = flags.get('state') ?? flags.get('s');
  if (st) list = list.filter((s) => s.state === (st.toLowerCase() === 'ready' ? 'ready' : 'notready'));
  if (flags.has('q') || flags.has('quiet')) {
    for (const s of list) ctx.stdout.write(`${s.id}\n`);
    return 0;
  }
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  for (const s of list) rows.push([flags.has('no-trunc') ? s.id : trunc(s.id), `${humanDuration(now - s.createdAt)} ago`, s.state === 'ready' ? 'Ready' : 'NotReady', s.podName, s.podNamespace, String(s.attempt), '(default)']);
  ctx.stdout.write(tabwrite(rows, 20, 3));
  return 0;
}

function images(node: NodeHost, ctx: ProcessContext, flags: Map<string, string>): number {
  const list = [...node.runtime.images.values()].sort((a, b) => a.info.fullName.localeCompare(b.info.fullName));
  if (flags.has('q') || flags.has('quiet')) {
    for (const i of list) ctx.stdout.write(`${i.info.id}\n`);
    return 0;
  }
  const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
  for (const i of list) rows.push([i.info.repository, i.info.tag, trunc(i.info.id.replace(/^sha256:/, '')), humanSize(i.info.size)]);
  ctx.stdout.write(tabwrite(rows, 20, 3));
  return 0;
}

function findContainer(node: NodeHost, ctx: ProcessContext, id: string | undefined, what = 'getting the status of the container'): ContainerRecord | number {
  if (!id) return fatal(ctx, 'ID cannot be empty');
  const c = node.runtime.findContainer(id);
  if (!c) return fatal(ctx, `${what} "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
  node.runtime.advance(c, node.clock.now());
  return c;
}

function logs(node: NodeHost, ctx: ProcessContext, flags: Map<string, string>, args: string[]): number {
  const found = findContainer(node, ctx, args[0]);
  if (typeof found === 'number') return found;
  let c: ContainerRecord = found;
  if (flags.has('p') || flags.has('previous')) {
    if (c.attempt === 0) return fatal(ctx, `previous terminated container ${c.name} not found`);
    const attempt = c.attempt;
    const prev = node.runtime.containersOf(c.podUid, c.name).find((x) => x.attempt === attempt - 1 || (x.attempt < attempt && x.state === 'exited'));
    if (!prev) return fatal(ctx, `open /var/log/pods/${c.podNamespace}_${c.podName}_${c.podUid}/${c.name}/${c.attempt - 1}.log: no such file or directory`);
    c = prev;
  }
  let lines = node.runtime.readLogs(c, node.clock.now());
  const tail = flags.get('tail');
  if (tail !== undefined && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  const ts = flags.has('t') || flags.has('timestamps');
  for (const l of lines) (l.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(`${ts ? `${rfc3339Nano(l.at)} ` : ''}${l.line}\n`);
  return 0;
}

function containerJson(node: NodeHost, c: ContainerRecord) {
  return {
    id: c.id,
    podSandboxId: c.sandboxId,
    metadata: { name: c.name, attempt: c.attempt },
    image: { image: c.imageId, annotations: {}, userSpecifiedImage: '', runtimeHandler: '' },
    imageRef: `${c.imageRef.replace(/:[^:/]+$/, '')}@${c.imageDigest}`,
    state: c.state === 'running' ? 'CONTAINER_RUNNING' : c.state === 'created' ? 'CONTAINER_CREATED' : 'CONTAINER_EXITED',
    createdAt: String(c.createdAt * 1_000_000),
    labels: labels(c),
    annotations: { 'io.kubernetes.container.restartCount': String(c.attempt), 'io.kubernetes.container.terminationMessagePath': '/dev/termination-log', 'io.kubernetes.container.terminationMessagePolicy': 'File', 'io.kubernetes.pod.terminationGracePeriod': '30' },
  };
}

function labels(c: ContainerRecord): Record<string, string> {
  return { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.podName, 'io.kubernetes.pod.namespace': c.podNamespace, 'io.kubernetes.pod.uid': c.podUid };
}

function inspect(node: NodeHost, ctx: ProcessContext, args: string[]): number {
  const out: unknown[] = [];
  for (const id of args) {
    const c = findContainer(node, ctx, id);
    if (typeof c === 'number') return c;
    out.push({
      status: {
        id: c.id,
        metadata: { attempt: c.attempt, name: c.name },
        state: c.state === 'running' ? 'CONTAINER_RUNNING' : c.state === 'created' ? 'CONTAINER_CREATED' : 'CONTAINER_EXITED',
        createdAt: rfc3339Nano(c.createdAt),
        startedAt: c.startedAt !== undefined ? rfc3339Nano(c.startedAt) : '1970-01-01T00:00:00Z',
        finishedAt: c.finishedAt !== undefined ? rfc3339Nano(c.finishedAt) : '1970-01-01T00:00:00Z',
        exitCode: c.exitCode ?? 0,
        image: { annotations: {}, image: c.imageRef, runtimeHandler: '', userSpecifiedImage: '' },
        imageRef: `${c.imageRef.replace(/:[^:/]+$/, '')}@${c.imageDigest}`,
        reason: c.state === 'exited' ? (c.reason ?? '') : '',
        message: c.message ?? '',
        labels: labels(c),
        annotations: containerJson(node, c).annotations,
        mounts: c.mounts.map((m) => ({ containerPath: m.containerPath, hostPath: m.hostPath, propagation: 'PROPAGATION_PRIVATE', readonly: m.readonly, selinuxRelabel: false, uidMappings: [], gidMappings: [], recursiveReadOnly: false, image: null, imageSubPath: '' })),
        logPath: `/var/log/pods/${c.podNamespace}_${c.podName}_${c.podUid}/${c.name}/${c.attempt}.log`,
        resources: { linux: { cpuPeriod: '100000', cpuQuota: '0', cpuShares: '2', cpusetCpus: '', cpusetMems: '', hugepageLimits: [], memoryLimitInBytes: '0', memorySwapLimitInBytes: '0', oomScoreAdj: '1000', unified: {} }, windows: null },
        user: { linux: { gid: '0', supplementalGroups: ['0'], uid: '0' } },
        stopSignal: 'STOPSIGNAL_UNSPECIFIED',
      },
      info: {
        sandboxID: c.sandboxId,
        pid: c.state === 'running' ? (c.pid ?? 0) : 0,
        removing: false,
        snapshotKey: c.id,
        snapshotter: 'overlayfs',
        runtimeType: 'io.containerd.runc.v2',
        runtimeOptions: { systemd_cgroup: true },
        config: { metadata: { name: c.name, attempt: c.attempt }, image: { image: c.imageId }, args: c.argv, envs: c.env.map(([key, value]) => ({ key, value })), labels: labels(c), log_path: `${c.name}/${c.attempt}.log` },
      },
    });
  }
  ctx.stdout.write(`${out.map((o) => JSON.stringify(o, null, 2)).join('\n')}\n`);
  return 0;
}

function findSandbox(node: NodeHost, ctx: ProcessContext, id: string | undefined): SandboxRecord | number {
  if (!id) return fatal(ctx, 'ID cannot be empty');
  const s = node.runtime.findSandbox(id);
  if (!s) return fatal(ctx, `getting the pod sandbox status for "${id}": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found`);
  return s;
}

function inspectp(node: NodeHost, ctx: ProcessContext, args: string[]): number {
  for (const id of args) {
    const s = findSandbox(node, ctx, id);
    if (typeof s === 'number') return s;
    ctx.stdout.write(`${JSON.stringify({ status: { id: s.id, metadata: { attempt: s.attempt, name: s.podName, namespace: s.podNamespace, uid: s.podUid }, state: s.state === 'ready' ? 'SANDBOX_READY' : 'SANDBOX_NOTREADY', createdAt: rfc3339Nano(s.createdAt), network: { additionalIps: [], ip: s.hostNetwork ? '' : (s.ip ?? '') }, linux: { namespaces: { options: { ipc: 'POD', network: s.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER', targetId: '', userNsOptions: null } } }, labels: s.labels, annotations: {}, runtimeHandler: '' }, info: { pid: s.state === 'ready' ? 1000 + (s.createdAt % 9000) : 0, processStatus: s.state === 'ready' ? 'running' : 'deleted', netNamespaceClosed: s.state !== 'ready' } }, null, 2)}\n`);
  }
  return 0;
}

function stopOrRemove(node: NodeHost, ctx: ProcessContext, cmd: 'stop' | 'rm', args: string[], flags: Map<string, string>): number {
  const now = node.clock.now();
  for (const id of args) {
    const c = findContainer(node, ctx, id, cmd === 'stop' ? 'stopping the container' : 'removing the container');
    if (typeof c === 'number') return c;
    if (c.state === 'running') {
      if (cmd === 'rm' && !flags.has('f') && !flags.has('force')) return fatal(ctx, `removing the container "${id}": rpc error: code = Unknown desc = failed to remove container "${c.id}": container is in running state, please stop container before removing or use --force`);
      c.process?.terminate(now);
      node.runtime.advance(c, now);
      if (c.state === 'running') {
        c.process?.kill(now);
        node.runtime.advance(c, now);
      }
    }
    if (cmd === 'rm') node.runtime.containers.delete(c.id);
    node.runtime.dirtyPods.add(c.podUid);
    ctx.stdout.write(`${id}\n`);
  }
  return 0;
}

function stopOrRemovePod(node: NodeHost, ctx: ProcessContext, cmd: 'stopp' | 'rmp', args: string[], flags: Map<string, string>): number {
  const now = node.clock.now();
  const ids = flags.has('a') || flags.has('all') ? [...node.runtime.sandboxes.keys()] : args;
  for (const id of ids) {
    const s = findSandbox(node, ctx, id);
    if (typeof s === 'number') return s;
    if (cmd === 'rmp' && s.state === 'ready' && !flags.has('f') && !flags.has('force')) return fatal(ctx, `removing the pod sandbox "${id}": rpc error: code = Unknown desc = pod sandbox "${s.id}" is not stopped, please stop it before removing or use --force`);
    for (const c of node.runtime.containersOf(s.podUid)) {
      if (c.sandboxId !== s.id || c.state !== 'running') continue;
      c.process?.kill(now);
      node.runtime.advance(c, now);
    }
    s.state = 'notready';
    if (cmd === 'rmp') node.runtime.removeSandbox(s.id);
    node.runtime.dirtyPods.add(s.podUid);
    ctx.stdout.write(`${cmd === 'stopp' ? 'Stopped' : 'Removed'} sandbox ${id}\n`);
  }
  return 0;
}

function exec(node: NodeHost, ctx: ProcessContext, args: string[]): number {
  const flags = new Set<string>();
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) flags.add(args[i]!);
  const c = findContainer(node, ctx, args[i]);
  if (typeof c === 'number') return c;
  const argv = args.slice(i + 1);
  if (c.state !== 'running') return fatal(ctx, `execing command in container: rpc error: code = Unknown desc = container is in CONTAINER_EXITED state`);
  const worker = node.kubelet.podWorkers().find((w) => w.uid === c.podUid);
  if (!worker) return fatal(ctx, 'execing command in container: container not found');
  const r = worker.exec(c, argv, 60, ctx.stdin);
  ctx.stdout.write(r.stdout);
  ctx.stderr.write(r.stderr);
  return r.exitCode;
}
