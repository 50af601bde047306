/**
 * kubectl diff -f FILE|-k DIR: for each object, the live version and the one a server-side
 * dry-run of `apply` would leave, written as YAML to /tmp/LIVE-NNN and /tmp/MERGED-NNN and
 * compared as `diff -u -N` does (unified hunks with GNU's headers and timestamps); exit 1 when
 * they differ, 0 when they do not, above 1 on errors.
 */
import { structuredPatch } from 'diff';
import { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, fieldManagerFlag, SELECTOR_FLAG } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { toYaml } from '../printers/index.js';
import { buildFor } from '../kustomize/index.js';
import { applyOne } from './apply.js';
import { memcacheLine } from '../discovery-errors.js';
import { mappingFor, namespaceFor, objectsFromFiles } from './shared.js';
import { matchesAll, parseSelector } from '../../api/labels.js';

/** GNU diff's time stamp: 2026-01-01 09:00:00.000000000 +0000. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1000000 +0000');
}

/** One unified hunk range as GNU diff prints it ("6", "6,7", "0,0"). */
function range(start: number, lines: number): string {
  if (lines === 1) return `${start}`;
  return `${lines === 0 ? start : start},${lines}`;
}

/** `diff -u -N` of two files (the LIVE one may be missing: empty). */
export function unifiedDiff(livePath: string, mergedPath: string, live: string, merged: string, at: number): string {
  if (live === merged) return '';
  const patch = structuredPatch(livePath, mergedPath, live, merged, '', '', { context: 3 });
  let out = `diff -u -N ${livePath} ${mergedPath}\n--- ${livePath}\t${stamp(at)}\n+++ ${mergedPath}\t${stamp(at)}\n`;
  for (const h of patch.hunks) {
    out += `@@ -${range(h.oldLines === 0 ? h.oldStart - 1 : h.oldStart, h.oldLines)} +${range(h.newLines === 0 ? h.newStart - 1 : h.newStart, h.newLines)} @@\n`;
    for (const l of h.lines) out += l + '\n';
  }
  return out;
}

function withoutManagedFields(o: KObject): KObject {
  if (o.metadata?.managedFields === undefined) return o;
  const { managedFields: _drop, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** Secret values masked as kubectl diff does: "***" and "*** (before)"/"*** (after)" when they change. */
function maskSecrets(live: KObject | undefined, merged: KObject | undefined): [KObject | undefined, KObject | undefined] {
  const isSecret = (o?: KObject) => o?.kind === 'Secret' && o.apiVersion === 'v1';
  if (!isSecret(live) && !isSecret(merged)) return [live, merged];
  const l = live ? structuredClone(live) : undefined;
  const m = merged ? structuredClone(merged) : undefined;
  const ld = (l?.['data'] ?? {}) as Record<string, string>;
  const md = (m?.['data'] ?? {}) as Record<string, string>;
  for (const k of new Set([...Object.keys(ld), ...Object.keys(md)])) {
    const changed = ld[k] !== md[k];
    if (k in ld) ld[k] = changed && k in md ? '*** (before)' : '***';
    if (k in md) md[k] = changed && k in ld ? '*** (after)' : '***';
  }
  return [l, m];
}

async function runDiff(inv: Invocation): Promise<number> {
  const files = flagList(inv.flags, 'filename');
  const kustomize = flagString(inv.flags, 'kustomize');
  if (!files.length && !kustomize) throw usageError('must specify one of -f and -k');
  let objects = kustomize ? buildFor(inv, kustomize).map((object) => ({ object, source: kustomize })) : objectsFromFiles(inv, files, 'diff');
  const selector = flagString(inv.flags, 'selector');
  if (selector) {
    const reqs = parseSelector(selector);
    objects = objects.filter((o) => matchesAll(o.object.metadata?.labels, reqs));
  }
  try {
    inv.kctx.cluster();
  } catch (e) {
    const refused = e instanceof KubectlError ? /^The connection to the server (\S+) was refused/.exec(e.message) : null;
    if (!refused || !objects[0]) throw e;
    // the builder's discovery fails once, then the mapping of the first object
    inv.err.write(memcacheLine(inv.kctx.now(), 4000 + (inv.proc.argv.length % 997), refused[1]!) + '\n');
    throw new KubectlError(`error: unable to recognize "${objects[0].source}": Get "https://${refused[1]}/api?timeout=32s": dial tcp ${refused[1]}: connect: connection refused`);
  }
  const rng = inv.world.rng;
  const liveDir = `/tmp/LIVE-${rng.int(4294967295)}`;
  const mergedDir = `/tmp/MERGED-${rng.int(4294967295)}`;
  const client = inv.kctx.client();
  let out = '';
  for (const o of objects) {
    const info = mappingFor(inv, o);
    const ns = namespaceFor(inv, info, o.object, o.source);
    const name = o.object.metadata?.name ?? '';
    const file = `${info.group ? `${info.group}.` : ''}${info.version}.${info.kind}.${info.namespaced ? ns : ''}.${name}`;
    const liveObj = client.find(`${info.group ? `${info.resource}.${info.group}` : info.resource}`, ns, name);
    let merged: KObject;
    try {
      merged = applyOne(inv, o, 'server', { action: 'creating', quiet: true }).object;
    } catch (e) {
      throw new KubectlError(describeError(e, e instanceof ApiError ? `error when ${liveObj ? 'applying patch' : 'creating'} "${o.source}"` : undefined));
    }
    const [l, m] = maskSecrets(liveObj ? withoutManagedFields(liveObj) : undefined, withoutManagedFields(merged));
    out += unifiedDiff(`${liveDir}/${file}`, `${mergedDir}/${file}`, l ? toYaml(l) : '', m ? toYaml(m) : '', inv.kctx.now());
  }
  inv.out.write(out);
  return out ? 1 : 0;
}

export const diffCommand: KubectlCommand = {
  path: ['diff'],
  help: {
    short: 'Diff the live version against a would-be applied version',
    long: `Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.

 The output is always YAML.

 KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF="colordiff -N -u"

 By default, the "diff" command available in your path will be run with the "-u" (unified diff) and "-N" (treat absent files as empty) options.

 Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

 Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.`,
    examples: `# Diff resources included in pod.json
kubectl diff -f pod.json

# Diff file read from stdin
cat service.yaml | kubectl diff -f -`,
    use: '-f FILENAME',
  },
  flags: [
    { name: 'concurrency', type: 'int', default: 1, usage: 'Number of objects to process in parallel when diffing against the live version. Larger number = faster, but more memory, I/O and CPU over that shorter period of time.' },
    fieldManagerFlag('kubectl-client-side-apply'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files contains the configuration to diff'),
    { name: 'force-conflicts', type: 'bool', usage: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'prune', type: 'bool', usage: 'Include resources that would be deleted by pruning. Can be used with -l and default shows all resources would be pruned' },
    { name: 'prune-allowlist', type: 'stringArray', usage: 'Overwrite the default allowlist with <group/version/kind> for --prune' },
    SELECTOR_FLAG,
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, include managed fields in the diff.' },
  ],
  run: async (inv) => {
    try {
      return await runDiff(inv);
    } catch (e) {
      // CheckDiffErr: errors exit one above their code, 1 meaning "differences found"
      if (e instanceof KubectlError) throw new KubectlError(e.message, e.exitCode + 1);
      if (e instanceof ApiError) throw new KubectlError(describeError(e), 2);
      throw e;
    }
  },
};
