/**
 * `kubeadm upgrade plan|apply|node` (v1.33): plan computes the available upgrades from the
 * cluster's component versions and the release channels; apply enforces the version-skew
 * policy, rewrites each static pod manifest's image (backing the old one up), waits for the
 * kubelet to restart the component, and records the new version in the kubeadm-config
 * ConfigMap; node refreshes a node's kubelet configuration.
 */
import type { ProcessContext } from '../../shell/types.js';
import { BufferSink } from '../../shell/types.js';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { imageBaseName } from '../../node/process.js';
import { flagBool, flagString, type ParsedFlags } from '../../kubectl/flags/index.js';
import { kubeadmCerts } from '../../pki/kubeadm-certs.js';
import { goTabwrite, klogPrefix } from '../format.js';
import { bare, compareVersions, parseVersion, release } from '../releases.js';
import { ADMIN_CONF, KUBELET_CONF, KubeadmError, confirm, kubeadmVersion, kubeconfigClient, type KubeadmDeps } from './common.js';
import { clusterVersion, componentVersions, coreDnsVersion, kubeletVersions, kubeProxyVersion, resolveLabel, type NodeVersions } from './versions.js';

const RULE = '_____________________________________________________________________';
const MANIFESTS = '/etc/kubernetes/manifests';
const CONTROL_PLANE = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;

interface State {
  kubeVersion: string;
  dnsVersion: string;
  kubeadmVersion: string;
  etcdVersion?: string;
  apiservers: NodeVersions;
  controllerManagers: NodeVersions;
  schedulers: NodeVersions;
  etcds: NodeVersions;
  kubelets: NodeVersions;
  kubeProxy: string;
}

interface Upgrade {
  description: string;
  before: State;
  after: { kubeVersion: string; dnsVersion: string; kubeadmVersion: string; etcdVersion: string };
}

function pid(deps: KubeadmDeps): number {
  return 2000 + deps.rng.int(60000);
}

function readConfig(ctx: ProcessContext, deps: KubeadmDeps, kubeconfig: string, label: string): ApiClient {
  ctx.stdout.write(`[${label}] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n`);
  const conn = kubeconfigClient(ctx, deps, kubeconfig, `[${label === 'upgrade' ? 'upgrade/init config' : 'upgrade/config'}] FATAL: unable to fetch the kubeadm-config ConfigMap: failed to get config map`);
  // A kubeadm cluster grants nodes read access to kubeadm-config (kubeadm:nodes-kubeadm-config).
  const client = deps.cluster.admin();
  void conn;
  if (!client.find('configmaps', 'kube-system', 'kubeadm-config')) throw new KubeadmError(`[upgrade/config] FATAL: unable to fetch the kubeadm-config ConfigMap: configmaps "kubeadm-config" not found`);
  ctx.stdout.write(`[${label}] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n`);
  return client;
}

function requireRoot(ctx: ProcessContext): void {
  if (ctx.cred.uid === 0) return;
  throw new KubeadmError('[preflight] Some fatal errors occurred:\n\t[ERROR IsPrivilegedUser]: user is not running as root\n[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`');
}

