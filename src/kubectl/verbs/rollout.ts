/**
 * kubectl rollout history|undo|restart|pause|resume. History reads the revisions of a
 * Deployment's ReplicaSets (or a DaemonSet's/StatefulSet's ControllerRevisions); undo copies
 * the chosen revision's pod template back into the workload client-side, as modern kubectl
 * does; restart stamps kubectl.kubernetes.io/restartedAt on the pod template; pause and resume
 * flip spec.paused, with kubectl's errors for the ones that cannot.
 */
import type { ResourceInfo } from '../../api/registry.js';
import type { KObject, Stored } from '../../api/types.js';
import { applyPatch } from '../../api/patch.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import { flagNumber, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, dryRun, DRY_RUN_FLAG, fieldManagerFlag, SELECTOR_FLAG, type DryRun, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { KubectlError, usageError } from '../errors.js';
import { describePodTemplate } from '../describe/podspec.js';
import { PrefixWriter } from '../describe/writer.js';
import { TabWriter } from '../printers/index.js';
import { printObjects, resolveGenericPrinter } from '../create/generator.js';
import { createMergePatch, selectResources, type Target, warnSink, filenamesOf } from './shared.js';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

type Obj = Record<string, unknown>;
type Template = { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } & Obj; spec?: Obj };

function requireResources(inv: Invocation): void {
  if (inv.args.length === 0 && filenamesOf(inv).length === 0 && !flagString(inv.flags, 'kustomize')) throw usageError('required resource not specified');
}

/** The rollout commands' builder: ResourceTypeOrNameArgs(true, ...) selects every object of a bare type. */
function targets(inv: Invocation): { targets: Target[]; errors: string[] } {
  const sel = selectResources(inv, {
    resources: inv.args,
    filenames: filenamesOf(inv),
    selector: flagString(inv.flags, 'selector'),
    all: true,
    verb: 'rollout',
  });
  return sel;
}

function qualifiedKind(info: ResourceInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

function resourceString(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** A Deployment's ReplicaSets (controller-owned), or a DaemonSet's/StatefulSet's ControllerRevisions, by revision. */
function revisionsOf(inv: Invocation, t: Target): Map<number, { owner: Stored; template: Template }> {
  const client = inv.kctx.client();
  const out = new Map<number, { owner: Stored; template: Template }>();
  const uid = t.object.metadata.uid;
  if (t.info.kind === 'Deployment') {
    for (const rs of client.list('replicasets.apps', t.namespace)) {
      if (!rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid)) continue;
      const v = Number(rs.metadata.annotations?.[REVISION]);
      if (!Number.isFinite(v) || rs.metadata.annotations?.[REVISION] === undefined) continue;
      const template = structuredClone(((rs['spec'] as Obj)['template'] ?? {}) as Template);
      const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
      template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), ...(cause ? { [CHANGE_CAUSE]: cause } : {}) } };
      out.set(v, { owner: rs, template });
    }
    return out;
  }
  const selector = ((t.object['spec'] as Obj)['selector'] ?? {}) as LabelSelector;
  for (const cr of client.list('controllerrevisions.apps', t.namespace)) {
    if (!selectorMatches(selector, cr.metadata.labels)) continue;
    if (!cr.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid)) continue;
    const applied = applyPatch('strategic', structuredClone(t.object), cr['data'] ?? {}) as KObject;
    const template = structuredClone(((applied['spec'] as Obj)['template'] ?? {}) as Template);
    const cause = cr.metadata.annotations?.[CHANGE_CAUSE];
    if (cause) template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), [CHANGE_CAUSE]: cause } };
    out.set(Number(cr['revision'] ?? 0), { owner: cr, template });
  }
  return out;
}

function describeTemplate(template: Template): string {
  const w = new PrefixWriter();
  describePodTemplate(template as never, w);
  return w.text();
}

