/**
 * kubectl auth can-i: "yes" (exit 0) or "no" (exit 1) for VERB TYPE[/NAME] or VERB /URL, as the
 * caller (or whoever --as names), through a SelfSubjectAccessReview; with --list, every allowed
 * rule in the namespace from a SelfSubjectRulesReview, broken down, compacted and sorted as
 * kubectl does. Warnings (unknown type, cluster-scoped type, unknown verb) go to stderr first.
 */
import type { ResourceInfo } from '../../api/registry.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { usageError } from '../errors.js';
import { goStableSort } from '../printers/gosort.js';
import { TabWriter } from '../printers/index.js';
import { selfSubjectAccessReview, selfSubjectRulesReview, type AccessRequest, type PolicyRule } from './auth-review.js';
import { refusedHost, writeDiscoveryFailures } from './connection.js';

const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** Resources the server serves that discovery does not list (for impersonate). */
const NON_STANDARD = new Set(['users', 'groups']);

export const authCanICommand: KubectlCommand = {
  path: ['auth', 'can-i'],
  help: {
    short: 'Check whether an action is allowed',
    long: `Check whether an action is allowed.

 VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.`,
    examples: `# Check to see if I can create pods in any namespace
kubectl auth can-i create pods --all-namespaces

# Check to see if I can list deployments in my current namespace
kubectl auth can-i list deployments.apps

# Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"
# You must be allowed to use impersonation for the global option "--as"
kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod

# Check to see if I can do everything in my current namespace ("*" means all)
kubectl auth can-i '*' '*'

# Check to see if I can get the job named "bar" in namespace "foo"
kubectl auth can-i list jobs.batch/bar -n foo

# Check to see if I can read pod logs
kubectl auth can-i get pods --subresource=log

# Check to see if I can access the URL /logs/
kubectl auth can-i get /logs/

# Check to see if I can approve certificates.k8s.io
kubectl auth can-i approve certificates.k8s.io

# List all allowed actions in namespace "foo"
kubectl auth can-i --list --namespace=foo`,
    use: 'VERB [TYPE | TYPE/NAME | NONRESOURCEURL]',
  },
  flags: [
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
    { name: 'list', type: 'bool', usage: 'If true, prints all allowed actions.' },
    { name: 'no-headers', type: 'bool', usage: 'If true, prints allowed actions without headers' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'If true, suppress output and just return the exit code.' },
    { name: 'subresource', type: 'string', usage: 'SubResource such as pod/log or deployment/scale' },
  ],
  discovery: 'none',
  run: runCanI,
};

interface Target {
  /** Resolved resource, or only the name typed when the server does not know it. */
  info?: ResourceInfo;
  resource: string;
  group: string;
}

function warn(inv: Invocation, message: string): void {
  inv.err.write(`Warning: ${message}\n`);
}

/** The RESTMapper's ResourceFor over the served resources: plural, singular or short name, core first. */
function mapResource(served: readonly ResourceInfo[], resource: string, group: string | undefined, version?: string): ResourceInfo | undefined {
  const hits = served.filter((r) => (r.resource === resource || r.singular === resource || r.shortNames.includes(resource)) && (group === undefined || r.group === group) && (!version || r.version === version));
  return [...hits].sort((a, b) => (a.group === '' ? 0 : 1) - (b.group === '' ? 0 : 1))[0];
}

/** CanIOptions.resourceFor: schema.ParseResourceArg, then the mapper; unknown types warn and pass through. */
function resourceFor(inv: Invocation, served: readonly ResourceInfo[], arg: string): Target {
  if (arg === '*') return { resource: '*', group: '' };
  const lower = arg.toLowerCase();
  let info: ResourceInfo | undefined;
  const parts = lower.split('.');
  if (parts.length >= 3) info = mapResource(served, parts[0]!, parts.slice(2).join('.'), parts[1]);
  const dot = lower.indexOf('.');
  const gr = dot >= 0 ? { resource: lower.slice(0, dot), group: lower.slice(dot + 1) } : { resource: lower, group: '' };
  info ??= mapResource(served, gr.resource, dot >= 0 ? gr.group : undefined);
  if (info) return { info, resource: info.resource, group: info.group };
  const grText = gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
  if (!NON_STANDARD.has(grText)) {
    warn(inv, gr.group ? `the server doesn't have a resource type '${gr.resource}' in group '${gr.group}'\n` : `the server doesn't have a resource type '${gr.resource}'\n`);
  }
  return { resource: arg, group: '' };
}

