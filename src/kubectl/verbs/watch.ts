/**
 * Following changes the way `kubectl get -w`, `kubectl events -w` and `logs -f` do, on the
 * virtual clock: watch events of the store are collected while time moves one second at a
 * time, and handed over after each step. Headless, a watch ends after WATCH_LIMIT_SECONDS of
 * simulated time (or --request-timeout); in the terminal, Ctrl-C ends it.
 */
import { forbidden } from '../../api/errors.js';
import { forbiddenReason } from '../../api/auth.js';
import type { ResourceInfo } from '../../api/registry.js';
import type { WatchEvent } from '../../api/store.js';
import { flagString, parseRequestTimeout } from '../flags/index.js';
import type { Invocation } from '../command.js';
import { usageError } from '../errors.js';

export const WATCH_LIMIT_SECONDS = 300;

/** The watch verb must be allowed for the collection, as the apiserver checks it. */
export function authorizeWatch(inv: Invocation, info: ResourceInfo, namespace: string | undefined, name?: string): void {
  const client = inv.kctx.client();
  const attrs = { user: client.user, verb: 'watch', resourceRequest: true, group: info.group, resource: info.resource, namespace: info.namespaced ? namespace : undefined, name };
  if (!client.api.can(attrs)) throw forbidden(info, name ?? '', forbiddenReason(attrs));
}

/** How long this watch may run, in seconds: --request-timeout if set, else the headless limit. */
export function watchSeconds(inv: Invocation): number {
  const raw = inv.flags.values.has('request-timeout') ? flagString(inv.flags, 'request-timeout') : '0';
  let ms: number;
  try {
    ms = parseRequestTimeout(raw);
  } catch (e) {
    throw usageError((e as Error).message);
  }
  return ms > 0 ? Math.ceil(ms / 1000) : WATCH_LIMIT_SECONDS;
}

/** Calls `onEvents` with the events of each second of virtual time that match `filter`. */
export async function follow(inv: Invocation, filter: (e: WatchEvent) => boolean, onEvents: (events: WatchEvent[]) => void): Promise<void> {
  const store = inv.kctx.cluster().api.store;
  let queue: WatchEvent[] = [];
  const stop = store.watch((e) => {
    if (filter(e)) queue.push(e);
  });
  try {
    const limit = watchSeconds(inv);
    for (let t = 0; t < limit && !inv.proc.signal.aborted; t++) {
      await inv.proc.sleep(1);
      if (queue.length) {
        const batch = queue;
        queue = [];
        onEvents(batch);
      }
    }
  } finally {
    stop();
  }
}
