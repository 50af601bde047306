/**
 * Authorization decisions remembered by the request attributes an authorizer's rules look at:
 * verb, API group, resource and subresource, or verb and path. Kept in nested maps, so a
 * request decided before builds no key string: every request is authorized, mostly the same
 * few over again. The name is part of what is remembered only for requests where it matters
 * (some rule naming resources could allow them): a kubelet's or the scheduler's rules name a
 * few objects, and pods, events and bindings would otherwise be decided once per name.
 */
import type { AuthzAttributes } from '../auth.js';

type Level = Map<string, unknown>;

/** The decisions of a request whose name matters, by name. */
class ByName {
  readonly decisions = new Map<string, unknown>();
}

export class DecisionMemo<T> {
  private resources: Level = new Map();
  private paths: Level = new Map();
  private size = 0;

  constructor(
    /** Does the name matter to this resource request? Never asked when absent. */
    private readonly nameMatters?: (attrs: AuthzAttributes) => boolean,
    private readonly limit = 4096,
  ) {}

  /** The remembered decision for the attributes, or `decide(attrs)` remembered. */
  get(attrs: AuthzAttributes, decide: (attrs: AuthzAttributes) => T): T {
    let leaf: Level;
    let key: string;
    if (attrs.resourceRequest) {
      leaf = child(child(child(child(this.resources, attrs.verb), attrs.group ?? ''), attrs.resource ?? ''), attrs.subresource ?? '');
      key = '';
    } else {
      leaf = child(this.paths, attrs.verb);
      key = attrs.path ?? '';
    }
    let d = leaf.get(key);
    if (d === undefined) {
      if (this.full()) return this.get(attrs, decide);
      d = attrs.resourceRequest && this.nameMatters?.(attrs) ? new ByName() : decide(attrs);
      leaf.set(key, d);
      this.size++;
    }
    if (!(d instanceof ByName)) return d as T;
    const name = attrs.name ?? '';
    let byName = d.decisions.get(name) as T | undefined;
    if (byName === undefined) {
      if (this.full()) return this.get(attrs, decide);
      d.decisions.set(name, (byName = decide(attrs)));
      this.size++;
    }
    return byName;
  }

  /** Too many distinct requests (names, mostly): start over rather than grow without end. */
  private full(): boolean {
    if (this.size < this.limit) return false;
    this.clear();
    return true;
  }

  clear(): void {
    this.resources = new Map();
    this.paths = new Map();
    this.size = 0;
  }
}

function child(level: Level, key: string): Level {
  let next = level.get(key) as Level | undefined;
  if (!next) level.set(key, (next = new Map()));
  return next;
}
