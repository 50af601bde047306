/**
 * `kubectl get -w` / `--watch-only` / `--output-watch-events`: the current objects (unless
 * --watch-only), then one row (or document) per change as the clock moves, through one tab
 * writer that keeps its column widths, with no repeated header. A watched single object
 * prints its changes after the first listing; deletions print the last state.
 */
import { resourceKey, type ResourceInfo } from '../../api/registry.js';
import { matchesAll, parseSelector } from '../../api/labels.js';
import type { WatchEvent } from '../../api/store.js';
import type { KObject } from '../../api/types.js';
import { flagBool } from '../flags/index.js';
import type { Invocation } from '../command.js';
import type { OutputFlags, ResolvedPrinter } from '../printers/index.js';
import { goJsonIndent, printGenericObjects, TabWriter } from '../printers/index.js';
import { sectionLines, type TableDecorations } from '../printers/table/printer.js';
import { tableHandlerFor } from '../printers/table/registry.js';
import { KubectlError } from '../errors.js';
import type { ResourceSelection } from '../resources.js';
import { authorizeWatch, follow } from './watch.js';

export interface WatchRequest {
  selections: ResourceSelection[];
  printer: ResolvedPrinter;
  flags: OutputFlags;
  namespace: string;
  allNamespaces: boolean;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Prints objects (or watch events) one at a time, sharing one table writer. */
class WatchPrinter {
  private readonly writer = TabWriter.forTables();
  private headerDone = false;
  private printed = 0;

  constructor(
    private readonly inv: Invocation,
    private readonly info: ResourceInfo,
    private readonly req: WatchRequest,
    private readonly withEvents: boolean,
  ) {}

  print(objects: KObject[], type = 'ADDED'): void {
    if (objects.length === 0) return;
    const p = this.req.printer;
    if (p.kind === 'table') return this.printRows(objects, type);
    for (const obj of objects) {
      if (this.withEvents && p.kind === 'generic' && p.printer.format === 'json') {
        this.inv.out.write(goJsonIndent({ type, object: obj }, '    ', { sortKeys: false }) + '\n');
      } else {
        const doc = this.withEvents ? ({ type, object: obj } as unknown as KObject) : obj;
        const r = printGenericObjects(p, [doc], '');
        this.inv.out.write(this.printed > 0 && p.kind === 'generic' && p.printer.format === 'yaml' ? '---\n' + r.stdout : r.stdout);
        if (r.error) this.inv.err.write(`error: ${r.error}\n`);
      }
      this.printed++;
    }
  }

  private printRows(objects: KObject[], type: string): void {
    const d: TableDecorations = {
      wide: this.req.printer.kind === 'table' && this.req.printer.wide,
      noHeaders: !!this.req.flags.noHeaders || this.headerDone,
      showLabels: !!this.req.flags.showLabels,
      labelColumns: this.req.flags.labelColumns ?? [],
      withNamespace: this.req.allNamespaces && this.info.namespaced,
      kindPrefix: this.req.flags.showKind ? (this.info.group ? `${this.info.kind}.${this.info.group}` : this.info.kind).toLowerCase() : undefined,
    };
    const handler = tableHandlerFor(this.info.group, this.info.kind);
    let lines = sectionLines({ handler, objects, decorations: d }, { now: this.inv.kctx.now() });
    if (this.withEvents) {
      const header = d.noHeaders ? 0 : 1;
      lines = lines.map((l, i) => (i < header ? `EVENT\t${l}` : `${type}\t${l}`));
    }
    this.headerDone = true;
    this.writer.write(lines.map((l) => l + '\n').join(''));
    this.writer.flush();
    this.inv.out.write(this.writer.take());
  }
}

export async function runGetWatch(inv: Invocation, req: WatchRequest): Promise<number> {
  const { flags, kctx } = inv;
  if (req.selections.length !== 1) throw new KubectlError('error: you may only specify a single resource type');
  const sel = req.selections[0]!;
  if (sel.names.length > 1) throw new KubectlError(`error: watch is only supported on individual resources and resource collections, but ${sel.names.length} resources were found`);
  const client = kctx.client();
  const info = sel.info;
  const key = resourceKey(info);
  const namespace = info.namespaced && !req.allNamespaces ? req.namespace : undefined;
  const name = sel.names[0];
  const current: KObject[] = name ? [client.get(key, namespace ?? '', name)] : client.list(key, namespace, { labelSelector: req.labelSelector, fieldSelector: req.fieldSelector });
  authorizeWatch(inv, info, namespace, name);
  const withEvents = flagBool(flags, 'output-watch-events');
  const printer = new WatchPrinter(inv, info, req, withEvents);
  if (!flagBool(flags, 'watch-only')) printer.print(current);
  const labels = req.labelSelector ? parseSelector(req.labelSelector) : undefined;
  const names = req.fieldSelector ? fieldNames(req.fieldSelector) : undefined;
  const matches = (e: WatchEvent) =>
    e.resource === key &&
    (namespace === undefined || e.object.metadata.namespace === namespace) &&
    (!name || e.object.metadata.name === name) &&
    (!labels || matchesAll(e.object.metadata.labels, labels)) &&
    (!names || names(e.object));
  await follow(inv, matches, (events) => {
    for (const e of events) printer.print([e.object], e.type);
  });
  return 0;
}

/** The metadata.name / metadata.namespace terms of a field selector, the ones a watch can check client-side. */
function fieldNames(selector: string): ((o: KObject) => boolean) | undefined {
  const terms = selector.split(',').map((t) => /^(metadata\.name|metadata\.namespace)(==|=|!=)(.*)$/.exec(t)).filter((m): m is RegExpExecArray => !!m);
  if (terms.length === 0) return undefined;
  return (o) => terms.every(([, field, op, value]) => ((field === 'metadata.name' ? o.metadata.name : o.metadata.namespace) === value) === (op !== '!='));
}
