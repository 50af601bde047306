/**
 * kubectl wait --for=condition=X[=value] | --for=delete | --for=create |
 * --for=jsonpath='{...}'[=value], on the virtual clock: targets from TYPE/NAME, -l, --all,
 * --field-selector or -f, one deadline shared by every target (as kubectl's one context), and
 * kubectl's messages: "condition met" (or the object in -o's format), "timed out waiting for
 * the condition on pods/x", "condition not met for pods/x" with --timeout=0.
 */
import type { ResourceInfo } from '../../api/registry.js';
import type { KObject, Stored } from '../../api/types.js';
import { flagBool, flagString, parseDuration } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { ALL_NAMESPACES_FLAG, FIELD_SELECTOR_FLAG, outputFlags, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { KubectlError, usageError } from '../errors.js';
import { kindPrefix, printGenericObjects, PrinterError, resolvePrinter, type ResolvedPrinter } from '../printers/index.js';
import { JsonPath } from '../printers/jsonpath/eval.js';
import { parseResourceArgs } from '../resources.js';
import { keyOf, printerEnv, selectResources, writeErrors, filenamesOf } from './shared.js';

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

# The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
kubectl wait --for=condition=Ready=false pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for pod "busybox1" to be Ready
kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1

# Wait for the service "loadbalancer" to have ingress
kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer

# Wait for the secret "busybox1" to be created, with a timeout of 30s
kubectl create secret generic busybox1
kubectl wait --for=create secret/busybox1 --timeout=30s

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
kubectl delete pod/busybox1
kubectl wait --for=delete pod/busybox1 --timeout=60s`,
    use: '([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]]',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    ALL_NAMESPACES_FLAG,
    ...GENERIC_OUTPUT_FLAGS,
    FIELD_SELECTOR_FLAG,
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'identifying the resource.' },
    { name: 'for', type: 'string', usage: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { name: 'local', type: 'bool', usage: 'If true, annotation will NOT contact api-server but run locally.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', default: true, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
    { name: 'timeout', type: 'duration', default: '30s', usage: "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week." },
  ],
  run: runWait,
};

type Predicate = (obj: Stored | undefined) => boolean;
type Mode = 'condition' | 'create' | 'delete';

/** cmdget.RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. */
function relaxedJsonPath(expr: string): string {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) throw usageError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** `{expr}=value`, `{expr}` or `a.b=value`: the value follows the expression's closing brace. */
function splitJsonPath(body: string): { expr: string; value?: string } {
  if (body.startsWith('{')) {
    const end = body.lastIndexOf('}');
    if (end > 0 && (end === body.length - 1 || body[end + 1] === '=')) return { expr: body.slice(0, end + 1), value: end === body.length - 1 ? undefined : body.slice(end + 2) };
    return { expr: body };
  }
  const eq = body.indexOf('=');
  return eq < 0 ? { expr: body } : { expr: body.slice(0, eq), value: body.slice(eq + 1) };
}

function parseFor(spec: string): { pred: Predicate; mode: Mode } {
  if (spec === 'delete') return { pred: (o) => !o, mode: 'delete' };
  if (spec === 'create') return { pred: (o) => !!o, mode: 'create' };
  if (spec.toLowerCase().startsWith('condition=')) {
    const [type, value = 'true'] = spec.slice('condition='.length).split('=');
    return {
      pred: (o) => !!((o?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => c.type.toLowerCase() === type!.toLowerCase() && c.status.toLowerCase() === value.toLowerCase()),
      mode: 'condition',
    };
  }
  if (spec.toLowerCase().startsWith('jsonpath=')) {
    const { expr, value } = splitJsonPath(spec.slice('jsonpath='.length));
    const text = relaxedJsonPath(expr);
    if (text === '{.}') throw usageError('jsonpath wait format cannot be empty');
    let jp: JsonPath;
    try {
      jp = JsonPath.parse(text);
    } catch (e) {
      throw usageError((e as Error).message);
    }
    jp.allowMissingKeys = true;
    const want = value?.replace(/^['"]+|['"]+$/g, '');
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
      mode: 'condition',
    };
  }
  throw usageError(`unrecognized condition: "${spec}"`);
}

interface WaitTarget {
  info: ResourceInfo;
  key: string;
  namespace: string;
  name: string;
}

/** The objects to wait for; create and delete also accept names that do not exist (yet). */
function waitTargets(inv: Invocation, mode: Mode): { targets: WaitTarget[]; errors: string[] } {
  const { flags } = inv;
  const selector = flagString(flags, 'selector');
  const fieldSelector = flagString(flags, 'field-selector');
  const all = flagBool(flags, 'all');
  const files = filenamesOf(inv);
  const registry = inv.kctx.cluster().api.registry;
  const named = !files.length && parseResourceArgs(registry, inv.args).some((s) => s.names.length);
  if (named && (selector || fieldSelector || all)) throw usageError('selectors and the all flag cannot be used when passing resource/name arguments');
  if (mode !== 'condition' && named) {
    const namespace = inv.kctx.namespace();
    const targets = parseResourceArgs(registry, inv.args).flatMap((s) => s.names.map((name) => ({ info: s.info, key: keyOf(s.info), namespace: s.info.namespaced ? namespace : '', name })));
    return { targets, errors: [] };
  }
  const sel = selectResources(inv, { resources: inv.args, filenames: files, selector, fieldSelector, all, allNamespaces: flagBool(flags, 'all-namespaces'), verb: 'wait' });
  // kubectl's finder skips objects already gone when waiting for their deletion
  const errors = mode === 'delete' ? sel.errors.filter((e) => !e.includes('(NotFound)')) : sel.errors;
  return { targets: sel.targets.map((t) => ({ info: t.info, key: t.key, namespace: t.namespace, name: t.name })), errors };
}

function outputPrinter(inv: Invocation): ResolvedPrinter | undefined {
  if (!flagString(inv.flags, 'output')) return undefined;
  try {
    return resolvePrinter(outputFlags(inv.flags), 'generic', printerEnv(inv));
  } catch (e) {
    if (e instanceof PrinterError) throw usageError(e.message);
    throw e;
  }
}

async function runWait(inv: Invocation): Promise<number> {
  const { flags } = inv;
  const spec = flagString(flags, 'for');
  const { pred, mode } = parseFor(spec);
  const printer = outputPrinter(inv);
  const { targets, errors } = waitTargets(inv, mode);
  if (targets.length === 0 && errors.length === 0 && mode !== 'delete') throw new KubectlError('error: no matching resources found');
  const store = inv.kctx.client().api.store;
  const timeout = parseDuration(flagString(flags, 'timeout')) / 1000;
  // one deadline for all targets, as kubectl waits under one context
  let remaining = timeout < 0 ? 7 * 86400 : timeout;
  const failures: string[] = [];
  for (const t of targets) {
    let obj = store.get(t.key, t.namespace, t.name);
    // an object already gone is not visited at all: nothing to report
    if (mode === 'delete' && !obj) continue;
    while (!pred(obj) && remaining > 0 && !inv.proc.signal.aborted) {
      await inv.proc.sleep(1);
      remaining--;
      obj = store.get(t.key, t.namespace, t.name);
    }
    if (pred(obj)) {
      if (printer && obj) inv.out.write(printGenericObjects(printer, [obj as unknown as KObject], '').stdout);
      else inv.out.write(`${kindPrefix(t.info.group, t.info.kind)}/${t.name} condition met\n`);
      continue;
    }
    const resource = t.key.split('.')[0];
    if (mode === 'create') failures.push('error: timed out waiting for the condition');
    else if (timeout === 0) failures.push(`error: condition not met for ${resource}/${t.name}`);
    else failures.push(`error: timed out waiting for the condition on ${resource}/${t.name}`);
  }
  const all = [...failures, ...errors];
  if (all.length) writeErrors(inv, all);
  return all.length ? 1 : 0;
}
