/**
 * kubectl cordon, uncordon and drain. Drain cordons, sorts the node's pods through kubectl's
 * filters (DaemonSet-managed, mirror, emptyDir, unmanaged; --ignore-daemonsets, --force,
 * --delete-emptydir-data), evicts through pods/eviction (429 from a PodDisruptionBudget is
 * retried every 5 s of virtual time) or deletes with --disable-eviction, waits for each pod to
 * be gone, and prints kubectl's transcript: `node/node01 cordoned`, `Warning: ignoring
 * DaemonSet-managed Pods: ...`, `evicting pod default/web-...`, `pod/web-... evicted`,
 * `node/node01 drained`.
 */
import { ApiError } from '../../api/errors.js';
import type { KObject, Stored } from '../../api/types.js';
import { parseSelector, SelectorParseError } from '../../api/labels.js';
import { flagBool, flagNumber, flagString, parseDuration } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { warnSink } from './shared.js';
import { dryRun, DRY_RUN_FLAG, SELECTOR_FLAG, type DryRun } from '../common-flags.js';
import { describeError, KubectlError } from '../errors.js';
import { successLine } from '../printers/index.js';
import { seeHelp } from '../create/generator.js';

const NODE_INFO = { group: '', kind: 'Node' };
const POD_INFO = { group: '', kind: 'Pod' };

/** How long an unbounded drain keeps retrying in a headless run (a terminal would wait for Ctrl-C). */
export const DRAIN_LIMIT_SECONDS = 600;

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

/** The nodes named (or selected), with kubectl's usage errors. */
function nodesOf(inv: Invocation, verb: string): Stored[] {
  const selector = flagString(inv.flags, 'selector');
  if (inv.args.length === 0 && !inv.flags.changed.has('selector')) throw seeHelp(`USAGE: ${verb} NODE [flags]`, [verb]);
  if (inv.args.length > 0 && selector) throw seeHelp('error: cannot specify both a node name and a --selector option', [verb]);
  const client = inv.kctx.client();
  if (selector) return client.list('nodes', undefined, { labelSelector: selector });
  return inv.args.map((name) => client.get('nodes', '', name));
}

function print(inv: Invocation, obj: { kind: string; group: string }, name: string, verb: string, dry: DryRun): void {
  const output = flagString(inv.flags, 'output');
  inv.out.write(output === 'name' ? successLine(obj, name, '', 'none').replace(/ \n$/, '\n') : successLine(obj, name, verb, dry));
}

/** RunCordonOrUncordon: patch spec.unschedulable where it differs; "already cordoned" otherwise. */
function cordonNodes(inv: Invocation, nodes: Stored[], desired: boolean, dry: DryRun): void {
  const word = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const current = (node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true;
    if (current === desired) {
      print(inv, NODE_INFO, node.metadata.name, `already ${word}ed`, dry);
      continue;
    }
    if (dry !== 'client') {
      try {
        inv.kctx.client().patch('nodes', '', node.metadata.name, 'merge', { spec: { unschedulable: desired ? true : null } }, { dryRun: dry === 'server' });
      } catch (e) {
        inv.err.write(`error: unable to ${word} node "${node.metadata.name}": ${describeError(e).replace(/^error: /, '')}\n`);
        continue;
      }
    }
    print(inv, NODE_INFO, node.metadata.name, `${word}ed`, dry);
  }
}

function runCordon(desired: boolean) {
  return (inv: Invocation): number => {
    const dry = dryRun(inv.flags, warnSink(inv));
    cordonNodes(inv, nodesOf(inv, desired ? 'cordon' : 'uncordon'), desired, dry);
    return 0;
  };
}

// ---- drain -------------------------------------------------------------------------------

type Status = { del: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string };

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDir: boolean;
  gracePeriod: number;
  timeoutSeconds: number;
  podSelector: string;
  disableEviction: boolean;
  dry: DryRun;
}

function controllerOf(pod: KObject) {
  return pod.metadata.ownerReferences?.find((r) => r.controller);
}

