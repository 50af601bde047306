/**
 * kubectl edit: the objects as YAML (or JSON) under kubectl's header comment in a temporary
 * file /tmp/kubectl-edit-NNN.yaml, opened through the session's editor ($KUBE_EDITOR, then
 * $EDITOR); the changes go to the server as a patch. Invalid changes reopen the file with the
 * server's reasons on top; saving the same content again gives up and keeps the file
 * (`A copy of your changes has been stored to "/tmp/kubectl-edit-NNN.yaml"`), which is how an
 * immutable Pod field ends in `kubectl replace --force -f /tmp/kubectl-edit-NNN.yaml`.
 * `create -f --edit` uses the same loop and creates instead.
 */
import { isMap, parseAllDocuments } from 'yaml';
import { ApiError } from '../../api/errors.js';
import { resourceKey } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, fieldManagerFlag, VALIDATE_FLAG, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { goJsonCompact, goJsonIndent } from '../../util/gofmt.js';
import { toYaml } from '../printers/index.js';
import { printObjects, resolveGenericPrinter, withLastApplied, validationDirective } from '../create/generator.js';
import { createMergePatch, selectResources, type Target, filenamesOf } from './shared.js';

/** How often an invalid edit is reopened before kubectl gives up (headless editors never tire). */
const MAX_REOPEN = 10;

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  head: string;
  other: string[];
}

/** hashOnLineBreak: continuation lines of a reason stay comments. */
function hashOnLineBreak(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) r += s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#' ? '\n# ' : s[i];
  return r;
}

function header(reasons: Reason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** cmdutil.ManualStrip: drop comment lines (but keep `#!`). */
export function manualStrip(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t.startsWith('#') && !t.startsWith('#!')) return;
    kept.push(line + (i < lines.length - 1 ? '\n' : ''));
  });
  return kept.join('');
}

/** cmdutil.StripComments: the document as JSON when it parses, else without comment lines. */
function stripComments(text: string): string {
  try {
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    if (list.some((d) => d.errors.length)) throw new Error('yaml');
    return goJsonCompact(list.map((d) => d.toJS()));
  } catch {
    return manualStrip(text);
  }
}

function hasLines(text: string): boolean {
  return text.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && !t.startsWith('#');
  });
}

function resourceString(t: Pick<Target, 'info'>): string {
  return t.info.group ? `${t.info.resource}.${t.info.group}` : t.info.resource;
}

export interface EditSession {
  inv: Invocation;
  targets: Target[];
  format: 'yaml' | 'json';
  mode: 'edit' | 'create';
}

/** The temporary file kubectl edits (os.CreateTemp: a random number in the name). */
function tempPath(inv: Invocation, ext: string): string {
  const n = inv.world.rng.int(4294967295);
  return `/tmp/kubectl-edit-${n}.${ext}`;
}

function writeTemp(inv: Invocation, path: string, content: string): void {
  const fs = inv.proc.host.fs;
  fs.writeFile(path, content, { mode: 0o600, uid: inv.proc.cred.uid, gid: inv.proc.cred.gid, parents: true });
}

function removeTemp(inv: Invocation, path: string): void {
  const fs = inv.proc.host.fs;
  if (path && fs.exists(path)) fs.unlink(path);
}

/** What the editor starts with: one object, or a List of them. */
function printed(s: EditSession): string {
  const objects = s.targets.map((t) => withoutManagedFields(t.object));
  const obj = objects.length === 1 ? objects[0]! : ({ apiVersion: 'v1', items: objects, kind: 'List', metadata: {} } as KObject);
  return s.format === 'json' ? goJsonIndent(obj) + '\n' : toYaml(obj);
}

