/**
 * What metrics-server would report (metrics.k8s.io/v1beta1), derived deterministically: a
 * container's usage follows its image's typical footprint (etcd, kube-apiserver, nginx, ...)
 * or a share of its requests, capped by its limits, varied per 15 s scrape window by a hash of
 * the pod and container. A container has metrics once it has run for a scrape interval while
 * metrics-server itself runs; a node has them while its kubelet answers. Node usage is its pods'
 * usage plus the system daemons'.
 */
import type { ApiServer } from '../../api/server.js';
import type { Stored } from '../../api/types.js';
import { milliCpu, parseQuantity } from '../../api/quantity.js';

export const SCRAPE_SECONDS = 15;
const MI = 1024 * 1024;

export interface Usage {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
}

export interface ContainerMetrics {
  name: string;
  usage: Usage;
}

export interface PodMetrics {
  namespace: string;
  name: string;
  containers: ContainerMetrics[];
}

export interface NodeMetrics {
  name: string;
  usage: Usage;
}

/** [cpu m low, high], [memory Mi low, high] by image name fragment: a resting process's footprint. */
const PROFILES: [RegExp, [number, number], [number, number]][] = [
  [/kube-apiserver/, [35, 60], [230, 300]],
  [/etcd/, [15, 30], [38, 60]],
  [/kube-controller-manager/, [10, 18], [42, 55]],
  [/kube-scheduler/, [2, 5], [17, 24]],
  [/kube-proxy/, [1, 2], [12, 18]],
  [/coredns/, [1, 3], [11, 17]],
  [/calico\/node|calico-node/, [18, 32], [95, 130]],
  [/calico\/kube-controllers/, [1, 3], [13, 19]],
  [/metrics-server/, [2, 5], [16, 22]],
  [/mysql|mariadb/, [4, 9], [350, 420]],
  [/postgres/, [1, 4], [25, 40]],
  [/redis/, [1, 3], [3, 6]],
  [/httpd/, [1, 2], [5, 9]],
  [/nginx/, [0, 1], [2, 6]],
  [/busybox|alpine|ubuntu|debian|bash/, [0, 1], [0, 1]],
];
const DEFAULT_PROFILE: [[number, number], [number, number]] = [
  [1, 2],
  [4, 8],
];

/** A stable fraction in [0, 1) from a key (FNV-1a). */
function fraction(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h / 2 ** 32;
}

function between([lo, hi]: [number, number], f: number): number {
  return lo + (hi - lo) * f;
}

interface ContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** One container's usage in the scrape window containing `now`. */
export function containerUsage(pod: Stored, c: ContainerSpec, now: number): Usage {
  const window = Math.floor(now / 1000 / SCRAPE_SECONDS);
  const key = `${pod.metadata.uid}/${c.name}`;
  const fCpu = fraction(`${key}/cpu/${window}`);
  const fMem = 0.85 * fraction(`${key}/mem`) + 0.15 * fraction(`${key}/mem/${window}`);
  const profile = PROFILES.find(([re]) => re.test(c.image ?? ''));
  const requests = c.resources?.requests ?? {};
  const limits = c.resources?.limits ?? {};
  let cpu: number;
  let memory: number;
  if (profile) {
    cpu = between(profile[1], fCpu);
    memory = between(profile[2], fMem) * MI;
  } else if (requests['cpu'] || requests['memory']) {
    cpu = requests['cpu'] ? milliCpu(requests['cpu']) * between([0.05, 0.3], fCpu) : between(DEFAULT_PROFILE[0], fCpu);
    memory = requests['memory'] ? parseQuantity(requests['memory']) * between([0.3, 0.7], fMem) : between(DEFAULT_PROFILE[1], fMem) * MI;
  } else {
    cpu = between(DEFAULT_PROFILE[0], fCpu);
    memory = between(DEFAULT_PROFILE[1], fMem) * MI;
  }
  if (limits['cpu']) cpu = Math.min(cpu, milliCpu(limits['cpu']));
  if (limits['memory']) memory = Math.min(memory, parseQuantity(limits['memory']) * 0.95);
  return { cpu: Math.round(cpu), memory: Math.round(memory / 1024) * 1024 };
}

