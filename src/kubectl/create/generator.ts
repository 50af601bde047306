/**
 * What every `kubectl create <generator>` shares (create_*.go's Complete/Validate/Run): the
 * NAME argument (`exactly one NAME is required, got N`), cobra's required flags, --dry-run,
 * the printer, --validate, --save-config's last-applied annotation, the POST through the API
 * as the kubeconfig's user, and the success line `deployment.apps/web created (dry run)`.
 * A generator module supplies only its flags, help and a `build` of the object in Go struct
 * field order (kubectl prints typed objects: -o json keeps that order).
 */
import { ApiError } from '../../api/errors.js';
import { BUILTIN_RESOURCES, resourceKey, type ResourceInfo } from '../../api/registry.js';
import { clone, type KObject } from '../../api/types.js';
import type { FlagSpec } from '../flags/index.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { dryRun, DRY_RUN_FLAG, fieldManagerFlag, outputFlags, TEMPLATE_FLAGS, VALIDATE_FLAG, type DryRun } from '../common-flags.js';
import { KubectlError, usageError } from '../errors.js';
import { goJsonCompact, goJsonIndent, printGenericObjects, PrinterError, resolvePrinter, type ResolvedPrinter } from '../printers/index.js';
import { printerEnv, warnSink } from '../verbs/shared.js';
import { goOrdered } from './order.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const SAVE_CONFIG_FLAG: FlagSpec = {
  name: 'save-config',
  type: 'bool',
  usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
};

export const CREATE_OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  shorthand: 'o',
  type: 'string',
  usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
};

/** The flags of every create generator (token has only the printing ones). */
export const GENERATOR_FLAGS: FlagSpec[] = [...TEMPLATE_FLAGS, CREATE_OUTPUT_FLAG, DRY_RUN_FLAG, fieldManagerFlag('kubectl-create'), SAVE_CONFIG_FLAG, VALIDATE_FLAG];

/** What a generator's build step gets: the name, the words after `--`, and where the object goes. */
export interface GeneratorInput {
  inv: Invocation;
  name: string;
  /** Arguments after NAME (`-- date`), for deployment, job and cronjob. */
  command: string[];
  /** -n given explicitly (EnforceNamespace): the generated object carries it. */
  enforcedNamespace: string;
  /** The namespace the request goes to. */
  namespace: string;
  dry: DryRun;
}

export interface GeneratorSpec {
  /** ['create', 'deployment'] or ['create', 'secret', 'generic']. */
  path: string[];
  aliases?: string[];
  help: KubectlCommand['help'];
  /** The generator's own flags; the shared ones are added. */
  flags: FlagSpec[];
  /** cobra MarkFlagRequired, checked before anything else. */
  required?: string[];
  /** Store key of the created resource ('deployments.apps'). */
  resource: string;
  /** "deployment" in `failed to create deployment: <err>`; undefined: server errors print as they are. */
  failure?: string | ((inv: Invocation) => string);
  /** Discovery needed before building (role, clusterrole): connection failures print kubectl's discovery lines. */
  discovery?: string;
  /** Checks that need no object yet (Validate). */
  validate?(input: GeneratorInput): void;
  build(input: GeneratorInput): KObject;
}

export function defineGenerator(spec: GeneratorSpec): KubectlCommand {
  return {
    path: spec.path,
    aliases: spec.aliases ?? spec.help.aliases,
    help: spec.help,
    flags: [...spec.flags, ...GENERATOR_FLAGS],
    discovery: spec.discovery ?? 'create',
    run: (inv) => runGenerator(spec, inv),
  };
}

