/**
 * How the kubelet reads its configuration every time it starts: the command line systemd
 * built from the unit and its drop-ins (flags in pflag's syntax), then the file named by
 * --config (a KubeletConfiguration, strictly decoded and validated), flags taking precedence.
 * Every failure is the error the real kubelet exits with, so `journalctl -u kubelet` shows
 * exactly what a candidate would see on a real node.
 */
import type { VirtualFS } from '../../vfs/fs.js';
import { parseYaml } from '../../util/yaml.js';
import { goYamlError } from './yaml-errors.js';

export interface KubeletConfig {
  configFile?: string;
  kubeconfig?: string;
  bootstrapKubeconfig?: string;
  staticPodPath?: string;
  clusterDNS: string[];
  clusterDomain: string;
  cgroupDriver: string;
  clientCAFile?: string;
  port: number;
  readOnlyPort: number;
  healthzPort: number;
  healthzBindAddress: string;
  maxPods: number;
  resolvConf: string;
  containerRuntimeEndpoint: string;
  nodeIp?: string;
  hostnameOverride?: string;
  registerNode: boolean;
  nodeLabels: Record<string, string>;
  registerWithTaints: { key: string; value?: string; effect: string }[];
  failSwapOn: boolean;
  rotateCertificates: boolean;
  podInfraContainerImage?: string;
  /** Seconds the kubelet waits to relist static pods (fileCheckFrequency). */
  fileCheckFrequency: number;
  nodeStatusReportFrequency: number;
  serializeImagePulls: boolean;
  featureGates: Record<string, boolean>;
}

export type LoadResult = { ok: true; config: KubeletConfig; warnings: string[] } | { ok: false; error: string; warnings: string[] };

type Kind = 'string' | 'bool' | 'int' | 'duration' | 'list' | 'map' | 'float';

