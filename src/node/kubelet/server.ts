/**
 * The kubelet's API (port 10250) as the apiserver's pods/log and pods/exec subresources use it:
 * container logs with --previous, --timestamps, --tail, --since, --limit-bytes, and commands
 * run in a container. Errors are the kubelet's, which kubectl shows as
 * `Error from server (BadRequest): ...`.
 */
import type { NodeHost } from '../node.js';
import type { LogLine } from '../runtime.js';

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

export type KubeletResult = { ok: true; text: string } | { ok: false; code: number; reason: 'BadRequest' | 'NotFound' | 'InternalError'; message: string };

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints. */
export function logTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_m, f: string) => `.${f}${String(Math.floor((ms * 7919) % 1_000_000)).padStart(6, '0')}Z`);
}

export function containerLogs(node: NodeHost, o: LogOptions): KubeletResult {
  const worker = node.kubelet.worker(o.namespace, o.pod);
  const bad = (message: string): KubeletResult => ({ ok: false, code: 400, reason: 'BadRequest', message });
  if (!worker) return { ok: false, code: 404, reason: 'NotFound', message: `pods "${o.pod}" not found` };
  if (!worker.containerNames().includes(o.container)) return bad(`container ${o.container} is not valid for pod ${o.pod}`);
  const now = node.clock.now();
  const current = worker.containerRecord(o.container);
  if (o.previous) {
    const prev = worker.containerRecord(o.container, true);
    if (!prev) return bad(`previous terminated container "${o.container}" in pod "${o.pod}" not found`);
    return { ok: true, text: format(node.runtime.readLogs(prev, now), o, now) };
  }
  if (!current) {
    const waiting = waitingReason(node, o);
    return bad(`container "${o.container}" in pod "${o.pod}" is waiting to start: ${waiting}`);
  }
  return { ok: true, text: format(node.runtime.readLogs(current, now), o, now) };
}

function waitingReason(node: NodeHost, o: LogOptions): string {
  const client = node.kubelet.connection();
  if (!client.ok) return 'ContainerCreating';
  const pod = client.client.find('pods', o.namespace, o.pod);
  const st = (pod?.['status'] as { containerStatuses?: { name: string; state?: { waiting?: { reason?: string } } }[]; initContainerStatuses?: { name: string; state?: { waiting?: { reason?: string } } }[] } | undefined);
  const cs = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])].find((c) => c.name === o.container);
  const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
  if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') return 'trying and failing to pull image';
  if (reason === 'InvalidImageName') return 'invalid image name';
  return reason;
}

function format(lines: readonly LogLine[], o: LogOptions, now: number): string {
  let out = [...lines];
  const since = o.sinceTime ? Date.parse(o.sinceTime) : o.sinceSeconds !== undefined ? now - o.sinceSeconds * 1000 : undefined;
  if (since !== undefined) out = out.filter((l) => l.at >= since);
  if (o.tailLines !== undefined && o.tailLines >= 0) out = out.slice(Math.max(0, out.length - o.tailLines));
  let text = out.map((l) => `${o.timestamps ? `${logTimestamp(l.at)} ` : ''}${l.line}\n`).join('');
  if (o.limitBytes !== undefined && o.limitBytes >= 0) text = Buffer.from(text).subarray(0, o.limitBytes).toString();
  return text;
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
