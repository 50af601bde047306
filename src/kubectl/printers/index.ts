/**
 * kubectl's output layer, byte-exact with kubectl 1.33.
 *
 * Formats (`-o`), resolved by `resolvePrinter` in kubectl's order, with its errors:
 *   (none)             get: the table; create/apply/...: the success line "deployment.apps/web created"
 *   wide               get only: the table with priority columns
 *   json, yaml         4-space json (encoding/json, HTML-escaped, map keys sorted); go-yaml v2 yaml
 *   name               "deployment.apps/web" per object
 *   jsonpath=T, jsonpath-file=F, jsonpath-as-json=T   client-go's jsonpath templates
 *   go-template=T, template=T, go-template-file=F, templatefile=F   text/template (+ exists, base64decode)
 *   custom-columns=H:P,..., custom-columns-file=F      get only
 *   anything else: `unable to match a printer suitable for the output format "x", allowed
 *   formats are: ...` (sorted list for the command's family).
 *
 * Flags read from `OutputFlags`: --output/-o, --template, --allow-missing-template-keys
 * (default true), --no-headers, --show-labels, --label-columns/-L, --show-kind, --sort-by,
 * --show-managed-fields.
 *
 * Entry points: `resolvePrinter` (validate before touching the API, as kubectl does),
 * `printGet` (the `kubectl get` loop: tables per resource type, or one List for generic
 * formats, "No resources found ..." on stderr), `printGenericObjects` (create/apply/run with
 * -o), `successLine` (their default output), `printEvents` (`kubectl events`' own table).
 * Time comes in as `now` (the virtual clock).
 */

import type { ResourceInfo } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import { CustomColumnsError, columnsFromSpec, columnsFromTemplate } from './customcolumns.js';
import type { GenericPrinter } from './generic.js';
import { PrintError, asList, nameLine, printGenericObject } from './generic.js';
import { GoTemplate } from './gotemplate/exec.js';
import { JsonPath } from './jsonpath/eval.js';
import { SortError, sortListItems, sortTableRows } from './sort.js';
import { printTables } from './table/printer.js';
import type { TableSection } from './table/printer.js';
import { tableHandlerFor } from './table/registry.js';
import type { PrinterColumn } from './table/types.js';

export { PrintError } from './generic.js';
export { SortError } from './sort.js';
export { humanDuration, shortHumanDuration, ageSince } from './duration.js';
export { toYaml } from '../../util/yaml-emit.js';
export { goJsonIndent, goJsonCompact } from '../../util/gofmt.js';
export { TabWriter } from './tabwriter.js';
export { printEvents, validateEventTypes } from './events.js';
export type { EventsOptions } from './events.js';
export type { PrinterColumn } from './table/types.js';

export interface OutputFlags {
  output?: string;
  /** --template (used with -o go-template/jsonpath, or alone for go-template). */
  template?: string;
  allowMissingTemplateKeys?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  showKind?: boolean;
  sortBy?: string;
  showManagedFields?: boolean;
}

/** 'get' accepts wide and custom-columns; 'generic' is genericclioptions.PrintFlags (create, apply, ...). */
export type OutputFamily = 'get' | 'generic';

export type ResolvedPrinter = { kind: 'table'; wide: boolean } | { kind: 'success' } | { kind: 'generic'; printer: GenericPrinter };

export class PrinterError extends Error {}

export interface PrinterEnv {
  /** Reads a template or columns file (the VFS); throws with the OS wording ("open f: no such file or directory"). */
  readFile?(path: string): string;
}

const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];
const COLUMN_FORMATS = ['custom-columns', 'custom-columns-file'];

export function allowedFormats(family: OutputFamily): string[] {
  const base = ['json', 'yaml', 'name', ...TEMPLATE_FORMATS, ...JSONPATH_FORMATS];
  return (family === 'get' ? [...base, ...COLUMN_FORMATS, 'wide'] : base).sort();
}

