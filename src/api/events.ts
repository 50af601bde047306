/**
 * Recording events as client-go's EventRecorder does: an identical event (same object,
 * reason, message and source) within ten minutes bumps count and lastTimestamp instead of
 * creating a new object, which is what makes `kubectl describe` print `(x4 over 2m)`.
 */
import type { ApiClient } from './client.js';
import type { KObject } from './types.js';
import { toRfc3339 } from '../util/clock.js';
import { AggregationCache } from './event-aggregation.js';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

const AGGREGATION_WINDOW_MS = 10 * 60 * 1000;
const AGGREGATION_CACHE_SIZE = 4096;
/** The recorder's events are built for the one write (nothing keeps them): no decoding copy. */
const OWNED = Object.freeze({ owned: true });

export class EventRecorder {
  /** The events that identical ones aggregate into, newest last (client-go's LRU of 4,096). */
  private readonly recent = new AggregationCache(AGGREGATION_CACHE_SIZE);
  /** The events' `source`, one frozen copy shared by all of them (the store freezes it anyway). */
  private readonly sourceField: EventSource;
  /** The apiserver's nanosecond clock for event names (shared by its recorders), once looked up. */
  private nanoClock?: NanoClock;

  constructor(
    private readonly client: ApiClient,
    private readonly source: EventSource,
  ) {
    this.sourceField = Object.freeze({ ...source });
  }

  record(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const namespace = obj.metadata.namespace || 'default';
    const now = this.client.api.clock.now();
    // The uid names the object (kind, namespace and name only matter for objects without one).
    const who = obj.metadata.uid || `${obj.kind}\u0000${namespace}\u0000${obj.metadata.name}`;
    const path = fieldPath ?? '';
    try {
      if (this.bump(who, path, reason, type, message, now)) return;
      const name = `${obj.metadata.name}.${this.uniqueSuffix(now)}`;
      const timestamp = toRfc3339(now);
      this.client.create('events', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: involvedObject(obj, fieldPath),
        reason,
        message,
        type,
        source: this.sourceField,
        firstTimestamp: timestamp,
        lastTimestamp: timestamp,
        count: 1,
        eventTime: null,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
      }, OWNED);
      this.recent.add(who, path, reason, type, message, namespace, name);
    } catch {
      // Events are best effort, as in client-go: a failed write never fails the caller.
    }
  }

  private bump(who: string, fieldPath: string, reason: string, type: EventType, message: string, now: number): boolean {
    const entry = this.recent.find(who, fieldPath, reason, type, message);
    if (!entry) return false;
    const existing = this.client.find('events', entry.namespace, entry.name);
    const last = existing ? Date.parse(String(existing['lastTimestamp'])) : NaN;
    if (!existing || now - last > AGGREGATION_WINDOW_MS) {
      this.recent.remove(entry);
      return false;
    }
    this.recent.touch(entry);
    this.client.patch('events', entry.namespace, entry.name, 'merge', {
      count: Number(existing['count'] ?? 1) + 1,
      lastTimestamp: toRfc3339(now),
    });
    return true;
  }

  /**
   * The hex nanosecond timestamp suffix Kubernetes event names carry. Events of one virtual
   * millisecond get increasing nanoseconds across every recorder of the apiserver, as a real
   * clock would give them: names then list (and describe prints same-second events) in the
   * order they happened, Scheduled before Pulling.
   */
  private uniqueSuffix(nowMs: number): string {
    const clock = (this.nanoClock ??= nanoClockOf(this.client.api));
    if (clock.ms !== nowMs) {
      // Where in the millisecond its first event falls: fixed per millisecond, not a round number.
      clock.ms = nowMs;
      clock.next = (nowMs * 7919) % 100_000;
    }
    return nanosHex(nowMs, Math.min(clock.next++, 999_999));
  }
}

const TWO_24 = 0x1000000;
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The last millisecond nanosHex split, and the last high part it wrote (most events share both). */
let splitMs = NaN;
let highBase = 0;
let lowBase = 0;
let lastHigh = NaN;
let lastHighHex = '';

/**
 * (ms * 1e6 + nanos).toString(16) without BigInt: the milliseconds split at 24 bits keep every
 * partial product below 2^53, and the low 24 bits are six hex digits.
 */
export function nanosHex(ms: number, nanos: number): string {
  if (ms !== splitMs) {
    splitMs = ms;
    highBase = Math.floor(ms / TWO_24) * 1_000_000;
    lowBase = (ms % TWO_24) * 1_000_000;
  }
  const low = lowBase + nanos;
  const high = highBase + Math.floor(low / TWO_24);
  if (high === 0) return low.toString(16);
  if (high !== lastHigh) {
    lastHigh = high;
    lastHighHex = high.toString(16);
  }
  const l = low % TWO_24;
  return lastHighHex + HEX2[l >>> 16]! + HEX2[(l >>> 8) & 255]! + HEX2[l & 255]!;
}

/**
 * The event's reference to its object (a literal, then fieldPath: cheaper to freeze than a
 * spread), frozen here as the store would: nothing on the way there changes it.
 */
function involvedObject(obj: KObject, fieldPath: string | undefined): Record<string, unknown> {
  const ref: Record<string, unknown> = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    namespace: obj.metadata.namespace,
    uid: obj.metadata.uid,
    resourceVersion: obj.metadata.resourceVersion,
  };
  if (fieldPath) ref['fieldPath'] = fieldPath;
  return Object.freeze(ref);
}

/** Per apiserver: the millisecond of the last event name and the next nanosecond in it. */
const NANO_CLOCKS = new WeakMap<object, NanoClock>();

interface NanoClock {
  ms: number;
  next: number;
}

function nanoClockOf(api: object): NanoClock {
  let clock = NANO_CLOCKS.get(api);
  if (!clock) NANO_CLOCKS.set(api, (clock = { ms: -1, next: 0 }));
  return clock;
}
