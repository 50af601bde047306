/**
 * The cluster-operations programs of a node, for the lead to install: etcdctl and etcdutl (on
 * control-plane nodes, as the exam has them), kubeadm, kubelet (`--version`), and the Debian
 * package tools apt-get, apt, apt-cache, apt-mark and dpkg over the node's own dpkg database.
 *
 *   for (const node of cluster.nodes.values()) installOps(cluster, node);
 *
 * `opsPrograms` only lists the programs; `installOps` also lays down the node's package state
 * when it is missing (dpkg status, apt sources and lists, versioned binaries) and starts the
 * kubelet-version watcher that makes a restarted kubelet report its new binary's version.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { NodeHost } from '../node/node.js';
import type { Program } from '../shell/types.js';
import { etcdctlProgram } from './etcd/etcdctl.js';
import { etcdutlProgram } from './etcd/etcdutl.js';
import { aptCacheProgram, aptGetProgram, aptMarkProgram, aptProgram, dpkgProgram } from './packages/programs.js';
import { writePackageState } from './packages/layout.js';
import { KubeletVersionWatcher, kubeletProgram } from './kubelet.js';
import { kubeadmProgram } from './kubeadm/kubeadm.js';

export interface OpsProgram {
  path: string;
  program: Program;
}

/** name -> install path and program, for one node of a cluster. */
export function opsPrograms(cluster: Cluster, node: NodeHost): Record<string, OpsProgram> {
  const rng = cluster.rng.fork(`ops:${node.hostname}`);
  const table: Record<string, OpsProgram> = {
    kubeadm: { path: '/usr/bin/kubeadm', program: kubeadmProgram({ cluster, node, rng: rng.fork('kubeadm') }) },
    kubelet: { path: '/usr/bin/kubelet', program: kubeletProgram(cluster, node) },
    'apt-get': { path: '/usr/bin/apt-get', program: aptGetProgram },
    apt: { path: '/usr/bin/apt', program: aptProgram },
    'apt-cache': { path: '/usr/bin/apt-cache', program: aptCacheProgram },
    'apt-mark': { path: '/usr/bin/apt-mark', program: aptMarkProgram },
    dpkg: { path: '/usr/bin/dpkg', program: dpkgProgram },
  };
  if (node.spec.role === 'control-plane') {
    table['etcdctl'] = { path: '/usr/bin/etcdctl', program: etcdctlProgram({ cluster, node, rng: rng.fork('etcdctl') }) };
    table['etcdutl'] = { path: '/usr/bin/etcdutl', program: etcdutlProgram({ cluster }) };
  }
  return table;
}

const watched = new WeakSet<NodeHost>();

/** Installs the ops programs on a node and prepares what they keep on its disk (idempotent). */
export function installOps(cluster: Cluster, node: NodeHost): void {
  writePackageState(node.fs, cluster.spec.version);
  for (const [name, { path, program }] of Object.entries(opsPrograms(cluster, node))) {
    node.programs.install(name, path, program);
    if (!node.fs.exists(path)) node.fs.writeFile(path, `\u007fELF simulated ${name}\n`, { parents: true, mode: 0o755 });
  }
  if (!watched.has(node)) {
    watched.add(node);
    cluster.world.loop.add(new KubeletVersionWatcher(cluster, node));
  }
}
