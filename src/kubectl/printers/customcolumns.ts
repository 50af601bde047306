/**
 * `-o custom-columns=HEADER:.path,...` and `-o custom-columns-file=FILE` (kubectl
 * get/customcolumn.go): one jsonpath per column, several results joined by commas, `<none>`
 * when nothing matches, values printed with fmt.Sprint (maps as map[k:v], lists as [a b]).
 */

import { sprintV } from '../../util/gofmt.js';
import { JsonPath } from './jsonpath/eval.js';
import { relaxedJsonPath } from './sort.js';
import { TabWriter } from './tabwriter.js';
import { escapeTerminal } from './table/printer.js';

export class CustomColumnsError extends Error {}

export interface Column {
  header: string;
  fieldSpec: string;
}

/** NewCustomColumnsPrinterFromSpec: "NAME:.metadata.name,IMAGE:.spec.containers[*].image". */
export function columnsFromSpec(spec: string): Column[] {
  if (spec.length === 0) throw new CustomColumnsError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxed(part.slice(colon + 1)) };
  });
}

/** NewCustomColumnsPrinterFromTemplate: a line of headers, a line of paths, split on blanks. */
export function columnsFromTemplate(text: string): Column[] {
  const lines = text.split('\n');
  if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) {
    throw new CustomColumnsError('invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.');
  }
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '')) {
    throw new CustomColumnsError('invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.');
  }
  const words = (s: string): string[] => s.split(/[\s]+/).filter((w) => w.length > 0);
  const headers = words(lines[0]!.replace(/\r$/, ''));
  const specs = words(lines[1]!.replace(/\r$/, ''));
  if (headers.length !== specs.length) throw new CustomColumnsError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((header, i) => ({ header, fieldSpec: relaxed(specs[i]!) }));
}

function relaxed(expr: string): string {
  try {
    return relaxedJsonPath(expr);
  } catch (e) {
    throw new CustomColumnsError((e as Error).message);
  }
}

/** The text of one object's cell for a column. */
function cell(path: JsonPath, obj: unknown): string {
  path.reset();
  const values = path.findResults(obj);
  const strings: string[] = [];
  if (values.length === 0 || values[0]!.length === 0) strings.push('<none>');
  for (const group of values) for (const v of group) strings.push(escapeTerminal(v === undefined ? '<nil>' : sprintV(v)));
  return strings.join(',');
}

/**
 * Prints objects as one aligned table (PrintObj on a List, or on one object). Throws
 * CustomColumnsError for a column whose path does not parse or fails to evaluate.
 */
export function printCustomColumns(columns: Column[], objects: unknown[], noHeaders: boolean): string {
  const paths = columns.map((c) => {
    try {
      const p = JsonPath.parse(c.fieldSpec);
      p.allowMissingKeys = true;
      return p;
    } catch (e) {
      throw new CustomColumnsError((e as Error).message);
    }
  });
  const lines: string[] = [];
  if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  for (const obj of objects) {
    try {
      lines.push(paths.map((p) => cell(p, obj)).join('\t'));
    } catch (e) {
      throw new CustomColumnsError((e as Error).message);
    }
  }
  const w = TabWriter.forTables();
  w.write(lines.map((l) => l + '\n').join(''));
  w.flush();
  return w.take();
}