/** Kubelet flags as v1.33 registers them (deprecated ones are backed by the config file). */
const FLAGS: Record<string, Kind> = {
  address: 'string', 'allowed-unsafe-sysctls': 'list', 'anonymous-auth': 'bool', 'authentication-token-webhook': 'bool', 'authentication-token-webhook-cache-ttl': 'duration',
  'authorization-mode': 'string', 'authorization-webhook-cache-authorized-ttl': 'duration', 'authorization-webhook-cache-unauthorized-ttl': 'duration', 'bootstrap-kubeconfig': 'string',
  'cert-dir': 'string', 'cgroup-driver': 'string', 'cgroup-root': 'string', 'cgroups-per-qos': 'bool', 'client-ca-file': 'string', 'cloud-config': 'string', 'cloud-provider': 'string',
  'cluster-dns': 'list', 'cluster-domain': 'string', config: 'string', 'config-dir': 'string', 'container-log-max-files': 'int', 'container-log-max-size': 'string',
  'container-runtime-endpoint': 'string', 'contention-profiling': 'bool', 'cpu-cfs-quota': 'bool', 'cpu-cfs-quota-period': 'duration', 'cpu-manager-policy': 'string',
  'cpu-manager-policy-options': 'map', 'cpu-manager-reconcile-period': 'duration', 'enable-controller-attach-detach': 'bool', 'enable-debugging-handlers': 'bool', 'enable-server': 'bool',
  'enforce-node-allocatable': 'list', 'event-burst': 'int', 'event-qps': 'int', 'eviction-hard': 'map', 'eviction-max-pod-grace-period': 'int', 'eviction-minimum-reclaim': 'map',
  'eviction-pressure-transition-period': 'duration', 'eviction-soft': 'map', 'eviction-soft-grace-period': 'map', 'exit-on-lock-contention': 'bool',
  'experimental-allocatable-ignore-eviction': 'bool', 'experimental-mounter-path': 'string', 'fail-swap-on': 'bool', 'feature-gates': 'map', 'file-check-frequency': 'duration',
  'hairpin-mode': 'string', 'healthz-bind-address': 'string', 'healthz-port': 'int', help: 'bool', 'hostname-override': 'string', 'http-check-frequency': 'duration',
  'image-credential-provider-bin-dir': 'string', 'image-credential-provider-config': 'string', 'image-gc-high-threshold': 'int', 'image-gc-low-threshold': 'int',
  'image-service-endpoint': 'string', 'kernel-memcg-notification': 'bool', 'kube-api-burst': 'int', 'kube-api-content-type': 'string', 'kube-api-qps': 'int', 'kube-reserved': 'map',
  'kube-reserved-cgroup': 'string', kubeconfig: 'string', 'kubelet-cgroups': 'string', 'local-storage-capacity-isolation': 'bool', 'lock-file': 'string', 'log-flush-frequency': 'duration',
  'log-json-info-buffer-size': 'string', 'log-json-split-stream': 'bool', 'log-text-info-buffer-size': 'string', 'log-text-split-stream': 'bool', 'logging-format': 'string',
  'make-iptables-util-chains': 'bool', 'manifest-url': 'string', 'manifest-url-header': 'map', 'max-open-files': 'int', 'max-pods': 'int', 'maximum-dead-containers': 'int',
  'maximum-dead-containers-per-container': 'int', 'memory-manager-policy': 'string', 'minimum-container-ttl-duration': 'duration', 'minimum-image-ttl-duration': 'duration',
  'node-ip': 'string', 'node-labels': 'map', 'node-status-max-images': 'int', 'node-status-update-frequency': 'duration', 'oom-score-adj': 'int', 'pod-cidr': 'string',
  'pod-infra-container-image': 'string', 'pod-manifest-path': 'string', 'pod-max-pids': 'int', 'pods-per-core': 'int', port: 'int', 'protect-kernel-defaults': 'bool',
  'provider-id': 'string', 'qos-reserved': 'map', 'read-only-port': 'int', 'register-node': 'bool', 'register-schedulable': 'bool', 'register-with-taints': 'list',
  'registry-burst': 'int', 'registry-qps': 'int', 'reserved-cpus': 'string', 'reserved-memory': 'list', 'resolv-conf': 'string', 'root-dir': 'string', 'rotate-certificates': 'bool',
  'rotate-server-certificates': 'bool', runonce: 'bool', 'runtime-cgroups': 'string', 'runtime-request-timeout': 'duration', 'seccomp-default': 'bool', 'serialize-image-pulls': 'bool',
  'streaming-connection-idle-timeout': 'duration', 'sync-frequency': 'duration', 'system-cgroups': 'string', 'system-reserved': 'map', 'system-reserved-cgroup': 'string',
  'tls-cert-file': 'string', 'tls-cipher-suites': 'list', 'tls-min-version': 'string', 'tls-private-key-file': 'string', 'topology-manager-policy': 'string',
  'topology-manager-policy-options': 'map', 'topology-manager-scope': 'string', v: 'int', version: 'string', vmodule: 'string', 'volume-plugin-dir': 'string',
  'volume-stats-agg-period': 'duration',
};

/** Flags not deprecated (node-specific ones that stay on the command line). */
const NOT_DEPRECATED = new Set(['bootstrap-kubeconfig', 'cert-dir', 'config', 'config-dir', 'help', 'hostname-override', 'kubeconfig', 'node-ip', 'node-labels', 'root-dir', 'v', 'version', 'vmodule', 'lock-file', 'exit-on-lock-contention', 'image-credential-provider-bin-dir', 'image-credential-provider-config', 'log-flush-frequency', 'cloud-provider', 'provider-id', 'runonce', 'experimental-mounter-path', 'seccomp-default', 'pod-infra-container-image']);

const DEPRECATION = "has been deprecated, This parameter should be set via the config file specified by the Kubelet's --config flag. See https://kubernetes.io/docs/tasks/administer-cluster/kubelet-config-file/ for more information.";

interface ParsedFlags {
  values: Map<string, string>;
  error?: string;
}

/** pflag parsing of the kubelet's command line (words normalised: _ becomes -). */
export function parseKubeletFlags(args: readonly string[]): ParsedFlags {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') return { values, error: `unknown command ${a}` };
    const long = a.startsWith('--');
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const raw = eq < 0 ? body : body.slice(0, eq);
    const name = raw.replace(/_/g, '-');
    if (!long && name.length === 1 && name !== 'v' && name !== 'h') return { values, error: `failed to parse kubelet flag: unknown shorthand flag: '${name}' in ${a}` };
    const kind = FLAGS[name === 'h' ? 'help' : name];
    if (!kind) return { values, error: `failed to parse kubelet flag: unknown flag: ${long ? '--' : '-'}${raw}` };
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (kind === 'bool') value = 'true';
    else if (i + 1 < args.length) value = args[++i]!;
    else return { values, error: `failed to parse kubelet flag: flag needs an argument: --${name}` };
    const bad = checkFlagValue(name, kind, value);
    if (bad) return { values, error: `failed to parse kubelet flag: ${bad}` };
    values.set(name, value);
  }
  return { values };
}

