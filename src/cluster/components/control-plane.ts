/**
 * The control-plane binaries as process models: a container whose image is kube-apiserver,
 * etcd, kube-scheduler or kube-controller-manager runs the component only if its command names
 * the right binary, every flag is known, and the files its flags name are visible through the
 * pod's hostPath mounts. Otherwise it fails the way the real binary does, and the component's
 * function stops (DESIGN principle 1).
 */
import type { Cluster } from '../cluster.js';
import { Store } from '../../api/store.js';
import { imageBaseName, imageTag, type ContainerLaunch, type ProcessModel, type ProcessPlan } from '../../node/process.js';
import { ETCD_FLAGS, KUBE_APISERVER_FLAGS, KUBE_CONTROLLER_MANAGER_FLAGS, KUBE_SCHEDULER_FLAGS, parseComponentFlags, type ParsedFlags } from './flags.js';
import { klog } from './klog.js';
import { normalizePath } from '../../vfs/fs.js';
import { startApiServer, stopApiServer } from './apiserver.js';
import { loadDataDir } from '../../ops/etcd/data-dir.js';

interface ComponentDef {
  binary: string;
  flags: ReadonlySet<string>;
  /** Flags whose values are files the process opens at start. */
  fileFlags: string[];
  /** Checks flag values the binary validates before it starts (an error message, or undefined). */
  validate?(flags: ParsedFlags): string | undefined;
  run(launch: ContainerLaunch, flags: ParsedFlags, cluster: Cluster): ProcessPlan;
}

