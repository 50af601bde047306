/**
 * kubectl taint nodes NAME KEY[=VALUE]:EFFECT ... | KEY[:EFFECT]-: adds, overwrites and removes
 * node taints with kubectl's parsing and messages (`node/node01 tainted`, `untainted`,
 * `modified`; `node node01 already has dedicated taint(s) with same effect(s) and --overwrite
 * is false`; `taint "x" not found`).
 */
import { ApiError } from '../../api/errors.js';
import { labelValue, qualifiedName } from '../../api/validation/names.js';
import type { KObject, Stored } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { dryRun, DRY_RUN_FLAG, fieldManagerFlag, SELECTOR_FLAG, VALIDATE_FLAG, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { printObjects, resolveGenericPrinter, seeHelp, validationDirective } from '../create/generator.js';
import { writeErrors, warnSink } from './shared.js';

interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString. */
function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) {
    key = parts[0]!;
  } else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = labelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else {
    throw new Error(`invalid taint spec: ${spec}`);
  }
  const errs = qualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    if (seen.has(`${t.effect}/${t.key}`)) throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    seen.add(`${t.effect}/${t.key}`);
    add.push(t);
  }
  return { add, remove };
}

const matches = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

/** reorganizeTaints: the new list and the word for the result. */
function reorganize(node: Stored, overwrite: boolean, add: Taint[], remove: Taint[]): { taints: Taint[]; operation: string; errors: string[] } {
  const old = ((node['spec'] as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[];
  let next: Taint[] = [...add];
  for (const o of old) if (!next.some((t) => matches(t, o))) next.push(o);
  const added = old.length !== next.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = next.length;
    next = r.effect ? next.filter((t) => !matches(r, t)) : next.filter((t) => t.key !== r.key);
    deleted = next.length !== before;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints: next, operation, errors };
}

function runTaint(inv: Invocation): number {
  const { flags } = inv;
  const dry = dryRun(flags, warnSink(inv));
  if (inv.flags.values.has('validate')) validationDirective(inv);
  const resources: string[] = [];
  const specs: string[] = [];
  for (const s of inv.args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) specs.push(s);
    else if (specs.length) throw usageError(`all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  const printer = resolveGenericPrinter(inv);
  if (resources.length < 1) throw usageError('one or more resources must be specified as <resource> <name>');
  if (specs.length < 1) throw usageError('at least one taint update is required');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(specs);
  } catch (e) {
    throw seeHelp((e as Error).message, ['taint']);
  }
  const typed = resources[0]!.toLowerCase();
  const info = inv.kctx.cluster().api.registry.resolve(typed);
  // the mapper's NoResourceMatchError reaches CheckErr unwrapped: no "error: " prefix
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${typed}"`);
  if (info.kind !== 'Node') throw usageError(`invalid resource type ${typed}, only node types are supported`);
  const conflicts: string[] = [];
  for (const a of parsed.add) for (const r of parsed.remove) if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`${r.key}=${r.effect ?? ''}`);
  if (conflicts.length) throw usageError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = flagBool(flags, 'all');
  const selector = flagString(flags, 'selector');
  if (all && selector) throw usageError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) throw usageError("at least one resource name must be specified since 'all' parameter is not set");
  const client = inv.kctx.client();
  const errors: string[] = [];
  const nodes: Stored[] = [];
  if (all || selector) nodes.push(...client.list('nodes', undefined, { labelSelector: selector || undefined }));
  if (!all && !selector) {
    for (const name of resources.slice(1)) {
      try {
        nodes.push(client.get('nodes', '', name));
      } catch (e) {
        if (e instanceof ApiError) errors.push(describeError(e));
        else throw e;
      }
    }
  }
  const overwrite = flagBool(flags, 'overwrite');
  for (const node of nodes) {
    const old = ((node['spec'] as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[];
    if (!overwrite) {
      const exists = parsed.add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
      if (exists.length) {
        errors.push(`error: node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
        continue;
      }
    }
    const r = reorganize(node, overwrite, parsed.add, parsed.remove);
    if (r.errors.length) {
      errors.push(r.errors.length === 1 ? `error: ${r.errors[0]}` : r.errors.join('\n'));
      continue;
    }
    const updated = structuredClone(node) as KObject;
    const spec = ((updated['spec'] ??= {}) as { taints?: Taint[] });
    if (r.taints.length) spec.taints = r.taints;
    else delete spec.taints;
    if (dry === 'client') {
      // taint's printer takes the operation after the dry-run suffix was set, losing it
      printObjects(inv, printer, [updated], r.operation, 'none');
      continue;
    }
    try {
      const result = client.patch('nodes', '', node.metadata.name, 'merge', { spec: { taints: r.taints.length ? r.taints : null } }, { dryRun: dry === 'server', fieldManager: flagString(flags, 'field-manager') });
      printObjects(inv, printer, [result], r.operation, 'none');
    } catch (e) {
      errors.push(describeError(e));
    }
  }
  if (errors.length) {
    writeErrors(inv, errors);
    return 1;
  }
  return 0;
}

export const taintCommand: KubectlCommand = {
  path: ['taint'],
  help: {
    short: 'Update the taints on one or more nodes',
    long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
    examples: `# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
# If a taint with that key and effect already exists, its value is replaced as specified
kubectl taint nodes foo dedicated=special-user:NoSchedule

# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
kubectl taint nodes foo dedicated:NoSchedule-

# Remove from node 'foo' all the taints with key 'dedicated'
kubectl taint nodes foo dedicated-

# Add a taint with key 'dedicated' on nodes having label myLabel=X
kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

# Add to node 'foo' a taint with key 'bar' and no value
kubectl taint nodes foo bar:NoSchedule`,
    use: 'NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
  },
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all nodes in the cluster' },
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    fieldManagerFlag('kubectl-taint'),
    { name: 'overwrite', type: 'bool', usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    SELECTOR_FLAG,
    VALIDATE_FLAG,
  ],
  run: runTaint,
};