function runCanI(inv: Invocation): number {
  const { flags, kctx } = inv;
  const list = flagBool(flags, 'list');
  const quiet = flagBool(flags, 'quiet');
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const subresource = flagString(flags, 'subresource');
  if (list && inv.args.length) throw usageError('list option must be specified with no arguments');
  if (!list && inv.args.length !== 2) {
    throw usageError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  }
  let client;
  try {
    client = kctx.client();
  } catch (e) {
    const host = refusedHost(e);
    // Resolving the type needs discovery, which fails twice before the type is reported unknown.
    if (host && !list && !inv.args[1]!.startsWith('/')) {
      writeDiscoveryFailures(inv, host, 2);
      resourceFor(inv, [], inv.args[1]!.split('/')[0]!);
    }
    throw e;
  }
  const served = kctx.cluster().api.registry.list();
  const namespace = allNamespaces ? '' : kctx.namespace();
  if (list) {
    if (quiet || allNamespaces || subresource) throw usageError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
    return printRules(inv, selfSubjectRulesReview(client, namespace));
  }
  const verb = inv.args[0]!;
  const what = inv.args[1]!;
  let req: AccessRequest;
  if (what.startsWith('/')) {
    if (subresource) throw usageError('--subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.has(verb)) warn(inv, `verb '${verb}' is not a known verb\n`);
    req = { kind: 'nonResource', verb, path: what };
  } else {
    const slash = what.indexOf('/');
    const target = resourceFor(inv, served, slash >= 0 ? what.slice(0, slash) : what);
    if (target.info && !target.info.namespaced && !allNamespaces) {
      warn(inv, target.group ? `resource '${target.resource}' is not namespace scoped in group '${target.group}'\n` : `resource '${target.resource}' is not namespace scoped\n`);
    }
    if (!RESOURCE_VERBS.has(verb)) warn(inv, `verb '${verb}' is not a known verb\n`);
    req = { kind: 'resource', namespace, verb, group: target.group, resource: target.resource, subresource, name: slash >= 0 ? what.slice(slash + 1) : '' };
  }
  if (flagBool(flags, 'no-headers')) throw usageError('--no-headers cannot be set without --list specified');
  const status = selfSubjectAccessReview(client, req);
  if (!quiet) {
    if (status.allowed) inv.out.write('yes\n');
    else inv.out.write(`no${status.reason ? ` - ${status.reason}` : ''}${status.evaluationError ? ` - ${status.evaluationError}` : ''}\n`);
  }
  return status.allowed ? 0 : 1;
}

/** Go's %v of a string slice: [a b c]. */
function goList(v: string[] | undefined): string {
  return `[${(v ?? []).join(' ')}]`;
}

/** PolicyRule.String(), the key kubectl sorts the listed rules by. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** rbac.BreakdownRule: one verb, one resource and one name per rule. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        if (rule.resourceNames?.length) for (const name of rule.resourceNames) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/** rbac.CompactRules: single group/resource(/name) rules merge their verbs. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames?.length ?? 0) <= 1 && !r.nonResourceURLs?.length && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], r.resourceNames?.[0] ?? null]);
    const existing = simple.get(key);
    if (existing) for (const v of r.verbs) !existing.verbs.includes(v) && existing.verbs.push(v);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** describe.CombineResourceGroup: "deployments.apps", "pods/log", "*.*". */
function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [resource, sub] = resources[0]!.split(/\/(.*)/s) as [string, string | undefined];
  let out = resource;
  if (groups?.length && groups[0] !== '') out += '.' + groups[0];
  if (sub !== undefined) out += '/' + sub;
  return out;
}

function printRules(inv: Invocation, status: ReturnType<typeof selfSubjectRulesReview>): number {
  if (status.incomplete) warn(inv, `the list may be incomplete: ${status.evaluationError ?? ''}`);
  const rules = compact([...status.resourceRules, ...status.nonResourceRules].flatMap(breakdown));
  const sorted = goStableSort(rules, (a, b) => ruleString(a) < ruleString(b));
  let text = flagBool(inv.flags, 'no-headers') ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  for (const r of sorted) text += `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`;
  const w = TabWriter.forTables();
  w.write(text);
  w.flush();
  inv.out.write(w.take());
  return 0;
}
