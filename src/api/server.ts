/**
 * The simulated kube-apiserver: every read and write of every client goes through here.
 * A write runs the apiserver's pipeline: authorize, decode, prepare, default, mutating
 * admission, validate, validating admission, then store with uid, timestamps and
 * resourceVersion. Deletion honours grace periods, finalizers and propagation policy.
 */
import { authorizeChain, chainAllows, forbiddenReason, alwaysAllow, type Authorizer, type AuthzAttributes, type UserInfo } from './auth.js';
import { DEFAULT_ADMISSION_PLUGINS, type AdmissionPlugin, type AdmissionRequest, type Operation } from './admission.js';
import { ServiceAllocators } from './allocators.js';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  field,
  forbidden,
  invalid,
  notFound,
  STALE_OBJECT,
  type FieldError,
} from './errors.js';
import { matchesAll, parseSelector, SelectorParseError, selectorMatches, type LabelSelector } from './labels.js';
import { applyPatch, PatchError, type PatchType } from './patch.js';
import { apiVersionOf, ResourceRegistry, resourceKey, type ResourceInfo } from './registry.js';
import { Store } from './store.js';
import { DEFAULT_API_SERVER_CONFIG, type ApiServerConfig, type KindStrategy, type StrategyContext } from './strategy.js';
import { validateObjectMeta } from './validation/meta.js';
import { clone, jsonEqual, type KObject, type Stored } from './types.js';
import { shallowCopy } from './shallow.js';
import { K8S_ALPHABET, Rng } from '../util/rng.js';
import type { VirtualClock } from '../util/clock.js';
import { parseFieldSelector, type FieldRequirement } from './fieldselector.js';
import { RbacResolver } from './authz/rbac/resolver.js';
import { checkRbacEscalation, type EscalationDeps } from './authz/rbac/escalation.js';
import { accessReview, rulesReview } from './authz/reviews.js';
import { createTokenRequest, selfSubjectReview, tokenReview, type TokenIssuer } from './authn/token-request.js';
import type { AuthnOutcome } from './authn/authenticator.js';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  /**
   * In-process callers only: the body was built for this one request and the caller keeps no
   * reference to it, so the server may take it as its decoded copy instead of copying it.
   */
  owned?: boolean;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface DeleteOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListResult {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: Stored[];
}

/** What the apiserver asks of kubelets (logs, exec): filled in by the cluster, as the apiserver dials node:10250. */
export interface NodeProxy {
  containerLogs(pod: Stored, container: string, opts: LogOptions): { ok: true; lines: PodLogLine[] } | { ok: false; message: string; reason?: 'BadRequest' | '' };
  /** Runs a command in a container to completion. */
  exec?(pod: Stored, req: ExecRequest): ExecOutcome;
  /** Opens an interactive shell in a container (kubectl exec -it ... -- sh). */
  execStream?(pod: Stored, req: ExecRequest): ExecStream | Extract<ExecOutcome, { ok: false }>;
}

export interface ExecRequest {
  container: string;
  command: string[];
  stdin?: string;
}

/**
 * How an exec ended: the command's output and status, or a failure the client words itself:
 * 'upgrade' (the kubelet refused the stream: "unable to upgrade connection: ..."), 'internal'
 * (the runtime could not start the command), 'dial' (the kubelet does not answer).
 */
export type ExecOutcome = { ok: true; stdout: string; stderr: string; exitCode: number; elapsedMs: number } | { ok: false; kind: 'upgrade' | 'internal' | 'dial'; message: string };

/** An interactive exec: one shell in the container kept across lines. */
export interface ExecStream {
  prompt(): string;
  /** Runs a line at the current time; `exited` is set when the shell ended. */
  run(line: string): { stdout: string; stderr: string; exited?: number; elapsedMs: number };
}

/** A log line from the kubelet; `timestamp` is its RFC3339Nano stamp, as `--timestamps` prints it. */
export interface PodLogLine {
  at: number;
  line: string;
  timestamp?: string;
}

export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
}

export interface ApiServerDeps {
  clock: VirtualClock;
  rng: Rng;
  store?: Store;
  registry?: ResourceRegistry;
  config?: Partial<ApiServerConfig>;
  strategies?: Record<string, KindStrategy>;
  admission?: Record<string, AdmissionPlugin>;
  authorizers?: Authorizer[];
}

const DEFAULT_GRACE_SECONDS = 30;

export class ApiServer {
  store: Store;
  readonly registry: ResourceRegistry;
  readonly clock: VirtualClock;
  readonly config: ApiServerConfig;
  allocators: ServiceAllocators;
  authorizers: Authorizer[];
  nodeProxy?: NodeProxy;
  /** Signs TokenRequest tokens (--service-account-signing-key-file); without it the subresource 404s. */
  tokenIssuer?: TokenIssuer;
  /** The token authenticators, for TokenReview (filled in when the apiserver process starts). */
  tokenAuthenticator?: (token: string) => AuthnOutcome;
  /** RBAC's rule resolution (with its cache), shared by the RBAC authorizer and escalation checks. */
  readonly rbac: RbacResolver;
  private readonly rng: Rng;
  private readonly strategies: Record<string, KindStrategy>;
  private readonly admissionTable: Record<string, AdmissionPlugin>;

