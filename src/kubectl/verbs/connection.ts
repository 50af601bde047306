/** Connection failures of verbs that print something of their own before kubectl's message. */
import type { Invocation } from '../command.js';
import { KubectlError } from '../errors.js';
import { memcacheLine } from '../discovery-errors.js';

const REFUSED = /^The connection to the server (\S+) was refused/;

/** The host:port of a refused connection, or undefined for any other failure. */
export function refusedHost(e: unknown): string | undefined {
  return e instanceof KubectlError ? REFUSED.exec(e.message)?.[1] : undefined;
}

/** Writes `count` failed-discovery klog lines, as kubectl's discovery client logs them. */
export function writeDiscoveryFailures(inv: Invocation, hostPort: string, count: number): void {
  for (let i = 0; i < count; i++) inv.err.write(memcacheLine(inv.kctx.now(), 4000 + (inv.proc.argv.length % 997), hostPort) + '\n');
}
