/**
 * Per-node agents that run as DaemonSet pods: kube-proxy, whose running process is what makes
 * Services reachable from its node (the reachability model asks whether it runs), and the CNI
 * node agents (calico-node, flanneld) that leave on the node the state their CNI plugin reads
 * (/var/lib/calico/nodename, /run/flannel/subnet.env). Each reads its configuration from its
 * mounted files and fails with its own messages when they are wrong.
 */
import type { Cluster } from '../cluster.js';
import { imageBaseName, type ContainerLaunch, type ProcessModel, type ProcessPlan } from '../../node/process.js';
import { klog } from './klog.js';
import { parseYaml } from '../../util/yaml.js';
import { flannelSubnetEnv } from '../kubeadm/files.js';

const KUBE_PROXY_FLAGS = new Set(['config', 'hostname-override', 'v', 'cluster-cidr', 'proxy-mode', 'kubeconfig', 'master', 'bind-address', 'healthz-bind-address', 'metrics-bind-address', 'iptables-sync-period', 'nodeport-addresses', 'feature-gates', 'log-flush-frequency', 'conntrack-max-per-core', 'help', 'write-config-to', 'cleanup']);

function argvOf(launch: ContainerLaunch): string[] {
  return launch.argv ?? [...(launch.container.command ?? []), ...(launch.container.args ?? [])].map(String);
}

export function kubeProxyModel(cluster: Cluster): ProcessModel {
  return (launch) => {
    if (imageBaseName(launch.container.image) !== 'kube-proxy') return undefined;
    const argv = argvOf(launch);
    const flags = new Map<string, string>();
    for (const a of argv.slice(1)) {
      const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
      if (!m) continue;
      if (!KUBE_PROXY_FLAGS.has(m[1]!)) return { logs: [`Error: unknown flag: --${m[1]}`], exit: { afterSeconds: 0, code: 1 } };
      flags.set(m[1]!, m[2] ?? 'true');
    }
    const config = flags.get('config');
    let mode = 'iptables';
    if (config) {
      let text: string | undefined;
      try {
        text = launch.containerFs?.().read(config);
      } catch {
        text = undefined;
      }
      if (text === undefined) return fail(launch, `failed complete: open ${config}: no such file or directory`);
      let doc: Record<string, unknown>;
      try {
        doc = (parseYaml(text) ?? {}) as Record<string, unknown>;
      } catch (e) {
        return fail(launch, `failed complete: error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}`);
      }
      if (doc['kind'] !== 'KubeProxyConfiguration') return fail(launch, `failed complete: no kind "${String(doc['kind'])}" is registered for version "${String(doc['apiVersion'])}" in scheme "pkg/proxy/apis/config/scheme/scheme.go:29"`);
      mode = (doc['mode'] as string) || 'iptables';
      if (!['iptables', 'ipvs', 'nftables'].includes(mode)) return fail(launch, `invalid proxy mode "${mode}"`);
    }
    const ip = launch.nodeIp;
    const listen = (port: number, local: boolean) => cluster.world.network.listen(local ? `127.0.0.1@${ip}` : ip, port, { process: 'kube-proxy', pid: 0, service: { describe: 'kube-proxy' }, protocol: 'tcp' });
    const plan: ProcessPlan = {
      logs: [
        klog('I', launch, 'server_linux.go:66', `"Using ${mode} proxy"`),
        klog('I', launch, 'server.go:698', `"Successfully retrieved node IP(s)" IPs=["${ip}"]`),
        klog('I', launch, 'server_linux.go:170', `"Using ${mode} Proxier"`),
        klog('I', launch, 'server.go:497', `"Version info" version="${cluster.spec.version}"`),
        klog('I', launch, 'config.go:199', '"Starting service config controller"'),
        klog('I', launch, 'shared_informer.go:357', '"Caches are synced" controller="service config"'),
      ],
      onStart: () => {
        listen(10249, true);
        listen(10256, false);
      },
      onStop: () => {
        cluster.world.network.close(`127.0.0.1@${ip}`, 10249);
        cluster.world.network.close(ip, 10256);
      },
      listens: [10249, 10256],
    };
    return plan;
  };
}

function fail(launch: ContainerLaunch, message: string): ProcessPlan {
  return { logs: [klog('E', launch, 'run.go:72', `"command failed" err="${message.replace(/"/g, '\\"')}"`)], exit: { afterSeconds: 0, code: 1 } };
}

/** calico-node and flanneld: they write the node state their CNI plugin needs, then run. */
export function cniAgentModel(): ProcessModel {
  return (launch) => {
    const image = launch.container.image ?? '';
    if (/calico\/node:/.test(image)) {
      return {
        logs: [`${new Date(launch.now).toISOString().replace('T', ' ').slice(0, 23)} [INFO][1] startup/startup.go 432: Early log level set to info`, `${new Date(launch.now).toISOString().replace('T', ' ').slice(0, 23)} [INFO][1] startup/startup.go 448: Using NODENAME environment for node name ${launch.nodeName}`],
        onStart: () => launch.fs.writeFile('/var/lib/calico/nodename', launch.nodeName, { parents: true }),
      };
    }
    if (/flannel-io\/flannel:|flannel\/flannel:/.test(image)) {
      const existing = launch.fs.readFileIfExists('/run/flannel/subnet.env');
      const node = launch.pod['spec'] as { nodeName?: string };
      const cidr = /FLANNEL_SUBNET=(\S+)/.exec(existing ?? '')?.[1]?.replace(/\.1\//, '.0/');
      if (!cidr) {
        return { logs: [klog('E', launch, 'main.go:359', `Error registering network: failed to acquire lease: node "${node.nodeName ?? launch.nodeName}" pod cidr not assigned`)], exit: { afterSeconds: 0, code: 1 } };
      }
      const network = /FLANNEL_NETWORK=(\S+)/.exec(existing ?? '')?.[1] ?? '10.244.0.0/16';
      return {
        logs: [klog('I', launch, 'main.go:211', 'CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network kubeSubnetMgr:true}'), klog('I', launch, 'kube.go:139', 'Waiting 10m0s for node controller to sync'), klog('I', launch, 'main.go:479', `Current network or subnet (${network}, ${cidr}) is not equal to previous one (0.0.0.0/0, 0.0.0.0/0), trying to recycle old iptables rules`)],
        onStart: () => launch.fs.writeFile('/run/flannel/subnet.env', flannelSubnetEnv(network, cidr), { parents: true }),
      };
    }
    return undefined;
  };
}