  constructor(deps: ApiServerDeps) {
    this.clock = deps.clock;
    this.rng = deps.rng;
    this.store = deps.store ?? new Store();
    this.registry = deps.registry ?? new ResourceRegistry();
    this.config = { ...DEFAULT_API_SERVER_CONFIG, ...deps.config };
    this.strategies = deps.strategies ?? {};
    this.admissionTable = deps.admission ?? {};
    this.authorizers = deps.authorizers ?? [alwaysAllow];
    this.rbac = new RbacResolver(() => this.store);
    this.allocators = new ServiceAllocators(this.config.serviceClusterIpRange, this.config.serviceNodePortRange, this.rng.fork('allocators'));
  }

  // ---- resolution and context ----------------------------------------------------------

  /** The resource for a store key ("pods", "deployments.apps"), or a 404 as the apiserver says it. */
  resource(key: string): ResourceInfo {
    const info = this.registry.byResourceKey(key);
    if (!info) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    return info;
  }

  strategyFor(info: ResourceInfo): KindStrategy {
    return this.strategies[resourceKey(info)] ?? this.strategies['*'] ?? {};
  }

  /** The context's functions, made once: every write asks for a context. */
  private readonly contextFns: Pick<StrategyContext, 'get' | 'list' | 'authorize' | 'registerResource' | 'unregisterResource'> = {
    get: (r, ns, n) => this.store.get(r, ns, n),
    list: (r, ns) => this.store.list(r, ns),
    authorize: (attrs) => this.can(attrs),
    registerResource: (r) => this.registry.add(r),
    unregisterResource: (key) => this.unregisterResource(key),
  };

  context(info: ResourceInfo, subresource?: string, user?: UserInfo): StrategyContext {
    const f = this.contextFns;
    return {
      user,
      clock: this.clock,
      rng: this.rng,
      resource: info,
      config: this.config,
      allocators: this.allocators,
      subresource,
      get: f.get,
      list: f.list,
      authorize: f.authorize,
      registerResource: f.registerResource,
      unregisterResource: f.unregisterResource,
    };
  }

  /** Stops serving a resource and drops its objects, as CRD deletion does. */
  private unregisterResource(key: string): void {
    for (const o of this.store.list(key)) this.store.delete(key, o.metadata.namespace ?? '', o.metadata.name);
    this.registry.remove(key);
  }

  private admissionCache?: { flags: readonly string[]; mutate: AdmissionPlugin[]; validate: AdmissionPlugin[] };

  /**
   * The enabled plugins that have the phase, recomputed only when the apiserver's flags change
   * (a restart with new flags brings a new list).
   */
  private admissionPlugins(phase: 'mutate' | 'validate'): AdmissionPlugin[] {
    const flags = this.config.admissionPlugins;
    if (this.admissionCache?.flags !== flags) {
      const enabled = new Set([...DEFAULT_ADMISSION_PLUGINS, ...flags]);
      const plugins = Object.values(this.admissionTable).filter((p) => enabled.has(p.name));
      this.admissionCache = { flags, mutate: plugins.filter((p) => p.mutate), validate: plugins.filter((p) => p.validate) };
    }
    return this.admissionCache[phase];
  }

  private authorize(user: UserInfo, verb: string, info: ResourceInfo, namespace: string, name: string, subresource?: string, fieldSelector?: string): void {
    const attrs: AuthzAttributes = {
      user,
      verb,
      resourceRequest: true,
      group: info.group,
      resource: info.resource,
      subresource,
      namespace: info.namespaced ? namespace || undefined : undefined,
      name: name || undefined,
      fieldSelector,
    };
    if (chainAllows(this.authorizers, attrs)) return;
    // Denied: asked again for the reasons (authorizers decide the same on the same state).
    const { reason } = authorizeChain(this.authorizers, attrs);
    // The authorizers' reasons follow the sentence, as responsewriters.ForbiddenStatusError adds them.
    throw forbidden(info, name, reason ? `${forbiddenReason(attrs)}: ${reason}` : forbiddenReason(attrs));
  }

  /** Authorizes a request made on behalf of an authenticated user (e.g. SelfSubjectAccessReview). */
  can(attrs: AuthzAttributes): boolean {
    return chainAllows(this.authorizers, attrs);
  }

  // ---- reads ---------------------------------------------------------------------------

  get(user: UserInfo, key: string, namespace: string, name: string, subresource?: string): Stored {
    const info = this.resource(key);
    this.authorize(user, 'get', info, namespace, name, subresource);
    const obj = this.store.get(key, info.namespaced ? namespace : '', name);
    if (!obj) throw notFound(info, name);
    return obj;
  }