const COMPONENTS: Record<string, ComponentDef> = {
  'kube-apiserver': {
    binary: 'kube-apiserver',
    flags: KUBE_APISERVER_FLAGS,
    fileFlags: ['client-ca-file', 'tls-cert-file', 'tls-private-key-file', 'etcd-cafile', 'etcd-certfile', 'etcd-keyfile', 'service-account-key-file', 'service-account-signing-key-file', 'kubelet-client-certificate', 'kubelet-client-key', 'proxy-client-cert-file', 'proxy-client-key-file', 'requestheader-client-ca-file', 'encryption-provider-config', 'audit-policy-file', 'token-auth-file', 'admission-control-config-file'],
    validate: (flags) => {
      const errs: string[] = [];
      const range = flags.values.get('service-cluster-ip-range');
      if (range !== undefined) {
        const first = range.split(',')[0] ?? '';
        const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(first);
        if (!m || Number(m[2]) > 32 || m[1]!.split('.').some((o) => Number(o) > 255)) errs.push('service-cluster-ip-range[0] is not a valid cidr');
        else if (Number(m[2]) < 12) errs.push('specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12');
      }
      const port = flags.values.get('secure-port');
      if (port !== undefined && !/^\d+$/.test(port)) errs.push(`invalid argument "${port}" for "--secure-port" flag: strconv.ParseInt: parsing "${port}": invalid syntax`);
      else if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) errs.push(`--secure-port ${port} must be between 1 and 65535, inclusive. It cannot be turned off with 0`);
      if (errs.length === 0) return undefined;
      return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
    },
    run: (launch, flags, cluster) => {
      const etcd = etcdReachable(cluster, flags.values.get('etcd-servers') ?? '', launch.nodeIp);
      if (!etcd.ok) {
        return {
          logs: [klog('W', launch, 'logging.go:55', `[core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {Addr: "${etcd.addr}", ServerName: "${etcd.addr}", }. Err: connection error: desc = "transport: Error while dialing: dial tcp ${etcd.addr}: connect: connection refused"`)],
          exit: { afterSeconds: 20, code: 1, logs: [klog('F', launch, 'instance.go:226', 'Error creating leases: error creating storage factory: context deadline exceeded')] },
        };
      }
      return {
        logs: [klog('I', launch, 'options.go:249', `external host was not specified, using ${launch.nodeIp}`), klog('I', launch, 'server.go:175', 'Version: ' + imageTag(launch.container.image))],
        onStart: () => startApiServer(cluster, launch, flags),
        onStop: () => stopApiServer(cluster, launch, flags),
        listens: [Number(flags.values.get('secure-port') ?? 6443)],
      };
    },
  },
  etcd: {
    binary: 'etcd',
    flags: ETCD_FLAGS,
    fileFlags: ['cert-file', 'key-file', 'trusted-ca-file', 'peer-cert-file', 'peer-key-file', 'peer-trusted-ca-file'],
    run: (launch, flags, cluster) => {
      const dataDir = normalizePath(flags.values.get('data-dir') ?? `/${flags.values.get('name') ?? 'default'}.etcd`);
      const hostDir = hostPathOf(launch, dataDir);
      return {
        logs: [`{"level":"info","ts":"${new Date(cluster.world.clock.now()).toISOString()}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":${JSON.stringify(['etcd', ...argvOf(launch).slice(1)])}}`],
        onStart: () => {
          // A data directory keeps its database: registered by a restore, or read from member/snap/db.
          let store = hostDir ? (cluster.etcdData.get(hostDir) ?? loadDataDir(launch.fs, hostDir)) : undefined;
          if (!store) store = new Store();
          if (hostDir) {
            cluster.etcdData.set(hostDir, store);
            for (const d of ['snap', 'wal']) launch.fs.mkdir(`${hostDir}/member/${d}`, { recursive: true, mode: 0o700 });
          }
          cluster.useStore(store);
          cluster.running.add('etcd');
          cluster.world.network.listen(launch.nodeIp, 2379, { process: 'etcd', pid: 0, service: 'etcd', protocol: 'tcp' });
          cluster.world.network.listen(`127.0.0.1@${launch.nodeIp}`, 2379, { process: 'etcd', pid: 0, service: 'etcd', protocol: 'tcp' });
          cluster.world.network.listen(launch.nodeIp, 2380, { process: 'etcd', pid: 0, service: 'etcd-peer', protocol: 'tcp' });
          cluster.world.network.listen(`127.0.0.1@${launch.nodeIp}`, 2381, { process: 'etcd', pid: 0, service: 'etcd-metrics', protocol: 'tcp' });
        },
        onStop: () => {
          cluster.running.delete('etcd');
          for (const [ip, port] of [[launch.nodeIp, 2379], [`127.0.0.1@${launch.nodeIp}`, 2379], [launch.nodeIp, 2380], [`127.0.0.1@${launch.nodeIp}`, 2381]] as const) cluster.world.network.close(ip, port);
        },
        listens: [2379, 2380, 2381],
      };
    },
  },
  'kube-scheduler': {
    binary: 'kube-scheduler',
    flags: KUBE_SCHEDULER_FLAGS,
    fileFlags: ['kubeconfig', 'authentication-kubeconfig', 'authorization-kubeconfig', 'config'],
    run: (launch, flags, cluster) => ({
      logs: [klog('I', launch, 'serving.go:386', 'Generated self-signed cert in-memory')],
      onStart: () => {
        cluster.running.add('kube-scheduler');
        secureListen(cluster, launch, flags, 10259, 'kube-scheduler');
      },
      onStop: () => {
        cluster.running.delete('kube-scheduler');
        secureClose(cluster, launch, flags, 10259);
      },
      listens: [10259],
    }),
  },
  'kube-controller-manager': {
    binary: 'kube-controller-manager',
    flags: KUBE_CONTROLLER_MANAGER_FLAGS,
    fileFlags: ['kubeconfig', 'authentication-kubeconfig', 'authorization-kubeconfig', 'client-ca-file', 'root-ca-file', 'service-account-private-key-file', 'cluster-signing-cert-file', 'cluster-signing-key-file', 'requestheader-client-ca-file'],
    run: (launch, flags, cluster) => ({
      logs: [klog('I', launch, 'serving.go:386', 'Generated self-signed cert in-memory')],
      onStart: () => {
        cluster.controllerManagerFlags = flags.values;
        cluster.onControllerManagerStart?.(flags.values);
        cluster.running.add('kube-controller-manager');
        secureListen(cluster, launch, flags, 10257, 'kube-controller-manager');
      },
      onStop: () => {
        cluster.running.delete('kube-controller-manager');
        secureClose(cluster, launch, flags, 10257);
      },
      listens: [10257],
    }),
  },
};

export function controlPlaneModel(cluster: Cluster): ProcessModel {
  return (launch) => {
    const def = COMPONENTS[imageBaseName(launch.container.image)];
    if (!def) return undefined;
    const argv = argvOf(launch);
    const binary = argv[0] ?? def.binary;
    if (binary.split('/').pop() !== def.binary) return execNotFound(binary);
    const flags = parseComponentFlags(argv.slice(1), def.flags);
    if (flags.unknown) {
      return { logs: [`Error: unknown flag: ${flags.unknown}`], exit: { afterSeconds: 0, code: 1 } };
    }
    for (const name of def.fileFlags) {
      const path = flags.values.get(name);
      if (path && !visible(launch, path)) {
        return { logs: [klog('E', launch, 'run.go:72', `"command failed" err="${missingFileError(def.binary, name, path)}"`)], exit: { afterSeconds: 0, code: 1 } };
      }
    }
    const invalid = def.validate?.(flags);
    if (invalid) return { logs: [klog('E', launch, 'run.go:72', `"command failed" err="${invalid.replace(/"/g, '\\"')}"`)], exit: { afterSeconds: 0, code: 1 } };
    return def.run(launch, flags, cluster);
  };
}