function checkFlagValue(name: string, kind: Kind, value: string): string | undefined {
  if (kind === 'bool' && !/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(value)) return `invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
  if (kind === 'int' && !/^-?\d+$/.test(value)) return `invalid argument "${value}" for "--${name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`;
  if (kind === 'duration' && parseDuration(value) === undefined) return `invalid argument "${value}" for "--${name}" flag: time: invalid duration "${value}"`;
  return undefined;
}

/** Go durations: 10s, 1m30s, 0s, 500ms. Returns seconds. */
export function parseDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    consumed += m[0].length;
    total += Number(m[1]) * ({ ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 } as Record<string, number>)[m[2]!]!;
  }
  return consumed === s.length && s.length > 0 ? total : undefined;
}

const CONFIG_FIELDS: Record<string, 'string' | 'bool' | 'int' | 'duration' | 'list' | 'object' | 'map' | 'float' | 'any'> = {
  apiVersion: 'string', kind: 'string', enableServer: 'bool', staticPodPath: 'string', podLogsDir: 'string', syncFrequency: 'duration', fileCheckFrequency: 'duration',
  httpCheckFrequency: 'duration', staticPodURL: 'string', staticPodURLHeader: 'map', address: 'string', port: 'int', readOnlyPort: 'int', tlsCertFile: 'string',
  tlsPrivateKeyFile: 'string', tlsCipherSuites: 'list', tlsMinVersion: 'string', rotateCertificates: 'bool', serverTLSBootstrap: 'bool', authentication: 'object',
  authorization: 'object', registryPullQPS: 'int', registryBurst: 'int', imagePullCredentialsVerificationPolicy: 'string', preloadedImagesVerificationAllowlist: 'list',
  eventRecordQPS: 'int', eventBurst: 'int', enableDebuggingHandlers: 'bool', enableContentionProfiling: 'bool', healthzPort: 'int', healthzBindAddress: 'string',
  oomScoreAdj: 'int', clusterDomain: 'string', clusterDNS: 'list', streamingConnectionIdleTimeout: 'duration', nodeStatusUpdateFrequency: 'duration',
  nodeStatusReportFrequency: 'duration', nodeLeaseDurationSeconds: 'int', imageMinimumGCAge: 'duration', imageMaximumGCAge: 'duration', imageGCHighThresholdPercent: 'int',
  imageGCLowThresholdPercent: 'int', volumeStatsAggPeriod: 'duration', kubeletCgroups: 'string', systemCgroups: 'string', cgroupRoot: 'string', cgroupsPerQOS: 'bool',
  cgroupDriver: 'string', cpuManagerPolicy: 'string', singleProcessOOMKill: 'bool', cpuManagerPolicyOptions: 'map', cpuManagerReconcilePeriod: 'duration',
  memoryManagerPolicy: 'string', topologyManagerPolicy: 'string', topologyManagerScope: 'string', topologyManagerPolicyOptions: 'map', qosReserved: 'map',
  runtimeRequestTimeout: 'duration', hairpinMode: 'string', maxPods: 'int', podCIDR: 'string', podPidsLimit: 'int', resolvConf: 'string', runOnce: 'bool',
  cpuCFSQuota: 'bool', cpuCFSQuotaPeriod: 'duration', nodeStatusMaxImages: 'int', maxOpenFiles: 'int', contentType: 'string', kubeAPIQPS: 'int', kubeAPIBurst: 'int',
  serializeImagePulls: 'bool', maxParallelImagePulls: 'int', evictionHard: 'map', evictionSoft: 'map', evictionSoftGracePeriod: 'map', evictionPressureTransitionPeriod: 'duration',
  evictionMaxPodGracePeriod: 'int', evictionMinimumReclaim: 'map', mergeDefaultEvictionSettings: 'bool', podsPerCore: 'int', enableControllerAttachDetach: 'bool',
  protectKernelDefaults: 'bool', makeIPTablesUtilChains: 'bool', iptablesMasqueradeBit: 'int', iptablesDropBit: 'int', featureGates: 'map', failSwapOn: 'bool',
  memorySwap: 'object', containerLogMaxSize: 'string', containerLogMaxFiles: 'int', containerLogMaxWorkers: 'int', containerLogMonitorInterval: 'duration',
  configMapAndSecretChangeDetectionStrategy: 'string', systemReserved: 'map', kubeReserved: 'map', reservedSystemCPUs: 'string', showHiddenMetricsForVersion: 'string',
  systemReservedCgroup: 'string', kubeReservedCgroup: 'string', enforceNodeAllocatable: 'list', allowedUnsafeSysctls: 'list', volumePluginDir: 'string', providerID: 'string',
  kernelMemcgNotification: 'bool', logging: 'object', enableSystemLogHandler: 'bool', enableSystemLogQuery: 'bool', shutdownGracePeriod: 'duration',
  shutdownGracePeriodCriticalPods: 'duration', shutdownGracePeriodByPodPriority: 'any', crashLoopBackOff: 'object', reservedMemory: 'any', enableProfilingHandler: 'bool',
  enableDebugFlagsHandler: 'bool', seccompDefault: 'bool', memoryThrottlingFactor: 'float', registerWithTaints: 'any', registerNode: 'bool', tracing: 'object',
  localStorageCapacityIsolation: 'bool', containerRuntimeEndpoint: 'string', imageServiceEndpoint: 'string', failCgroupV1: 'bool', userNamespaces: 'object',
};

