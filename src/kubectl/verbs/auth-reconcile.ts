/**
 * kubectl auth reconcile -f: RBAC roles and bindings merged into what exists, as the apiserver's
 * reconciliation does: missing objects are created (and their namespace); existing roles gain
 * the rules they miss (or are set to the file's with --remove-extra-permissions); bindings gain
 * missing subjects (--remove-extra-subjects drops the rest), and a changed roleRef recreates the
 * binding. Objects annotated rbac.authorization.kubernetes.io/autoupdate=false are left alone.
 */
import { ApiError } from '../../api/errors.js';
import type { KObject, Stored } from '../../api/types.js';
import { flagBool } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { DRY_RUN_FLAG, dryRun, filenameFlags, GENERIC_OUTPUT_FLAGS, outputFlags } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { PrinterError, printGenericObjects, resolvePrinter } from '../printers/index.js';
import { mappingFor, objectsFromFiles, printerEnv, warnSink, filenamesOf } from './shared.js';

const PROTECT = 'rbac.authorization.kubernetes.io/autoupdate';

export const authReconcileCommand: KubectlCommand = {
  path: ['auth', 'reconcile'],
  help: {
    short: 'Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects',
    long: `Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects.

 Missing objects are created, and the containing namespace is created for namespaced objects, if required.

 Existing roles are updated to include the permissions in the input objects, and remove extra permissions if --remove-extra-permissions is specified.

 Existing bindings are updated to include the subjects in the input objects, and remove extra subjects if --remove-extra-subjects is specified.

 This is preferred to 'apply' for RBAC resources so that semantically-aware merging of rules and subjects is done.`,
    examples: '# Reconcile RBAC resources from a file\nkubectl auth reconcile -f my-rbac-rules.yaml',
    use: '-f FILENAME',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    ...filenameFlags('reconcile.'),
    { name: 'remove-extra-permissions', type: 'bool', usage: 'If true, removes extra permissions added to roles' },
    { name: 'remove-extra-subjects', type: 'bool', usage: 'If true, removes extra subjects added to rolebindings' },
  ],
  run: runReconcile,
};

interface Rule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const list = (v: string[] | undefined) => `[${(v ?? []).join(' ')}]`;
/** %+v of a PolicyRule. */
const ruleText = (r: Rule) => `{Verbs:${list(r.verbs)} APIGroups:${list(r.apiGroups)} Resources:${list(r.resources)} ResourceNames:${list(r.resourceNames)} NonResourceURLs:${list(r.nonResourceURLs)}}`;
/** %+v of a Subject. */
const subjectText = (s: Subject) => `{Kind:${s.kind} APIGroup:${s.apiGroup ?? ''} Name:${s.name} Namespace:${s.namespace ?? ''}}`;

function has(list: string[] | undefined, value: string): boolean {
  return !!list && (list.includes('*') || list.includes(value));
}

/** validation.ruleCovers for a broken-down rule. */
function covers(owner: Rule, r: Rule): boolean {
  if (!r.verbs!.every((v) => has(owner.verbs, v))) return false;
  if (r.nonResourceURLs?.length) {
    return r.nonResourceURLs.every((u) => (owner.nonResourceURLs ?? []).some((o) => o === u || o === '*' || (o.endsWith('*') && u.startsWith(o.slice(0, -1)))));
  }
  if (!r.apiGroups!.every((g) => has(owner.apiGroups, g))) return false;
  const resourceOk = r.resources!.every((res) => {
    const [base] = res.split('/');
    return (owner.resources ?? []).some((o) => o === '*' || o === res || o === `${base}/*` || (o.startsWith('*/') && res.endsWith(o.slice(1))));
  });
  if (!resourceOk) return false;
  return !owner.resourceNames?.length || (r.resourceNames ?? []).every((n) => owner.resourceNames!.includes(n));
}

