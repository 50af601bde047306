/**
 * The non-table printers: json, yaml, name, jsonpath, jsonpath-as-json, go-template and
 * custom-columns, each as cli-runtime writes it, with the wording of its errors (a failed
 * template prints its debugging dump the way kubectl does).
 */

import type { KObject } from '../../api/types.js';
import { printCustomColumns } from './customcolumns.js';
import type { Column } from './customcolumns.js';
import { goJsonCompact, goJsonIndent, sprintSharpV } from '../../util/gofmt.js';
import { TemplateExecError } from './gotemplate/exec.js';
import { formatV } from './gotemplate/fmt.js';
import type { GoTemplate } from './gotemplate/exec.js';
import { JsonPathExecError } from './jsonpath/eval.js';
import type { JsonPath } from './jsonpath/eval.js';
import { toYaml } from '../../util/yaml-emit.js';

/** A printing failure: `stdout` is what was written before it (kubectl prints that too). */
export class PrintError extends Error {
  constructor(
    message: string,
    readonly stdout = '',
  ) {
    super(message);
  }
}

export type GenericPrinter =
  | { format: 'json' | 'yaml'; showManagedFields: boolean }
  | { format: 'name'; operation?: string; shortOutput: boolean }
  | { format: 'jsonpath'; template: string; path: JsonPath; asJson: boolean }
  | { format: 'go-template'; template: string; tmpl: GoTemplate; missingKeyError: boolean }
  | { format: 'custom-columns'; columns: Column[]; noHeaders: boolean };

/** The List kubectl builds around several objects (get.go printGeneric). */
export function asList(objects: KObject[]): KObject {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

function isList(obj: KObject): boolean {
  return Array.isArray((obj as { items?: unknown }).items) && obj.kind.endsWith('List');
}

function items(obj: KObject): KObject[] {
  return isList(obj) ? ((obj as unknown as { items: KObject[] }).items ?? []) : [obj];
}

function withoutManagedFields(obj: KObject): KObject {
  if (isList(obj)) return { ...obj, items: items(obj).map(withoutManagedFields) } as KObject;
  if (!obj.metadata || obj.metadata.managedFields === undefined) return obj;
  const { managedFields: _omit, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** "deployment.apps/web", "pod/x", with " created (dry run)" when an operation is given. */
export function nameLine(obj: KObject, operation?: string): string {
  const slash = obj.apiVersion?.indexOf('/') ?? -1;
  const group = slash > 0 ? obj.apiVersion.slice(0, slash) : '';
  const kind = (obj.kind || '').toLowerCase();
  const name = obj.metadata?.name || '<unknown>';
  const op = operation ? ` ${operation}` : '';
  return group ? `${kind}.${group}/${name}${op}\n` : `${kind}/${name}${op}\n`;
}

/**
 * Prints one object (which may be a List) with a generic printer, as PrintObj does.
 * `printCount` carries YAML's "---" separator across calls (count of earlier YAML documents).
 */
export function printGenericObject(p: GenericPrinter, obj: KObject, printCount = 0): string {
  switch (p.format) {
    case 'json':
      return goJsonIndent(p.showManagedFields ? obj : withoutManagedFields(obj)) + '\n';
    case 'yaml':
      return (printCount > 0 ? '---\n' : '') + toYaml(p.showManagedFields ? obj : withoutManagedFields(obj));
    case 'name':
      return items(obj)
        .map((o) => nameLine(o, p.shortOutput ? undefined : p.operation))
        .join('');
    case 'jsonpath':
      return runJsonPath(p.path, p.template, obj);
    case 'go-template':
      return runGoTemplate(p.tmpl, p.template, obj, p.missingKeyError);
    case 'custom-columns':
      return printCustomColumns(p.columns, items(obj), p.noHeaders);
  }
}

function runJsonPath(path: JsonPath, template: string, obj: KObject): string {
  try {
    return path.execute(obj);
  } catch (e) {
    if (!(e instanceof JsonPathExecError)) throw e;
    const debug =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${sprintSharpV(obj)}\n\n`;
    throw new PrintError(`error executing jsonpath ${JSON.stringify(template)}: ${debug}\n`);
  }
}

function runGoTemplate(tmpl: GoTemplate, template: string, obj: KObject, missingKeyError: boolean): string {
  try {
    return tmpl.execute(JSON.parse(JSON.stringify(obj)), missingKeyError);
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e;
    const partial = (e as TemplateExecError & { partial?: string }).partial ?? '';
    const data = goJsonCompact(obj);
    const dump =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\traw data was:\n\t\t${data}\n` +
      `\tobject given to template engine was:\n\t\t${formatV(JSON.parse(data))}\n\n`;
    throw new PrintError(`error executing template ${JSON.stringify(template)}: ${e.message}`, partial + dump);
  }
}