const GO_TYPES: Record<string, string> = { string: 'string', bool: 'bool', int: 'int32', duration: 'v1.Duration', list: '[]string', object: 'struct', map: 'map[string]string', float: 'float64' };

/** Builds the kubelet's configuration from its argv (argv[0] is the binary) and the files it names. */
export function loadKubeletConfig(fs: VirtualFS, argv: readonly string[]): LoadResult {
  const warnings: string[] = [];
  const flags = parseKubeletFlags(argv.slice(1));
  if (flags.error) return { ok: false, error: flags.error, warnings };
  for (const name of flags.values.keys()) {
    if (NOT_DEPRECATED.has(name)) continue;
    warnings.push(`Flag --${name} ${DEPRECATION}`);
  }
  if (flags.values.has('pod-infra-container-image')) warnings.push('Flag --pod-infra-container-image has been deprecated, will be removed in 1.35. Image garbage collector will get sandbox image information from CRI.');
  const f = flags.values;
  const config = defaults();
  const file = f.get('config');
  if (file) {
    const loaded = loadConfigFile(fs, file, config, warnings);
    if (loaded) return { ok: false, error: `failed to load kubelet config file, path: ${file}, error: failed to load Kubelet config file ${file}, error ${loaded}`, warnings };
    config.configFile = file;
  }
  applyFlags(config, f);
  const invalid = validate(config);
  if (invalid) return { ok: false, error: `failed to validate kubelet configuration, error: ${invalid}, path: &TypeMeta{Kind:,APIVersion:,}`, warnings };
  return { ok: true, config, warnings };
}

function defaults(): KubeletConfig {
  return {
    clusterDNS: [],
    clusterDomain: '',
    cgroupDriver: 'cgroupfs',
    port: 10250,
    readOnlyPort: 0,
    healthzPort: 10248,
    healthzBindAddress: '127.0.0.1',
    maxPods: 110,
    resolvConf: '/etc/resolv.conf',
    containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock',
    registerNode: true,
    nodeLabels: {},
    registerWithTaints: [],
    failSwapOn: true,
    rotateCertificates: false,
    fileCheckFrequency: 20,
    nodeStatusReportFrequency: 300,
    serializeImagePulls: true,
    featureGates: {},
  };
}