/** Where --bind-address and --secure-port put a component's HTTPS endpoint. */
function secureAddress(launch: ContainerLaunch, flags: ParsedFlags, defaultPort: number): { ip: string; port: number } {
  const bind = flags.values.get('bind-address') ?? '0.0.0.0';
  const port = Number(flags.values.get('secure-port') ?? defaultPort);
  return { ip: bind === '127.0.0.1' ? `127.0.0.1@${launch.nodeIp}` : launch.nodeIp, port };
}

function secureListen(cluster: Cluster, launch: ContainerLaunch, flags: ParsedFlags, defaultPort: number, process: string): void {
  const a = secureAddress(launch, flags, defaultPort);
  cluster.world.network.listen(a.ip, a.port, { process, pid: 0, service: { describe: process, tls: true }, protocol: 'tcp' });
  if (!a.ip.startsWith('127.0.0.1@')) cluster.world.network.listen(`127.0.0.1@${launch.nodeIp}`, a.port, { process, pid: 0, service: { describe: process, tls: true }, protocol: 'tcp' });
}

function secureClose(cluster: Cluster, launch: ContainerLaunch, flags: ParsedFlags, defaultPort: number): void {
  const a = secureAddress(launch, flags, defaultPort);
  cluster.world.network.close(a.ip, a.port);
  if (!a.ip.startsWith('127.0.0.1@')) cluster.world.network.close(`127.0.0.1@${launch.nodeIp}`, a.port);
}

/** How each binary reports a file its flags name but it cannot open. */
function missingFileError(binary: string, flag: string, path: string): string {
  if (flag === 'client-ca-file' && binary === 'kube-apiserver') return `unable to load client CA provider: open ${path}: no such file or directory`;
  if (flag.endsWith('kubeconfig')) return `stat ${path}: no such file or directory`;
  if (flag === 'config' && binary === 'kube-scheduler') return `open ${path}: no such file or directory`;
  return `open ${path}: no such file or directory`;
}

function argvOf(launch: ContainerLaunch): string[] {
  return [...(launch.container.command ?? []), ...(launch.container.args ?? [])].map(String);
}

function execNotFound(binary: string): ProcessPlan {
  return {
    logs: [],
    startError: {
      reason: 'StartError',
      exitCode: 128,
      message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${binary}": executable file not found in $PATH: unknown`,
    },
  };
}

/** The node path a container path maps to through the pod's hostPath volumes, if mounted. */
export function hostPathOf(launch: ContainerLaunch, path: string): string | undefined {
  const spec = launch.pod['spec'] as { volumes?: { name: string; hostPath?: { path: string } }[] };
  const mounts = (launch.container['volumeMounts'] as { name: string; mountPath: string }[] | undefined) ?? [];
  const target = normalizePath(path);
  let best: { mountPath: string; hostPath: string } | undefined;
  for (const m of mounts) {
    const mp = normalizePath(m.mountPath);
    if (target !== mp && !target.startsWith(mp + '/')) continue;
    const vol = spec.volumes?.find((v) => v.name === m.name);
    if (!vol?.hostPath) continue;
    if (!best || mp.length > best.mountPath.length) best = { mountPath: mp, hostPath: normalizePath(vol.hostPath.path) };
  }
  if (!best) return undefined;
  return normalizePath(best.hostPath + target.slice(best.mountPath.length));
}

function visible(launch: ContainerLaunch, path: string): boolean {
  const host = hostPathOf(launch, path);
  return host !== undefined && launch.fs.exists(host);
}

function etcdReachable(cluster: Cluster, servers: string, nodeIp: string): { ok: boolean; addr: string } {
  const first = servers.split(',')[0] ?? '';
  const m = /^https?:\/\/([^:/]+):(\d+)/.exec(first);
  const addr = m ? `${m[1]}:${m[2]}` : first;
  if (!m) return { ok: false, addr };
  const ip = cluster.world.network.resolve(m[1]!);
  if (!ip) return { ok: false, addr };
  const r = cluster.world.network.connect(ip, Number(m[2]), nodeIp);
  return { ok: r.ok && r.listener.service === 'etcd', addr };
}