function phaseDone(pod: KObject): boolean {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** drain.Helper's filters, in order; the first that does not delete decides. */
function filterPod(inv: Invocation, pod: Stored, o: DrainOptions): Status {
  const filters: ((p: Stored) => Status)[] = [
    (p) => {
      const ref = controllerOf(p);
      if (!ref || ref.kind !== 'DaemonSet' || phaseDone(p)) return { del: true, reason: 'Okay' };
      try {
        inv.kctx.client().get('daemonsets.apps', p.metadata.namespace ?? '', ref.name);
      } catch (e) {
        if (e instanceof ApiError && e.reason === 'NotFound' && o.force) return { del: true, reason: 'Warning', message: e.message };
        return { del: false, reason: 'Error', message: e instanceof ApiError ? e.message : String(e) };
      }
      return o.ignoreDaemonSets ? { del: false, reason: 'Warning', message: DAEMONSET_WARNING } : { del: false, reason: 'Error', message: DAEMONSET_FATAL };
    },
    (p) => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { del: false, reason: 'Skip' } : { del: true, reason: 'Okay' }),
    (p) => {
      const volumes = ((p['spec'] as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? []).filter((v) => v.emptyDir);
      if (!volumes.length || phaseDone(p)) return { del: true, reason: 'Okay' };
      return o.deleteEmptyDir ? { del: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING } : { del: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
    },
    (p) => {
      if (phaseDone(p) || controllerOf(p)) return { del: true, reason: 'Okay' };
      return o.force ? { del: true, reason: 'Warning', message: UNMANAGED_WARNING } : { del: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  let status: Status = { del: true, reason: 'Okay' };
  for (const f of filters) {
    status = f(pod);
    if (!status.del) break;
  }
  return status;
}

/** GetPodsForDeletion: the pods to evict, the warnings, and the errors that stop the drain. */
function podsForDeletion(inv: Invocation, node: string, o: DrainOptions): { pods: Stored[]; warnings: string; errors: string[] } {
  const pods = inv.kctx.client().list('pods', undefined, { fieldSelector: `spec.nodeName=${node}`, labelSelector: o.podSelector || undefined });
  const items = pods.map((pod) => ({ pod, status: filterPod(inv, pod, o) }));
  const grouped = (reason: Status['reason']) => {
    const m = new Map<string, string[]>();
    for (const i of items.filter((x) => x.status.reason === reason)) {
      const msg = i.status.message || 'unexpected error';
      m.set(msg, [...(m.get(msg) ?? []), `${i.pod.metadata.namespace}/${i.pod.metadata.name}`]);
    }
    return m;
  };
  const warnings = [...grouped('Warning')].map(([msg, ps]) => `${msg}: ${ps.join(', ')}`).join('; ');
  const errors = [...grouped('Error')].map(([msg, ps]) => `cannot delete ${msg}: ${ps.join(', ')}`);
  return { pods: items.filter((i) => i.status.del).map((i) => i.pod), warnings, errors };
}

/** Evicts (or deletes) the pods and waits until each is gone, printing as kubectl does. */
async function evictPods(inv: Invocation, pods: Stored[], o: DrainOptions): Promise<string[]> {
  const client = inv.kctx.client();
  const api = client.api;
  const errors: string[] = [];
  const pending = new Map<string, Stored>();
  const key = (p: Stored) => `${p.metadata.namespace}/${p.metadata.name}`;
  const grace = o.gracePeriod >= 0 ? o.gracePeriod : undefined;
  const limit = o.timeoutSeconds > 0 ? o.timeoutSeconds : DRAIN_LIMIT_SECONDS;
  const started = inv.kctx.now();
  const elapsed = () => (inv.kctx.now() - started) / 1000;
  if (o.disableEviction) {
    for (const p of pods) {
      try {
        client.delete('pods', p.metadata.namespace ?? '', p.metadata.name, { gracePeriodSeconds: grace, dryRun: o.dry === 'server' });
      } catch (e) {
        if (!(e instanceof ApiError && e.reason === 'NotFound')) return [describeError(e)];
      }
      pending.set(key(p), p);
    }
  } else {
    let retry = [...pods];
    while (retry.length) {
      const again: Stored[] = [];
      for (const p of retry) {
        inv.out.write(`evicting pod ${key(p)}${o.dry === 'server' ? ' (server dry run)' : ''}\n`);
        try {
          api.evict(client.user, p.metadata.namespace ?? '', p.metadata.name, { gracePeriodSeconds: grace, dryRun: o.dry === 'server' });
          if (o.dry !== 'server') pending.set(key(p), p);
        } catch (e) {
          if (e instanceof ApiError && e.reason === 'NotFound') continue;
          if (e instanceof ApiError && e.reason === 'TooManyRequests') {
            inv.err.write(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}" (will retry after 5s): ${e.message}\n`);
            again.push(p);
            continue;
          }
          errors.push(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": ${e instanceof ApiError ? e.message : String(e)}`);
        }
      }
      retry = again;
      if (!retry.length) break;
      if (elapsed() + 5 > limit || inv.proc.signal.aborted) {
        for (const p of retry) errors.push(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": global timeout reached: ${formatGoDuration(limit)}`);
        break;
      }
      await inv.proc.sleep(5);
    }
  }
  const verb = o.disableEviction ? 'deleted' : 'evicted';
  while (pending.size) {
    for (const [k, p] of pending) {
      const live = api.store.get('pods', p.metadata.namespace ?? '', p.metadata.name);
      if (!live || live.metadata.uid !== p.metadata.uid) {
        print(inv, POD_INFO, p.metadata.name, verb, 'none');
        pending.delete(k);
      }
    }
    if (!pending.size) break;
    if (elapsed() >= limit || inv.proc.signal.aborted) {
      for (const p of pending.values()) errors.push(`error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: context deadline exceeded`);
      break;
    }
    await inv.proc.sleep(1);
  }
  return errors;
}

/** Go's time.Duration String for whole seconds: 1m0s, 90s -> 1m30s. */
function formatGoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
}

async function runDrain(inv: Invocation): Promise<number> {
  const { flags } = inv;
  const nodes = nodesOf(inv, 'drain');
  const dry = dryRun(flags, warnSink(inv));
  const podSelector = flagString(flags, 'pod-selector');
  if (podSelector) {
    try {
      parseSelector(podSelector);
    } catch (e) {
      if (e instanceof SelectorParseError) throw new KubectlError('error: --pod-selector=<pod_selector> must be a valid label selector');
      throw e;
    }
  }
  const o: DrainOptions = {
    force: flagBool(flags, 'force'),
    ignoreDaemonSets: flagBool(flags, 'ignore-daemonsets'),
    deleteEmptyDir: flagBool(flags, 'delete-emptydir-data'),
    gracePeriod: flagNumber(flags, 'grace-period'),
    timeoutSeconds: parseDuration(flagString(flags, 'timeout') || '0s') / 1000,
    podSelector,
    disableEviction: flagBool(flags, 'disable-eviction'),
    dry,
  };
  cordonNodes(inv, nodes, true, dry);
  const fatal: string[] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name;
    const errors = await drainNode(inv, name, o);
    if (errors.length === 0) {
      print(inv, NODE_INFO, name, 'drained', dry);
      continue;
    }
    const text = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
    inv.err.write(`error: unable to drain node "${name}" due to error: ${text}, continuing command...\n`);
    fatal.push(...errors);
    remaining.push(name);
  }
  if (remaining.length) {
    inv.err.write('There are pending nodes to be drained:\n');
    for (const n of remaining) inv.err.write(` ${n}\n`);
  }
  if (fatal.length === 1) inv.err.write(`error: ${fatal[0]}\n`);
  else if (fatal.length > 1) inv.err.write(fatal.map((e) => e + '\n').join(''));
  return fatal.length ? 1 : 0;
}

async function drainNode(inv: Invocation, node: string, o: DrainOptions): Promise<string[]> {
  const list = podsForDeletion(inv, node, o);
  if (list.errors.length) return list.errors;
  if (list.warnings) inv.err.write(`Warning: ${list.warnings}\n`);
  if (o.dry === 'client') {
    for (const p of list.pods) inv.out.write(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return [];
  }
  const errors = await evictPods(inv, list.pods, o);
  if (errors.length) {
    const pending = podsForDeletion(inv, node, o).pods;
    if (pending.length) {
      inv.err.write(`There are pending pods in node "${node}" when an error occurred: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}\n`);
      for (const p of pending) inv.err.write(`pod/${p.metadata.name}\n`);
    }
  }
  return errors;
}

export const cordonCommand: KubectlCommand = {
  path: ['cordon'],
  help: {
    short: 'Mark node as unschedulable',
    long: `Mark node as unschedulable.`,
    examples: `# Mark node "foo" as unschedulable
kubectl cordon foo`,
    use: 'NODE',
  },
  flags: [
    DRY_RUN_FLAG,
    SELECTOR_FLAG,
  ],
  run: runCordon(true),
};

export const uncordonCommand: KubectlCommand = {
  path: ['uncordon'],
  help: {
    short: 'Mark node as schedulable',
    long: `Mark node as schedulable.`,
    examples: `# Mark node "foo" as schedulable
kubectl uncordon foo`,
    use: 'NODE',
  },
  flags: [
    DRY_RUN_FLAG,
    SELECTOR_FLAG,
  ],
  run: runCordon(false),
};

export const drainCommand: KubectlCommand = {
  path: ['drain'],
  help: {
    short: 'Drain node in preparation for maintenance',
    long: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.

https://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg`,
    examples: `# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
kubectl drain foo --force

# As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
kubectl drain foo --grace-period=900`,
    use: 'NODE',
  },
  flags: [
    { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'delete-emptydir-data', type: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'disable-eviction', type: 'bool', usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    DRY_RUN_FLAG,
    { name: 'force', type: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'pod-selector', type: 'string', usage: 'Label selector to filter pods on the node' },
    SELECTOR_FLAG,
    { name: 'skip-wait-for-delete-timeout', type: 'int', usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
    { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up, zero means infinite' },
  ],
  run: runDrain,
};