function breakdown(rule: Rule): Rule[] {
  const out: Rule[] = [];
  for (const g of rule.apiGroups ?? []) for (const res of rule.resources ?? []) for (const v of rule.verbs ?? []) {
    if (rule.resourceNames?.length) for (const n of rule.resourceNames) out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [n] });
    else out.push({ verbs: [v], apiGroups: [g], resources: [res] });
  }
  for (const u of rule.nonResourceURLs ?? []) for (const v of rule.verbs ?? []) out.push({ verbs: [v], nonResourceURLs: [u] });
  return out;
}

/** validation.Covers: the requested rules' pieces the owner's rules do not cover. */
function uncovered(owner: Rule[], requested: Rule[]): Rule[] {
  return requested.flatMap(breakdown).filter((r) => !owner.some((o) => covers(o, r)));
}

function merged(a: Record<string, string> | undefined, b: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!a && !b) return undefined;
  return { ...(a ?? {}), ...(b ?? {}) };
}

type Operation = 'none' | 'create' | 'update' | 'recreate';

interface Result {
  object: KObject;
  operation: Operation;
  protected: boolean;
  missingRules?: Rule[];
  extraRules?: Rule[];
  missingSubjects?: Subject[];
  extraSubjects?: Subject[];
}

function reconcileRole(existing: Stored | undefined, expected: KObject, removeExtra: boolean): Result {
  const rules = (expected['rules'] ?? []) as Rule[];
  if (!existing) return { object: expected, operation: 'create', protected: false, missingRules: rules };
  const result: Result = { object: structuredClone(existing) as KObject, operation: 'none', protected: existing.metadata.annotations?.[PROTECT] === 'false' };
  metaMerge(result, existing, expected);
  const have = (existing['rules'] ?? []) as Rule[];
  result.extraRules = uncovered(rules, have);
  result.missingRules = uncovered(have, rules);
  if (!removeExtra && result.missingRules.length) {
    result.object['rules'] = [...have, ...result.missingRules];
    result.operation = 'update';
  } else if (removeExtra && (result.missingRules.length || result.extraRules.length)) {
    result.object['rules'] = rules;
    result.operation = 'update';
  }
  return result;
}

function metaMerge(result: Result, existing: Stored, expected: KObject): void {
  const annotations = merged(expected.metadata.annotations, existing.metadata.annotations);
  const labels = merged(expected.metadata.labels, existing.metadata.labels);
  if (JSON.stringify(annotations) !== JSON.stringify(existing.metadata.annotations)) result.operation = 'update';
  if (JSON.stringify(labels) !== JSON.stringify(existing.metadata.labels)) result.operation = 'update';
  result.object.metadata = { ...result.object.metadata, annotations, labels };
}

const sameSubject = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

function reconcileBinding(existing: Stored | undefined, expected: KObject, removeExtra: boolean): Result {
  const subjects = (expected['subjects'] ?? []) as Subject[];
  if (!existing) return { object: expected, operation: 'create', protected: false, missingSubjects: subjects };
  const result: Result = { object: structuredClone(existing) as KObject, operation: 'none', protected: existing.metadata.annotations?.[PROTECT] === 'false' };
  metaMerge(result, existing, expected);
  if (JSON.stringify(existing['roleRef']) !== JSON.stringify(expected['roleRef'])) {
    result.object['roleRef'] = expected['roleRef'];
    result.operation = 'recreate';
  }
  const have = (existing['subjects'] ?? []) as Subject[];
  result.missingSubjects = subjects.filter((s) => !have.some((h) => sameSubject(h, s)));
  result.extraSubjects = have.filter((h) => !subjects.some((s) => sameSubject(h, s)));
  if (!removeExtra && result.missingSubjects.length) {
    result.object['subjects'] = [...have, ...result.missingSubjects];
    if (result.operation === 'none') result.operation = 'update';
  } else if (removeExtra && (result.missingSubjects.length || result.extraSubjects.length)) {
    result.object['subjects'] = subjects;
    if (result.operation === 'none') result.operation = 'update';
  }
  return result;
}

