/**
 * Per-kind server behaviour, as the apiserver's registry strategies: defaulting, validation,
 * what a create or update may change, field selectors. One module per kind under
 * src/api/kinds/, listed in src/api/kinds/index.ts.
 */
import type { AuthzAttributes, UserInfo } from './auth.js';
import type { FieldError } from './errors.js';
import type { ResourceInfo } from './registry.js';
import type { KObject, Stored } from './types.js';
import type { VirtualClock } from '../util/clock.js';
import type { Rng } from '../util/rng.js';

/** What strategies may consult: the clock, the seeded RNG, other objects (read-only). */
export interface StrategyContext {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly resource: ResourceInfo;
  /** Reads an object of another resource, e.g. the namespace or the service account. */
  get(resource: string, namespace: string, name: string): Stored | undefined;
  list(resource: string, namespace?: string): Stored[];
  /** API server settings taken from the kube-apiserver manifest's flags. */
  readonly config: ApiServerConfig;
  /** Allocators the service strategy uses. */
  readonly allocators: Allocators;
  /** The subresource being written ("status", "binding", ...), if any. */
  readonly subresource?: string;
  /** Who is writing (CSRs record their requestor). */
  readonly user?: UserInfo;
  /** Asks the apiserver's authorizer chain (admission plugins that check verbs, e.g. CSR approval). */
  authorize?(attrs: AuthzAttributes): boolean;
  /** Serves a new resource (a CustomResourceDefinition was established). */
  registerResource(info: ResourceInfo): void;
  /** Stops serving a resource and drops its objects (the CRD is gone). */
  unregisterResource(key: string): void;
}

export interface Allocators {
  /** A free ClusterIP from the service CIDR, or the requested one if free; throws FieldError[] text. */
  allocateClusterIP(requested?: string): string;
  releaseClusterIP(ip: string): void;
  allocateNodePort(requested?: number): number;
  releaseNodePort(port: number): void;
  isClusterIPInRange(ip: string): boolean;
}

export interface ApiServerConfig {
  serviceClusterIpRange: string;
  serviceNodePortRange: [number, number];
  authorizationModes: string[];
  admissionPlugins: string[];
  /** Namespaces created at start and never deletable. */
  immortalNamespaces: string[];
}

export const DEFAULT_API_SERVER_CONFIG: ApiServerConfig = {
  serviceClusterIpRange: '10.96.0.0/12',
  serviceNodePortRange: [30000, 32767],
  authorizationModes: ['Node', 'RBAC'],
  admissionPlugins: ['NodeRestriction'],
  immortalNamespaces: ['default', 'kube-system', 'kube-public'],
};

export interface KindStrategy {
  /** Does the object carry metadata.generation, bumped when its spec changes? */
  generation?: boolean;
  /** Does a /status subresource exist (so the main resource ignores status writes)? */
  statusSubresource?: boolean;
  /** Fills defaults in place on a private copy (create and update). */
  defaults?(obj: KObject, ctx: StrategyContext): void;
  /** Clears or sets what a create must not carry (e.g. status) on a private copy. */
  prepareForCreate?(obj: KObject, ctx: StrategyContext): void;
  /**
   * Carries over what an update must not change (e.g. status); called for the main resource
   * and for subresources other than status (ctx.subresource says which).
   */
  prepareForUpdate?(obj: KObject, old: Stored, ctx: StrategyContext): void;
  validate?(obj: KObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KObject, old: Stored, ctx: StrategyContext): FieldError[];
  /** Field selectors beyond metadata.name and metadata.namespace: label -> value getter. */
  fieldSelectors?: Record<string, (obj: KObject) => string>;
  /**
   * Claims what the write needs from shared pools (ClusterIPs, NodePorts) or registers what it
   * serves, once validation and admission accepted it and just before it is stored. May throw
   * an ApiError. On a dry run it must leave no trace (allocate and release again).
   */
  beforeStore?(obj: KObject, old: Stored | undefined, ctx: StrategyContext, dryRun: boolean): void;
  /** Called after the object left the store (release allocations). */
  afterDelete?(obj: Stored, ctx: StrategyContext): void;
}
