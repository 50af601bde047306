/**
 * Command-line flags of the control-plane binaries, as cobra/pflag parse them: a manifest that
 * passes a flag the binary does not know makes the process exit with `Error: unknown flag: --x`.
 * The lists cover every flag kubeadm sets and the ones exam tasks add; extend them as needed.
 */

export interface ParsedFlags {
  values: Map<string, string>;
  positional: string[];
  unknown?: string;
}

export function parseComponentFlags(args: readonly string[], known: ReadonlySet<string>): ParsedFlags {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    if (!known.has(name) && !(a.startsWith('-') && !a.startsWith('--') && name === 'v')) return { values, positional, unknown: a.startsWith('--') ? `--${name}` : `-${name}` };
    if (eq >= 0) values.set(name, body.slice(eq + 1));
    else if (i + 1 < args.length && !args[i + 1]!.startsWith('-') && !BOOL_FLAGS.has(name)) values.set(name, args[++i]!);
    else values.set(name, 'true');
  }
  return { values, positional };
}

const BOOL_FLAGS = new Set(['allow-privileged', 'leader-elect', 'client-cert-auth', 'peer-client-cert-auth', 'enable-bootstrap-token-auth', 'allocate-node-cidrs', 'use-service-account-credentials', 'experimental-initial-corrupt-check', 'anonymous-auth', 'profiling', 'enable-aggregator-routing', 'audit-log-compress', 'logtostderr', 'enable-priority-and-fairness', 'auto-tls', 'peer-auto-tls', 'enable-v2', 'force-new-cluster', 'strict-reconfig-check', 'enable-pprof', 'configure-cloud-routes', 'enable-hostpath-provisioner', 'help']);

const COMMON = ['v', 'vmodule', 'log-flush-frequency', 'logging-format', 'help', 'feature-gates', 'profiling', 'contention-profiling', 'bind-address', 'secure-port', 'tls-cert-file', 'tls-private-key-file', 'tls-cipher-suites', 'tls-min-version', 'kubeconfig', 'authentication-kubeconfig', 'authorization-kubeconfig', 'client-ca-file', 'requestheader-client-ca-file', 'requestheader-allowed-names', 'requestheader-extra-headers-prefix', 'requestheader-group-headers', 'requestheader-username-headers', 'master', 'leader-elect', 'leader-elect-lease-duration', 'leader-elect-renew-deadline', 'leader-elect-retry-period', 'leader-elect-resource-lock', 'leader-elect-resource-name', 'leader-elect-resource-namespace', 'kube-api-qps', 'kube-api-burst', 'kube-api-content-type', 'authentication-skip-lookup', 'authorization-always-allow-paths', 'permit-address-sharing', 'permit-port-sharing', 'cert-dir', 'http2-max-streams-per-connection', 'show-hidden-metrics-for-version', 'allow-metric-labels', 'disabled-metrics'];

export const KUBE_APISERVER_FLAGS = new Set([
  ...COMMON,
  'admission-control-config-file', 'advertise-address', 'aggregator-reject-forwarding-redirect', 'allow-privileged', 'anonymous-auth', 'api-audiences',
  'audit-log-batch-max-size', 'audit-log-compress', 'audit-log-format', 'audit-log-maxage', 'audit-log-maxbackup', 'audit-log-maxsize', 'audit-log-mode', 'audit-log-path',
  'audit-policy-file', 'audit-webhook-config-file', 'audit-webhook-mode', 'authentication-config', 'authentication-token-webhook-config-file', 'authorization-config',
  'authorization-mode', 'authorization-policy-file', 'authorization-webhook-config-file', 'cloud-provider', 'cors-allowed-origins', 'default-not-ready-toleration-seconds',
  'default-unreachable-toleration-seconds', 'delete-collection-workers', 'disable-admission-plugins', 'egress-selector-config-file', 'enable-admission-plugins',
  'enable-aggregator-routing', 'enable-bootstrap-token-auth', 'enable-garbage-collector', 'enable-priority-and-fairness', 'encryption-provider-config',
  'encryption-provider-config-automatic-reload', 'endpoint-reconciler-type', 'etcd-cafile', 'etcd-certfile', 'etcd-compaction-interval', 'etcd-count-metric-poll-period',
  'etcd-healthcheck-timeout', 'etcd-keyfile', 'etcd-prefix', 'etcd-readycheck-timeout', 'etcd-servers', 'etcd-servers-overrides', 'event-ttl', 'external-hostname',
  'goaway-chance', 'kubelet-certificate-authority', 'kubelet-client-certificate', 'kubelet-client-key', 'kubelet-port', 'kubelet-preferred-address-types', 'kubelet-timeout',
  'livez-grace-period', 'max-mutating-requests-inflight', 'max-requests-inflight', 'min-request-timeout', 'oidc-ca-file', 'oidc-client-id', 'oidc-groups-claim',
  'oidc-groups-prefix', 'oidc-issuer-url', 'oidc-required-claim', 'oidc-signing-algs', 'oidc-username-claim', 'oidc-username-prefix', 'proxy-client-cert-file',
  'proxy-client-key-file', 'request-timeout', 'runtime-config', 'service-account-extend-token-expiration', 'service-account-issuer', 'service-account-jwks-uri',
  'service-account-key-file', 'service-account-lookup', 'service-account-max-token-expiration', 'service-account-signing-key-file', 'service-cluster-ip-range',
  'service-node-port-range', 'shutdown-delay-duration', 'shutdown-send-retry-after', 'storage-backend', 'storage-media-type', 'strict-transport-security-directives',
  'token-auth-file', 'watch-cache', 'watch-cache-sizes', 'tracing-config-file', 'storage-initialization-timeout', 'lease-reuse-duration-seconds',
]);

