/**
 * kubectl wait --for=condition=X | --for=delete | --for=jsonpath='{...}'=value | --for=create,
 * on the virtual clock, with kubectl's "condition met" and timeout messages.
 */
import { resourceKey } from '../../api/registry.js';
import type { Stored } from '../../api/types.js';
import { flagBool, flagString, parseDuration } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { ALL_NAMESPACES_FLAG, FIELD_SELECTOR_FLAG, SELECTOR_FLAG } from '../common-flags.js';
import { KubectlError, usageError } from '../errors.js';
import { kindPrefix } from '../printers/index.js';
import { JsonPath } from '../printers/jsonpath/eval.js';
import { parseResourceArgs } from '../resources.js';

export const waitCommand: KubectlCommand = {
  path: ['wait'],
  help: {
    short: 'Experimental: Wait for a specific condition on one or many resources',
    long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
    examples: `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
kubectl wait --for=condition=Ready pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
kubectl delete pod/busybox1
kubectl wait --for=delete pod/busybox1 --timeout=60s`,
    use: '([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]]',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    ALL_NAMESPACES_FLAG,
    FIELD_SELECTOR_FLAG,
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'identifying the resource.' },
    { name: 'for', type: 'string', usage: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', default: '30s', usage: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.' },
  ],
  run: runWait,
};

type Predicate = (obj: Stored | undefined) => boolean;

function parseFor(spec: string): { pred: Predicate; deleteMode: boolean } {
  if (!spec) throw usageError('--for must be set');
  if (spec === 'delete') return { pred: (o) => !o, deleteMode: true };
  if (spec === 'create') return { pred: (o) => !!o, deleteMode: false };
  if (spec.startsWith('condition=')) {
    const [type, value = 'true'] = spec.slice('condition='.length).split('=');
    return {
      pred: (o) => !!((o?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => c.type.toLowerCase() === type!.toLowerCase() && c.status.toLowerCase() === value.toLowerCase()),
      deleteMode: false,
    };
  }
  if (spec.startsWith('jsonpath=')) {
    const body = spec.slice('jsonpath='.length);
    const m = /^(\{.*\})(?:=(.*))?$/.exec(body) ?? /^'?(\{.*\})'?(?:=(.*))?$/.exec(body);
    if (!m) throw usageError(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`);
    const jp = JsonPath.parse(m[1]!);
    jp.allowMissingKeys = true;
    const want = m[2];
    return {
      pred: (o) => {
        if (!o) return false;
        let got: string;
        try {
          got = jp.execute(o).trim();
        } catch {
          return false;
        }
        return want === undefined ? got !== '' : got === want;
      },
      deleteMode: false,
    };
  }
  throw usageError(`unrecognized condition: "${spec}"`);
}

async function runWait(inv: Invocation): Promise<number> {
  const { flags, kctx } = inv;
  const { pred, deleteMode } = parseFor(flagString(flags, 'for'));
  const client = kctx.client();
  const ns = kctx.namespace();
  const sels = parseResourceArgs(kctx.cluster().api.registry, inv.args);
  if (sels.length === 0) throw usageError('resource name may not be empty');
  const targets: { key: string; prefix: string; ns: string; name: string }[] = [];
  for (const sel of sels) {
    const key = resourceKey(sel.info);
    const nsFor = sel.info.namespaced ? ns : '';
    const names = sel.names.length ? sel.names : client.list(key, flagBool(flags, 'all-namespaces') ? undefined : nsFor || undefined, { labelSelector: flagString(flags, 'selector') || undefined }).map((o) => o.metadata.name);
    if (names.length === 0) throw new KubectlError('error: no matching resources found');
    for (const name of names) {
      if (!deleteMode && flagString(flags, 'for') !== 'create' && !client.find(key, nsFor, name)) throw new KubectlError(`Error from server (NotFound): ${key} "${name}" not found`);
      targets.push({ key, prefix: kindPrefix(sel.info.group, sel.info.kind), ns: nsFor, name });
    }
  }
  const timeout = parseDuration(flagString(flags, 'timeout')) / 1000;
  const limit = timeout < 0 ? 7 * 86400 : timeout;
  let failed = 0;
  for (const t of targets) {
    let waited = 0;
    for (;;) {
      if (pred(client.api.store.get(t.key, t.ns, t.name))) {
        inv.out.write(`${t.prefix}/${t.name} condition met\n`);
        break;
      }
      if (waited >= limit || inv.proc.signal.aborted) {
        inv.err.write(`error: timed out waiting for the condition on ${t.key.split('.')[0]}/${t.name}\n`);
        failed++;
        break;
      }
      await inv.proc.sleep(1);
      waited++;
    }
  }
  return failed ? 1 : 0;
}
