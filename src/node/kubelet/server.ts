/**
 * The kubelet's API (port 10250) as the apiserver's pods/log and pods/exec subresources use it:
 * container logs with --previous, --timestamps, --tail, --since, --limit-bytes, and commands
 * run in a container. Errors are the kubelet's, which kubectl shows as
 * `Error from server (BadRequest): ...`.
 */
import type { NodeHost } from '../node.js';
import type { LogLine } from '../runtime.js';
import { logTimestamp } from '../logfiles.js';

export interface LogOptions {
  namespace: string;
  pod: string;
  container: string;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

export type KubeletError = { ok: false; code: number; reason: 'BadRequest' | 'NotFound' | 'InternalError'; message: string };
export type KubeletResult = { ok: true; text: string } | KubeletError;

/** One line of a container log as the kubelet serves it, with the timestamp of its log file. */
export interface ServedLogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  line: string;
  /** RFC3339Nano, as in the CRI log file and `--timestamps`. */
  timestamp: string;
}

export { logTimestamp };

type ContainerStatus = {
  name: string;
  containerID?: string;
  state?: { running?: object; terminated?: { containerID?: string }; waiting?: { reason?: string } };
  lastState?: { terminated?: { containerID?: string } };
};

/** The container's log lines (GET /containerLogs/<ns>/<pod>/<container>), filtered by the options. */
export function containerLogLines(node: NodeHost, o: LogOptions): { ok: true; lines: ServedLogLine[] } | KubeletError {
  const worker = node.kubelet.worker(o.namespace, o.pod);
  if (!worker) return { ok: false, code: 404, reason: 'NotFound', message: `pod "${o.pod}" does not exist` };
  if (!worker.containerNames().includes(o.container)) return { ok: false, code: 404, reason: 'NotFound', message: `container "${o.container}" not found in pod "${o.pod}"` };
  const id = logContainerId(worker.status(undefined), o);
  if (typeof id !== 'string') return id;
  const rec = node.runtime.containers.get(id);
  const now = node.clock.now();
  if (!rec) {
    const path = `/var/log/pods/${o.namespace}_${o.pod}_${worker.uid}/${o.container}`;
    return { ok: false, code: 400, reason: 'BadRequest', message: `failed to try resolving symlinks in path "${path}": lstat ${path}: no such file or directory` };
  }
  return { ok: true, lines: select(node.runtime.readLogs(rec, now), o, now) };
}

/** The log as text, as the kubelet streams it. */
export function containerLogs(node: NodeHost, o: LogOptions): KubeletResult {
  const r = containerLogLines(node, o);
  if (!r.ok) return r;
  let text = r.lines.map((l) => `${o.timestamps ? `${l.timestamp} ` : ''}${l.line}\n`).join('');
  if (o.limitBytes !== undefined && o.limitBytes >= 0) text = Buffer.from(text).subarray(0, o.limitBytes).toString();
  return { ok: true, text };
}

/** Which container's log to serve, from the pod status (the kubelet's validateContainerLogStatus). */
function logContainerId(status: Record<string, unknown>, o: LogOptions): string | KubeletError {
  const bad = (message: string): KubeletError => ({ ok: false, code: 400, reason: 'BadRequest', message });
  const all = [...((status['containerStatuses'] ?? []) as ContainerStatus[]), ...((status['initContainerStatuses'] ?? []) as ContainerStatus[])];
  const cs = all.find((c) => c.name === o.container);
  const where = `container "${o.container}" in pod "${o.pod}"`;
  if (!cs) return bad(`${where} is not available`);
  const strip = (id: string) => id.replace(/^[a-z]+:\/\//, '');
  const last = cs.lastState?.terminated;
  const state = cs.state ?? {};
  if (o.previous) {
    if (!last?.containerID) return bad(`previous terminated container "${o.container}" in pod "${o.pod}" not found`);
    return strip(last.containerID);
  }
  if (state.running) return strip(cs.containerID ?? '');
  if (state.terminated) {
    const id = state.terminated.containerID || last?.containerID;
    return id ? strip(id) : bad(`${where} is terminated`);
  }
  if (last) return last.containerID ? strip(last.containerID) : bad(`${where} is terminated`);
  if (state.waiting) {
    const reason = state.waiting.reason ?? '';
    if (reason === 'ErrImagePull') return bad(`${where} is waiting to start: image can't be pulled`);
    if (reason === 'ImagePullBackOff') return bad(`${where} is waiting to start: trying and failing to pull image`);
    return bad(`${where} is waiting to start: ${reason}`);
  }
  return bad(`${where} is waiting to start - no logs yet`);
}

function select(lines: readonly LogLine[], o: LogOptions, now: number): ServedLogLine[] {
  let out = [...lines];
  const since = o.sinceTime ? Date.parse(o.sinceTime) : o.sinceSeconds !== undefined ? now - o.sinceSeconds * 1000 : undefined;
  if (since !== undefined) out = out.filter((l) => l.at >= since);
  if (o.tailLines !== undefined && o.tailLines >= 0) out = out.slice(Math.max(0, out.length - o.tailLines));
  return out.map((l) => ({ at: l.at, stream: l.stream, line: l.line, timestamp: logTimestamp(l.at) }));
}

export interface ExecOptions {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  stdin?: string;
  /** Seconds of virtual time the command may run (kubectl exec has no limit; tests do). */
  timeoutSeconds?: number;
}

export type ExecResult = { ok: true; stdout: string; stderr: string; exitCode: number; elapsedMs: number } | { ok: false; code: number; reason: 'BadRequest' | 'NotFound' | 'InternalError'; message: string };

/** Runs a command in a running container, as `kubectl exec` does through the kubelet. */
export function execInContainer(node: NodeHost, o: ExecOptions): ExecResult {
  const worker = node.kubelet.worker(o.namespace, o.pod);
  if (!worker) return { ok: false, code: 404, reason: 'NotFound', message: `pods "${o.pod}" not found` };
  if (!worker.containerNames().includes(o.container)) return { ok: false, code: 400, reason: 'BadRequest', message: `container ${o.container} is not valid for pod ${o.pod}` };
  const rec = worker.containerRecord(o.container);
  if (rec) node.runtime.advance(rec, node.clock.now());
  if (!rec || rec.state !== 'running') return { ok: false, code: 400, reason: 'BadRequest', message: `container not found ("${o.container}")` };
  const r = worker.exec(rec, o.command, o.timeoutSeconds ?? 3600, o.stdin ?? '');
  if (r.exitCode === 126 && r.stderr.startsWith('OCI runtime exec failed')) return { ok: true, stdout: r.stdout, stderr: r.stderr, exitCode: 126, elapsedMs: 0 };
  return { ok: true, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, elapsedMs: r.elapsedMs };
}
