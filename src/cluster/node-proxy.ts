/**
 * The apiserver's way to the kubelets (port 10250): container logs come from the node's
 * container runtime, and exec runs commands (or an interactive shell, src/exec) in a running
 * container, but only while the kubelet there runs; otherwise the dial fails as it does on a
 * real cluster.
 */
import type { ExecOutcome, ExecRequest, ExecStream, LogOptions, NodeProxy } from '../api/server.js';
import type { Stored } from '../api/types.js';
import { execInContainer } from '../node/kubelet/server.js';
import type { NodeHost } from '../node/node.js';
import { ContainerShellSession, LineOutput } from '../exec/session.js';
import type { Cluster } from './cluster.js';

type ExecFailure = Extract<ExecOutcome, { ok: false }>;

/** The kubelet of the pod's node, or the dial error the apiserver reports. */
function kubeletFor(cluster: Cluster, pod: Stored): { ok: true; node: NodeHost } | ExecFailure {
  const nodeName = (pod['spec'] as { nodeName: string }).nodeName;
  const node = cluster.nodes.get(nodeName);
  if (!node || !node.kubelet.active()) return { ok: false, kind: 'dial', message: `error dialing backend: dial tcp ${node?.ip ?? nodeName}:10250: connect: connection refused` };
  return { ok: true, node };
}

/** containerd's id for an exec process: 64 hex digits, stable for the same request at the same instant. */
function execId(pod: Stored, req: ExecRequest, now: number): string {
  let h = 0x811c9dc5;
  const key = `${pod.metadata.uid}/${req.container}/${req.command.join(' ')}/${now}`;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** The runtime's exec failure, as the kubelet relays it ("error executing command in container: ..."). */
function runtimeFailure(pod: Stored, req: ExecRequest, now: number, stderr: string): ExecFailure {
  return { ok: false, kind: 'internal', message: `error executing command in container: failed to exec in container: failed to start exec "${execId(pod, req, now)}": ${stderr.replace(/\r?\n$/, '')}` };
}

type Waiting = { reason?: string; message?: string };

export function nodeProxy(cluster: Cluster): NodeProxy {
  return {
    containerLogs(pod: Stored, container: string, opts: LogOptions) {
      const spec = pod['spec'] as { nodeName: string };
      const node = cluster.nodes.get(spec.nodeName);
      const ns = pod.metadata.namespace ?? 'default';
      const url = `https://${node?.ip ?? spec.nodeName}:10250/containerLogs/${ns}/${pod.metadata.name}/${container}`;
      if (!node || !node.kubelet.active()) return { ok: false, reason: '', message: `Get "${url}": dial tcp ${node?.ip ?? spec.nodeName}:10250: connect: connection refused` };
      const uid = pod.metadata.annotations?.['kubernetes.io/config.mirror'] ?? pod.metadata.uid;
      const records = node.runtime.containersOf(uid, container);
      const status = pod['status'] as { containerStatuses?: { name: string; state?: { waiting?: Waiting } }[]; initContainerStatuses?: { name: string; state?: { waiting?: Waiting } }[] } | undefined;
      const cs = [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].find((c) => c.name === container);
      const current = records[records.length - 1];
      const target = opts.previous ? records[records.length - 2] : current;
      if (opts.previous && !target) return { ok: false, message: `previous terminated container "${container}" in pod "${pod.metadata.name}" not found` };
      if (!target) {
        const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
        const why = reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
        return { ok: false, message: `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${why}` };
      }
      let lines = target.logs.map((l) => ({ at: l.at, line: l.line }));
      if (opts.sinceSeconds !== undefined) lines = lines.filter((l) => l.at >= cluster.world.clock.now() - opts.sinceSeconds! * 1000);
      if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
      return { ok: true, lines };
    },

    exec(pod: Stored, req: ExecRequest): ExecOutcome {
      const k = kubeletFor(cluster, pod);
      if (!k.ok) return k;
      const node = k.node;
      const now = cluster.world.clock.now();
      const r = execInContainer(node, { namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name, container: req.container, command: req.command, stdin: req.stdin });
      if (!r.ok) return { ok: false, kind: 'upgrade', message: r.message };
      if (r.exitCode === 126 && r.stderr.startsWith('OCI runtime exec failed')) return runtimeFailure(pod, req, now, r.stderr);
      return { ok: true, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, elapsedMs: r.elapsedMs };
    },

    execStream(pod: Stored, req: ExecRequest): ExecStream | ExecFailure {
      const k = kubeletFor(cluster, pod);
      if (!k.ok) return k;
      const node = k.node;
      const now = cluster.world.clock.now();
      const worker = node.kubelet.worker(pod.metadata.namespace ?? 'default', pod.metadata.name);
      if (!worker) return { ok: false, kind: 'upgrade', message: `pods "${pod.metadata.name}" not found` };
      if (!worker.containerNames().includes(req.container)) return { ok: false, kind: 'upgrade', message: `container ${req.container} is not valid for pod ${pod.metadata.name}` };
      const rec = worker.containerRecord(req.container);
      if (rec) node.runtime.advance(rec, now);
      if (!rec || rec.state !== 'running') return { ok: false, kind: 'upgrade', message: `container not found ("${req.container}")` };
      const output = new LineOutput();
      const p = worker.execProcess(rec, req.command[0] ?? '', output.sink);
      if ('error' in p) return p.error.startsWith('OCI runtime exec failed') ? runtimeFailure(pod, req, now, p.error) : { ok: false, kind: 'upgrade', message: `container not found ("${req.container}")` };
      const session = new ContainerShellSession(p.process, output, { argv0: req.command[0] ?? 'sh', env: p.env, cwd: p.cwd, flavour: p.flavour });
      return {
        prompt: () => session.prompt(),
        run: (line) => session.run(line, cluster.world.clock.now()),
      };
    },
  };
}
