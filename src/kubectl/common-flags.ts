/**
 * Flag groups many kubectl commands share (genericclioptions): printing, filenames, selectors,
 * dry-run. Usage texts as kubectl 1.33 prints them in --help.
 */
import { dryRunStrategy, flagBool, flagList, flagString, klogLine, type DryRunStrategy, type FlagSpec, type ParsedFlags } from './flags/index.js';
import type { OutputFlags } from './printers/index.js';
import { usageError } from './errors.js';

export const TEMPLATE_FLAGS: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
];

export const GENERIC_OUTPUT_FLAGS: FlagSpec[] = [
  ...TEMPLATE_FLAGS,
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
];

export const GET_OUTPUT_FLAGS: FlagSpec[] = [
  ...TEMPLATE_FLAGS,
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
  { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
  {
    name: 'output',
    shorthand: 'o',
    type: 'string',
    usage:
      'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].',
  },
  { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
  { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
  { name: 'sort-by', type: 'string', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
];

export function filenameFlags(verb: string): FlagSpec[] {
  return filenameFlagsWithUsage(`Filename, directory, or URL to files identifying the resource to ${verb}`);
}

/** -f, -k and -R, for the commands whose -f usage kubectl words its own way. */
export function filenameFlagsWithUsage(filenameUsage: string): FlagSpec[] {
  return [
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: filenameUsage },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
  ];
}

export const SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  shorthand: 'l',
  type: 'string',
  usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
};

export const FIELD_SELECTOR_FLAG: FlagSpec = {
  name: 'field-selector',
  type: 'string',
  usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
};

export const ALL_NAMESPACES_FLAG: FlagSpec = {
  name: 'all-namespaces',
  shorthand: 'A',
  type: 'bool',
  usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
};

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefVal: 'unchanged',
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

export function fieldManagerFlag(manager: string): FlagSpec {
  return { name: 'field-manager', type: 'string', default: manager, usage: 'Name of the manager used to track field ownership.' };
}

export const VALIDATE_FLAG: FlagSpec = {
  name: 'validate',
  type: 'string',
  default: 'strict',
  noOptDefVal: 'strict',
  usage: `Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.`,
};

export function outputFlags(p: ParsedFlags): OutputFlags {
  const has = (n: string) => p.values.has(n);
  return {
    output: flagString(p, 'output'),
    template: has('template') ? flagString(p, 'template') : undefined,
    allowMissingTemplateKeys: has('allow-missing-template-keys') ? flagBool(p, 'allow-missing-template-keys') : true,
    noHeaders: has('no-headers') ? flagBool(p, 'no-headers') : false,
    showLabels: has('show-labels') ? flagBool(p, 'show-labels') : false,
    labelColumns: has('label-columns') ? flagList(p, 'label-columns') : [],
    showKind: has('show-kind') ? flagBool(p, 'show-kind') : false,
    sortBy: has('sort-by') ? flagString(p, 'sort-by') : undefined,
    showManagedFields: has('show-managed-fields') ? flagBool(p, 'show-managed-fields') : false,
  };
}

export type DryRun = DryRunStrategy;

/** --dry-run's value, with kubectl's deprecation warnings (a klog line) and its error. */
export function dryRun(p: ParsedFlags, warn: { now: number; pid: number; write(line: string): void }): DryRun {
  try {
    const r = dryRunStrategy(flagString(p, 'dry-run'));
    if (r.warning) warn.write(klogLine('W', warn.now, warn.pid, r.source!, r.warning));
    return r.strategy;
  } catch (e) {
    throw usageError((e as Error).message);
  }
}