export const KUBE_CONTROLLER_MANAGER_FLAGS = new Set([
  ...COMMON,
  'allocate-node-cidrs', 'attach-detach-reconcile-sync-period', 'cidr-allocator-type', 'cloud-config', 'cloud-provider', 'cluster-cidr', 'cluster-name',
  'cluster-signing-cert-file', 'cluster-signing-duration', 'cluster-signing-key-file', 'cluster-signing-kube-apiserver-client-cert-file',
  'cluster-signing-kube-apiserver-client-key-file', 'cluster-signing-kubelet-client-cert-file', 'cluster-signing-kubelet-client-key-file',
  'cluster-signing-kubelet-serving-cert-file', 'cluster-signing-kubelet-serving-key-file', 'cluster-signing-legacy-unknown-cert-file',
  'cluster-signing-legacy-unknown-key-file', 'concurrent-deployment-syncs', 'concurrent-endpoint-syncs', 'concurrent-gc-syncs', 'concurrent-namespace-syncs',
  'concurrent-replicaset-syncs', 'concurrent-service-syncs', 'concurrent-statefulset-syncs', 'configure-cloud-routes', 'controller-start-interval', 'controllers',
  'disable-attach-detach-reconcile-sync', 'enable-dynamic-provisioning', 'enable-garbage-collector', 'enable-hostpath-provisioner', 'horizontal-pod-autoscaler-sync-period',
  'large-cluster-size-threshold', 'min-resync-period', 'node-cidr-mask-size', 'node-cidr-mask-size-ipv4', 'node-eviction-rate', 'node-monitor-grace-period',
  'node-monitor-period', 'node-startup-grace-period', 'pod-eviction-timeout', 'pv-recycler-pod-template-filepath-hostpath', 'pvclaimbinder-sync-period', 'root-ca-file',
  'route-reconciliation-period', 'secondary-node-eviction-rate', 'service-account-private-key-file', 'service-cluster-ip-range', 'terminated-pod-gc-threshold',
  'unhealthy-zone-threshold', 'use-service-account-credentials', 'horizontal-pod-autoscaler-downscale-stabilization', 'horizontal-pod-autoscaler-tolerance',
]);

export const KUBE_SCHEDULER_FLAGS = new Set([...COMMON, 'config', 'write-config-to', 'pod-max-in-unschedulable-pods-duration', 'port', 'address', 'scheduler-name', 'policy-config-file', 'lock-object-name', 'lock-object-namespace']);

export const ETCD_FLAGS = new Set([
  'v', 'help', 'name', 'data-dir', 'wal-dir', 'snapshot-count', 'heartbeat-interval', 'election-timeout', 'listen-peer-urls', 'listen-client-urls', 'listen-metrics-urls',
  'max-snapshots', 'max-wals', 'quota-backend-bytes', 'initial-advertise-peer-urls', 'initial-cluster', 'initial-cluster-state', 'initial-cluster-token',
  'advertise-client-urls', 'cert-file', 'key-file', 'client-cert-auth', 'trusted-ca-file', 'auto-tls', 'peer-cert-file', 'peer-key-file', 'peer-client-cert-auth',
  'peer-trusted-ca-file', 'peer-auto-tls', 'experimental-initial-corrupt-check', 'experimental-watch-progress-notify-interval', 'log-level', 'logger', 'log-outputs',
  'enable-v2', 'force-new-cluster', 'strict-reconfig-check', 'auto-compaction-retention', 'auto-compaction-mode', 'cipher-suites', 'metrics', 'enable-pprof',
  'experimental-compact-hash-check-enabled', 'experimental-peer-skip-client-san-verification', 'tls-min-version', 'tls-max-version',
]);
