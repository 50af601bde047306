/**
 * `kubectl config set|unset PROPERTY_NAME [VALUE]`: a dotted path walked over clientcmd's
 * internal Config type as kubectl's reflection does (navigation_step_parser.go, set.go): struct
 * fields by their json name, map keys that may themselves contain dots (the key runs until the
 * next known field name), []byte fields base64-decoded unless --set-raw-bytes, bools parsed by
 * strconv.ParseBool. Errors keep kubectl's wording.
 */
import { flagBool } from '../flags/index.js';
import type { KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';
import type { Entry, Fields, Kubeconfig, Section } from './model.js';
import { editConfig, goList, helpError } from './shared.js';

type Node =
  | { kind: 'struct'; goType: string; fields: Record<string, { node: Node; key?: string }> }
  | { kind: 'map'; goType: string; value: Node }
  | { kind: 'string' | 'bool' | 'bytes' | 'strings' | 'other'; goType: string };

const str = (): Node => ({ kind: 'string', goType: 'string' });
const bool = (): Node => ({ kind: 'bool', goType: 'bool' });
const bytes = (): Node => ({ kind: 'bytes', goType: '[]uint8' });
const extensions = (): Node => ({ kind: 'other', goType: 'map[string]runtime.Object' });

const CLUSTER: Node = {
  kind: 'struct',
  goType: 'api.Cluster',
  fields: {
    server: { node: str() },
    'tls-server-name': { node: str() },
    'insecure-skip-tls-verify': { node: bool() },
    'certificate-authority': { node: str() },
    'certificate-authority-data': { node: bytes() },
    'proxy-url': { node: str() },
    'disable-compression': { node: bool() },
    extensions: { node: extensions() },
  },
};
const USER: Node = {
  kind: 'struct',
  goType: 'api.AuthInfo',
  fields: {
    'client-certificate': { node: str() },
    'client-certificate-data': { node: bytes() },
    'client-key': { node: str() },
    'client-key-data': { node: bytes() },
    token: { node: str() },
    tokenFile: { node: str() },
    'act-as': { node: str(), key: 'as' },
    'act-as-uid': { node: str(), key: 'as-uid' },
    'act-as-groups': { node: { kind: 'strings', goType: '[]string' }, key: 'as-groups' },
    'act-as-user-extra': { node: { kind: 'other', goType: 'map[string][]string' }, key: 'as-user-extra' },
    username: { node: str() },
    password: { node: str() },
    'auth-provider': { node: { kind: 'other', goType: '*api.AuthProviderConfig' } },
    exec: { node: { kind: 'other', goType: '*api.ExecConfig' } },
    extensions: { node: extensions() },
  },
};
const CONTEXT: Node = {
  kind: 'struct',
  goType: 'api.Context',
  fields: { cluster: { node: str() }, user: { node: str() }, namespace: { node: str() }, extensions: { node: extensions() } },
};
const CONFIG: Node = {
  kind: 'struct',
  goType: 'api.Config',
  fields: {
    kind: { node: str() },
    apiVersion: { node: str() },
    preferences: { node: { kind: 'struct', goType: 'api.Preferences', fields: { colors: { node: bool() }, extensions: { node: extensions() } } } },
    clusters: { node: { kind: 'map', goType: 'map[string]*api.Cluster', value: CLUSTER } },
    users: { node: { kind: 'map', goType: 'map[string]*api.AuthInfo', value: USER } },
    contexts: { node: { kind: 'map', goType: 'map[string]*api.Context', value: CONTEXT } },
    'current-context': { node: str() },
    extensions: { node: extensions() },
  },
};

interface Step {
  value: string;
  node: Node;
}

const stepsText = (steps: Step[]): string => goList(steps.map((s) => `{${s.value} ${s.node.goType}}`));

/** newNavigationSteps. */
function navigationSteps(path: string): Step[] {
  const parts = path.split('.');
  const steps: Step[] = [];
  let node = CONFIG;
  let i = 0;
  while (i < parts.length) {
    if (node.kind === 'map') {
      const value = node.value;
      const known = value.kind === 'struct' ? value.fields : {};
      const rest = parts.slice(i);
      const next = rest.slice(1).findIndex((p) => p in known);
      const name = (next < 0 ? rest : rest.slice(0, next + 1)).join('.');
      steps.push({ value: name, node: value });
      i += name.split('.').length;
      node = value;
    } else if (node.kind === 'struct' && parts[i]! in node.fields) {
      const field = node.fields[parts[i]!]!;
      steps.push({ value: parts[i]!, node: field.node });
      i += 1;
      node = field.node;
    } else {
      throw new KubectlError(`error: unable to parse ${path} after ${stepsText(steps)} at ${node.goType}`);
    }
  }
  return steps;
}

/** The config as nested objects keyed by the internal json names (maps of entries as objects). */
interface Target {
  config: Kubeconfig;
}

function sectionOf(field: string): Section | undefined {
  return field === 'clusters' || field === 'users' || field === 'contexts' ? field : undefined;
}

/** strconv.ParseBool (an empty value is false). */
function parseBool(v: string): boolean {
  if (v === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new KubectlError(`error: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function base64Value(v: string, raw: boolean): string {
  if (raw) return Buffer.from(v, 'utf8').toString('base64');
  const bad = v.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0 || v.length % 4 !== 0 || /=[^=]/.test(v)) {
    throw new KubectlError(`error: error decoding input value: illegal base64 data at input byte ${bad >= 0 ? bad : v.length - (v.length % 4 || 4)}`);
  }
  return Buffer.from(Buffer.from(v, 'base64')).toString('base64');
}

/** A scalar leaf: its new value, or undefined to clear it. */
function leafValue(node: Node, value: string, unset: boolean, raw: boolean, more: boolean): unknown {
  if (more) throw new KubectlError(`error: can't have more steps after a ${node.kind === 'bytes' ? 'bytes' : node.kind}.`);
  if (unset) return undefined;
  switch (node.kind) {
    case 'string':
      return value;
    case 'bool':
      return parseBool(value);
    case 'bytes':
      return base64Value(value, raw);
    case 'strings':
      throw new KubectlError('error: unrecognized slice type. string');
    default:
      throw new KubectlError(`error: unrecognized type: ${node.goType}`);
  }
}

/** Go's %v of a map of pointers, with stand-in addresses. */
function goMapOfPointers(names: string[]): string {
  return `map[${names.sort().map((n, i) => `${n}:0xc000${(0x654300 + i * 0x100).toString(16)}`).join(' ')}]`;
}

/** modifyConfig over the entries of one section. */
function modifyEntry(t: Target, section: Section, steps: Step[], value: string, unset: boolean, raw: boolean): void {
  const map = t.config[section];
  const [keyStep, fieldStep] = steps;
  if (!keyStep) {
    if (unset) return void map.clear();
    throw new KubectlError(`error: can't set a map to a value: ${goMapOfPointers([...map.keys()])}`);
  }
  if (!fieldStep) {
    if (unset) return void map.delete(keyStep.value);
    throw new KubectlError(`error: can't set a map to a value: ${goMapOfPointers([...map.keys()])}`);
  }
  let entry: Entry | undefined = map.get(keyStep.value);
  if (!entry) {
    if (unset) throw new KubectlError(`error: current map key \`${keyStep.value}\` is invalid`);
    entry = { value: {} };
    map.set(keyStep.value, entry);
  }
  const struct = keyStep.node as Extract<Node, { kind: 'struct' }>;
  const field = struct.fields[fieldStep.value]!;
  const key = field.key ?? fieldStep.value;
  const next = leafValue(field.node, value, unset, raw, steps.length > 2);
  const fields: Fields = { ...entry.value };
  if (next === undefined) delete fields[key];
  else fields[key] = next;
  entry.value = fields;
}

/** modifyConfig from the top-level Config struct. */
function modify(t: Target, steps: Step[], value: string, unset: boolean, raw: boolean): void {
  const [first, ...rest] = steps;
  if (!first) return;
  const section = sectionOf(first.value);
  if (section) return modifyEntry(t, section, rest, value, unset, raw);
  if (first.value === 'current-context') {
    t.config.currentContext = (leafValue(first.node, value, unset, raw, rest.length > 0) as string | undefined) ?? '';
    return;
  }
  if (first.value === 'preferences') {
    const [field] = rest;
    if (!field) {
      if (unset) t.config.preferences = {};
      return;
    }
    const next = leafValue(field.node, value, unset, raw, rest.length > 1);
    const prefs = { ...t.config.preferences };
    if (next === undefined) delete prefs[field.value];
    else prefs[field.value] = next;
    t.config.preferences = prefs;
    return;
  }
  // kind and apiVersion are set in memory and never written: v1 files always say Config/v1.
  leafValue(first.node, value, unset, raw, rest.length > 0);
}

export const setCommand: KubectlCommand = {
  path: ['config', 'set'],
  help: {
    short: 'Set an individual value in a kubeconfig file',
    long: `Set an individual value in a kubeconfig file.

 PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.

 PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.

 Specifying an attribute name that already exists will merge new fields on top of existing values.`,
    examples: `# Set the server field on the my-cluster cluster to https://1.2.3.4
kubectl config set clusters.my-cluster.server https://1.2.3.4

# Set the certificate-authority-data field on the my-cluster cluster
kubectl config set clusters.my-cluster.certificate-authority-data $(echo "cert_data_here" | base64 -i -)

# Set the cluster field in the my-context context to my-cluster
kubectl config set contexts.my-context.cluster my-cluster

# Set the client-key-data field in the cluster-admin user using --set-raw-bytes option
kubectl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true`,
    use: 'PROPERTY_NAME PROPERTY_VALUE',
  },
  flags: [{ name: 'set-raw-bytes', type: 'bool', usage: 'When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.' }],
  run(inv) {
    if (inv.args.length !== 2) throw helpError(inv, setCommand, `Unexpected args: ${goList(inv.args)}`);
    const [name, value] = inv.args as [string, string];
    if (!value) throw new KubectlError('error: you cannot use set to unset a property');
    if (!name) throw new KubectlError('error: you must specify a property');
    editConfig(inv, (config) => modify({ config }, navigationSteps(name), value, false, flagBool(inv.flags, 'set-raw-bytes')));
    inv.out.write(`Property "${name}" set.\n`);
    return 0;
  },
};

export const unsetCommand: KubectlCommand = {
  path: ['config', 'unset'],
  help: {
    short: 'Unset an individual value in a kubeconfig file',
    long: `Unset an individual value in a kubeconfig file.

 PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.`,
    examples: `# Unset the current-context
kubectl config unset current-context

# Unset namespace in foo context
kubectl config unset contexts.foo.namespace`,
    use: 'PROPERTY_NAME',
  },
  flags: [],
  run(inv) {
    if (inv.args.length !== 1) throw helpError(inv, unsetCommand, `Unexpected args: ${goList(inv.args)}`);
    const name = inv.args[0]!;
    if (!name) throw new KubectlError('error: you must specify a property');
    editConfig(inv, (config) => modify({ config }, navigationSteps(name), '', true, false));
    inv.out.write(`Property "${name}" unset.\n`);
    return 0;
  },
};