/** Returns the inner error text, or undefined when the file loaded into `config`. */
function loadConfigFile(fs: VirtualFS, path: string, config: KubeletConfig, warnings: string[]): string | undefined {
  const abs = path.startsWith('/') ? path : `/${path}`;
  let text: string | undefined;
  if (fs.isDir(abs)) return `failed to read kubelet config file "${abs}", error: read ${abs}: is a directory`;
  try {
    text = fs.readFile(abs);
  } catch {
    return `failed to read kubelet config file "${abs}", error: open ${abs}: no such file or directory`;
  }
  if (text.length === 0) return `kubelet config file "${abs}" was empty`;
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return `failed to decode: error converting YAML to JSON: ${goYamlError(e, text)}`;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return `failed to decode: couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(doc) ? 'array' : 'string'} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`;
  const obj = doc as Record<string, unknown>;
  if (!obj['kind']) return `failed to decode: Object 'Kind' is missing in '${JSON.stringify(obj).slice(0, 200)}'`;
  if (obj['apiVersion'] !== 'kubelet.config.k8s.io/v1beta1' || obj['kind'] !== 'KubeletConfiguration') {
    return `failed to decode: no kind "${String(obj['kind'])}" is registered for version "${String(obj['apiVersion'] ?? '')}" in scheme "k8s.io/kubernetes/pkg/kubelet/apis/config/scheme/scheme.go:30"`;
  }
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    const kind = CONFIG_FIELDS[key];
    if (!kind) {
      unknown.push(key);
      continue;
    }
    const typeErr = checkType(key, kind, value);
    if (typeErr) return `failed to decode: ${typeErr}`;
  }
  if (unknown.length) warnings.push(`"Using lenient decoding as strict decoding failed" err=<\n\tstrict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}\n >`);
  assignFromFile(config, obj);
  return undefined;
}

function checkType(key: string, kind: string, value: unknown): string | undefined {
  if (value === null || value === undefined || kind === 'any') return undefined;
  const jsType = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
  const want: Record<string, string[]> = { string: ['string'], bool: ['boolean'], int: ['number'], float: ['number'], duration: ['string'], list: ['array'], object: ['object'], map: ['object'] };
  if (want[kind]!.includes(jsType)) {
    if (kind === 'duration' && parseDuration(value as string) === undefined) return `time: invalid duration "${String(value)}"`;
    if (kind === 'int' && !Number.isInteger(value)) return `json: cannot unmarshal number ${String(value)} into Go struct field KubeletConfiguration.${key} of type int32`;
    return undefined;
  }
  const goJs = jsType === 'boolean' ? 'bool' : jsType === 'array' ? 'array' : jsType;
  const shown = jsType === 'string' || jsType === 'number' || jsType === 'boolean' ? goJs : goJs;
  return `json: cannot unmarshal ${shown === 'bool' ? 'bool' : shown} into Go struct field KubeletConfiguration.${key} of type ${GO_TYPES[kind]}`;
}

function assignFromFile(c: KubeletConfig, o: Record<string, unknown>): void {
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const num = (k: string) => (typeof o[k] === 'number' ? (o[k] as number) : undefined);
  const bool = (k: string) => (typeof o[k] === 'boolean' ? (o[k] as boolean) : undefined);
  c.staticPodPath = str('staticPodPath') ?? c.staticPodPath;
  if (Array.isArray(o['clusterDNS'])) c.clusterDNS = (o['clusterDNS'] as unknown[]).map(String);
  c.clusterDomain = str('clusterDomain') ?? c.clusterDomain;
  c.cgroupDriver = str('cgroupDriver') ?? c.cgroupDriver;
  const x509 = ((o['authentication'] as Record<string, unknown> | undefined)?.['x509'] ?? {}) as Record<string, unknown>;
  if (typeof x509['clientCAFile'] === 'string') c.clientCAFile = x509['clientCAFile'];
  c.port = num('port') ?? c.port;
  c.readOnlyPort = num('readOnlyPort') ?? c.readOnlyPort;
  c.healthzPort = num('healthzPort') ?? c.healthzPort;
  c.healthzBindAddress = str('healthzBindAddress') ?? c.healthzBindAddress;
  c.maxPods = num('maxPods') ?? c.maxPods;
  c.resolvConf = str('resolvConf') ?? c.resolvConf;
  c.containerRuntimeEndpoint = str('containerRuntimeEndpoint') || c.containerRuntimeEndpoint;
  c.registerNode = bool('registerNode') ?? c.registerNode;
  c.failSwapOn = bool('failSwapOn') ?? c.failSwapOn;
  c.rotateCertificates = bool('rotateCertificates') ?? c.rotateCertificates;
  c.serializeImagePulls = bool('serializeImagePulls') ?? c.serializeImagePulls;
  const fcf = str('fileCheckFrequency');
  if (fcf) c.fileCheckFrequency = parseDuration(fcf) || 20;
  const nsrf = str('nodeStatusReportFrequency');
  if (nsrf) c.nodeStatusReportFrequency = parseDuration(nsrf) || 300;
  if (Array.isArray(o['registerWithTaints'])) c.registerWithTaints = o['registerWithTaints'] as KubeletConfig['registerWithTaints'];
  if (o['featureGates'] && typeof o['featureGates'] === 'object') c.featureGates = { ...(o['featureGates'] as Record<string, boolean>) };
}

