/**
 * The event recorder's aggregation cache (client-go's EventCorrelator LRU): identical events
 * (same object, field path, reason, type and message) are counted on the event already written.
 */
import type { EventType } from './events.js';

/** An event that identical ones aggregate into: what makes it identical, and where it is stored. */
export interface Aggregate {
  readonly who: string;
  readonly fieldPath: string;
  readonly reason: string;
  readonly type: EventType;
  readonly message: string;
  readonly namespace: string;
  readonly name: string;
  /** Another aggregate of the same object and message (another reason, type or field path). */
  sameMessage: Aggregate | undefined;
  older: Aggregate | undefined;
  newer: Aggregate | undefined;
}

/**
 * client-go's aggregation LRU, found by object then message instead of by one joined key
 * string: each record would otherwise build and hash a long key, and most events are new.
 * Least recently used first in a linked list; beyond `capacity` the oldest goes.
 */
export class AggregationCache {
  private readonly byObject = new Map<string, Map<string, Aggregate>>();
  private oldest: Aggregate | undefined;
  private newest: Aggregate | undefined;
  private size = 0;

  constructor(private readonly capacity: number) {}

  find(who: string, fieldPath: string, reason: string, type: EventType, message: string): Aggregate | undefined {
    let e = this.byObject.get(who)?.get(message);
    while (e && (e.reason !== reason || e.type !== type || e.fieldPath !== fieldPath)) e = e.sameMessage;
    return e;
  }

  /** Adds the newest entry, replacing an identical one, and drops the oldest beyond capacity. */
  add(who: string, fieldPath: string, reason: string, type: EventType, message: string, namespace: string, name: string): void {
    const identical = this.find(who, fieldPath, reason, type, message);
    if (identical) this.remove(identical);
    let messages = this.byObject.get(who);
    if (!messages) this.byObject.set(who, (messages = new Map()));
    const entry: Aggregate = { who, fieldPath, reason, type, message, namespace, name, sameMessage: messages.get(message), older: this.newest, newer: undefined };
    messages.set(message, entry);
    this.link(entry);
    if (++this.size > this.capacity) this.remove(this.oldest!);
  }

  /** Makes an entry the most recently used. */
  touch(entry: Aggregate): void {
    if (entry === this.newest) return;
    this.unlink(entry);
    entry.older = this.newest;
    entry.newer = undefined;
    this.link(entry);
  }

  remove(entry: Aggregate): void {
    this.unlink(entry);
    this.size--;
    const messages = this.byObject.get(entry.who)!;
    const first = messages.get(entry.message)!;
    if (first !== entry) {
      let e = first;
      while (e.sameMessage !== entry) e = e.sameMessage!;
      e.sameMessage = entry.sameMessage;
    } else if (entry.sameMessage) messages.set(entry.message, entry.sameMessage);
    else if (messages.size > 1) messages.delete(entry.message);
    else this.byObject.delete(entry.who);
  }

  /** Links an entry whose `older` is the current newest as the newest. */
  private link(entry: Aggregate): void {
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private unlink(entry: Aggregate): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
  }
}