/** cobra's ValidateRequiredFlags: every required flag not given, in flag-name order. */
export function checkRequired(inv: Invocation, names: readonly string[] = []): void {
  const missing = [...names].filter((n) => !inv.flags.changed.has(n)).sort();
  if (missing.length) throw new KubectlError(`error: required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
}

/** NameFromCommandArgs: the one NAME before `--`. */
export function nameFromArgs(inv: Invocation, commandPath: string[]): string {
  const n = inv.flags.argsLenAtDash === -1 ? inv.args.length : inv.flags.argsLenAtDash;
  if (n !== 1) throw seeHelp(`exactly one NAME is required, got ${n}`, commandPath);
  return inv.args[0]!;
}

/** cmdutil.UsageErrorf: the message and a pointer at the command's help. */
export function seeHelp(message: string, commandPath: string[]): KubectlError {
  const text = message.startsWith('error: ') ? message : `error: ${message}`;
  return new KubectlError(`${text}\nSee 'kubectl ${commandPath.join(' ')} -h' for help and examples`);
}

export function resolveGenericPrinter(inv: Invocation): ResolvedPrinter {
  try {
    return resolvePrinter(outputFlags(inv.flags), 'generic', printerEnv(inv));
  } catch (e) {
    if (e instanceof PrinterError) throw usageError(e.message);
    throw e;
  }
}

/** cmdutil.GetValidationDirective: the fieldValidation query value. */
export function validationDirective(inv: Invocation): 'Strict' | 'Warn' | 'Ignore' {
  const v = flagString(inv.flags, 'validate').toLowerCase();
  if (v === 'strict' || v === 'true') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore' || v === 'false') return 'Ignore';
  throw usageError(`invalid - validate option "${flagString(inv.flags, 'validate')}"; must be one of: strict (or true), warn, ignore (or false)`);
}

async function runGenerator(spec: GeneratorSpec, inv: Invocation): Promise<number> {
  checkRequired(inv, spec.required);
  const name = nameFromArgs(inv, spec.path);
  const dry = dryRun(inv.flags, warnSink(inv));
  const printer = resolveGenericPrinter(inv);
  const validation = inv.flags.values.has('validate') ? validationDirective(inv) : 'Strict';
  const input: GeneratorInput = {
    inv,
    name,
    command: inv.args.slice(1),
    enforcedNamespace: inv.kctx.globals.namespace ?? '',
    namespace: inv.kctx.namespace(),
    dry,
  };
  spec.validate?.(input);
  if (spec.discovery) inv.kctx.cluster();
  let obj = goOrdered(spec.build(input));
  if (inv.flags.values.has('save-config') && flagBool(inv.flags, 'save-config')) obj = withLastApplied(obj);
  if (dry !== 'client') obj = submit(spec, inv, obj, input, validation);
  printObjects(inv, printer, [obj], 'created', dry, true);
  return 0;
}

/** POST as the kubeconfig's user; wraps failures as the generator does. */
function submit(spec: GeneratorSpec, inv: Invocation, obj: KObject, input: GeneratorInput, validation: string): KObject {
  const failure = typeof spec.failure === 'function' ? spec.failure(inv) : spec.failure;
  try {
    const client = inv.kctx.client();
    const info = client.api.resource(spec.resource);
    const body = clone(obj);
    if (info.namespaced) body.metadata.namespace = input.namespace;
    return goOrdered(client.create(spec.resource, body, { dryRun: input.dry === 'server', fieldManager: flagString(inv.flags, 'field-manager') }));
  } catch (e) {
    if (!failure) throw e;
    throw wrapFailure(e, failure, inv, spec.resource, input, validation);
  }
}

const REFUSED = /^The connection to the server (\S+) was refused/;

/** `failed to create deployment: <err>`, including the dial error of a POST that never arrived. */
export function wrapFailure(e: unknown, what: string, inv: Invocation, resource: string, input: Pick<GeneratorInput, 'namespace' | 'dry'>, validation: string): unknown {
  const sep = what === 'secret' ? ' ' : ': ';
  if (e instanceof ApiError) return new KubectlError(`error: failed to create ${what}${sep}${e.message}`);
  if (e instanceof KubectlError) {
    const refused = REFUSED.exec(e.message);
    if (!refused) return e;
    const host = refused[1]!;
    const url = `https://${host}${collectionPath(inv, resource, input.namespace)}?${input.dry === 'server' ? 'dryRun=All&' : ''}fieldManager=${flagString(inv.flags, 'field-manager')}&fieldValidation=${validation}`;
    return new KubectlError(`error: failed to create ${what}${sep}Post "${url}": dial tcp ${host}: connect: connection refused`);
  }
  return e;
}

/** The REST path of a collection: /api/v1/namespaces/ns/pods, /apis/apps/v1/... */
export function collectionPath(inv: Invocation, resource: string, namespace: string): string {
  const info = builtinInfo(inv, resource);
  const gv = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  return `${gv}${info.namespaced ? `/namespaces/${namespace}` : ''}/${info.resource}`;
}

function builtinInfo(inv: Invocation, key: string): ResourceInfo {
  void inv;
  const info = BUILTIN_RESOURCES.find((r) => resourceKey(r) === key);
  if (!info) throw new Error(`unknown built-in resource ${key}`);
  return info;
}

/** --save-config: the object as JSON (Go field order) in its last-applied annotation. */
export function withLastApplied(obj: KObject): KObject {
  const copy = clone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  if (Object.keys(annotations).length) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  const value = goJsonCompact(copy, { sortKeys: false }) + '\n';
  const out = clone(obj);
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [LAST_APPLIED]: value };
  return goOrdered(out);
}

/**
 * PrintObj. Typed objects (what generators build, and the typed responses they print) keep
 * Go's struct field order in json (the maps inside were built sorted); unstructured objects
 * and every other format go through the shared printers.
 */
export function printObjects(inv: Invocation, printer: ResolvedPrinter, objects: KObject[], operation: string, dry: DryRun, typed = false): void {
  if (typed && printer.kind === 'generic' && printer.printer.format === 'json') {
    const show = printer.printer.showManagedFields;
    for (const o of objects) inv.out.write(goJsonIndent(show ? o : withoutManagedFields(o), '    ', { sortKeys: false }) + '\n');
    return;
  }
  const r = printGenericObjects(printer, objects, operation, dry);
  inv.out.write(r.stdout);
  if (r.error) throw new KubectlError(`error: ${r.error}`);
}

function withoutManagedFields(o: KObject): KObject {
  if (o.metadata?.managedFields === undefined) return o;
  const { managedFields: _omit, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** A list flag's values, or [] (stringArray and stringSlice alike). */
export function listFlag(inv: Invocation, name: string): string[] {
  return flagList(inv.flags, name);
}