  /** List in a namespace, or in all when namespace is undefined (or for cluster-scoped kinds). */
  list(user: UserInfo, key: string, namespace: string | undefined, opts: ListOptions = {}): ListResult {
    const info = this.resource(key);
    this.authorize(user, 'list', info, namespace ?? '', '', undefined, opts.fieldSelector);
    const labelReqs = this.parseLabelSelector(info, opts);
    const fieldReqs = this.parseFieldSelector(info, opts);
    const all = this.store.list(key, info.namespaced ? namespace : undefined);
    const items = all.filter((o) => (!labelReqs || matchesAll(o.metadata.labels, labelReqs)) && (!fieldReqs || this.fieldsMatch(info, o, fieldReqs)));
    return { apiVersion: apiVersionOf(info), kind: `${info.kind}List`, metadata: { resourceVersion: String(this.store.revision) }, items };
  }

  private parseLabelSelector(info: ResourceInfo, opts: ListOptions) {
    if (!opts.labelSelector) return undefined;
    try {
      return parseSelector(opts.labelSelector);
    } catch (e) {
      if (e instanceof SelectorParseError) throw badRequest(`unable to parse requirement: ${e.message.replace(/^unable to parse requirement: /, '')}`);
      throw e;
    }
  }

  private parseFieldSelector(info: ResourceInfo, opts: ListOptions): FieldRequirement[] | undefined {
    if (!opts.fieldSelector) return undefined;
    const reqs = parseFieldSelector(opts.fieldSelector);
    const supported = this.strategyFor(info).fieldSelectors ?? {};
    for (const r of reqs) {
      if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace' && !(r.field in supported)) {
        throw badRequest(
          `Unable to find "${info.group}/${info.version}, Resource=${info.resource}" that match label selector "${opts.labelSelector ?? ''}", field selector "${opts.fieldSelector}": field label not supported: ${r.field}`,
        );
      }
    }
    return reqs;
  }

  private fieldsMatch(info: ResourceInfo, obj: Stored, reqs: FieldRequirement[]): boolean {
    const getters = this.strategyFor(info).fieldSelectors ?? {};
    for (const r of reqs) {
      const value =
        r.field === 'metadata.name' ? obj.metadata.name : r.field === 'metadata.namespace' ? (obj.metadata.namespace ?? '') : getters[r.field]!(obj);
      if ((value === r.value) !== (r.op === '=')) return false;
    }
    return true;
  }

  // ---- create --------------------------------------------------------------------------

  create(user: UserInfo, key: string, namespace: string, input: KObject, opts: WriteOptions = {}): Stored {
    const info = this.resource(key);
    const ns = info.namespaced ? namespace || input.metadata?.namespace || 'default' : '';
    const obj = this.decode(info, input, ns, opts.owned);
    const name = obj.metadata.name ?? '';
    this.authorize(user, 'create', info, ns, name);
    const review = this.answerReview(user, resourceKey(info), ns, obj);
    if (review) return review;
    if (!name && !obj.metadata.generateName) {
      throw invalid(info, '', [field.required('metadata.name', 'name or generateName is required')]);
    }
    const ctx = this.context(info, undefined, user);
    const strategy = this.strategyFor(info);
    this.prepareCreate(obj, info, strategy);
    // As the apiserver: defaults on decode, mutating admission, PrepareForCreate, validation,
    // validating admission; defaults again as a read from storage would apply them.
    strategy.defaults?.(obj, ctx);
    // One request for every phase, unless a step renames the object (each phase sees the name then).
    let req: AdmissionRequest = { operation: 'CREATE', resource: info, namespace: ns, name: obj.metadata.name!, object: obj, user, dryRun: !!opts.dryRun };
    this.admit(req, 'mutate', ctx);
    req = named(req, obj);
    this.checkEscalation(req);
    strategy.prepareForCreate?.(obj, ctx);
    strategy.defaults?.(obj, ctx);
    this.validateOrThrow(info, obj, validateObjectMeta(obj, info), strategy.validate?.(obj, ctx));
    this.admit(named(req, obj), 'validate', ctx);
    if (this.store.get(key, ns, obj.metadata.name!)) throw alreadyExists(info, obj.metadata.name!);
    strategy.beforeStore?.(obj, undefined, ctx, !!opts.dryRun);
    if (opts.dryRun) return obj as Stored;
    return this.store.create(key, obj);
  }

  private decode(info: ResourceInfo, input: KObject, ns: string, owned = false): KObject {
    if (!input || typeof input !== 'object') throw badRequest('the body of the request was in an unknown format');
    const obj = owned && !Object.isFrozen(input) ? input : clone(input);
    obj.apiVersion ||= apiVersionOf(info);
    obj.kind ||= info.kind;
    if (obj.kind !== info.kind) throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(info)})`);
    // An owned body's own unfrozen metadata is the server's already (an event's); a stored one is copied.
    const meta = obj.metadata;
    obj.metadata = owned && meta && obj === input && !Object.isFrozen(meta) ? meta : shallowCopy(meta ?? {});
    if (info.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = ns;
    } else {
      delete obj.metadata.namespace;
    }
    return obj;
  }

  private prepareCreate(obj: KObject, info: ResourceInfo, strategy: KindStrategy): void {
    const m = obj.metadata;
    if (!m.name && m.generateName) m.name = m.generateName + this.rng.string(5, K8S_ALPHABET);
    m.uid = this.rng.uuid();
    m.creationTimestamp = this.clock.iso();
    // `in` first: deleting an absent property costs far more than asking for it, on every write.
    if ('resourceVersion' in m) delete m.resourceVersion;
    if ('deletionTimestamp' in m) delete m.deletionTimestamp;
    if ('deletionGracePeriodSeconds' in m) delete m.deletionGracePeriodSeconds;
    if (strategy.generation) m.generation = 1;
    else if ('generation' in m) delete m.generation;
    if (strategy.statusSubresource && info.resource !== 'pods') delete obj['status'];
  }

  // ---- update --------------------------------------------------------------------------

  /** PUT of the main resource or of a subresource ("status", "scale", "approval", "finalize"). */
  update(user: UserInfo, key: string, namespace: string, input: KObject, opts: WriteOptions & { subresource?: string } = {}): Stored {
    const info = this.resource(key);
    const ns = info.namespaced ? namespace || input.metadata?.namespace || 'default' : '';
    const name = input?.metadata?.name ?? '';
    this.authorize(user, 'update', info, ns, name, opts.subresource);
    const old = this.store.get(key, ns, name);
    if (!old) throw notFound(info, name);
    // A status write takes only the status (and the metadata that names it) from its body.
    const body = opts.subresource === 'status' && input && typeof input === 'object' ? ({ apiVersion: input.apiVersion, kind: input.kind, metadata: input.metadata, status: input['status'] } as KObject) : input;
    const obj = this.decode(info, body, ns, opts.owned);
    return this.applyUpdate(user, info, old, obj, opts);
  }

  private applyUpdate(user: UserInfo, info: ResourceInfo, old: Stored, obj: KObject, opts: WriteOptions & { subresource?: string }): Stored {
    const key = resourceKey(info);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(info, old.metadata.name, STALE_OBJECT);
    const ctx = this.context(info, opts.subresource, user);
    const strategy = this.strategyFor(info);
    this.carryOverImmutableMeta(obj, old);
    // Defaulting applies to the request body, as decoding does (a status write's body defaults
    // its status; the stored rest was defaulted when it was written).
    strategy.defaults?.(obj, ctx);
    const statusWrite = opts.subresource === 'status';
    if (statusWrite) {
      // Status writes change status only (metadata labels and annotations are ignored too):
      // the rest is the stored object's own frozen parts, shared rather than copied.
      const status = obj['status'];
      obj = shallowCopy(old as KObject);
      obj.metadata = shallowCopy(old.metadata);
      obj['status'] = status;
    } else if (!opts.subresource && strategy.statusSubresource) {
      obj['status'] = old['status'] === undefined ? undefined : clone(old['status']);
      if (obj['status'] === undefined) delete obj['status'];
      strategy.prepareForUpdate?.(obj, old, ctx);
    } else {
      strategy.prepareForUpdate?.(obj, old, ctx);
    }
    const req: AdmissionRequest = { operation: 'UPDATE', resource: info, subresource: opts.subresource, namespace: old.metadata.namespace ?? '', name: old.metadata.name, object: obj, old, user, dryRun: !!opts.dryRun };
    this.admit(req, 'mutate', ctx);
    this.checkEscalation(req);
    if (!statusWrite) strategy.defaults?.(obj, ctx);
    if (strategy.generation && !opts.subresource && specChanged(obj, old)) obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
    this.validateOrThrow(info, obj, validateObjectMeta(obj, info), strategy.validateUpdate?.(obj, old, ctx) ?? strategy.validate?.(obj, ctx));
    this.admit(req, 'validate', ctx);
    const same = statusWrite ? shareUnchanged(obj, old) : unchanged(obj, old);
    if (!same) strategy.beforeStore?.(obj, old, ctx, !!opts.dryRun);
    if (opts.dryRun) return obj as Stored;
    // beforeStore may have put back what the write removed (an allocated address); without one, `same` stands.
    if (same || (strategy.beforeStore && unchanged(obj, old))) return old;
    const stored = this.store.update(key, obj);
    return this.finishIfFinalized(info, stored);
  }

  private carryOverImmutableMeta(obj: KObject, old: Stored): void {
    const m = obj.metadata;
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    m.resourceVersion = old.metadata.resourceVersion;
    if (old.metadata.generation !== undefined) m.generation = old.metadata.generation;
    if (old.metadata.deletionTimestamp) {
      m.deletionTimestamp = old.metadata.deletionTimestamp;
      m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      if ('deletionTimestamp' in m) delete m.deletionTimestamp;
      if ('deletionGracePeriodSeconds' in m) delete m.deletionGracePeriodSeconds;
    }
  }

  /** An object marked for deletion leaves the store once its last finalizer is gone. */
  private finishIfFinalized(info: ResourceInfo, obj: Stored): Stored {
    if (!obj.metadata.deletionTimestamp || (obj.metadata.finalizers?.length ?? 0) > 0) return obj;
    // The kubelet confirms a graceful pod deletion; one already at grace 0 goes with its last finalizer.
    if (info.resource === 'pods' && (obj.metadata.deletionGracePeriodSeconds ?? 0) !== 0) return obj;
    if (info.resource === 'namespaces' && ((obj['spec'] as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) > 0) return obj;
    return this.removeFromStore(info, obj);
  }

  // ---- patch ---------------------------------------------------------------------------

  patch(user: UserInfo, key: string, namespace: string, name: string, type: PatchType, patch: unknown, opts: WriteOptions & { subresource?: string } = {}): Stored {
    const info = this.resource(key);
    const ns = info.namespaced ? namespace || 'default' : '';
    this.authorize(user, 'patch', info, ns, name, opts.subresource);
    const old = this.store.get(key, ns, name);
    if (!old) throw notFound(info, name);
    let patched: unknown;
    try {
      patched = applyPatch(type, old, patch);
    } catch (e) {
      if (e instanceof PatchError) throw badRequest(e.message);
      throw e;
    }
    const obj = patched as KObject;
    if (!obj || typeof obj !== 'object' || !obj.metadata) throw badRequest('the patch removed the object metadata');
    if (obj.metadata.name !== old.metadata.name) throw badRequest('the name of the object (' + String(obj.metadata.name) + ') does not match the name on the URL (' + name + ')');
    const rv = (patch as KObject | undefined)?.metadata?.resourceVersion;
    obj.metadata = { ...obj.metadata, resourceVersion: rv ?? old.metadata.resourceVersion };
    return this.applyUpdate(user, info, old, this.decode(info, obj, ns), opts);
  }

  // ---- delete --------------------------------------------------------------------------

  delete(user: UserInfo, key: string, namespace: string, name: string, opts: DeleteOptions = {}): Stored {
    const info = this.resource(key);
    const ns = info.namespaced ? namespace || 'default' : '';
    this.authorize(user, 'delete', info, ns, name);
    const obj = this.store.get(key, ns, name);
    if (!obj) throw notFound(info, name);
    this.checkPreconditions(info, obj, opts);
    const ctx = this.context(info);
    this.admit({ operation: 'DELETE', resource: info, namespace: ns, name, old: obj, user, dryRun: !!opts.dryRun }, 'validate', ctx);
    if (opts.dryRun) return obj;
    return this.deleteObject(info, obj, opts);
  }

  private checkPreconditions(info: ResourceInfo, obj: Stored, opts: DeleteOptions): void {
    const p = opts.preconditions;
    if (p?.uid && p.uid !== obj.metadata.uid) {
      throw conflict(info, obj.metadata.name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid}`);
    }
    if (p?.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
      throw conflict(info, obj.metadata.name, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`);
    }
  }

  private deleteObject(info: ResourceInfo, obj: Stored, opts: DeleteOptions): Stored {
    const key = resourceKey(info);
    const finalizers = [...(obj.metadata.finalizers ?? [])];
    const policy = opts.propagationPolicy ?? 'Background';
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const grace = this.gracePeriod(info, obj, opts);

    if (obj.metadata.deletionTimestamp) {
      // Already terminating: a pod's grace period may only be shortened; grace 0 finishes it.
      if (info.resource === 'pods' && grace === 0 && finalizers.length === 0) return this.removeFromStore(info, obj);
      // A namespace whose content is gone and whose finalizers are empty goes on the next DELETE.
      if (info.resource === 'namespaces' && finalizers.length === 0 && !((obj['spec'] as { finalizers?: string[] } | undefined)?.finalizers?.length)) return this.removeFromStore(info, obj);
      if (finalizers.length !== (obj.metadata.finalizers?.length ?? 0)) return this.store.update(key, { ...obj, metadata: { ...obj.metadata, finalizers } });
      return obj;
    }
    const namespaceFinalizing = info.resource === 'namespaces';
    if (finalizers.length === 0 && grace === 0 && !namespaceFinalizing) return this.removeFromStore(info, obj);

    const marked: KObject = shallowCopy(obj as KObject);
    marked.metadata = shallowCopy(obj.metadata);
    marked.metadata.deletionTimestamp = new Date(this.clock.now() + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    marked.metadata.deletionGracePeriodSeconds = grace;
    if (finalizers.length) marked.metadata.finalizers = finalizers;
    if (namespaceFinalizing) marked['status'] = { ...(marked['status'] as object), phase: 'Terminating' };
    return this.store.update(key, marked);
  }

  /** Pods terminate gracefully once scheduled; everything else goes at once unless finalized. */
  private gracePeriod(info: ResourceInfo, obj: Stored, opts: DeleteOptions): number {
    if (info.resource !== 'pods') return 0;
    const spec = obj['spec'] as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    if (!spec?.nodeName) return 0;
    const phase = (obj['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    const g = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
    return Math.max(0, g);
  }

  private removeFromStore(info: ResourceInfo, obj: Stored): Stored {
    const gone = this.store.delete(resourceKey(info), obj.metadata.namespace ?? '', obj.metadata.name) ?? obj;
    this.strategyFor(info).afterDelete?.(gone, this.context(info));
    return gone;
  }

  /** DELETE on a collection (kubectl delete --all / -l): deletes each match in turn. */
  deleteCollection(user: UserInfo, key: string, namespace: string | undefined, list: ListOptions, opts: DeleteOptions = {}): Stored[] {
    const info = this.resource(key);
    this.authorize(user, 'deletecollection', info, namespace ?? '', '');
    return this.list(user, key, namespace, list).items.map((o) => this.deleteObject(info, o, opts));
  }

  // ---- subresources --------------------------------------------------------------------

  /** POST pods/binding: assigns a pending pod to a node, as the scheduler does. */
  bind(user: UserInfo, namespace: string, podName: string, nodeName: string): Stored {
    const info = this.resource('pods');
    this.authorize(user, 'create', info, namespace, podName, 'binding');
    const pod = this.store.get('pods', namespace, podName);
    if (!pod) throw notFound(info, podName);
    const spec = pod['spec'] as { nodeName?: string };
    const binding = { group: '', resource: 'pods/binding' };
    if (pod.metadata.deletionTimestamp) throw conflict(binding, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
    if (spec.nodeName) throw conflict(binding, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
    // Only spec.nodeName and the PodScheduled condition change: the rest stays the stored (frozen) parts.
    type Condition = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string; reason?: string; message?: string };
    const status = (pod['status'] ?? {}) as { conditions?: Condition[] };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.iso() });
    const next: KObject = shallowCopy(pod as KObject);
    const nextSpec = shallowCopy(pod['spec'] as { nodeName?: string });
    nextSpec.nodeName = nodeName;
    const nextStatus = shallowCopy(status);
    nextStatus.conditions = conditions;
    next['spec'] = nextSpec;
    next['status'] = nextStatus;
    return this.store.update('pods', next);
  }

  /**
   * POST pods/eviction (policy/v1 Eviction): deletes the pod unless that would break its
   * PodDisruptionBudget, which answers 429 as the eviction REST handler does. Minimal: the
   * budget's allowed disruptions are computed from the matching pods at the time of the call
   * (ready and not terminating ones count as healthy) instead of the disruption controller's
   * status; a pod that is not ready may always go; more than one budget is a 500.
   */
  evict(user: UserInfo, namespace: string, podName: string, opts: { gracePeriodSeconds?: number; dryRun?: boolean } = {}): void {
    const info = this.resource('pods');
    this.authorize(user, 'create', info, namespace, podName, 'eviction');
    const pod = this.store.get('pods', namespace, podName);
    if (!pod) throw notFound(info, podName);
    if (!pod.metadata.deletionTimestamp && isPodReady(pod)) {
      const budgets = this.store.list('poddisruptionbudgets.policy', namespace).filter((b) => selectorMatchesPod(b, pod));
      if (budgets.length > 1) throw new ApiError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
      const budget = budgets[0];
      if (budget && this.allowedDisruptions(budget, namespace) <= 0) {
        const name = budget.metadata.name;
        throw new ApiError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
          causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${name} needs ${this.desiredHealthy(budget, namespace)} healthy pods and has ${this.healthyPods(budget, namespace)} currently` }],
        });
      }
    }
    this.delete(user, 'pods', namespace, podName, { gracePeriodSeconds: opts.gracePeriodSeconds, dryRun: opts.dryRun });
  }

  private budgetPods(budget: Stored, namespace: string): Stored[] {
    return this.store.list('pods', namespace).filter((p) => selectorMatchesPod(budget, p));
  }

  private healthyPods(budget: Stored, namespace: string): number {
    return this.budgetPods(budget, namespace).filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
  }

  private desiredHealthy(budget: Stored, namespace: string): number {
    const spec = (budget['spec'] ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string };
    const expected = this.budgetPods(budget, namespace).filter((p) => !p.metadata.deletionTimestamp).length;
    const value = (v: number | string, roundUp: boolean) => (typeof v === 'number' ? v : (roundUp ? Math.ceil : Math.floor)((parseInt(v, 10) * expected) / 100));
    if (spec.minAvailable !== undefined) return value(spec.minAvailable, true);
    if (spec.maxUnavailable !== undefined) return Math.max(0, expected - value(spec.maxUnavailable, true));
    return 0;
  }

  private allowedDisruptions(budget: Stored, namespace: string): number {
    return this.healthyPods(budget, namespace) - this.desiredHealthy(budget, namespace);
  }

  /** GET pods/log: a container's log through its node's kubelet. */
  podLogs(user: UserInfo, namespace: string, podName: string, container: string, opts: LogOptions = {}): PodLogLine[] {
    const info = this.resource('pods');
    this.authorize(user, 'get', info, namespace, podName, 'log');
    const pod = this.store.get('pods', namespace, podName);
    if (!pod) throw notFound(info, podName);
    const spec = pod['spec'] as { containers?: { name: string }[]; initContainers?: { name: string }[]; nodeName?: string };
    const names = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name);
    if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${podName}`);
    if (!spec.nodeName || !this.nodeProxy) throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
    const r = this.nodeProxy.containerLogs(pod, container, opts);
    if (!r.ok) throw r.reason === '' ? new ApiError(500, '', r.message) : badRequest(r.message);
    return r.lines;
  }

  /**
   * POST pods/exec: checks the caller may exec (create, or get as a websocket upgrade is), that
   * the pod runs on a node, then asks that node's kubelet. Kubelet-side failures come back as
   * outcomes for the client to word; apiserver-side ones are thrown.
   */
  podExec(user: UserInfo, namespace: string, podName: string, req: ExecRequest): ExecOutcome {
    const pod = this.execTarget(user, namespace, podName);
    if (!this.nodeProxy?.exec) return { ok: false, kind: 'dial', message: 'error dialing backend: no kubelet' };
    return this.nodeProxy.exec(pod, req);
  }

  /** pods/exec with stdin and a TTY kept open: an interactive shell. */
  podExecStream(user: UserInfo, namespace: string, podName: string, req: ExecRequest): ExecStream | Extract<ExecOutcome, { ok: false }> {
    const pod = this.execTarget(user, namespace, podName);
    if (!this.nodeProxy?.execStream) return { ok: false, kind: 'dial', message: 'error dialing backend: no kubelet' };
    return this.nodeProxy.execStream(pod, req);
  }

  private execTarget(user: UserInfo, namespace: string, podName: string): Stored {
    const info = this.resource('pods');
    const attrs = (verb: string) => ({ user, verb, resourceRequest: true, group: '', resource: 'pods', subresource: 'exec', namespace, name: podName });
    if (!this.can(attrs('create')) && !this.can(attrs('get'))) throw forbidden(info, podName, forbiddenReason(attrs('create')));
    const pod = this.store.get('pods', namespace, podName);
    if (!pod) throw notFound(info, podName);
    if (!(pod['spec'] as { nodeName?: string }).nodeName) throw badRequest(`pod ${podName} does not have a host assigned`);
    return pod;
  }

  // ---- authentication and authorization APIs (never stored) --------------------------------

  /** The review kinds: answered from the authorizers and authenticators, not written to etcd. */
  private answerReview(user: UserInfo, key: string, namespace: string, obj: KObject): Stored | undefined {
    switch (key) {
      case 'selfsubjectaccessreviews.authorization.k8s.io':
        return accessReview(this.authorizers, user, 'SelfSubjectAccessReview', obj) as Stored;
      case 'subjectaccessreviews.authorization.k8s.io':
        return accessReview(this.authorizers, user, 'SubjectAccessReview', obj) as Stored;
      case 'localsubjectaccessreviews.authorization.k8s.io':
        return accessReview(this.authorizers, user, 'LocalSubjectAccessReview', obj, namespace) as Stored;
      case 'selfsubjectrulesreviews.authorization.k8s.io':
        return rulesReview(this.authorizers, user, obj) as Stored;
      case 'selfsubjectreviews.authentication.k8s.io':
        return selfSubjectReview(user) as Stored;
      case 'tokenreviews.authentication.k8s.io':
        return tokenReview(obj, this.tokenAuthenticator) as Stored;
      default:
        return undefined;
    }
  }

  /** POST selfsubjectaccessreviews (`kubectl auth can-i`): spec.resourceAttributes or spec.nonResourceAttributes. */
  selfSubjectAccessReview(user: UserInfo, spec: Record<string, unknown>): Stored {
    return this.create(user, 'selfsubjectaccessreviews.authorization.k8s.io', '', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec });
  }

  /** POST subjectaccessreviews: may spec.user (with spec.groups) do it? */
  subjectAccessReview(user: UserInfo, spec: Record<string, unknown>): Stored {
    return this.create(user, 'subjectaccessreviews.authorization.k8s.io', '', { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: {}, spec });
  }

  localSubjectAccessReview(user: UserInfo, namespace: string, spec: Record<string, unknown>): Stored {
    return this.create(user, 'localsubjectaccessreviews.authorization.k8s.io', namespace, { apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: { namespace }, spec });
  }

  /** POST selfsubjectrulesreviews (`kubectl auth can-i --list`). */
  selfSubjectRulesReview(user: UserInfo, namespace: string): Stored {
    return this.create(user, 'selfsubjectrulesreviews.authorization.k8s.io', '', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: { namespace } });
  }

  /** POST selfsubjectreviews (`kubectl auth whoami`). */
  selfSubjectReview(user: UserInfo): Stored {
    return this.create(user, 'selfsubjectreviews.authentication.k8s.io', '', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} });
  }

  /** POST serviceaccounts/<name>/token (`kubectl create token`): a bound token in status.token. */
  createToken(user: UserInfo, namespace: string, serviceAccount: string, spec: Record<string, unknown> = {}): Stored {
    const info = this.resource('serviceaccounts');
    this.authorize(user, 'create', info, namespace, serviceAccount, 'token');
    if (!this.tokenIssuer) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec } as KObject;
    return createTokenRequest({ store: this.store, nowMs: this.clock.now(), uuid: () => this.rng.uuid(), issuer: this.tokenIssuer }, namespace, serviceAccount, body) as Stored;
  }

  /** RBAC's policy-based storage: no writing roles or bindings that grant more than you hold. */
  private checkEscalation(req: AdmissionRequest): void {
    checkRbacEscalation(req, (this.escalationDeps ??= { resolver: this.rbac, can: (attrs) => this.can(attrs) }));
  }

  /** What the escalation check asks of the apiserver, made once (every write is checked). */
  private escalationDeps?: EscalationDeps;

  // ---- helpers -------------------------------------------------------------------------

  private admit(req: AdmissionRequest, phase: 'mutate' | 'validate', ctx: StrategyContext): void {
    const plugins = this.admissionPlugins(phase);
    if (phase === 'mutate') for (let i = 0; i < plugins.length; i++) plugins[i]!.mutate!(req, ctx);
    else for (let i = 0; i < plugins.length; i++) plugins[i]!.validate!(req, ctx);
  }

  /** Metadata errors first, then the kind's, as one Invalid error. */
  private validateOrThrow(info: ResourceInfo, obj: KObject, metaErrors: FieldError[], kindErrors: FieldError[] | undefined): void {
    if (metaErrors.length === 0 && !kindErrors?.length) return;
    throw invalid(info, obj.metadata.name ?? '', [...metaErrors, ...(kindErrors ?? [])]);
  }

  /** Internal: the raw admission step for subresource handlers (binding, eviction). */
  runAdmission(op: Operation, info: ResourceInfo, req: Omit<AdmissionRequest, 'operation' | 'resource'>): void {
    const ctx = this.context(info);
    this.admit({ ...req, operation: op, resource: info }, 'mutate', ctx);
    this.admit({ ...req, operation: op, resource: info }, 'validate', ctx);
  }
}

/** The request with the object's current name. */
function named(req: AdmissionRequest, obj: KObject): AdmissionRequest {
  return req.name === obj.metadata.name ? req : { ...req, name: obj.metadata.name! };
}

/** Generation moves when anything but metadata and status changes. */
function specChanged(obj: KObject, old: KObject): boolean {
  for (const key in obj) if (key !== 'metadata' && key !== 'status' && !jsonEqual(obj[key], old[key])) return true;
  for (const key in old) if (key !== 'metadata' && key !== 'status' && !(key in obj) && old[key] !== undefined) return true;
  return false;
}

/**
 * unchanged() for a status write, which keeps everything but the status: the parts equal to the
 * stored object become the stored (frozen) parts, so they are neither compared nor frozen again
 * further on. Nothing after this point changes them (beforeStore ignores subresource writes).
 */
function shareUnchanged(obj: KObject, old: Stored): boolean {
  let same = true;
  for (const key in obj) {
    if (key === 'metadata') continue;
    if (!jsonEqual(obj[key], old[key])) same = false;
    else if (key !== 'status' && key in old) obj[key] = old[key];
  }
  for (const key in old) if (key !== 'metadata' && !(key in obj) && old[key] !== undefined) same = false;
  return same && metadataEqual(obj.metadata, old.metadata);
}

/** Is the write a no-op (everything but resourceVersion equal)? Then nothing is stored. */
function unchanged(obj: KObject, old: Stored): boolean {
  for (const key in obj) if (key !== 'metadata' && !jsonEqual(obj[key], old[key])) return false;
  for (const key in old) if (key !== 'metadata' && !(key in obj) && old[key] !== undefined) return false;
  return metadataEqual(obj.metadata, old.metadata);
}

/** Metadata equal but for resourceVersion (compared without copying either side). */
function metadataEqual(a: KObject['metadata'], b: KObject['metadata']): boolean {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key in ra) if (key !== 'resourceVersion' && !jsonEqual(ra[key], rb[key])) return false;
  for (const key in rb) if (key !== 'resourceVersion' && !(key in ra) && rb[key] !== undefined) return false;
  return true;
}

function isPodReady(pod: KObject): boolean {
  const conditions = ((pod['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** A PodDisruptionBudget's label selector against a pod (policy/v1: an empty selector selects every pod). */
function selectorMatchesPod(budget: KObject, pod: KObject): boolean {
  const selector = (budget['spec'] as { selector?: LabelSelector } | undefined)?.selector;
  if (!selector) return false;
  return selectorMatches(selector, pod.metadata.labels);
}
