import { klogLine } from '../util/klog.js';

/**
 * What kubectl 1.33 prints before "The connection to the server ... was refused": its
 * discovery client retries the API group list and logs each failure through klog. How many
 * lines a verb prints depends on how often it needs discovery (measured against the real
 * binary with a closed port).
 */

const ATTEMPTS: Record<string, number> = {
  get: 5,
  'get-by-name': 4,
  'get-raw': 0,
  describe: 5,
  delete: 5,
  scale: 5,
  logs: 4,
  exec: 4,
  'cluster-info': 5,
  label: 5,
  annotate: 5,
  edit: 5,
  patch: 5,
  rollout: 4,
  set: 4,
  expose: 5,
  autoscale: 5,
  wait: 5,
  taint: 2,
  cordon: 4,
  uncordon: 4,
  drain: 4,
  certificate: 4,
  'create role': 2,
  explain: 2,
  run: 1,
  'api-resources': 1,
  'auth can-i': 2,
};

export function discoveryAttempts(verb: string): number {
  return ATTEMPTS[verb] ?? 0;
}

/** One klog line of the discovery client: `E0101 09:00:00.000000    4242 memcache.go:265] ...`. */
export function memcacheLine(now: number, pid: number, hostPort: string, scheme = 'https'): string {
  // With no server configured kubectl falls back to plain http on localhost:8080, dialled as 127.0.0.1.
  const fallback = hostPort === 'localhost:8080';
  const url = `${fallback ? 'http' : scheme}://${hostPort}/api?timeout=32s`;
  const dial = fallback ? '127.0.0.1:8080' : hostPort;
  const msg = `"Unhandled Error" err="couldn't get current server API group list: Get \\"${url}\\": dial tcp ${dial}: connect: connection refused"`;
  return klogLine('E', now, pid, 'memcache.go:265', msg).replace(/\n$/, '');
}

/** The discovery client's line for any other failure: `... API group list: <err>` (TLS, 401). */
export function memcacheErrorLine(now: number, pid: number, err: string): string {
  return klogLine('E', now, pid, 'memcache.go:265', `"Unhandled Error" err=${JSON.stringify(`couldn't get current server API group list: ${err}`)}`).replace(/\n$/, '');
}
