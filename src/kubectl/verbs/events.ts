/**
 * kubectl events: the namespace's events (or all with -A, or those of one object with --for
 * TYPE/NAME) oldest first in kubectl's own table, --types to keep Normal or Warning, any
 * generic -o format, and -w to follow new events on the clock (no header repetition).
 */
import { resourceKey } from '../../api/registry.js';
import type { KObject } from '../../api/types.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { ALL_NAMESPACES_FLAG, GENERIC_OUTPUT_FLAGS, outputFlags } from '../common-flags.js';
import { KubectlError, usageError } from '../errors.js';
import { goJsonIndent, printEvents, PrinterError, printGenericObjects, resolvePrinter, TabWriter, validateEventTypes, type ResolvedPrinter } from '../printers/index.js';
import { eventInterval } from '../printers/events.js';
import { coreEvent } from '../printers/table/columns/core.js';
import { escapeTerminal } from '../printers/table/printer.js';
import { goSort } from '../printers/gosort.js';
import { printerEnv } from './shared.js';
import { authorizeWatch, follow } from './watch.js';

export const eventsCommand: KubectlCommand = {
  path: ['events'],
  help: {
    short: 'List events',
    long: `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.`,
    examples: `# List recent events in the default namespace
kubectl events

# List recent events in all namespaces
kubectl events --all-namespaces

# List recent events for the specified pod, then wait for more events and list them as they arrive
kubectl events --for pod/web-pod-13je7 --watch

# List recent events in YAML format
kubectl events -oyaml

# List recent only events of type 'Warning' or 'Normal'
kubectl events --types=Warning,Normal`,
    use: '[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
  },
  flags: [
    ALL_NAMESPACES_FLAG,
    { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'for', type: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default output format, don't print headers." },
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'types', type: 'stringSlice', usage: 'Output only events of given types.' },
    { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing the requested events, watch for more events.' },
  ],
  run: runEvents,
};

interface ForObject {
  kind: string;
  apiVersion: string;
  name: string;
}

/** decodeResourceTypeName: TYPE/NAME through the mapper. */
function decodeFor(inv: Invocation, value: string): ForObject {
  if (!value.includes('/')) throw usageError('--for must be in resource/name form');
  const seg = value.split('/');
  if (seg.length !== 2) throw usageError('arguments in resource/name form may not have more than one slash');
  const info = inv.kctx.cluster().api.registry.resolve(seg[0]!.toLowerCase());
  // the mapper's NoResourceMatchError reaches CheckErr unwrapped: no "error: " prefix
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${seg[0]!.toLowerCase().split('.')[0]}"`);
  return { kind: info.kind, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, name: seg[1]! };
}

async function runEvents(inv: Invocation): Promise<number> {
  const { flags, kctx } = inv;
  const oflags = outputFlags(flags);
  let printer: ResolvedPrinter | undefined;
  try {
    printer = oflags.output ? resolvePrinter(oflags, 'generic', printerEnv(inv)) : undefined;
  } catch (e) {
    if (e instanceof PrinterError) throw usageError(e.message);
    throw e;
  }
  const forValue = flagString(flags, 'for');
  const forObject = forValue ? decodeFor(inv, forValue) : undefined;
  const types = [...new Set(flagList(flags, 'types'))].sort();
  const invalid = validateEventTypes(types);
  if (invalid) throw usageError(invalid);
  const client = kctx.client();
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const namespace = kctx.namespace();
  const fieldSelector = forObject ? `involvedObject.kind=${forObject.kind},involvedObject.apiVersion=${forObject.apiVersion},involvedObject.name=${forObject.name}` : undefined;
  const matchesFor = (e: KObject) => {
    if (!forObject) return true;
    const o = (e as { involvedObject?: { kind?: string; apiVersion?: string; name?: string } }).involvedObject ?? {};
    return o.kind === forObject.kind && o.apiVersion === forObject.apiVersion && o.name === forObject.name;
  };
  const typeOk = (e: KObject) => types.length === 0 || types.some((t) => t.toLowerCase() === String((e as { type?: string }).type ?? '').toLowerCase());
  if (flagBool(flags, 'watch')) return watchEvents(inv, printer, { allNamespaces, namespace, matches: (e) => matchesFor(e) && typeOk(e) });
  let events: KObject[];
  try {
    events = client.list('events', allNamespaces ? undefined : namespace, { fieldSelector });
  } catch {
    // The simulated apiserver may not index involvedObject.apiVersion: filter here instead.
    events = client.list('events', allNamespaces ? undefined : namespace).filter(matchesFor);
  }
  if (!printer) {
    const r = printEvents(events, { noHeaders: flagBool(flags, 'no-headers'), allNamespaces, types, namespace, now: kctx.now() });
    inv.out.write(r.stdout);
    inv.err.write(r.stderr);
    return 0;
  }
  const kept = goSort(events.filter(typeOk), (a, b) => eventTime(a) < eventTime(b));
  if (kept.length === 0) {
    inv.err.write(allNamespaces ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
    return 0;
  }
  const items = kept.map((e) => ({ ...e, apiVersion: e.apiVersion || 'v1', kind: e.kind || 'Event' }));
  const list = { kind: 'EventList', apiVersion: 'v1', metadata: {}, items };
  if (printer.kind === 'generic' && printer.printer.format === 'json') {
    // A typed list: encoding/json writes struct fields in declaration order.
    inv.out.write(goJsonIndent({ ...list, items: items.map(eventInStructOrder) }, '    ', { sortKeys: false }) + '\n');
    return 0;
  }
  const r = printGenericObjects(printer, [list as unknown as KObject], '');
  inv.out.write(r.stdout);
  if (r.error) throw new KubectlError(`error: ${r.error}`);
  return 0;
}

const EVENT_ORDER = ['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'series', 'action', 'related', 'reportingComponent', 'reportingInstance'];
const META_ORDER = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

function inOrder(o: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in o) out[k] = o[k];
  for (const k of Object.keys(o).sort()) if (!(k in out)) out[k] = o[k];
  return out;
}

function eventInStructOrder(e: KObject): Record<string, unknown> {
  const o = e as unknown as Record<string, unknown>;
  return inOrder({ ...o, metadata: inOrder(e.metadata as Record<string, unknown>, META_ORDER) }, EVENT_ORDER);
}

function eventTime(e: KObject): number {
  const ev = e as { series?: { lastObservedTime?: string }; lastTimestamp?: string; eventTime?: string };
  const t = ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** -w: new events as they are recorded (deletions are not shown), through one tab writer. */
async function watchEvents(inv: Invocation, printer: ResolvedPrinter | undefined, o: { allNamespaces: boolean; namespace: string; matches: (e: KObject) => boolean }): Promise<number> {
  const info = inv.kctx.cluster().api.registry.byResourceKey('events')!;
  authorizeWatch(inv, info, o.allNamespaces ? undefined : o.namespace);
  const writer = TabWriter.forTables();
  let headerDone = flagBool(inv.flags, 'no-headers');
  let printed = 0;
  const key = resourceKey(info);
  const print = (objects: KObject[]) => {
    for (const object of objects) {
      if (printer) {
        const r = printGenericObjects(printer, [object], '');
        inv.out.write(printed++ > 0 && printer.kind === 'generic' && printer.printer.format === 'yaml' ? '---\n' + r.stdout : r.stdout);
        continue;
      }
      let text = '';
      if (!headerDone) text += (o.allNamespaces ? 'NAMESPACE\t' : '') + 'LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n';
      headerDone = true;
      const e = coreEvent(object);
      if (o.allNamespaces) text += `${e.metadata?.namespace ?? ''}\t`;
      text += `${eventInterval(e, inv.kctx.now())}\t${escapeTerminal(e.type ?? '')}\t${escapeTerminal(e.reason ?? '')}\t${escapeTerminal(e.involvedObject?.kind ?? '')}/${escapeTerminal(e.involvedObject?.name ?? '')}\t${escapeTerminal((e.message ?? '').trim())}\n`;
      writer.write(text);
      writer.flush();
      inv.out.write(writer.take());
    }
  };
  // A watch without a resourceVersion starts with the existing events as ADDED.
  print(inv.kctx.client().list('events', o.allNamespaces ? undefined : o.namespace).filter(o.matches));
  await follow(
    inv,
    (e) => e.resource === key && e.type !== 'DELETED' && (o.allNamespaces || e.object.metadata.namespace === o.namespace) && o.matches(e.object),
    (events) => print(events.map((e) => e.object)),
  );
  return 0;
}