function historyTable(revisions: Map<number, { template: Template }>): string {
  if (revisions.size === 0) return 'No rollout history found.';
  const tw = new TabWriter(0, 8, 2, ' ', 0);
  tw.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of [...revisions.keys()].sort((a, b) => a - b)) {
    tw.write(`${r}\t${revisions.get(r)!.template.metadata?.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
  }
  tw.flush();
  return tw.take();
}

const HISTORY_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

function runHistory(inv: Invocation): number {
  requireResources(inv);
  const revision = flagNumber(inv.flags, 'revision');
  const output = flagString(inv.flags, 'output');
  const printer = resolveGenericPrinter(inv);
  const { targets: list, errors } = targets(inv);
  for (const t of list) {
    if (!HISTORY_KINDS.has(t.info.kind)) throw new KubectlError(`error: no history viewer has been implemented for "${qualifiedKind(t.info)}"`);
    const revisions = revisionsOf(inv, t);
    if (output) {
      if (revision > 0) {
        const r = revisions.get(revision);
        if (!r) throw new KubectlError('error: unable to find the specified revision');
        printObjects(inv, printer, [r.owner], '', 'none');
      } else {
        for (const k of [...revisions.keys()].sort((a, b) => a - b)) printObjects(inv, printer, [revisions.get(k)!.owner], '', 'none');
      }
      continue;
    }
    let text: string;
    if (revision > 0) {
      const r = revisions.get(revision);
      if (!r) throw new KubectlError('error: unable to find the specified revision');
      text = describeTemplate(r.template);
    } else {
      text = historyTable(revisions);
    }
    const withRevision = revision > 0 ? `with revision #${revision}` : '';
    printObjects(inv, printer, [t.object], `${withRevision}\n${text}`, 'none');
  }
  for (const e of errors) inv.err.write(e + '\n');
  return errors.length ? 1 : 0;
}

// ---- undo --------------------------------------------------------------------------------

const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(template: Template): Template {
  const copy = structuredClone(template);
  if (copy.metadata?.labels) {
    const { [HASH_LABEL]: _drop, ...rest } = copy.metadata.labels;
    copy.metadata.labels = rest;
  }
  return copy;
}

function sameTemplate(a: Template, b: Template): boolean {
  const norm = (t: Template) => {
    const c = withoutHash(t);
    const annotations = { ...(c.metadata?.annotations ?? {}) };
    delete annotations[CHANGE_CAUSE];
    return JSON.stringify(sortKeys({ ...c, metadata: { ...(c.metadata ?? {}), annotations: Object.keys(annotations).length ? annotations : undefined } }));
  };
  return norm(a) === norm(b);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Obj = {};
    for (const k of Object.keys(v as Obj).sort()) if ((v as Obj)[k] !== undefined) out[k] = sortKeys((v as Obj)[k]);
    return out;
  }
  return v;
}

/** deploymentRevision: the revision asked for, or the one before the latest. */
function revisionToRestore(inv: Invocation, t: Target, toRevision: number): { owner: Stored; template: Template } {
  const revisions = revisionsOf(inv, t);
  if (toRevision > 0) {
    const r = revisions.get(toRevision);
    if (!r) throw new KubectlError(`error: unable to find specified revision ${toRevision} in history`);
    return r;
  }
  const sorted = [...revisions.keys()].sort((a, b) => b - a);
  if (sorted.length < 2) throw new KubectlError(`error: no rollout history found for ${t.info.kind === 'Deployment' ? 'deployment' : t.info.kind === 'DaemonSet' ? 'daemonset' : 'statefulset'} "${t.name}"`);
  return revisions.get(sorted[1]!)!;
}

