/**
 * Authorization decisions remembered by the request attributes an authorizer's rules look at:
 * verb, API group, resource, subresource (and the name only when some rule names resources), or
 * verb and path. Kept in nested maps, so a request that was decided before builds no key
 * string: every request is authorized, mostly the same few over again.
 */
import type { AuthzAttributes } from '../auth.js';

type Level = Map<string, unknown>;

export class DecisionMemo<T> {
  private resources: Level = new Map();
  private paths: Level = new Map();
  private size = 0;

  constructor(
    /** Does a rule name resources (then the request's name is part of what is remembered)? */
    private readonly withName: boolean,
    private readonly limit = 4096,
  ) {}

  /** The remembered decision for the attributes, or `decide(attrs)` remembered. */
  get(attrs: AuthzAttributes, decide: (attrs: AuthzAttributes) => T): T {
    let leaf: Level;
    let key: string;
    if (attrs.resourceRequest) {
      leaf = child(child(child(child(this.resources, attrs.verb), attrs.group ?? ''), attrs.resource ?? ''), attrs.subresource ?? '');
      key = this.withName ? (attrs.name ?? '') : '';
    } else {
      leaf = child(this.paths, attrs.verb);
      key = attrs.path ?? '';
    }
    let d = leaf.get(key) as T | undefined;
    if (d === undefined) {
      d = decide(attrs);
      if (this.size >= this.limit) {
        // Too many distinct requests (names, mostly): start over rather than grow without end.
        this.clear();
        return this.get(attrs, () => d!);
      }
      leaf.set(key, d);
      this.size++;
    }
    return d;
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
