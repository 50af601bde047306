/**
 * kubectl rollout status: watches a Deployment, DaemonSet or StatefulSet on the clock and prints
 * kubectl's progress sentences as they change, until the rollout completes, its progress
 * deadline passes, the --timeout expires, or Ctrl-C.
 */
import type { Stored } from '../../api/types.js';
import { flagString, parseDuration } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { parseResourceArgs } from '../resources.js';
import { filenameFlagsWithUsage, SELECTOR_FLAG } from '../common-flags.js';
import { filenamesOf, selectResources, writeErrors, type Target } from './shared.js';

/** How long a wait runs at most when --timeout is 0 (forever on a real terminal). */
export const UNBOUNDED_WAIT_SECONDS = 600;

type Status = { done: boolean; message: string; error?: string };

export const rolloutStatusCommand: KubectlCommand = {
  path: ['rollout', 'status'],
  discovery: 'rollout',
  help: {
    short: 'Show the status of the rollout',
    long: `Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.`,
    examples: '# Watch the rollout status of a deployment\nkubectl rollout status deployment/nginx',
    use: '(TYPE NAME | TYPE/NAME) [flags]',
  },
  flags: [
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    { name: 'revision', type: 'int64', usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    { name: 'watch', shorthand: 'w', type: 'bool', default: true, usage: 'Watch the status of the rollout until it\'s done.' },
  ],
  run: runStatus,
};

async function runStatus(inv: Invocation): Promise<number> {
  const files = filenamesOf(inv);
  const selector = flagString(inv.flags, 'selector');
  if (inv.args.length === 0 && files.length === 0) throw usageError('required resource not specified');
  const named = !files.length && parseResourceArgs(inv.kctx.cluster().api.registry, inv.args).some((s) => s.names.length);
  if (named && selector) throw usageError('selectors and the all flag cannot be used when passing resource/name arguments');
  // ResourceTypeOrNameArgs(true, ...): a bare type means every object of it
  const sel = selectResources(inv, { resources: inv.args, filenames: files, selector, all: true, verb: 'rollout' });
  if (sel.targets.length === 0 && sel.errors.length === 0) {
    inv.err.write(`No resources found in ${inv.kctx.namespace()} namespace.\n`);
    return 0;
  }
  const errors = [...sel.errors];
  for (const t of sel.targets) {
    try {
      await watchOne(inv, t);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      errors.push(e.message);
    }
  }
  if (errors.length) writeErrors(inv, errors);
  return errors.length ? 1 : 0;
}

/** Watches one object until its rollout completes, printing each new status sentence. */
async function watchOne(inv: Invocation, t: Target): Promise<void> {
  const kindName = { Deployment: 'deployment', DaemonSet: 'daemon set', StatefulSet: 'statefulset' }[t.info.kind];
  if (!kindName) throw new KubectlError(`error: no status viewer has been implemented for ${t.info.kind}`);
  const store = inv.kctx.client().api.store;
  const timeoutMs = parseDuration(flagString(inv.flags, 'timeout'));
  const limit = timeoutMs > 0 ? timeoutMs / 1000 : UNBOUNDED_WAIT_SECONDS;
  const watch = inv.flags.values.get('watch') !== false;
  let last = '';
  for (let waited = 0; ; waited++) {
    const obj = store.get(t.key, t.namespace, t.name);
    if (!obj) throw new KubectlError(`error: ${t.info.resource}${t.info.group ? '.' + t.info.group : ''} "${t.name}" not found`);
    const s = statusOf(t.info.kind, kindName, obj);
    if (s.error) throw new KubectlError(`error: ${s.error}`);
    if (s.message !== last) {
      inv.out.write(s.message + '\n');
      last = s.message;
    }
    if (s.done || !watch) return;
    if (waited >= limit || inv.proc.signal.aborted) throw new KubectlError('error: timed out waiting for the condition');
    await inv.proc.sleep(1);
  }
}

function statusOf(kind: string, kindName: string, obj: Stored): Status {
  const name = obj.metadata.name;
  const spec = (obj['spec'] ?? {}) as Record<string, unknown>;
  const st = (obj['status'] ?? {}) as Record<string, number | undefined | unknown[]>;
  const num = (k: string) => Number(st[k] ?? 0);
  if ((obj.metadata.generation ?? 0) > num('observedGeneration')) return { done: false, message: `Waiting for ${kindName} spec update to be observed...` };
  if (kind === 'Deployment') {
    const cond = (st['conditions'] as { type: string; reason?: string }[] | undefined)?.find((c) => c.type === 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') return { done: false, message: '', error: `deployment "${name}" exceeded its progress deadline` };
    const replicas = Number(spec['replicas'] ?? 1);
    if (num('updatedReplicas') < replicas) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${num('updatedReplicas')} out of ${replicas} new replicas have been updated...` };
    if (num('replicas') > num('updatedReplicas')) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${num('replicas') - num('updatedReplicas')} old replicas are pending termination...` };
    if (num('availableReplicas') < num('updatedReplicas')) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${num('availableReplicas')} of ${num('updatedReplicas')} updated replicas are available...` };
    return { done: true, message: `deployment "${name}" successfully rolled out` };
  }
  if (kind === 'DaemonSet') {
    const desired = num('desiredNumberScheduled');
    if (num('updatedNumberScheduled') < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${num('updatedNumberScheduled')} out of ${desired} new pods have been updated...` };
    if (num('numberAvailable') < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${num('numberAvailable')} of ${desired} updated pods are available...` };
    return { done: true, message: `daemon set "${name}" successfully rolled out` };
  }
  const replicas = Number(spec['replicas'] ?? 1);
  if (num('readyReplicas') < replicas) return { done: false, message: `Waiting for ${replicas - num('readyReplicas')} pods to be ready...` };
  if (num('updatedReplicas') < replicas) return { done: false, message: `Waiting for partitioned roll out to finish: ${num('updatedReplicas')} out of ${replicas} new pods have been updated...` };
  return { done: true, message: `statefulset rolling update complete ${replicas} pods at revision ${String(st['updateRevision'] ?? st['currentRevision'] ?? '')}...` };
}
