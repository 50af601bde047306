/**
 * Flag tables of a few real commands (as kubectl 1.33 declares them), for parser and help
 * tests. The verbs proper live elsewhere; these only need the flags.
 */

import type { CommandHelp, FlagTable } from '../../../src/kubectl/flags/index.js';

const PRINT_FLAGS: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
];

export const SCALE_FLAGS: FlagTable = [
  { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
  { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to set a new size' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
  { name: 'replicas', type: 'int', usage: 'The new desired number of replicas. Required.' },
  { name: 'resource-version', type: 'string', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
  { name: 'timeout', type: 'duration', usage: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)." },
  ...PRINT_FLAGS,
];

export const SCALE_HELP: CommandHelp = {
  path: 'kubectl scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long:
    'Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n' +
    ' Scale also allows users to specify one or more preconditions for the scale action.\n\n' +
    ' If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.',
  examples: `# Scale a replica set named 'foo' to 3
kubectl scale --replicas=3 rs/foo

# Scale a resource identified by type and name specified in "foo.yaml" to 3
kubectl scale --replicas=3 -f foo.yaml

# If the deployment named mysql's current size is 2, scale mysql to 3
kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

# Scale multiple replication controllers
kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

# Scale stateful set named 'web' to 3
kubectl scale --replicas=3 statefulset/web`,
  use: '[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  flags: SCALE_FLAGS,
};

export const GET_FLAGS: FlagTable = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
  { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
  { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
  { name: 'ignore-not-found', type: 'bool', usage: 'If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.' },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
  { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
  { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
  { name: 'sort-by', type: 'string', usage: 'If non-empty, sort list types using this field specification.' },
  { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
  ...PRINT_FLAGS,
];

export const CREATE_DEPLOYMENT_FLAGS: FlagTable = [
  { name: 'image', type: 'stringSlice', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
  { name: 'port', type: 'int32', default: -1, usage: 'The containerPort that this deployment exposes.' },
  { name: 'replicas', shorthand: 'r', type: 'int32', default: 1, usage: 'Number of replicas to create. Default is 1.' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  ...PRINT_FLAGS,
];

export const LOGS_FLAGS: FlagTable = [
  { name: 'follow', shorthand: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
  { name: 'container', shorthand: 'c', type: 'string', usage: 'Print the logs of this container' },
  { name: 'previous', shorthand: 'p', type: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
  { name: 'tail', type: 'int64', default: -1, usage: 'Lines of recent log file to display.' },
  { name: 'since', type: 'duration', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h.' },
];

export const EXEC_FLAGS: FlagTable = [
  { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name.' },
  { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Pass stdin to the container' },
  { name: 'tty', shorthand: 't', type: 'bool', usage: 'Stdin is a TTY' },
  { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only print output from the remote session' },
];

export const CREATE_SECRET_FLAGS: FlagTable = [
  { name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' },
  { name: 'from-file', type: 'stringSlice', usage: 'Key files can be specified using their file path.' },
  { name: 'type', type: 'string', usage: 'The type of secret to create' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  ...PRINT_FLAGS,
];