function applyFlags(c: KubeletConfig, f: Map<string, string>): void {
  const get = (k: string) => f.get(k);
  if (get('kubeconfig') !== undefined) c.kubeconfig = get('kubeconfig');
  if (get('bootstrap-kubeconfig') !== undefined) c.bootstrapKubeconfig = get('bootstrap-kubeconfig');
  if (get('pod-manifest-path') !== undefined) c.staticPodPath = get('pod-manifest-path');
  if (get('cluster-dns') !== undefined) c.clusterDNS = get('cluster-dns')!.split(',').filter(Boolean);
  if (get('cluster-domain') !== undefined) c.clusterDomain = get('cluster-domain')!;
  if (get('cgroup-driver') !== undefined) c.cgroupDriver = get('cgroup-driver')!;
  if (get('client-ca-file') !== undefined) c.clientCAFile = get('client-ca-file');
  if (get('port') !== undefined) c.port = Number(get('port'));
  if (get('read-only-port') !== undefined) c.readOnlyPort = Number(get('read-only-port'));
  if (get('healthz-port') !== undefined) c.healthzPort = Number(get('healthz-port'));
  if (get('max-pods') !== undefined) c.maxPods = Number(get('max-pods'));
  if (get('resolv-conf') !== undefined) c.resolvConf = get('resolv-conf')!;
  if (get('container-runtime-endpoint') !== undefined) c.containerRuntimeEndpoint = get('container-runtime-endpoint')!;
  if (get('node-ip') !== undefined) c.nodeIp = get('node-ip');
  if (get('hostname-override') !== undefined) c.hostnameOverride = get('hostname-override');
  if (get('register-node') !== undefined) c.registerNode = /^(1|t|true)$/i.test(get('register-node')!);
  if (get('fail-swap-on') !== undefined) c.failSwapOn = /^(1|t|true)$/i.test(get('fail-swap-on')!);
  if (get('pod-infra-container-image') !== undefined) c.podInfraContainerImage = get('pod-infra-container-image');
  if (get('node-labels') !== undefined) {
    for (const pair of get('node-labels')!.split(',')) {
      const [k, v = ''] = pair.split('=');
      if (k) c.nodeLabels[k] = v;
    }
  }
  if (get('register-with-taints') !== undefined) {
    c.registerWithTaints = get('register-with-taints')!.split(',').filter(Boolean).map((t) => {
      const [kv, effect = ''] = t.split(':');
      const [key = '', value] = kv!.split('=');
      return { key, ...(value !== undefined ? { value } : {}), effect };
    });
  }
}

function validate(c: KubeletConfig): string | undefined {
  const errs: string[] = [];
  if (c.port < 1 || c.port > 65535) errs.push(`invalid configuration: port (--port) ${c.port} must be between 1 and 65535, inclusive`);
  if (c.healthzPort < 0 || c.healthzPort > 65535) errs.push(`invalid configuration: healthzPort (--healthz-port) ${c.healthzPort} must be between 1 and 65535, inclusive`);
  if (c.readOnlyPort < 0 || c.readOnlyPort > 65535) errs.push(`invalid configuration: readOnlyPort (--read-only-port) ${c.readOnlyPort} must be between 0 and 65535, inclusive`);
  if (c.maxPods < 0) errs.push(`invalid configuration: maxPods (--max-pods) ${c.maxPods} must not be a negative number`);
  for (const ip of c.clusterDNS) if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) errs.push(`invalid configuration: clusterDNS (--cluster-dns) ${ip} is not a valid IP address`);
  if (c.cgroupDriver !== 'cgroupfs' && c.cgroupDriver !== 'systemd') errs.push(`invalid configuration: cgroupDriver (--cgroup-driver) "${c.cgroupDriver}" is not a valid cgroup driver, must be one of "cgroupfs", "systemd"`);
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}
