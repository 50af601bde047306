/**
 * The flag groups kubectl's commands share, worded as kubectl 1.33 registers them (cli-runtime
 * PrintFlags, cmd/get's print flags, cmdutil's filename/selector/dry-run helpers), and the
 * readers that turn parsed values into what the printers and verbs take. A verb's table is
 * its own flags plus the groups it adds, in any order (help sorts by name).
 */

import type { OutputFlags } from '../printers/index.js';
import type { FlagSpec, FlagTable, ParsedFlags } from './types.js';

/** Formats in PrintFlags.AllowedFormats order (the order `-o` usage lists them). */
export const GENERIC_OUTPUT_FORMATS = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
export const GET_OUTPUT_FORMATS = [...GENERIC_OUTPUT_FORMATS, 'custom-columns', 'custom-columns-file', 'wide'];

export const ALLOW_MISSING_TEMPLATE_KEYS: FlagSpec = {
  name: 'allow-missing-template-keys',
  type: 'bool',
  default: true,
  usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
};

export const SHOW_MANAGED_FIELDS: FlagSpec = { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' };

export const TEMPLATE: FlagSpec = {
  name: 'template',
  type: 'string',
  usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
};

/** genericclioptions.PrintFlags (create, apply, run, expose, label, scale, set, ...). */
export function printFlags(defaultOutput = ''): FlagTable {
  return [
    ALLOW_MISSING_TEMPLATE_KEYS,
    { name: 'output', shorthand: 'o', type: 'string', default: defaultOutput, usage: `Output format. One of: (${GENERIC_OUTPUT_FORMATS.join(', ')}).` },
    SHOW_MANAGED_FIELDS,
    TEMPLATE,
  ];
}

/** kubectl get's PrintFlags: tables, custom columns, labels, sorting. */
export function getPrintFlags(): FlagTable {
  return [
    ALLOW_MISSING_TEMPLATE_KEYS,
    {
      name: 'output',
      shorthand: 'o',
      type: 'string',
      usage: `Output format. One of: (${GET_OUTPUT_FORMATS.join(', ')}). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].`,
    },
    SHOW_MANAGED_FIELDS,
    TEMPLATE,
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
    {
      name: 'sort-by',
      type: 'string',
      usage:
        "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.",
    },
    {
      name: 'label-columns',
      shorthand: 'L',
      type: 'stringSlice',
      usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...',
    },
    { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
  ];
}

/** AddFilenameOptionFlags: -f (usage "Filename, directory, or URL to files " + purpose), -k, -R. */
export function filenameFlags(purpose: string): FlagTable {
  return [
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: `Filename, directory, or URL to files ${purpose}` },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    {
      name: 'recursive',
      shorthand: 'R',
      type: 'bool',
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
  ];
}

export const SELECTOR: FlagSpec = {
  name: 'selector',
  shorthand: 'l',
  type: 'string',
  usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
};

export const FIELD_SELECTOR: FlagSpec = {
  name: 'field-selector',
  type: 'string',
  usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
};

export const ALL_NAMESPACES: FlagSpec = {
  name: 'all-namespaces',
  shorthand: 'A',
  type: 'bool',
  usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
};

/** cmdutil.AddDryRunFlag: a string flag that `--dry-run` alone sets to "unchanged". */
export const DRY_RUN: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefVal: 'unchanged',
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

export const FIELD_MANAGER = (defaultManager: string): FlagSpec => ({ name: 'field-manager', type: 'string', default: defaultManager, usage: 'Name of the manager used to track field ownership.' });

export const VALIDATE: FlagSpec = {
  name: 'validate',
  type: 'string',
  default: 'strict',
  noOptDefVal: 'strict',
  usage:
    'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
};

export const CHUNK_SIZE: FlagSpec = {
  name: 'chunk-size',
  type: 'int64',
  default: 500,
  usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
};

/** kubectl get's complete table (1.33). */
export function getFlags(): FlagTable {
  return [
    ALL_NAMESPACES,
    CHUNK_SIZE,
    FIELD_SELECTOR,
    ...filenameFlags('identifying the resource to get from a server.'),
    { name: 'ignore-not-found', type: 'bool', usage: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'output-watch-events', type: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    { name: 'raw', type: 'string', usage: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.' },
    SELECTOR,
    { name: 'server-print', type: 'bool', default: true, usage: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.' },
    { name: 'subresource', type: 'string', usage: 'If specified, gets the subresource of the requested object.' },
    { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
    ...getPrintFlags(),
  ];
}

// ---- readers -----------------------------------------------------------------------------

/** The printer flags a parse produced (flags absent from the table are left unset). */
export function outputFlagsFrom(p: ParsedFlags): OutputFlags {
  const str = (name: string): string | undefined => {
    const v = p.values.get(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const bool = (name: string): boolean | undefined => {
    const v = p.values.get(name);
    return typeof v === 'boolean' ? v : undefined;
  };
  const labelColumns = p.values.get('label-columns');
  return {
    output: str('output'),
    template: str('template'),
    allowMissingTemplateKeys: bool('allow-missing-template-keys'),
    noHeaders: bool('no-headers'),
    showLabels: bool('show-labels'),
    labelColumns: Array.isArray(labelColumns) && labelColumns.length > 0 ? labelColumns : undefined,
    showKind: bool('show-kind'),
    sortBy: str('sort-by'),
    showManagedFields: bool('show-managed-fields'),
  };
}

export type DryRunStrategy = 'none' | 'client' | 'server';

/**
 * cmdutil.GetDryRunStrategy. `warning` is the klog warning kubectl prints for the deprecated
 * spellings (--dry-run alone, --dry-run=true/false); format it with klogLine('W', ...,
 * 'helpers.go:703' for the bare flag, 'helpers.go:717'/'helpers.go:720' for true/false).
 * Throws with kubectl's message for anything else.
 */
export function dryRunStrategy(value: string): { strategy: DryRunStrategy; warning?: string; source?: string } {
  const asBool = goParseBool(value);
  if (asBool === undefined) {
    switch (value) {
      case 'unchanged':
        return { strategy: 'client', warning: '--dry-run is deprecated and can be replaced with --dry-run=client.', source: 'helpers.go:703' };
      case 'client':
      case 'server':
      case 'none':
        return { strategy: value };
    }
    throw new Error(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  }
  const strategy = asBool ? 'client' : 'none';
  return { strategy, warning: `--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${strategy}.`, source: asBool ? 'helpers.go:717' : 'helpers.go:720' };
}

function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/**
 * A klog header line as kubectl writes warnings to stderr:
 * `W1125 22:08:46.739789   18353 helpers.go:703] message`. `now` is ms since the epoch
 * (the virtual clock, printed in UTC); microseconds are the millisecond padded with zeros.
 */
export function klogLine(severity: 'I' | 'W' | 'E' | 'F', now: number, pid: number, source: string, message: string): string {
  const d = new Date(now);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  const stamp = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros}`;
  return `${severity}${stamp} ${String(pid).padStart(7)} ${source}] ${message}\n`;
}