function withoutManagedFields(o: KObject): KObject {
  if (o.metadata?.managedFields === undefined) return o;
  const { managedFields: _drop, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** Parses the saved file into objects (a List unwrapped), or the syntax error kubectl reports. */
function parseEdited(text: string): KObject[] | { error: string } {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: KObject[] = [];
  for (const d of list) {
    if (d.errors.length) return { error: `error converting YAML to JSON: yaml: ${d.errors[0]!.message.split('\n')[0]}` };
    if (d.contents === null) continue;
    if (!isMap(d.contents)) return { error: 'error converting YAML to JSON: yaml: cannot unmarshal array into Go value of type map[string]interface {}' };
    const v = d.toJS() as KObject;
    if (v.kind === 'List' && Array.isArray(v['items'])) out.push(...(v['items'] as KObject[]));
    else out.push(v);
  }
  return out;
}

/** The edit loop (EditOptions.Run). Returns the exit status. */
export async function runEditLoop(s: EditSession): Promise<number> {
  const { inv } = s;
  const ext = s.format === 'json' ? 'json' : 'yaml';
  const original = printed(s);
  let reasons: Reason[] = [];
  let containsError = false;
  let edited = '';
  let file = '';
  let preserved = '';
  let reopened = 0;
  const preserve = (path: string) => {
    if (path && inv.proc.host.fs.exists(path)) inv.err.write(`A copy of your changes has been stored to "${path}"\n`);
  };
  for (;;) {
    const buffer = header(reasons) + (containsError ? manualStrip(edited) : original);
    const previous = edited;
    file = tempPath(inv, ext);
    writeTemp(inv, file, buffer);
    const result = await inv.proc.editor.edit({ path: file, content: buffer, process: inv.proc, variables: ['KUBE_EDITOR', 'EDITOR'] });
    if (!result.ok) {
      removeTemp(inv, file);
      preserve(preserved);
      throw new KubectlError(`error: ${result.error}`);
    }
    edited = result.content;
    writeTemp(inv, file, edited);
    // a person gives up after a few rounds; a scripted editor that keeps changing the file must too
    if (containsError && (stripComments(previous) === stripComments(edited) || ++reopened >= MAX_REOPEN)) {
      preserve(file);
      throw new KubectlError('error: Edit cancelled, no valid changes were saved.');
    }
    if (preserved && preserved !== file) removeTemp(inv, preserved);
    preserved = file;
    if (stripComments(original) === stripComments(edited)) {
      removeTemp(inv, file);
      inv.err.write('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      removeTemp(inv, file);
      inv.err.write('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    reasons = [];
    const parsed = parseEdited(edited);
    if ('error' in parsed) {
      containsError = true;
      reasons.push({ head: `The edited file had a syntax error: ${parsed.error}`, other: [] });
      continue;
    }
    containsError = false;
    const outcome = s.mode === 'create' ? createAll(s, parsed) : patchAll(s, parsed, reasons);
    if (outcome.fatal) {
      preserve(file);
      throw new KubectlError(outcome.fatal);
    }
    if (outcome.retryable) {
      inv.err.write(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      return 1;
    }
    if (outcome.notfound) {
      inv.err.write(`The edits you made on deleted resources have been saved to "${file}"\n`);
      return 1;
    }
    if (!outcome.invalid) {
      removeTemp(inv, file);
      return 0;
    }
    containsError = true;
  }
}

interface Outcome {
  invalid: number;
  retryable: number;
  notfound: number;
  fatal?: string;
}

function patchAll(s: EditSession, edited: KObject[], reasons: Reason[]): Outcome {
  const { inv } = s;
  const outcome: Outcome = { invalid: 0, retryable: 0, notfound: 0 };
  const printer = resolveGenericPrinter(inv);
  for (const obj of edited) {
    const original = s.targets.find((t) => t.object.metadata.uid === obj.metadata?.uid);
    if (!original) return { ...outcome, fatal: `error: no original object found for ${goJsonCompact(obj)}` };
    const before = withoutManagedFields(original.object);
    if (obj.apiVersion !== before.apiVersion || obj.kind !== before.kind || obj.metadata?.name !== before.metadata.name) {
      return { ...outcome, fatal: 'error: At least one of apiVersion, kind and name was changed' };
    }
    const body = flagBool(inv.flags, 'save-config') ? withLastApplied(obj) : obj;
    if (goJsonCompact(before) === goJsonCompact(body)) {
      printObjects(inv, printer, [original.object], 'skipped', 'none');
      continue;
    }
    const patch = createMergePatch(before, body);
    if (flagBool(inv.flags, 'output-patch')) inv.out.write(`Patch: ${goJsonCompact(patch)}\n`);
    try {
      const result = inv.kctx.client().patch(original.key, original.namespace, original.name, 'merge', patch, {
        fieldManager: flagString(inv.flags, 'field-manager'),
        subresource: flagString(inv.flags, 'subresource') || undefined,
      });
      printObjects(inv, printer, [result], 'edited', 'none');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const what = `${resourceString(original)} "${original.name}"`;
      if (e.reason === 'Invalid') {
        outcome.invalid++;
        reasons.push({ head: `${what} was not valid`, other: (e.details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message}`) });
        inv.err.write(`error: ${what} is invalid\n`);
      } else if (e.reason === 'NotFound') {
        outcome.notfound++;
        inv.err.write(`error: ${what} could not be found on the server\n`);
      } else {
        outcome.retryable++;
        inv.err.write(`error: ${what} could not be patched: ${e.message}\n`);
      }
    }
  }
  return outcome;
}

function createAll(s: EditSession, edited: KObject[]): Outcome {
  const { inv } = s;
  const printer = resolveGenericPrinter(inv);
  for (const obj of edited) {
    const info = inv.kctx.cluster().api.registry.byKind(obj.apiVersion, obj.kind);
    if (!info) return { invalid: 0, retryable: 0, notfound: 0, fatal: `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first` };
    const body = flagBool(inv.flags, 'save-config') ? withLastApplied(obj) : obj;
    const ns = info.namespaced ? obj.metadata?.namespace || inv.kctx.namespace() : '';
    try {
      const created = inv.kctx.client().create(resourceKey(info), { ...body, metadata: { ...body.metadata, ...(info.namespaced ? { namespace: ns } : {}) } }, { fieldManager: 'kubectl-create' });
      printObjects(inv, printer, [created], 'created', 'none');
    } catch (e) {
      return { invalid: 0, retryable: 0, notfound: 0, fatal: describeError(e) };
    }
  }
  return { invalid: 0, retryable: 0, notfound: 0 };
}

async function runEdit(inv: Invocation): Promise<number> {
  const files = filenamesOf(inv);
  if (inv.args.length === 0 && files.length === 0) throw new KubectlError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const output = flagString(inv.flags, 'output');
  if (output && output !== 'yaml' && output !== 'json') throw usageError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
  if (inv.flags.values.has('validate')) validationDirective(inv);
  const sel = selectResources(inv, { resources: inv.args, filenames: files, all: true, verb: 'edit' });
  if (sel.errors.length) throw new KubectlError(sel.errors.join('\n'));
  if (sel.targets.length === 0) throw new KubectlError('error: edit cancelled, no objects found');
  return runEditLoop({ inv, targets: sel.targets, format: output === 'json' ? 'json' : 'yaml', mode: 'edit' });
}

export const editCommand: KubectlCommand = {
  path: ['edit'],
  help: {
    short: 'Edit a resource on the server',
    long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
    examples: `# Edit the service named 'registry'
kubectl edit svc/registry

# Use an alternative editor
KUBE_EDITOR="nano" kubectl edit svc/registry

# Edit the job 'myjob' in JSON using the v1 API format
kubectl edit job.v1.batch/myjob -o json

# Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
kubectl edit deployment/mydeployment -o yaml --save-config

# Edit the 'status' subresource for the 'mydeployment' deployment
kubectl edit deployment mydeployment --subresource='status'`,
    use: '(RESOURCE/NAME | -f FILENAME)',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    fieldManagerFlag('kubectl-edit'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files to use to edit the resource'),
    { name: 'output-patch', type: 'bool', usage: 'Output the patch if the resource is edited.' },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
    { name: 'subresource', type: 'string', usage: 'If specified, edit will operate on the subresource of the requested object.' },
    VALIDATE_FLAG,
    { name: 'windows-line-endings', type: 'bool', usage: 'Defaults to the line ending native to your platform.' },
  ],
  run: runEdit,
};
