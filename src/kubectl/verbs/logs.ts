/**
 * kubectl logs: a container's log from its kubelet, by pod, TYPE/NAME (a pod of a workload) or
 * selector; -c, --previous, --tail, --since, --timestamps, --all-containers, --prefix, and -f,
 * which follows on the clock until Ctrl-C (or five minutes of simulated time headless).
 */
import { resourceKey } from '../../api/registry.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import type { Stored } from '../../api/types.js';
import { flagBool, flagNumber, flagString, parseDuration } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { resolveType } from '../resources.js';

const FOLLOW_LIMIT_SECONDS = 300;

export const logsCommand: KubectlCommand = {
  path: ['logs'],
  help: {
    short: 'Print the logs for a container in a pod',
    long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
    examples: `# Return snapshot logs from pod nginx with only one container
kubectl logs nginx

# Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
kubectl logs nginx --prefix

# Return snapshot logs from pod nginx, limiting output to 500 bytes
kubectl logs nginx --limit-bytes=500

# Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
kubectl logs nginx --pod-running-timeout=20s

# Return snapshot logs from pod nginx with multi containers
kubectl logs nginx --all-containers=true

# Return snapshot logs from all pods in the deployment nginx
kubectl logs deployment/nginx --all-pods=true

# Return snapshot logs from all containers in pods defined by label app=nginx
kubectl logs -l app=nginx --all-containers=true

# Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
kubectl logs -l app=nginx --max-log-requests=10

# Return snapshot of previous terminated ruby container logs from pod web-1
kubectl logs -p -c ruby web-1

# Begin streaming the logs from pod nginx, continuing even if errors occur
kubectl logs nginx -f --ignore-errors=true

# Begin streaming the logs of the ruby container in pod web-1
kubectl logs -f -c ruby web-1

# Begin streaming the logs from all containers in pods defined by label app=nginx
kubectl logs -f -l app=nginx --all-containers=true

# Display only the most recent 20 lines of output in pod nginx
kubectl logs --tail=20 nginx

# Show all logs from pod nginx written in the last hour
kubectl logs --since=1h nginx

# Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true

# Show logs from a kubelet with an expired serving certificate
kubectl logs --insecure-skip-tls-verify-backend nginx

# Return snapshot logs from first container of a job named hello
kubectl logs job/hello

# Return snapshot logs from container nginx-1 of a deployment named nginx
kubectl logs deployment/nginx -c nginx-1`,
    use: '[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
  },
  flags: [
    { name: 'all-containers', type: 'bool', usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'all-pods', type: 'bool', usage: 'Get logs from all pod(s). Sets prefix to true.' },
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Print the logs of this container' },
    { name: 'follow', shorthand: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
    { name: 'ignore-errors', type: 'bool', usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool', usage: "Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired." },
    { name: 'limit-bytes', type: 'int64', usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'max-log-requests', type: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'prefix', type: 'bool', usage: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'previous', shorthand: 'p', type: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'since', type: 'duration', default: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'since-time', type: 'string', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'tail', type: 'int64', default: -1, usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', usage: 'Include timestamps on each line in the log output' },
  ],
  run: runLogs,
};

interface Source {
  pod: Stored;
  container: string;
}

async function runLogs(inv: Invocation): Promise<number> {
  const { flags, kctx } = inv;
  const selector = flagString(flags, 'selector');
  if (inv.args.length === 0 && !selector) throw usageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples", 1);
  const sinceTime = flagString(flags, 'since-time');
  if (sinceTime && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(sinceTime)) {
    throw usageError(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
  }
  const client = kctx.client();
  const ns = kctx.namespace();
  const pods = selector ? client.list('pods', ns, { labelSelector: selector }) : flagBool(flags, 'all-pods') ? podsFor(inv, inv.args[0]!) : [podFor(inv, inv.args[0]!)];
  if (selector && pods.length === 0) {
    inv.err.write(`No resources found in ${ns} namespace.\n`);
    return 0;
  }
  const sources: Source[] = [];
  const containerArg = flagString(flags, 'container') || (inv.args[1] ?? '');
  for (const pod of pods) {
    const spec = pod['spec'] as { containers: { name: string }[]; initContainers?: { name: string }[] };
    const names = spec.containers.map((c) => c.name);
    if (flagBool(flags, 'all-containers')) {
      for (const c of [...(spec.initContainers ?? []).map((c) => c.name), ...names]) sources.push({ pod, container: c });
    } else if (containerArg) {
      sources.push({ pod, container: containerArg });
    } else {
      const def = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0]!;
      if (names.length + (spec.initContainers?.length ?? 0) > 1 && !selector) {
        const inits = spec.initContainers?.length ? ` (${spec.initContainers.map((c) => c.name).join(', ')} (init))`.replace(/^ \((.*)\)$/, ', $1') : '';
        inv.err.write(`Defaulted container "${def}" out of: ${names.join(', ')}${inits}\n`);
      }
      sources.push({ pod, container: def });
    }
  }
  const tail = flagNumber(flags, 'tail');
  const since = flagString(flags, 'since');
  if (sinceTime && since && since !== '0s') throw usageError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  const sinceMs = sinceTime ? Date.parse(sinceTime) : NaN;
  const maxRequests = flagNumber(flags, 'max-log-requests');
  if (flagBool(flags, 'follow') && sources.length > maxRequests) {
    throw usageError(`you are attempting to follow ${sources.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`);
  }
  const opts = {
    previous: flagBool(flags, 'previous'),
    tailLines: tail >= 0 ? tail : selector ? 10 : undefined,
    sinceSeconds: since && since !== '0s' ? parseDuration(since) / 1000 : undefined,
  };
  const limitBytes = flagNumber(flags, 'limit-bytes');
  const prefix = flagBool(flags, 'prefix') || flagBool(flags, 'all-pods');
  const stamp = (line: LogLine) => (flagBool(flags, 'timestamps') ? `${line.timestamp ?? new Date(line.at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ` : '');
  const pre = (s: Source) => (prefix ? `[pod/${s.pod.metadata.name}/${s.container}] ` : '');
  const print = (s: Source, line: LogLine) => inv.out.write(`${pre(s)}${stamp(line)}${line.line}\n`);
  const seen = new Map<Source, number>();
  for (const s of sources) {
    let lines = client.api.podLogs(client.user, s.pod.metadata.namespace ?? ns, s.pod.metadata.name, s.container, opts);
    if (!Number.isNaN(sinceMs)) lines = lines.filter((l) => l.at >= sinceMs);
    if (limitBytes > 0) {
      // limitBytes cuts the stream the kubelet sends (timestamps included), mid-line if need be
      const text = Buffer.from(lines.map((l) => `${stamp(l)}${l.line}\n`).join('')).subarray(0, limitBytes).toString();
      inv.out.write(text.replace(/^(?=.)/gm, pre(s)));
    } else for (const l of lines) print(s, l);
    seen.set(s, lines.length ? lines[lines.length - 1]!.at : -1);
  }
  if (flagBool(flags, 'follow')) await follow(inv, sources, seen, print);
  return 0;
}

type LogLine = { at: number; line: string; timestamp?: string };

/** -f: keeps printing new lines as the clock moves, until Ctrl-C or the follow limit. */
async function follow(inv: Invocation, sources: Source[], seen: Map<Source, number>, print: (s: Source, l: { at: number; line: string; timestamp?: string }) => void): Promise<void> {
  const client = inv.kctx.client();
  for (let t = 0; t < FOLLOW_LIMIT_SECONDS && !inv.proc.signal.aborted; t++) {
    await inv.proc.sleep(1);
    for (const s of sources) {
      let lines;
      try {
        lines = client.api.podLogs(client.user, s.pod.metadata.namespace!, s.pod.metadata.name, s.container, {});
      } catch {
        return;
      }
      const after = seen.get(s) ?? -1;
      for (const l of lines.filter((x) => x.at > after)) print(s, l);
      if (lines.length) seen.set(s, lines[lines.length - 1]!.at);
    }
  }
}

/** A pod by name, or the first pod of TYPE/NAME (deploy/web, job/x, rs/y). */
function podFor(inv: Invocation, arg: string): Stored {
  const pods = podsFor(inv, arg);
  if (pods.length > 1) inv.err.write(`Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}\n`);
  return pods[0]!;
}

/** The pod named, or every pod TYPE/NAME selects. */
function podsFor(inv: Invocation, arg: string): Stored[] {
  const client = inv.kctx.client();
  const ns = inv.kctx.namespace();
  if (!arg.includes('/')) return [client.get('pods', ns, arg)];
  const [type, name] = arg.split('/') as [string, string];
  const info = resolveType(inv.kctx.cluster().api.registry, type);
  if (info.resource === 'pods') return [client.get('pods', ns, name)];
  const owner = client.get(resourceKey(info), ns, name);
  const selector = ((owner['spec'] as { selector?: LabelSelector | Record<string, string> } | undefined)?.selector ?? {}) as LabelSelector & Record<string, string>;
  const sel: LabelSelector = selector.matchLabels || selector.matchExpressions ? selector : { matchLabels: selector as Record<string, string> };
  const pods = client.list('pods', ns).filter((p) => selectorMatches(sel, p.metadata.labels));
  if (pods.length === 0) throw new KubectlError(`error: timed out waiting for the condition`);
  return pods;
}