/** The cluster health checks: control-plane nodes Ready and their static pod manifests present. */
function healthChecks(ctx: ProcessContext, deps: KubeadmDeps, client: ApiClient): void {
  ctx.stdout.write('[upgrade] Running cluster health checks\n');
  const errors: string[] = [];
  const cps = client.list('nodes').filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  const notReady = cps.filter((n) => ((n['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === 'Ready')?.status !== 'True');
  if (notReady.length) errors.push(`\t[ERROR ControlPlaneNodesReady]: there are NotReady control-planes in the cluster: [${notReady.map((n) => n.metadata.name).join(' ')}]`);
  if (deps.node.spec.role === 'control-plane') {
    const missing = [...CONTROL_PLANE].filter((c) => !ctx.host.fs.exists(`${MANIFESTS}/${c}.yaml`));
    if (missing.length) errors.push(`\t[ERROR StaticPodManifest]: the manifest for component ${missing[0]} doesn't exist: stat ${MANIFESTS}/${missing[0]}.yaml: no such file or directory`);
  }
  if (errors.length) throw new KubeadmError(`[upgrade/health] FATAL: [preflight] Some fatal errors occurred:\n${errors.join('\n')}\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\``);
}

function currentState(client: ApiClient, kubeadm: string): State {
  const apiservers = componentVersions(client, 'kube-apiserver');
  return {
    kubeVersion: clusterVersion(apiservers) ?? '',
    dnsVersion: coreDnsVersion(client),
    kubeadmVersion: kubeadm,
    apiservers,
    controllerManagers: componentVersions(client, 'kube-controller-manager'),
    schedulers: componentVersions(client, 'kube-scheduler'),
    etcds: componentVersions(client, 'etcd'),
    kubelets: kubeletVersions(client),
    kubeProxy: kubeProxyVersion(client),
  };
}

function targetOf(version: string, external: boolean): Upgrade['after'] {
  const r = release(version);
  return { kubeVersion: version, dnsVersion: r?.coredns ?? '', kubeadmVersion: version, etcdVersion: external ? '' : (r?.etcd ?? 'N/A') };
}

// ---- plan -----------------------------------------------------------------------------------------

export function upgradePlan(ctx: ProcessContext, deps: KubeadmDeps, flags: ParsedFlags): number {
  ctx.stdout.write('[preflight] Running pre-flight checks.\n');
  requireRoot(ctx);
  const client = readConfig(ctx, deps, flagString(flags, 'kubeconfig') || ADMIN_CONF, 'upgrade/config');
  healthChecks(ctx, deps, client);
  ctx.stdout.write('[upgrade] Fetching available versions to upgrade to\n');
  const kubeadm = kubeadmVersion(ctx, deps);
  const before = currentState(client, kubeadm);
  const cluster = before.kubeVersion;
  ctx.stdout.write(`[upgrade/versions] Cluster version: ${bare(cluster)}\n[upgrade/versions] kubeadm version: ${kubeadm}\n`);
  const stable = resolveLabel('stable', kubeadm);
  if (stable.fallback) ctx.stderr.write(`${klogPrefix('I', deps.cluster.world.clock.now(), pid(deps), 'version.go:261')}remote version is much newer: ${'v1.35.0'}; falling back to: ${stable.fallback}\n`);
  const stableVersion = stable.version!;
  ctx.stdout.write(`[upgrade/versions] Target version: ${stableVersion}\n`);
  const external = before.etcds.size === 0;
  const upgrades: Upgrade[] = [];
  let minorPossible = compareVersions(cluster, stableVersion) < 0;
  if (compareVersions(stableVersion, cluster) >= 0) {
    const c = parseVersion(cluster)!;
    const branch = `${c.major}.${c.minor}`;
    const patch = resolveLabel(`stable-${branch}`, kubeadm).version;
    if (patch) {
      const description = `version in the v${branch} series`;
      ctx.stdout.write(`[upgrade/versions] Latest ${description}: ${patch}\n`);
      minorPossible = compareVersions(patch, stableVersion) < 0;
      if (compareVersions(cluster, patch) < 0) {
        const after = targetOf(patch, external);
        after.kubeadmVersion = compareVersions(kubeadm, patch) >= 0 ? kubeadm : patch;
        upgrades.push({ description, before, after });
      }
    }
  }
  if (minorPossible) upgrades.push({ description: 'stable version', before, after: targetOf(stableVersion, external) });
  ctx.stdout.write('\n');
  ctx.stdout.write(planText(upgrades));
  return 0;
}

function rowsOf(component: string, versions: NodeVersions, target: string): string[][] {
  const rows: string[][] = [];
  for (const v of [...versions.keys()].sort()) for (const node of versions.get(v)!) rows.push([component, node, v, target]);
  return rows;
}

function canUpgradeKubelets(u: Upgrade): boolean {
  if (u.before.kubelets.size > 1) return true;
  if (u.before.kubelets.size === 0) return false;
  return !u.before.kubelets.has(u.after.kubeVersion);
}

export function planText(upgrades: readonly Upgrade[]): string {
  if (upgrades.length === 0) return "Awesome, you're up-to-date! Enjoy!\n";
  let out = '';
  for (const u of upgrades) {
    if (canUpgradeKubelets(u)) {
      out += "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n";
      out += goTabwrite([['COMPONENT', 'NODE', 'CURRENT', 'TARGET'], ...rowsOf('kubelet', u.before.kubelets, u.after.kubeVersion)], 10, 3);
      out += '\n';
    }
    out += `Upgrade to the latest ${u.description}:\n\n`;
    const rows = [
      ['COMPONENT', 'NODE', 'CURRENT', 'TARGET'],
      ...rowsOf('kube-apiserver', u.before.apiservers, u.after.kubeVersion),
      ...rowsOf('kube-controller-manager', u.before.controllerManagers, u.after.kubeVersion),
      ...rowsOf('kube-scheduler', u.before.schedulers, u.after.kubeVersion),
      ['kube-proxy', '', u.before.kubeProxy, u.after.kubeVersion],
      ['CoreDNS', '', u.before.dnsVersion, u.after.dnsVersion],
      ...rowsOf('etcd', u.before.etcds, u.after.etcdVersion),
    ];
    out += goTabwrite(rows, 10, 3) + '\n';
    out += `You can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${u.after.kubeVersion}\n\n`;
    if (u.before.kubeadmVersion !== u.after.kubeadmVersion) out += `Note: Before you can perform this upgrade, you have to update kubeadm to ${u.after.kubeadmVersion}.\n\n`;
    out += RULE + '\n\n';
  }
  out += '\nThe table below shows the current state of component configs as understood by this version of kubeadm.\n';
  out += 'Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or\n';
  out += 'resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually\n';
  out += 'upgrade to is denoted in the "PREFERRED VERSION" column.\n\n';
  out += goTabwrite(
    [
      ['API GROUP', 'CURRENT VERSION', 'PREFERRED VERSION', 'MANUAL UPGRADE REQUIRED'],
      ['kubeproxy.config.k8s.io', 'v1alpha1', 'v1alpha1', 'no'],
      ['kubelet.config.k8s.io', 'v1beta1', 'v1beta1', 'no'],
    ],
    10,
    3,
  );
  out += RULE + '\n\n';
  return out;
}

// ---- apply ------------------------------------------------------------------------------------------

/** EnforceVersionPolicies: mandatory and skippable skew errors with kubeadm's texts. */
function versionPolicy(cluster: string, target: string, kubeadm: string, kubelets: NodeVersions): { mandatory: string[]; skippable: string[] } {
  const mandatory: string[] = [];
  const skippable: string[] = [];
  const c = parseVersion(cluster)!;
  const t = parseVersion(target)!;
  const k = parseVersion(kubeadm)!;
  if (t.minor < c.minor - 1) mandatory.push(`Specified version to downgrade to "${target}" is too low; kubeadm can downgrade only 1 minor version at a time`);
  if (t.minor > c.minor + 1) mandatory.push(`Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  if (compareVersions(target, cluster) < 0 && t.minor === c.minor) skippable.push(`Specified version to downgrade to "${target}" is an unsupported version`);
  if (compareVersions(kubeadm, target) < 0) {
    if (t.minor > k.minor) mandatory.push(`Kubeadm version "${kubeadm}" can only be used to upgrade to Kubernetes version "v${k.major}.${k.minor}"`);
    skippable.push(`Kubeadm version "${kubeadm}" can only be used to upgrade to Kubernetes version "${kubeadm}"`);
  }
  if (k.major > t.major || k.minor > t.minor) skippable.push(`Kubeadm version "${kubeadm}" can only be used to upgrade to Kubernetes version "v${k.major}.${k.minor}"`);
  const tooOld = [...kubelets.keys()].filter((v) => parseVersion(v) && parseVersion(v)!.minor < t.minor - 3);
  if (tooOld.length) skippable.push(`There are kubelets in this cluster that are too old that have these versions [${tooOld.join(' ')}]`);
  return { mandatory, skippable };
}

function formatErrs(errs: string[]): string {
  return errs.map((e) => `\t- ${e}\n`).join('');
}

export async function upgradeApply(ctx: ProcessContext, deps: KubeadmDeps, flags: ParsedFlags, args: string[]): Promise<number> {
  if (args.length === 0) throw new KubeadmError('missing one or more required arguments. Required arguments: [version]');
  const requested = args[0]!;
  const target = requested.startsWith('v') ? requested : `v${requested}`;
  if (!parseVersion(target)) throw new KubeadmError(`[upgrade/version] FATAL: unable to parse normalized version "${target}" as a semantic version`);
  const client = readConfig(ctx, deps, flagString(flags, 'kubeconfig') || ADMIN_CONF, 'upgrade');
  ctx.stdout.write('[upgrade/preflight] Running preflight checks\n');
  requireRoot(ctx);
  healthChecks(ctx, deps, client);
  ctx.stdout.write(`[upgrade/preflight] You have chosen to upgrade the cluster version to "${target}"\n`);
  const kubeadm = kubeadmVersion(ctx, deps);
  const before = currentState(client, kubeadm);
  ctx.stdout.write(`[upgrade/versions] Cluster version: ${before.kubeVersion}\n[upgrade/versions] kubeadm version: ${kubeadm}\n`);
  const policy = versionPolicy(before.kubeVersion, target, kubeadm, before.kubelets);
  if (policy.mandatory.length) throw new KubeadmError(`[upgrade/version] FATAL: the --version argument is invalid due to these fatal errors:\n\n${formatErrs(policy.mandatory)}\nPlease fix the misalignments highlighted above and try upgrading again`);
  if (policy.skippable.length) {
    if (!flagBool(flags, 'force')) throw new KubeadmError(`[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n${formatErrs(policy.skippable)}\nCan be bypassed if you pass the --force flag`);
    ctx.stdout.write(`[upgrade/version] Found ${policy.skippable.length} potential version compatibility errors but skipping since the --force flag is set: \n\n${formatErrs(policy.skippable)}`);
  }
  if (!flagBool(flags, 'yes') && !flagBool(flags, 'force') && !flagBool(flags, 'dry-run')) confirm(ctx, 'upgrade', 'Are you sure you want to proceed?');
  ctx.stdout.write('[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using \'kubeadm config images pull\'\n');
  await upgradeStaticPods(ctx, deps, client, target, before, flagBool(flags, 'etcd-upgrade'));
  uploadConfig(ctx, client, target);
  ctx.stdout.write('[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n');
  ctx.stdout.write('[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!\n');
  writeKubeletConfig(ctx, deps, client);
  ctx.stdout.write('[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules\n');
  ctx.stdout.write('[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes\n');
  ctx.stdout.write('[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials\n');
  ctx.stdout.write('[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token\n');
  ctx.stdout.write('[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster\n');
  upgradeAddons(ctx, client, target);
  ctx.stdout.write(`\n[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${target}".\n\n[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n`);
  return 0;
}

const CERTS_OF: Record<string, string[]> = {
  etcd: ['etcd-server', 'etcd-peer', 'etcd-healthcheck-client'],
  'kube-apiserver': ['apiserver', 'apiserver-kubelet-client', 'front-proxy-client', 'apiserver-etcd-client'],
  'kube-controller-manager': ['controller-manager.conf'],
  'kube-scheduler': ['scheduler.conf'],
};

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[T:]/g, '-');
}

async function upgradeStaticPods(ctx: ProcessContext, deps: KubeadmDeps, client: ApiClient, target: string, before: State, etcdUpgrade: boolean): Promise<void> {
  const fs = ctx.host.fs;
  ctx.stdout.write(`[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${target}" (timeout: 5m0s)...\n`);
  const tmp = `/etc/kubernetes/tmp/kubeadm-upgraded-manifests${deps.rng.string(10, '0123456789').replace(/^0/, '1')}`;
  const backup = `/etc/kubernetes/tmp/kubeadm-backup-manifests-${stamp(deps.cluster.world.clock.now())}`;
  fs.mkdir(tmp, { recursive: true, mode: 0o700 });
  fs.mkdir(backup, { recursive: true, mode: 0o700 });
  ctx.stdout.write(`[upgrade/staticpods] Writing new Static Pod manifests to "${tmp}"\n`);
  const r = release(target);
  const components: [string, string][] = [];
  if (etcdUpgrade && before.etcds.size > 0) {
    const current = [...before.etcds.keys()][0]!;
    const desired = r?.etcd ?? current;
    const cmp = compareEtcd(desired, current);
    if (cmp > 0) components.push(['etcd', desired]);
    else ctx.stdout.write(`[upgrade/etcd] Non fatal issue encountered during upgrade: the desired etcd version "${desired}" is ${cmp < 0 ? 'older than' : 'not newer than'} the currently installed "${current}". Skipping etcd upgrade\n`);
  }
  for (const c of CONTROL_PLANE) components.push([c, target]);
  for (const [component, tag] of components) {
    const path = `${MANIFESTS}/${component}.yaml`;
    const old = fs.readFileIfExists(path);
    if (old === undefined) continue;
    ctx.stdout.write(`[upgrade/staticpods] Preparing for "${component}" upgrade\n`);
    renewCerts(ctx, deps, component);
    const next = old.replace(new RegExp(`(image: [^\\s]*/${component}):[^\\s]+`), `$1:${tag}`);
    fs.writeFile(`${tmp}/${component}.yaml`, next, { mode: 0o600 });
    fs.writeFile(`${backup}/${component}.yaml`, old, { mode: 0o600 });
    ctx.stdout.write(`[upgrade/staticpods] Moving new manifest to "${path}" and backing up old manifest to "${backup}/${component}.yaml"\n`);
    fs.writeFile(path, next);
    ctx.stdout.write('[upgrade/staticpods] Waiting for the kubelet to restart the component\n[upgrade/staticpods] This can take up to 5m0s\n');
    if (!(await waitForComponent(ctx, deps, component, tag))) {
      fs.writeFile(path, old);
      throw new KubeadmError(`[upgrade/apply] FATAL: couldn't upgrade control plane. kubeadm has tried to recover everything into the earlier state. Errors faced: static Pod hash for component ${component} on Node ${deps.node.hostname} did not change after 5m0s: timed out waiting for the condition`);
    }
    ctx.stdout.write(`[apiclient] Found 1 Pods for label selector component=${component}\n[upgrade/staticpods] Component "${component}" upgraded successfully!\n`);
    if (component === 'etcd') ctx.stdout.write('[upgrade/etcd] Waiting for etcd to become available\n');
  }
  void client;
  ctx.stdout.write('[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n');
}

function compareEtcd(a: string, b: string): number {
  const parse = (v: string) => v.split(/[.-]/).map(Number);
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Renews the component's certificates (kubeadm's default certificateRenewal), quietly. */
function renewCerts(ctx: ProcessContext, deps: KubeadmDeps, component: string): void {
  for (const name of CERTS_OF[component] ?? []) {
    ctx.stdout.write(`[upgrade/staticpods] Renewing ${name} certificate\n`);
    if (!ctx.host.fs.readFileIfExists('/etc/kubernetes/pki/ca.key')?.includes('PRIVATE KEY')) continue;
    const quiet = new BufferSink();
    kubeadmCerts({ ...ctx, stdout: quiet, stderr: quiet }, ['renew', name], { clock: deps.cluster.world.clock, rng: deps.rng.fork(`renew:${name}`), apiServerReachable: () => false });
  }
}

/** Waits (on the virtual clock) until the node runs the component with the new image tag. */
async function waitForComponent(ctx: ProcessContext, deps: KubeadmDeps, component: string, tag: string): Promise<boolean> {
  for (let waited = 0; waited <= 300; waited += 5) {
    const running = [...deps.node.runtime.containers.values()].some((c) => c.state === 'running' && imageBaseName(c.image) === component && c.image.endsWith(`:${tag}`));
    const ready = component === 'etcd' || component === 'kube-apiserver' ? deps.cluster.apiAvailable() : true;
    if (running && ready) return true;
    await ctx.sleep(5);
  }
  return false;
}

function uploadConfig(ctx: ProcessContext, client: ApiClient, target: string): void {
  ctx.stdout.write('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n');
  const cm = client.find('configmaps', 'kube-system', 'kubeadm-config');
  if (!cm) return;
  const data = (cm['data'] ?? {}) as Record<string, string>;
  const text = (data['ClusterConfiguration'] ?? '').replace(/^kubernetesVersion: .*$/m, `kubernetesVersion: ${target}`);
  try {
    client.patch('configmaps', 'kube-system', 'kubeadm-config', 'merge', { data: { ClusterConfiguration: text } });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

/** The kubelet's config file from the kubelet-config ConfigMap, with its backup. */
function writeKubeletConfig(ctx: ProcessContext, deps: KubeadmDeps, client: ApiClient): void {
  const dir = `/etc/kubernetes/tmp/kubeadm-kubelet-config${deps.rng.string(10, '0123456789').replace(/^0/, '2')}`;
  ctx.stderr.write(`${klogPrefix('W', deps.cluster.world.clock.now(), pid(deps), 'postupgrade.go:117')}Using temporary directory ${dir} for kubelet config. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR\n`);
  const fs = ctx.host.fs;
  fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const current = fs.readFileIfExists('/var/lib/kubelet/config.yaml');
  ctx.stdout.write(`[upgrade] Backing up kubelet config file to ${dir}/config.yaml\n`);
  if (current !== undefined) fs.writeFile(`${dir}/config.yaml`, current, { mode: 0o644 });
  const cm = client.find('configmaps', 'kube-system', 'kubelet-config');
  const text = ((cm?.['data'] ?? {}) as Record<string, string>)['kubelet'];
  ctx.stdout.write('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n');
  if (text) fs.writeFile('/var/lib/kubelet/config.yaml', text, { parents: true });
  ctx.stdout.write('[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n');
}

function upgradeAddons(ctx: ProcessContext, client: ApiClient, target: string): void {
  const r = release(target);
  const setImage = (resource: string, name: string, image: string) => {
    const obj = client.find(resource, 'kube-system', name);
    if (!obj) return;
    const spec = structuredClone(obj['spec']) as { template: { spec: { containers: { image?: string }[] } } };
    spec.template.spec.containers[0]!.image = image;
    try {
      client.update(resource, { ...obj, spec });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  };
  if (r) setImage('deployments.apps', 'coredns', `registry.k8s.io/coredns/coredns:${r.coredns}`);
  ctx.stdout.write('[addons] Applied essential addon: CoreDNS\n');
  setImage('daemonsets.apps', 'kube-proxy', `registry.k8s.io/kube-proxy:${target}`);
  ctx.stdout.write('[addons] Applied essential addon: kube-proxy\n');
}

// ---- node -------------------------------------------------------------------------------------------

export async function upgradeNode(ctx: ProcessContext, deps: KubeadmDeps, flags: ParsedFlags): Promise<number> {
  const controlPlane = ctx.host.fs.exists(`${MANIFESTS}/kube-apiserver.yaml`);
  const kubeconfig = flags.changed.has('kubeconfig') ? flagString(flags, 'kubeconfig') : controlPlane ? ADMIN_CONF : KUBELET_CONF;
  const client = readConfig(ctx, deps, kubeconfig, 'upgrade');
  ctx.stdout.write('[upgrade/preflight] Running pre-flight checks\n');
  requireRoot(ctx);
  if (!controlPlane) {
    ctx.stdout.write('[upgrade/preflight] Skipping prepull. Not a control plane node.\n[upgrade/control-plane] Skipping phase. Not a control plane node.\n[upgrade/kubeconfig] Skipping phase. Not a control plane node.\n');
  } else {
    const cm = client.find('configmaps', 'kube-system', 'kubeadm-config');
    const version = /kubernetesVersion: (\S+)/.exec(((cm?.['data'] ?? {}) as Record<string, string>)['ClusterConfiguration'] ?? '')?.[1] ?? deps.cluster.spec.version;
    ctx.stdout.write('[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using \'kubeadm config images pull\'\n');
    await upgradeStaticPods(ctx, deps, client, version, currentState(client, kubeadmVersion(ctx, deps)), true);
    ctx.stdout.write('[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!\n');
  }
  writeKubeletConfig(ctx, deps, client);
  if (!controlPlane) ctx.stdout.write('[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.\n[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.\n');
  ctx.stdout.write('[upgrade] The configuration for this node was successfully upgraded!\n[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.\n');
  return 0;
}