interface PodStatus {
  phase?: string;
  containerStatuses?: { name: string; state?: { running?: { startedAt?: string } } }[];
}

/** When metrics-server's pods started serving (undefined: not running). */
function metricsServerSince(api: ApiServer, service: { namespace: string; name: string }): number | undefined {
  const ep = api.store.get('endpoints', service.namespace, service.name) as { subsets?: { addresses?: { targetRef?: { name?: string; namespace?: string } }[] }[] } | undefined;
  let since: number | undefined;
  for (const a of ep?.subsets?.flatMap((s) => s.addresses ?? []) ?? []) {
    const pod = a.targetRef?.name ? api.store.get('pods', a.targetRef.namespace ?? service.namespace, a.targetRef.name) : undefined;
    const started = (pod?.['status'] as PodStatus | undefined)?.containerStatuses?.map((c) => Date.parse(c.state?.running?.startedAt ?? '')).filter((t) => !Number.isNaN(t));
    const t = started?.length ? Math.max(...started) : undefined;
    if (t !== undefined) since = since === undefined ? t : Math.min(since, t);
  }
  return since ?? (ep?.subsets?.some((s) => s.addresses?.length) ? 0 : undefined);
}

function nodeReady(node: Stored): boolean {
  const conditions = ((node['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export class MetricsServer {
  private readonly since: number | undefined;

  constructor(
    private readonly api: ApiServer,
    service: { namespace: string; name: string },
    private readonly now: number,
  ) {
    this.since = metricsServerSince(api, service);
  }

  /** metrics-server has scraped at least once. */
  private scraped(): boolean {
    return this.since !== undefined && this.now - this.since >= SCRAPE_SECONDS * 1000;
  }

  /** Metrics of a pod, if metrics-server has some: running, its containers up for a scrape interval, its node answering. */
  pod(pod: Stored): PodMetrics | undefined {
    if (!this.scraped()) return undefined;
    const status = (pod['status'] ?? {}) as PodStatus;
    if (status.phase !== 'Running') return undefined;
    const node = this.api.store.get('nodes', '', String((pod['spec'] as { nodeName?: string }).nodeName ?? ''));
    if (!node || !nodeReady(node)) return undefined;
    const specs = ((pod['spec'] as { containers?: ContainerSpec[] }).containers ?? []);
    const containers: ContainerMetrics[] = [];
    for (const c of specs) {
      const started = Date.parse(status.containerStatuses?.find((s) => s.name === c.name)?.state?.running?.startedAt ?? '');
      if (Number.isNaN(started) || this.now - started < SCRAPE_SECONDS * 1000) return undefined;
      containers.push({ name: c.name, usage: containerUsage(pod, c, this.now) });
    }
    return { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, containers };
  }

  /** A node's usage: its pods plus the kubelet, containerd and the OS. */
  node(node: Stored): NodeMetrics | undefined {
    if (!this.scraped() || !nodeReady(node)) return undefined;
    const usage: Usage = { cpu: 0, memory: 0 };
    for (const pod of this.api.store.list('pods')) {
      if ((pod['spec'] as { nodeName?: string }).nodeName !== node.metadata.name) continue;
      const specs = ((pod['spec'] as { containers?: ContainerSpec[] }).containers ?? []);
      if ((pod['status'] as PodStatus | undefined)?.phase !== 'Running') continue;
      for (const c of specs) {
        const u = containerUsage(pod, c, this.now);
        usage.cpu += u.cpu;
        usage.memory += u.memory;
      }
    }
    const window = Math.floor(this.now / 1000 / SCRAPE_SECONDS);
    usage.cpu += Math.round(between([45, 80], fraction(`${node.metadata.uid}/cpu/${window}`)));
    usage.memory += Math.round(between([480, 620], fraction(`${node.metadata.uid}/mem`)) * MI);
    return { name: node.metadata.name, usage };
  }
}
