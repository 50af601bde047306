/**
 * The kubelet's prober: startup, liveness and readiness probes on their schedule
 * (initialDelaySeconds, periodSeconds, success and failure thresholds), each one an HTTP GET,
 * a TCP dial, a gRPC dial or a command run in the container. Results and messages are the
 * prober's: "HTTP probe failed with statuscode: 404", `Get "http://10.244.1.5:8080/healthz":
 * dial tcp 10.244.1.5:8080: connect: connection refused`.
 */
import type { DialResult, HttpResponse } from '../net/types.js';

export interface ProbeSpec {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string; httpHeaders?: { name: string; value: string }[] };
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeState {
  spec: ProbeSpec;
  /** When the next probe runs (virtual ms). */
  nextAt: number;
  successes: number;
  failures: number;
  /** The last decided result; readiness and startup start as failure/unknown. */
  result: 'unknown' | 'success' | 'failure';
}

export function newProbe(spec: ProbeSpec, containerStart: number): ProbeState {
  return { spec, nextAt: containerStart + (spec.initialDelaySeconds ?? 0) * 1000, successes: 0, failures: 0, result: 'unknown' };
}

export interface ProbeOutcome {
  ok: boolean;
  output: string;
}

/** Records one probe result; returns whether the probe's decided result changed to failure. */
export function record(state: ProbeState, outcome: ProbeOutcome, now: number): 'success' | 'failure' | undefined {
  const s = state.spec;
  state.nextAt = now + (s.periodSeconds ?? 10) * 1000;
  if (outcome.ok) {
    state.failures = 0;
    state.successes++;
    if (state.successes >= (s.successThreshold ?? 1) && state.result !== 'success') {
      state.result = 'success';
      return 'success';
    }
    return undefined;
  }
  state.successes = 0;
  state.failures++;
  if (state.failures >= (s.failureThreshold ?? 3) && state.result !== 'failure') {
    state.result = 'failure';
    return 'failure';
  }
  return undefined;
}

/** Resolves a probe port: a number, or the name of a container port. */
export function probePort(port: number | string, ports: { name?: string; containerPort: number }[]): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return ports.find((p) => p.name === port)?.containerPort;
}

export interface ProbeTarget {
  podIp: string;
  dial(ip: string, port: number): DialResult;
  exec(argv: string[], timeoutSeconds: number): { exitCode: number; output: string; timedOut: boolean };
  ports: { name?: string; containerPort: number }[];
}

export function runProbe(spec: ProbeSpec, t: ProbeTarget): ProbeOutcome {
  if (spec.exec) {
    const r = t.exec(spec.exec.command ?? [], spec.timeoutSeconds ?? 1);
    if (r.timedOut) return { ok: false, output: `command ${JSON.stringify((spec.exec.command ?? []).join(' '))} timed out` };
    return { ok: r.exitCode === 0, output: r.output.replace(/\n$/, '') };
  }
  if (spec.httpGet) {
    const g = spec.httpGet;
    const port = probePort(g.port, t.ports);
    const scheme = (g.scheme ?? 'HTTP').toLowerCase();
    const host = g.host ?? t.podIp;
    const path = g.path ?? '/';
    const url = `${scheme}://${host}:${port ?? g.port}${path.startsWith('/') ? path : `/${path}`}`;
    if (port === undefined) return { ok: false, output: `Get "${url}": dial tcp: lookup ${host}: invalid port` };
    const d = t.dial(host, port);
    if (!d.ok) return { ok: false, output: `Get "${url}": ${dialError(d)}` };
    const ep = d.endpoint;
    if (scheme === 'https' && !ep.tls) return { ok: false, output: `Get "${url}": http: server gave HTTP response to HTTPS client` };
    let res: HttpResponse;
    // TLS servers that answer HTTP (metrics-server's /readyz) are asked; the others just say ok.
    if (ep.tls && scheme === 'https') res = ep.http ? ep.http({ method: 'GET', path, host: `${host}:${port}`, from: t.podIp.replace(/\.\d+$/, '.1'), userAgent: 'kube-probe/1.33' }) : { status: 200, reason: 'OK', headers: {}, body: 'ok' };
    else if (ep.tls) res = { status: 400, reason: 'Bad Request', headers: {}, body: 'Client sent an HTTP request to an HTTPS server.\n' };
    else if (!ep.http) return { ok: false, output: `Get "${url}": EOF` };
    else res = ep.http({ method: 'GET', path, host: `${host}:${port}`, from: t.podIp.replace(/\.\d+$/, '.1'), userAgent: 'kube-probe/1.33' });
    if (res.status >= 200 && res.status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (spec.tcpSocket || spec.grpc) {
    const raw = spec.tcpSocket?.port ?? spec.grpc!.port;
    const port = probePort(raw, t.ports);
    const host = spec.tcpSocket?.host ?? t.podIp;
    if (port === undefined) return { ok: false, output: `dial tcp: lookup ${host}: invalid port` };
    const d = t.dial(host, port);
    if (!d.ok) return spec.grpc ? { ok: false, output: `timeout: failed to connect service "${host}:${port}" within 1s: context deadline exceeded` } : { ok: false, output: dialError(d) };
    return { ok: true, output: '' };
  }
  return { ok: true, output: '' };
}

function dialError(d: Extract<DialResult, { ok: false }>): string {
  if (d.error === 'timeout') return `dial tcp ${d.ip}:${d.port}: i/o timeout`;
  if (d.error === 'unreachable') return `dial tcp ${d.ip}:${d.port}: connect: no route to host`;
  return `dial tcp ${d.ip}:${d.port}: connect: connection refused`;
}
