/**
 * One simulated kubeadm cluster: its node machines, the API server process state, the
 * controller-manager and scheduler components, and the etcd data directories. Whether a
 * control-plane component runs is decided by the kubelet running its static pod from the
 * manifest on the control-plane node; this class only records what those processes do.
 */
import { ApiServer } from '../api/server.js';
import { ApiClient } from '../api/client.js';
import { SYSTEM_USERS, type UserInfo } from '../api/auth.js';
import { Store } from '../api/store.js';
import { KIND_STRATEGIES } from '../api/kinds/index.js';
import { ADMISSION_PLUGINS } from '../api/admission/index.js';
import { registerStoredCRDs } from '../api/kinds/crd.js';
import { nthIp, subnet } from '../util/ip.js';
import type { Rng } from '../util/rng.js';
import type { ClusterSpec, NodeSpec } from './spec.js';
import type { World, ClusterLike } from './world.js';
import type { NodeHost } from '../node/node.js';
import type { Machine } from '../node/machine.js';
import type { ApiServerConfig } from '../api/strategy.js';

/** What listens on the apiserver's secure port: the server plus how it authenticates callers. */
export interface ApiEndpoint {
  readonly kind: 'kube-apiserver';
  readonly cluster: Cluster;
  /** Maps kubeconfig credentials to a user, or an error message kubectl prints. */
  authenticate(credentials: Credentials): { ok: true; user: UserInfo } | { ok: false; error: string };
}

export interface Credentials {
  clientCertificatePem?: string;
  clientKeyPem?: string;
  token?: string;
  username?: string;
  password?: string;
}

export class Cluster implements ClusterLike {
  readonly name: string;
  readonly spec: ClusterSpec;
  readonly world: World;
  readonly rng: Rng;
  readonly api: ApiServer;
  readonly nodes = new Map<string, NodeHost>();
  /** etcd data directories on the control-plane node: path -> the database in it. */
  readonly etcdData = new Map<string, Store>();
  /** Running control-plane processes by component name (set by their process models). */
  readonly running = new Set<string>();
  /** Flags of the running kube-controller-manager (which controllers, CIDRs, signing files). */
  controllerManagerFlags = new Map<string, string>();
  /** Called when the controller-manager process starts, with its flags. */
  onControllerManagerStart?: (flags: Map<string, string>) => void;
  /** Flags of the running kube-apiserver. */
  apiServerFlags = new Map<string, string>();
  /** Bearer tokens the apiserver accepts (static token file, bootstrap and service-account tokens). */
  readonly tokens = new Map<string, UserInfo>();
  /** Extra post-start hooks (bootstrap RBAC policy, ...), run after the built-in ones. */
  readonly postStartHooks: ((cluster: Cluster) => void)[] = [];
  private detachStore?: () => void;

  constructor(world: World, spec: ClusterSpec) {
    this.world = world;
    this.spec = spec;
    this.name = spec.name;
    this.rng = world.rng.fork(`cluster:${spec.name}`);
    const store = new Store();
    this.etcdData.set('/var/lib/etcd', store);
    this.api = new ApiServer({
      clock: world.clock,
      rng: this.rng.fork('apiserver'),
      store,
      config: { serviceClusterIpRange: spec.serviceCidr },
      strategies: KIND_STRATEGIES,
      admission: ADMISSION_PLUGINS,
    });
    this.detachStore = world.loop.attach(store);
    world.addCluster(this);
  }

  /** The etcd database the apiserver uses now; swapping it is an etcd restore. */
  useStore(store: Store): void {
    if (store === this.api.store) return;
    this.detachStore?.();
    this.api.store = store;
    this.detachStore = this.world.loop.attach(store);
    // A restored etcd brings its CustomResourceDefinitions back: serve them again.
    registerStoredCRDs(store, (info) => this.api.registry.add(info));
  }

  /** Reconfigures the apiserver from its manifest's flags when its process (re)starts. */
  configureApiServer(config: Partial<ApiServerConfig>): void {
    Object.assign(this.api.config, config);
  }

  isRunning(component: string): boolean {
    return this.running.has(component);
  }

  /** The apiserver answers only while its process runs and its etcd is up. */
  apiAvailable(): boolean {
    return this.running.has('kube-apiserver') && this.running.has('etcd');
  }

  client(user: UserInfo): ApiClient {
    return new ApiClient(this.api, user);
  }

  /** cluster-admin, for bootstrap and grading (never for the candidate's own commands). */
  admin(): ApiClient {
    return this.client(SYSTEM_USERS.superAdmin);
  }

  controlPlane(): NodeHost {
    for (const n of this.nodes.values()) if (n.spec.role === 'control-plane') return n;
    throw new Error(`cluster ${this.name} has no control-plane node`);
  }

  machines(): Iterable<Machine> {
    return this.nodes.values();
  }

  /** IP of the i-th node: .2, .3, ... in the node network (the workstation is .250). */
  nodeIp(index: number, node: NodeSpec): string {
    return node.ip ?? nthIp(this.spec.nodeCidr, 2 + index + this.clusterOffset() * 20);
  }

  /** The pod CIDR the controller-manager allocates to the i-th node (a /24 of the pod network). */
  podCidrFor(index: number): string {
    return subnet(this.spec.podCidr, 24, index);
  }

  /** Clusters of one world get disjoint node addresses. */
  private clusterOffset(): number {
    return Math.max(0, this.world.clusters().indexOf(this));
  }

  apiServerUrl(): string {
    return `https://${this.controlPlane().hostname}:6443`;
  }
}