function runReconcile(inv: Invocation): number {
  const { flags, kctx } = inv;
  const oflags = outputFlags(flags);
  let printer;
  try {
    printer = resolvePrinter(oflags, 'generic', printerEnv(inv));
  } catch (e) {
    if (e instanceof PrinterError) throw usageError(e.message);
    throw e;
  }
  const strategy = dryRun(flags, warnSink(inv));
  if (strategy === 'server') throw usageError('--dry-run=server for command reconcile is not supported yet');
  if (filenamesOf(inv).length === 0) throw usageError('must specify one of -f and -k');
  const client = kctx.client();
  const confirm = strategy === 'none';
  for (const o of objectsFromFiles(inv, filenamesOf(inv), 'reconcile')) {
    const info = mappingFor(inv, o);
    if (info.group !== 'rbac.authorization.k8s.io') continue;
    if (info.version !== 'v1') throw usageError(`only rbac.authorization.k8s.io/v1 is supported: not *${info.version}.${info.kind}`);
    const key = `${info.resource}.${info.group}`;
    const ns = info.namespaced ? o.object.metadata?.namespace || kctx.namespace() : '';
    const expected: KObject = { ...o.object, metadata: { ...o.object.metadata, ...(info.namespaced ? { namespace: ns } : {}) } };
    const existing = client.find(key, ns, expected.metadata.name ?? '');
    const isRole = info.kind === 'Role' || info.kind === 'ClusterRole';
    const result = isRole ? reconcileRole(existing, expected, flagBool(flags, 'remove-extra-permissions')) : reconcileBinding(existing, expected, flagBool(flags, 'remove-extra-subjects'));
    let object: KObject = result.object;
    try {
      if (confirm && !result.protected) object = apply(inv, key, ns, info.namespaced, result, existing);
    } catch (e) {
      if (e instanceof ApiError) throw new KubectlError(describeError(e));
      throw e;
    }
    const r = printGenericObjects(printer, [{ ...object, apiVersion: `${info.group}/${info.version}`, kind: info.kind }], 'reconciled', strategy);
    inv.out.write(r.stdout);
    report(inv, result);
  }
  return 0;
}

function apply(inv: Invocation, key: string, ns: string, namespaced: boolean, result: Result, existing: Stored | undefined): KObject {
  const client = inv.kctx.client();
  switch (result.operation) {
    case 'create':
      if (namespaced && !client.find('namespaces', '', ns)) client.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      return client.create(key, result.object);
    case 'update':
      return client.update(key, result.object);
    case 'recreate': {
      client.delete(key, ns, existing!.metadata.name);
      const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, ...meta } = result.object.metadata;
      return client.create(key, { ...result.object, metadata: meta });
    }
    default:
      return result.object;
  }
}

function report(inv: Invocation, r: Result): void {
  if (r.operation === 'none') return;
  const err = inv.err;
  err.write(`\treconciliation required ${r.operation}${r.protected ? ', but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)' : ''}\n`);
  if (r.missingSubjects?.length) err.write('\tmissing subjects added:\n' + r.missingSubjects.map((s) => `\t\t${subjectText(s)}\n`).join(''));
  if (flagBool(inv.flags, 'remove-extra-subjects') && r.extraSubjects?.length) err.write('\textra subjects removed:\n' + r.extraSubjects.map((s) => `\t\t${subjectText(s)}\n`).join(''));
  if (r.missingRules?.length) err.write('\tmissing rules added:\n' + r.missingRules.map((x) => `\t\t${ruleText(x)}\n`).join(''));
  if (flagBool(inv.flags, 'remove-extra-permissions') && r.extraRules?.length) err.write('\textra rules removed:\n' + r.extraRules.map((x) => `\t\t${ruleText(x)}\n`).join(''));
}
