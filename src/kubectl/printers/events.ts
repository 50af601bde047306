/**
 * `kubectl events` (cmd/events): its own table, not the server's: LAST SEEN, TYPE, REASON,
 * OBJECT (kind/name), MESSAGE, with NAMESPACE first for -A; oldest first by the event's latest
 * time; "No events found in <ns> namespace." on stderr when nothing matches --types.
 */

import type { Event } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/types.js';
import { ageSince } from './duration.js';
import { goSort } from './gosort.js';
import { TabWriter } from './tabwriter.js';
import { coreEvent } from './table/columns/core.js';
import { escapeTerminal } from './table/printer.js';

export interface EventsOptions {
  noHeaders?: boolean;
  allNamespaces?: boolean;
  /** --types (Normal, Warning; case-insensitive). */
  types?: string[];
  namespace: string;
  now: number;
}

/** getInterval: "5m", or "2m (x4 over 10m)" for repeats and series. */
export function eventInterval(e: Event, now: number): string {
  const first = e.eventTime ? ageSince(e.eventTime, now) : ageSince(e.firstTimestamp, now);
  if (e.series) return `${ageSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${ageSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

function eventTime(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Filters by --types and sorts as kubectl events does. */
export function selectEvents(events: KObject[], types: string[] | undefined): Event[] {
  const wanted = (types ?? []).map((t) => t.toLowerCase());
  const list = events.map(coreEvent).filter((e) => wanted.length === 0 || wanted.includes((e.type ?? '').toLowerCase()));
  return goSort(list, (a, b) => eventTime(a) < eventTime(b));
}

export function printEvents(events: KObject[], opts: EventsOptions): { stdout: string; stderr: string } {
  const list = selectEvents(events, opts.types);
  if (list.length === 0) {
    return { stdout: '', stderr: opts.allNamespaces ? 'No events found.\n' : `No events found in ${opts.namespace} namespace.\n` };
  }
  let text = '';
  if (!opts.noHeaders) text += (opts.allNamespaces ? 'NAMESPACE\t' : '') + 'LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n';
  for (const e of list) {
    if (opts.allNamespaces) text += `${e.metadata?.namespace ?? ''}\t`;
    const obj = `${escapeTerminal(e.involvedObject?.kind ?? '')}/${escapeTerminal(e.involvedObject?.name ?? '')}`;
    text += `${eventInterval(e, opts.now)}\t${escapeTerminal(e.type ?? '')}\t${escapeTerminal(e.reason ?? '')}\t${obj}\t${escapeTerminal((e.message ?? '').trim())}\n`;
  }
  const w = TabWriter.forTables();
  w.write(text);
  w.flush();
  return { stdout: w.take(), stderr: '' };
}

/** EventsOptions.Validate: the message for a --types value other than Normal or Warning. */
export function validateEventTypes(types: string[] | undefined): string | undefined {
  for (const t of types ?? []) {
    if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') return 'valid --types are Normal or Warning';
  }
  return undefined;
}