function rollback(inv: Invocation, t: Target, toRevision: number, dry: DryRun): string {
  if (toRevision < 0) throw new KubectlError(`error: unable to find specified revision ${toRevision} in history`);
  if (!HISTORY_KINDS.has(t.info.kind)) throw new KubectlError(`error: no rollbacker has been implemented for "${qualifiedKind(t.info)}"`);
  const restore = revisionToRestore(inv, t, toRevision);
  if (dry === 'client') return describeTemplate(restore.template);
  const spec = (t.object['spec'] ?? {}) as { paused?: boolean; template?: Template };
  if (t.info.kind === 'Deployment' && spec.paused) throw new KubectlError("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const current = spec.template ?? {};
  if (sameTemplate(restore.template, current)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const client = inv.kctx.client();
  if (t.info.kind === 'Deployment') {
    const template = withoutHash(restore.template);
    // the change cause shown in history came from the ReplicaSet, not the template
    const own = ((restore.owner['spec'] as Obj)['template'] as Template | undefined)?.metadata?.annotations;
    if (template.metadata) {
      if (own && Object.keys(own).length) template.metadata.annotations = { ...own };
      else delete template.metadata.annotations;
    }
    const annotations: Record<string, string> = {};
    for (const k of ANNOTATIONS_TO_SKIP) {
      const v = t.object.metadata.annotations?.[k];
      if (v !== undefined) annotations[k] = v;
    }
    for (const [k, v] of Object.entries(restore.owner.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    // "add" replaces as "replace" would, and also works where a field is still missing
    const ops = [
      { op: 'add', path: '/spec/template', value: template },
      { op: 'add', path: '/metadata/annotations', value: annotations },
    ];
    client.patch(t.key, t.namespace, t.name, 'json', ops, { dryRun: dry === 'server' });
  } else {
    client.patch(t.key, t.namespace, t.name, 'strategic', restore.owner['data'] ?? {}, { dryRun: dry === 'server' });
  }
  return 'rolled back';
}

function runUndo(inv: Invocation): number {
  requireResources(inv);
  const dry = dryRun(inv.flags, warnSink(inv));
  const printer = resolveGenericPrinter(inv);
  const toRevision = flagNumber(inv.flags, 'to-revision');
  const { targets: list, errors } = targets(inv);
  for (const t of list) {
    const result = rollback(inv, t, toRevision, dry);
    printObjects(inv, printer, [t.object], result, dry);
  }
  for (const e of errors) inv.err.write(e + '\n');
  return errors.length ? 1 : 0;
}

// ---- restart, pause, resume --------------------------------------------------------------

interface Mutation {
  /** Changes the object, or throws Error(message) for `error: deployments.apps "web" <message>`. */
  apply(obj: KObject): void;
  done: string;
  /** What an unchanged object prints, or an error (restart). */
  unchanged: (t: Target) => { print: string } | { error: string };
}

function runMutation(inv: Invocation, m: Mutation): number {
  requireResources(inv);
  const printer = resolveGenericPrinter(inv);
  const { targets: list, errors: fetchErrors } = targets(inv);
  const errors = [...fetchErrors];
  if (list.length === 0 && errors.length === 0) {
    inv.err.write(`No resources found in ${inv.kctx.namespace()} namespace.\n`);
    return 0;
  }
  for (const t of list) {
    const modified = structuredClone(t.object) as KObject;
    try {
      m.apply(modified);
    } catch (e) {
      errors.push(`error: ${resourceString(t.info)} "${t.name}" ${(e as Error).message}`);
      continue;
    }
    const patch = createMergePatch(t.object, modified);
    if (Object.keys(patch).length === 0) {
      const u = m.unchanged(t);
      if ('error' in u) errors.push(u.error);
      else printObjects(inv, printer, [t.object], u.print, 'none');
      continue;
    }
    const result = inv.kctx.client().patch(t.key, t.namespace, t.name, 'merge', patch, { fieldManager: flagString(inv.flags, 'field-manager') });
    printObjects(inv, printer, [result], m.done, 'none');
  }
  if (errors.length === 1) inv.err.write((errors[0]!.startsWith('error: ') || errors[0]!.startsWith('Error from') ? errors[0]! : `error: ${errors[0]}`) + '\n');
  else for (const e of errors) inv.err.write(e + '\n');
  return errors.length ? 1 : 0;
}

function templateAnnotations(obj: KObject): Record<string, string> {
  const spec = (obj['spec'] ??= {}) as Obj;
  const template = (spec['template'] ??= {}) as Template;
  const meta = (template.metadata ??= {});
  return (meta.annotations ??= {});
}

function runRestart(inv: Invocation): number {
  const stamp = new Date(inv.kctx.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return runMutation(inv, {
    apply(obj) {
      if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) throw new Error('restarting is not supported');
      if (obj.kind === 'Deployment' && (obj['spec'] as { paused?: boolean }).paused) throw new Error("can't restart paused deployment (run rollout resume first)");
      templateAnnotations(obj)['kubectl.kubernetes.io/restartedAt'] = stamp;
    },
    done: 'restarted',
    unchanged: (t) => ({ error: `failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another` }),
  });
}

function pauser(pause: boolean): Mutation {
  return {
    apply(obj) {
      if (obj.kind !== 'Deployment') throw new Error(pause ? 'pausing is not supported' : 'resuming is not supported');
      const spec = obj['spec'] as { paused?: boolean };
      if (pause) {
        if (spec.paused) throw new Error('is already paused');
        spec.paused = true;
      } else {
        if (!spec.paused) throw new Error('is not paused');
        delete spec.paused;
      }
    },
    done: pause ? 'paused' : 'resumed',
    unchanged: () => ({ print: pause ? 'already paused' : 'already resumed' }),
  };
}

export const rolloutHistoryCommand: KubectlCommand = {
  path: ['rollout', 'history'],
  discovery: 'rollout',
  help: {
    short: 'View rollout history',
    long: `View previous rollout revisions and configurations.`,
    examples: `# View the rollout history of a deployment
kubectl rollout history deployment/abc

# View the details of daemonset revision 3
kubectl rollout history daemonset/abc --revision=3`,
    use: '(TYPE NAME | TYPE/NAME) [flags]',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    { name: 'revision', type: 'int64', usage: 'See the details, including podTemplate of the revision specified' },
    SELECTOR_FLAG,
  ],
  run: runHistory,
};

export const rolloutUndoCommand: KubectlCommand = {
  path: ['rollout', 'undo'],
  discovery: 'rollout',
  help: {
    short: 'Undo a previous rollout',
    long: `Roll back to a previous rollout.`,
    examples: `# Roll back to the previous deployment
kubectl rollout undo deployment/abc

# Roll back to daemonset revision 3
kubectl rollout undo daemonset/abc --to-revision=3

# Roll back to the previous deployment with dry-run
kubectl rollout undo --dry-run=server deployment/abc`,
    use: '(TYPE NAME | TYPE/NAME) [flags]',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    DRY_RUN_FLAG,
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    SELECTOR_FLAG,
    { name: 'to-revision', type: 'int64', usage: 'The revision to rollback to. Default to 0 (last revision).' },
  ],
  run: runUndo,
};

export const rolloutRestartCommand: KubectlCommand = {
  path: ['rollout', 'restart'],
  discovery: 'rollout',
  help: {
    short: 'Restart a resource',
    long: `Restart a resource.

        Resource rollout will be restarted.`,
    examples: `# Restart all deployments in the test-namespace namespace
kubectl rollout restart deployment -n test-namespace

# Restart a deployment
kubectl rollout restart deployment/nginx

# Restart a daemon set
kubectl rollout restart daemonset/abc

# Restart deployments with the app=nginx label
kubectl rollout restart deployment --selector=app=nginx`,
    use: 'RESOURCE',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    fieldManagerFlag('kubectl-rollout'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    SELECTOR_FLAG,
  ],
  run: runRestart,
};

export const rolloutPauseCommand: KubectlCommand = {
  path: ['rollout', 'pause'],
  discovery: 'rollout',
  help: {
    short: 'Mark the provided resource as paused',
    long: `Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.`,
    examples: `# Mark the nginx deployment as paused
# Any current state of the deployment will continue its function; new updates
# to the deployment will not have an effect as long as the deployment is paused
kubectl rollout pause deployment/nginx`,
    use: 'RESOURCE',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    fieldManagerFlag('kubectl-rollout'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    SELECTOR_FLAG,
  ],
  run: (inv) => runMutation(inv, pauser(true)),
};

export const rolloutResumeCommand: KubectlCommand = {
  path: ['rollout', 'resume'],
  discovery: 'rollout',
  help: {
    short: 'Resume a paused resource',
    long: `Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.`,
    examples: `# Resume an already paused deployment
kubectl rollout resume deployment/nginx`,
    use: 'RESOURCE',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    fieldManagerFlag('kubectl-rollout'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to get from a server.'),
    SELECTOR_FLAG,
  ],
  run: (inv) => runMutation(inv, pauser(false)),
};

export const ROLLOUT_COMMANDS = [rolloutHistoryCommand, rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand, rolloutUndoCommand];
