/**
 * Booting a cluster as kubeadm would: lay out each node's files, start systemd on every node,
 * let the kubelets bring up the static control plane, then create what `kubeadm init` uploads
 * and the CNI the administrator installs, and let everything settle on the virtual clock.
 */
import { Cluster } from './cluster.js';
import type { ClusterSpec, NodeSpec } from './spec.js';
import { nodeCapacity } from './spec.js';
import type { World } from './world.js';
import { CANDIDATE } from './world.js';
import { NodeHost } from '../node/node.js';
import { ProcessModels, loggingToStderr } from '../node/process.js';
import { controlPlaneModel } from './components/control-plane.js';
import { appModel } from '../node/apps/index.js';
import { netClient } from '../node/net/reach.js';
import type { KubeletConnection } from '../node/kubelet/kubelet.js';
import { kubeProxyModel, cniAgentModel } from './components/node-agents.js';
import { controlPlaneManifests, ETCD_VERSION } from './kubeadm/manifests.js';
import { kubeletConfig, writeNodeFiles } from './kubeadm/files.js';
import { cniObjects, cniImages, kubeadmObjects, COREDNS_IMAGE, PAUSE_IMAGE } from './kubeadm/addons.js';
import { resolveImage } from '../node/images.js';
import { dnsServiceIp } from '../api/allocators.js';
import { connect, parseKubeconfig, type KubeconfigFile } from './connect.js';
import type { ApiClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { toYaml } from '../util/yaml.js';
import { ControlPlaneComponent } from './components/component.js';
import { nodeProxy } from './node-proxy.js';
import type { KObject } from '../api/types.js';
import { resourceKey } from '../api/registry.js';
import type { Reconciler } from './runloop.js';
import { kubeadmInitObjects, kubeletServiceAccountToken, writeClusterPki } from './credentials.js';
import { kubeletRequestError } from './authn.js';

export interface BootHooks {
  /** Reconcilers of the kube-controller-manager and kube-scheduler (wired by the caller). */
  controllerManager?(cluster: Cluster): Reconciler[];
  scheduler?(cluster: Cluster): Reconciler[];
  /** Writes the node PKI and kubeconfigs; the kubeadm PKI of src/cluster/credentials.ts by default. */
  writeCredentials?(cluster: Cluster): void;
}

/** Seconds of virtual time the boot may take before the cluster counts as up. */
const BOOT_TIMEOUT_SECONDS = 120;

export function bootCluster(world: World, spec: ClusterSpec, hooks: BootHooks = {}): Cluster {
  const steps = bootClusterSteps(world, spec, hooks);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * bootCluster in steps (the files and PKI, the control plane coming up, kubeadm's objects, the
 * workers joining), so that a screen can draw between them. Yields the step just done.
 */
export function* bootClusterSteps(world: World, spec: ClusterSpec, hooks: BootHooks = {}): Generator<string, Cluster> {
  const cluster = new Cluster(world, spec);
  cluster.api.nodeProxy = nodeProxy(cluster);
  const models = new ProcessModels();
  models.add(loggingToStderr(controlPlaneModel(cluster)));
  models.add(loggingToStderr(kubeProxyModel(cluster)));
  models.add(cniAgentModel());
  models.add(appModel);
  spec.nodes.forEach((n, i) => addNode(cluster, n, i, models));
  writeHostsFiles(cluster);
  const cp = cluster.controlPlane();
  cp.fs.mkdir('/etc/kubernetes/manifests', { recursive: true });
  const params = { nodeName: cp.hostname, nodeIp: cp.ip, version: spec.version, etcdVersion: ETCD_VERSION, podCidr: spec.podCidr, serviceCidr: spec.serviceCidr, clusterName: spec.name, dnsDomain: spec.dnsDomain };
  for (const [file, text] of Object.entries(controlPlaneManifests(params))) cp.fs.writeFile(`/etc/kubernetes/manifests/${file}`, text);
  (hooks.writeCredentials ?? writeClusterPki)(cluster);
  writeCandidateKubeconfig(cluster);

  world.loop.add(new ControlPlaneComponent('kube-controller-manager', cluster, hooks.controllerManager?.(cluster) ?? []));
  world.loop.add(new ControlPlaneComponent('kube-scheduler', cluster, hooks.scheduler?.(cluster) ?? []));
  yield 'files';

  // kubeadm init: the control-plane node comes up and registers first; workers join after.
  cp.boot();
  if (!world.loop.advanceUntil(() => cluster.apiAvailable(), BOOT_TIMEOUT_SECONDS)) {
    throw new Error(`cluster ${spec.name}: the control plane did not come up within ${BOOT_TIMEOUT_SECONDS}s`);
  }
  yield 'control plane';
  kubeadmPostInit(cluster);
  for (const node of cluster.nodes.values()) if (node !== cp) node.boot();
  yield 'join';
  world.loop.advance(Math.max(30, spec.uptimeSeconds));
  return cluster;
}

function addNode(cluster: Cluster, n: NodeSpec, index: number, models: ProcessModels): void {
  const ip = cluster.nodeIp(index, n);
  const cap = nodeCapacity(n);
  const rng = cluster.rng.fork(`node:${n.name}`);
  let cache: { fsVersion: number; networkVersion: number; apiAvailable: boolean; tenSeconds: number; text: string; conn: KubeletConnection } | undefined;
  let parsed: { text: string; config: KubeconfigFile | undefined } | undefined;
  const node: NodeHost = new NodeHost({
    spec: n,
    ip,
    clock: cluster.world.clock,
    rng,
    loop: cluster.world.loop,
    models,
    facts: {
      role: n.role,
      cpu: cap.cpu,
      memoryMi: cap.memoryMi,
      maxPods: cap.maxPods,
      kubeletVersion: cluster.spec.version,
      podCidr: cluster.podCidrFor(index),
      labels: n.labels ?? {},
      machineId: rng.string(32, '0123456789abcdef'),
      bootId: rng.uuid(),
      systemUuid: rng.uuid(),
    },
    connect: (kubeconfig) => {
      // The kubelet's connection only changes when its kubeconfig, its certificate files (the node's
      // files), the network or the apiserver do, and as time passes certificates' validity: it is
      // re-checked every heartbeat. Compared field by field: the kubelet asks on every sync and
      // poll, so nothing is built per call.
      const fsVersion = node.fs.version;
      const networkVersion = cluster.world.network.version;
      const apiAvailable = cluster.apiAvailable();
      const tenSeconds = Math.floor(cluster.world.clock.now() / 10_000);
      if (!cache || cache.fsVersion !== fsVersion || cache.networkVersion !== networkVersion || cache.apiAvailable !== apiAvailable || cache.tenSeconds !== tenSeconds || cache.text !== kubeconfig) {
        if (parsed?.text !== kubeconfig) parsed = { text: kubeconfig, config: parseOrUndefined(kubeconfig) };
        const conn = kubeletClient(cluster, node, parsed.config);
        // Still connected as the same user: keep the client (the kubelet's event recorder hangs off it).
        const same = conn.ok && cache?.conn.ok && cache.conn.client.user.username === conn.client.user.username;
        cache = { fsVersion, networkVersion, apiAvailable, tenSeconds, text: kubeconfig, conn: same ? cache!.conn : conn };
      }
      return cache.conn;
    },
    network: cluster.world.network,
    net: (host, pod, podIp) => netClient(cluster, pod && podIp && !(pod['spec'] as { hostNetwork?: boolean }).hostNetwork ? { kind: 'pod', node: host, pod, podIp } : { kind: 'node', node: host }),
    token: (namespace, sa) => serviceAccountToken(cluster, namespace, sa),
  });
  writeNodeFiles(node.fs, { nodeName: n.name, nodeIp: ip, clusterDns: dnsServiceIp(cluster.spec.serviceCidr), clusterDomain: cluster.spec.dnsDomain, cni: cluster.spec.cni, podCidr: cluster.spec.podCidr, nodePodCidr: cluster.podCidrFor(index), maxPods: n.maxPods });
  preloadImages(cluster, node, n.role === 'control-plane');
  cluster.world.network.addHost(n.name, ip);
  cluster.nodes.set(n.name, node);
}

/** Images `kubeadm config images pull` and the CNI installation left on a node. */
function preloadImages(cluster: Cluster, node: NodeHost, controlPlane: boolean): void {
  const v = cluster.spec.version;
  const images = [PAUSE_IMAGE, `registry.k8s.io/kube-proxy:${v}`, COREDNS_IMAGE, ...cniImages(cluster.spec)];
  if (controlPlane) images.push(`registry.k8s.io/kube-apiserver:${v}`, `registry.k8s.io/kube-controller-manager:${v}`, `registry.k8s.io/kube-scheduler:${v}`, `registry.k8s.io/etcd:${ETCD_VERSION}`);
  const at = cluster.world.clock.now() - 86_400_000;
  for (const image of images) {
    const r = resolveImage(image);
    if (r.ok) node.runtime.addImage(r.image, at);
  }
}

function parseOrUndefined(text: string): KubeconfigFile | undefined {
  try {
    return parseKubeconfig(text);
  } catch {
    return undefined;
  }
}

/** The kubelet's client from its kubeconfig (parsed; undefined when it does not parse), or the Go error its requests would fail with. */
function kubeletClient(cluster: Cluster, node: NodeHost, config: KubeconfigFile | undefined): KubeletConnection {
  if (!config) return { ok: false, error: 'invalid configuration: no configuration has been provided' };
  const ctx = config.contexts?.find((c) => c.name === config['current-context']);
  const server = config.clusters?.find((c) => c.name === ctx?.context.cluster)?.cluster.server ?? config.clusters?.[0]?.cluster.server ?? '';
  const url = /^https?:\/\/([^:/]+)(?::(\d+))?/.exec(server);
  if (!url) return { ok: false, error: `invalid configuration: no server found for cluster "${ctx?.context.cluster ?? ''}"` };
  const ip = cluster.world.network.resolve(url[1]!);
  const port = Number(url[2] ?? 443);
  if (!ip) return { ok: false, error: `dial tcp: lookup ${url[1]} on 127.0.0.53:53: server misbehaving` };
  const r = cluster.world.network.connect(ip, port, node.ip);
  if (!r.ok) return { ok: false, error: r.error === 'refused' ? `dial tcp ${ip}:${port}: connect: connection refused` : `dial tcp ${ip}:${port}: i/o timeout` };
  if ((r.listener.service as { kind?: string } | undefined)?.kind !== 'kube-apiserver') return { ok: false, error: 'net/http: TLS handshake timeout' };
  const conn = connect(cluster.world.network, node.ip, node.fs, config);
  if (!conn.ok) return { ok: false, error: kubeletRequestError(conn.error) };
  if (!cluster.apiAvailable()) return { ok: false, error: 'the server was unable to return a response in the time allotted, but may still be processing the request' };
  return { ok: true, client: conn.client };
}

/** A kubelet's signed, bound service-account token for a projected volume (kubelet-requested, extended to a year). */
function serviceAccountToken(cluster: Cluster, namespace: string, sa: string): string | (() => string) {
  return kubeletServiceAccountToken(cluster, namespace, sa);
}

function writeHostsFiles(cluster: Cluster): void {
  const world = cluster.world;
  for (const m of world.machines()) {
    const lines = ['127.0.0.1 localhost', `${m.ip} ${m.hostname}`, ...world.machines().filter((o) => o !== m).map((o) => `${o.ip} ${o.hostname}`)];
    m.fs.writeFile('/etc/hosts', lines.join('\n') + '\n');
  }
}

// ---- kubeconfigs ---------------------------------------------------------------------------

export function kubeconfigYaml(clusterName: string, server: string, user: string, userEntry: Record<string, unknown>, context = `${user}@${clusterName}`, caData?: string): string {
  return toYaml({
    apiVersion: 'v1',
    clusters: [{ cluster: { ...(caData ? { 'certificate-authority-data': caData } : {}), server }, name: clusterName }],
    contexts: [{ context: { cluster: clusterName, user }, name: context }],
    'current-context': context,
    kind: 'Config',
    preferences: {},
    users: [{ name: user, user: userEntry }],
  });
}

/** The candidate's ~/.kube/config: one context per cluster of the world, admin credentials. */
export function writeCandidateKubeconfig(cluster: Cluster): void {
  const ws = cluster.world.workstation;
  const path = `${CANDIDATE.home}/.kube/config`;
  const admin = parseKubeconfig(cluster.controlPlane().fs.readFile('/etc/kubernetes/admin.conf'));
  const existing = ws.fs.readFileIfExists(path);
  const config = existing ? parseKubeconfig(existing) : { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [], preferences: {} };
  const userName = cluster.spec.context === 'kubernetes-admin@kubernetes' ? 'kubernetes-admin' : `${cluster.spec.name}-admin`;
  config.clusters = [...(config.clusters ?? []), { name: cluster.spec.name, cluster: { ...admin.clusters![0]!.cluster } }];
  config.users = [...(config.users ?? []), { name: userName, user: admin.users![0]!.user }];
  config.contexts = [...(config.contexts ?? []), { name: cluster.spec.context, context: { cluster: cluster.spec.name, user: userName } }];
  config['current-context'] ??= cluster.spec.context;
  ws.fs.mkdir(`${CANDIDATE.home}/.kube`, { recursive: true, uid: CANDIDATE.uid, gid: CANDIDATE.uid });
  ws.fs.writeFile(path, toYaml(config), { mode: 0o600, uid: CANDIDATE.uid, gid: CANDIDATE.uid });
  ws.fs.chown(path, CANDIDATE.uid, CANDIDATE.uid);
}

// ---- after the apiserver answers ----------------------------------------------------------

function kubeadmPostInit(cluster: Cluster): void {
  const admin = cluster.admin();
  const cp = cluster.controlPlane();
  cluster.world.loop.advanceUntil(() => !!admin.find('nodes', '', cp.hostname), 30);
  markControlPlane(admin, cp.hostname);
  const objects = [
    ...kubeadmInitObjects(cluster),
    ...kubeadmObjects(cluster.spec, cp.ip, kubeletConfig(dnsServiceIp(cluster.spec.serviceCidr), cluster.spec.dnsDomain)),
    ...cniObjects(cluster.spec),
  ];
  for (const obj of objects) createIgnoringExisting(admin, obj);
}

function markControlPlane(admin: ApiClient, name: string): void {
  try {
    admin.patch('nodes', '', name, 'merge', {
      metadata: { labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } },
      spec: { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] },
    });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

export function createIgnoringExisting(client: ApiClient, obj: KObject): void {
  const info = client.api.registry.byKind(obj.apiVersion, obj.kind);
  if (!info) throw new Error(`unknown kind ${obj.apiVersion}/${obj.kind}`);
  try {
    client.create(resourceKey(info), obj);
  } catch (e) {
    if (!(e instanceof ApiError) || e.reason !== 'AlreadyExists') throw e;
  }
}
