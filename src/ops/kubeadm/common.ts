/**
 * What every kubeadm command shares: its own version (from the installed binary), the client it
 * builds from a kubeconfig (admin.conf on control planes, kubelet.conf on workers), and its
 * error exit: the message, then klog's hint about stack traces.
 */
import type { Cluster } from '../../cluster/cluster.js';
import type { NodeHost } from '../../node/node.js';
import type { ProcessContext } from '../../shell/types.js';
import type { ApiClient } from '../../api/client.js';
import type { Rng } from '../../util/rng.js';
import { connect, parseKubeconfig } from '../../cluster/connect.js';
import { binaryVersion } from '../packages/dpkg.js';

export interface KubeadmDeps {
  cluster: Cluster;
  node: NodeHost;
  rng: Rng;
}

export const ADMIN_CONF = '/etc/kubernetes/admin.conf';
export const KUBELET_CONF = '/etc/kubernetes/kubelet.conf';

export class KubeadmError extends Error {
  constructor(
    message: string,
    readonly stackHint = true,
  ) {
    super(message);
  }
}

/** The version this kubeadm binary was built as. */
export function kubeadmVersion(ctx: ProcessContext, deps: KubeadmDeps): string {
  return binaryVersion(ctx.host.fs, 'kubeadm') ?? deps.cluster.spec.version;
}

export interface Connected {
  client: ApiClient;
  /** https://host:port of the kubeconfig. */
  server: string;
  caData?: string;
}

/** A client from a kubeconfig file, failing with client-go's wording as kubeadm reports it. */
export function kubeconfigClient(ctx: ProcessContext, deps: KubeadmDeps, path: string, what: string): Connected {
  const text = ctx.host.fs.readFileIfExists(path);
  if (text === undefined) throw new KubeadmError(`couldn't create a Kubernetes client from file "${path}": failed to load admin kubeconfig: open ${path}: no such file or directory`);
  const config = parseKubeconfig(text);
  const conn = connect(deps.cluster.world.network, deps.node.ip, ctx.host.fs, config);
  const cluster = config.clusters?.find((c) => c.name === config.contexts?.find((x) => x.name === config['current-context'])?.context.cluster)?.cluster;
  const server = cluster?.server ?? '';
  if (!conn.ok) {
    const host = server.replace(/^https?:\/\//, '');
    const ip = deps.cluster.world.network.resolve(host.split(':')[0] ?? '') ?? host.split(':')[0];
    const why = conn.error.includes('refused') ? `dial tcp ${ip}:${host.split(':')[1] ?? '443'}: connect: connection refused` : conn.error.replace(/^Unable to connect to the server: /, '').replace(/^error: /, '');
    throw new KubeadmError(`${what}: Get "${server}${apiPathFor(what)}?timeout=10s": ${why}`);
  }
  return { client: conn.client, server, caData: cluster?.['certificate-authority-data'] };
}

function apiPathFor(what: string): string {
  return what.includes('config map') ? '/api/v1/namespaces/kube-system/configmaps/kubeadm-config' : '/api/v1/namespaces/kube-system/secrets';
}

/** kubeadmutil.CheckErr: the message on stderr, the stack-trace hint, exit 1. */
export function failWith(ctx: ProcessContext, e: KubeadmError): number {
  ctx.stderr.write(e.message + '\n' + (e.stackHint ? 'To see the stack trace of this error execute with --v=5 or higher\n' : ''));
  return 1;
}

/** Asks [y/N] on stdin as kubeadm's InteractivelyConfirmAction does. */
export function confirm(ctx: ProcessContext, action: string, question: string): void {
  ctx.stdout.write(`[${action}] ${question} [y/N]: `);
  const answer = ctx.stdin.split('\n')[0]!.trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new KubeadmError("won't proceed; the user didn't answer (Y|n) in order to continue");
}