function noMatch(output: string, family: OutputFamily): PrinterError {
  return new PrinterError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${allowedFormats(family).join(',')}`);
}

/** Splits "format=value" for one family of formats; undefined when the format is not one of them. */
function splitFormat(output: string, formats: string[], templateArg: string | undefined): { format: string; value: string } | undefined {
  if (!output && !templateArg) return undefined;
  let format = output;
  let value = '';
  if (!templateArg) {
    for (const f of formats) {
      if (output.startsWith(f + '=')) {
        format = f;
        value = output.slice(f.length + 1);
        break;
      }
    }
  } else {
    value = templateArg;
  }
  return formats.includes(format) ? { format, value } : undefined;
}

function readTemplateFile(env: PrinterEnv, path: string, wording: (err: string) => string): string {
  if (!env.readFile) throw new PrinterError(wording(`open ${path}: no such file or directory`));
  try {
    return env.readFile(path);
  } catch (e) {
    throw new PrinterError(wording((e as Error).message));
  }
}

function templatePrinter(output: string, flags: OutputFlags, env: PrinterEnv): ResolvedPrinter | undefined {
  const allowMissing = flags.allowMissingTemplateKeys ?? true;
  const jp = splitFormat(output, JSONPATH_FORMATS, flags.template);
  if (jp) {
    if (!jp.value) throw new PrinterError('template format specified but no template given');
    let text = jp.value;
    if (jp.format === 'jsonpath-file') text = readTemplateFile(env, jp.value, (err) => `error reading --template ${jp.value}, ${err}`);
    let path: JsonPath;
    try {
      path = JsonPath.parse(text);
    } catch (e) {
      throw new PrinterError(`error parsing jsonpath ${text}, ${(e as Error).message}`);
    }
    path.allowMissingKeys = allowMissing;
    path.outputJSON = jp.format === 'jsonpath-as-json';
    return { kind: 'generic', printer: { format: 'jsonpath', template: text, path, asJson: path.outputJSON } };
  }
  const gt = splitFormat(output, TEMPLATE_FORMATS, flags.template);
  if (gt) {
    if (!gt.value) throw new PrinterError('template format specified but no template given');
    let text = gt.value;
    if (gt.format === 'templatefile' || gt.format === 'go-template-file') text = readTemplateFile(env, gt.value, (err) => `error reading --template ${gt.value}, ${err}`);
    let tmpl: GoTemplate;
    try {
      tmpl = GoTemplate.parse(text);
    } catch (e) {
      throw new PrinterError(`error parsing template ${text}, ${(e as Error).message}`);
    }
    return { kind: 'generic', printer: { format: 'go-template', template: text, tmpl, missingKeyError: !allowMissing } };
  }
  return undefined;
}

function columnsPrinter(output: string, flags: OutputFlags, env: PrinterEnv): ResolvedPrinter | undefined {
  if (!output) return undefined;
  const cc = splitFormat(output, COLUMN_FORMATS, flags.template);
  if (!cc) return undefined;
  if (!cc.value) throw new PrinterError('custom-columns format specified but no custom columns given');
  try {
    const columns =
      cc.format === 'custom-columns-file'
        ? columnsFromTemplate(readTemplateFile(env, cc.value, (err) => `error reading template ${cc.value}, ${err}\n`))
        : columnsFromSpec(cc.value);
    return { kind: 'generic', printer: { format: 'custom-columns', columns, noHeaders: cc.format === 'custom-columns-file' ? false : !!flags.noHeaders } };
  } catch (e) {
    if (e instanceof CustomColumnsError) throw new PrinterError(e.message);
    throw e;
  }
}

/**
 * Resolves -o/--template to a printer, trying the format families in kubectl's order.
 * Throws PrinterError with kubectl's message (print it as "error: <message>").
 */
export function resolvePrinter(flags: OutputFlags, family: OutputFamily, env: PrinterEnv = {}): ResolvedPrinter {
  let output = flags.output ?? '';
  if (flags.template && !output) output = 'go-template';
  const lower = output.toLowerCase();
  const jsonYaml = (): ResolvedPrinter | undefined =>
    lower === 'json' || lower === 'yaml' ? { kind: 'generic', printer: { format: lower, showManagedFields: !!flags.showManagedFields } } : undefined;
  if (family === 'get') {
    const found =
      templatePrinter(output, flags, env) ??
      jsonYaml() ??
      (output === '' || output === 'wide' ? ({ kind: 'table', wide: output === 'wide' } as const) : undefined) ??
      columnsPrinter(output, flags, env) ??
      (lower === 'name' ? ({ kind: 'generic', printer: { format: 'name', shortOutput: true } } as const) : undefined);
    if (found) return found;
    throw noMatch(output, family);
  }
  const found =
    jsonYaml() ??
    (lower === 'name' ? ({ kind: 'generic', printer: { format: 'name', shortOutput: true } } as const) : undefined) ??
    (lower === '' ? ({ kind: 'success' } as const) : undefined) ??
    templatePrinter(output, flags, env);
  if (found) return found;
  throw noMatch(output, family);
}

// ---- kubectl get -----------------------------------------------------------------------

/** The objects of one request (one resource type), in the order the API returned them. */
export interface PrintGroup {
  info?: ResourceInfo;
  objects: KObject[];
  /** A custom resource's additionalPrinterColumns (from its CRD). */
  printerColumns?: PrinterColumn[];
}

export interface GetPrintRequest {
  groups: PrintGroup[];
  /** `get pod x` by one name: print the object itself, not a List. */
  singleItemImplied?: boolean;
  allNamespaces?: boolean;
  /** The namespace in "No resources found in <ns> namespace." */
  namespace: string;
  ignoreNotFound?: boolean;
  now: number;
}

export interface PrintResult {
  stdout: string;
  stderr: string;
  /** Set when printing failed: print "error: <error>" after stdout. */
  error?: string;
  /** Every failure when several objects were printed one by one (create/apply keep going). */
  errors?: string[];
  /** 1 normally; kubectl's klog exit for unsortable --sort-by values is also 1. */
  exitCode: number;
}

function groupKindOf(group: PrintGroup, obj?: KObject): { group: string; kind: string } {
  if (group.info) return { group: group.info.group, kind: group.info.kind };
  const apiVersion = obj?.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  return { group: slash > 0 ? apiVersion.slice(0, slash) : '', kind: obj?.kind ?? '' };
}

/** "deployment.apps" / "pod": the lower-cased GroupKind kubectl prefixes names with. */
export function kindPrefix(group: string, kind: string): string {
  return (group ? `${kind}.${group}` : kind).toLowerCase();
}

/** `kubectl get`'s output for fetched objects. */
export function printGet(printer: ResolvedPrinter, flags: OutputFlags, req: GetPrintRequest): PrintResult {
  try {
    if (printer.kind === 'table') return printGetTables(printer.wide, flags, req);
    if (printer.kind === 'generic') return printGetGeneric(printer.printer, flags, req);
    return { stdout: '', stderr: '', exitCode: 0 };
  } catch (e) {
    if (e instanceof PrintError) return { stdout: e.stdout, stderr: '', error: e.message, exitCode: 1 };
    if (e instanceof SortError) return { stdout: '', stderr: '', error: e.message, exitCode: 1 };
    throw e;
  }
}

/**
 * --sort-by over one table's rows. kubectl sorts server tables in a printer whose error its get
 * loop ignores: a bad or missing field prints nothing for that table (then "No resources
 * found"); only unsortable values stop it (klog.Exitf). One row is never sorted.
 */
function sortedRows(objects: KObject[], sortBy: string | undefined): KObject[] {
  if (!sortBy || objects.length <= 1) return objects;
  try {
    return sortTableRows(objects, sortBy);
  } catch (e) {
    if (e instanceof SortError && !e.fatal) return [];
    throw e;
  }
}

function printGetTables(wide: boolean, flags: OutputFlags, req: GetPrintRequest): PrintResult {
  const kinds = new Set(req.groups.map((g) => {
    const gk = groupKindOf(g, g.objects[0]);
    return `${gk.group}/${gk.kind}/${g.info?.version ?? ''}`;
  }));
  const withKind = !!flags.showKind || (req.groups.length > 1 && kinds.size > 1);
  const sections: TableSection[] = [];
  let allNamespaced = !req.allNamespaces;
  let last: string | undefined;
  for (const group of req.groups) {
    const namespaced = group.info?.namespaced ?? group.objects.some((o) => !!o.metadata.namespace);
    allNamespaced = allNamespaced && namespaced;
    const gk = groupKindOf(group, group.objects[0]);
    const objects = sortedRows(group.objects, flags.sortBy);
    const key = `${gk.group}/${gk.kind}`;
    const section: TableSection = {
      handler: tableHandlerFor(gk.group, gk.kind, group.printerColumns),
      objects,
      decorations: {
        wide,
        noHeaders: !!flags.noHeaders,
        showLabels: !!flags.showLabels,
        labelColumns: flags.labelColumns ?? [],
        withNamespace: !!req.allNamespaces && namespaced,
        kindPrefix: withKind ? kindPrefix(gk.group, gk.kind) : undefined,
      },
    };
    // consecutive requests for the same resource share a table, as kubectl keeps one printer
    const prev = sections[sections.length - 1];
    if (prev && last === key) prev.objects = [...prev.objects, ...objects];
    else sections.push(section);
    last = key;
  }
  const stdout = printTables(sections, { now: req.now });
  let stderr = '';
  if (stdout === '' && !req.ignoreNotFound) {
    stderr = allNamespaced ? `No resources found in ${req.namespace} namespace.\n` : 'No resources found\n';
  }
  return { stdout, stderr, exitCode: 0 };
}

function printGetGeneric(printer: GenericPrinter, flags: OutputFlags, req: GetPrintRequest): PrintResult {
  const all = req.groups.flatMap((g) => g.objects);
  if (all.length === 0 && req.ignoreNotFound) return { stdout: '', stderr: '', exitCode: 0 };
  let obj: KObject;
  if (req.singleItemImplied && all.length === 1) obj = all[0]!;
  else obj = asList(flags.sortBy ? sortListItems(all, flags.sortBy) : all);
  return { stdout: printGenericObject(printer, obj), stderr: '', exitCode: 0 };
}

// ---- create, apply, run, ... ------------------------------------------------------------

export type DryRun = 'none' | 'client' | 'server';

/** "deployment.apps/web created", "... created (dry run)", "... created (server dry run)". */
export function successLine(info: Pick<ResourceInfo, 'group' | 'kind'>, name: string, verb: string, dryRun: DryRun = 'none'): string {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const res = info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
  return `${res}/${name} ${verb}${suffix}\n`;
}

/**
 * What create/apply/run/expose print for their objects with a resolved printer: success lines
 * by default, otherwise each object in turn (YAML documents separated by "---").
 */
export function printGenericObjects(printer: ResolvedPrinter, objects: KObject[], operation: string, dryRun: DryRun = 'none'): PrintResult {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  let stdout = '';
  const errors: string[] = [];
  objects.forEach((obj, i) => {
    try {
      if (printer.kind === 'success' || printer.kind === 'table') stdout += nameLine(obj, operation + suffix);
      else stdout += printGenericObject(printer.printer, obj, i);
    } catch (e) {
      if (!(e instanceof PrintError)) throw e;
      stdout += e.stdout;
      errors.push(e.message);
    }
  });
  return errors.length > 0 ? { stdout, stderr: '', error: errors[0], errors, exitCode: 1 } : { stdout, stderr: '', exitCode: 0 };
}

/** Formats a printing error as kubectl's CheckErr does. */
export function errorText(message: string): string {
  return message.endsWith('\n') ? `error: ${message}` : `error: ${message}\n`;
}

/** CheckErr for several errors: one is "error: <msg>"; more are listed one per line, unprefixed. */
export function errorsText(messages: string[]): string {
  if (messages.length === 1) return errorText(messages[0]!);
  return messages.map((m) => m + '\n').join('');
}
