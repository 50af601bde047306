/**
 * Which columns a kind prints with: the built-in handlers, the apiserver's default table for
 * kinds without one (NAME, CREATED AT: roles, clusterroles, limitranges, CRDs, ...), and a
 * custom resource's additionalPrinterColumns (NAME and AGE when it declares none).
 */

import type { KObject } from '../../../api/types.js';
import { ageSince } from '../duration.js';
import { GoFloat } from '../../../util/gofmt.js';
import { JsonPath } from '../jsonpath/eval.js';
import { rfc3339 } from './format.js';
import { clusterHandlers } from './columns/cluster.js';
import { coreHandlers } from './columns/core.js';
import { networkHandlers } from './columns/network.js';
import { podHandlers } from './columns/pods.js';
import { storageHandlers } from './columns/storage.js';
import { workloadHandlers } from './columns/workloads.js';
import type { Cell, KindHandler, PrinterColumn, TableHandler } from './types.js';
import { NAME } from './types.js';

const BUILTIN: KindHandler[] = [...podHandlers, ...workloadHandlers, ...networkHandlers, ...coreHandlers, ...storageHandlers, ...clusterHandlers];

const byGroupKind = new Map(BUILTIN.map((h) => [`${h.group}/${h.kind}`, h]));

/** rest.DefaultTableConvertor: the name and the creation time in RFC 3339. */
export const DEFAULT_HANDLER: TableHandler = {
  columns: [NAME, { name: 'Created At' }],
  row: (obj) => [obj.metadata.name ?? '', rfc3339(obj.metadata.creationTimestamp)],
};

/** The built-in handler for a group and kind, if printers.go has one. */
export function builtinHandler(group: string, kind: string): TableHandler | undefined {
  return byGroupKind.get(`${group}/${kind}`);
}

/** Groups whose kinds are all served by the apiserver's own printers. */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'discovery.k8s.io',
  'storage.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'certificates.k8s.io', 'node.k8s.io', 'events.k8s.io',
  'admissionregistration.k8s.io', 'flowcontrol.apiserver.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io',
  'authentication.k8s.io', 'authorization.k8s.io',
]);

/**
 * The handler `kubectl get` uses for a kind: the built-in one, else the default table for
 * built-in groups, else the custom resource's printer columns.
 */
export function tableHandlerFor(group: string, kind: string, printerColumns?: PrinterColumn[]): TableHandler {
  const builtin = builtinHandler(group, kind);
  if (builtin) return builtin;
  if (BUILTIN_GROUPS.has(group) && !printerColumns) return DEFAULT_HANDLER;
  return customResourceHandler(printerColumns);
}

const AGE_COLUMN: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

/** apiextensions' table convertor over additionalPrinterColumns. */
export function customResourceHandler(printerColumns: PrinterColumn[] | undefined): TableHandler {
  const columns = printerColumns && printerColumns.length > 0 ? printerColumns : [AGE_COLUMN];
  const paths = columns.map((c) => {
    try {
      const p = JsonPath.parse(`{${c.jsonPath}}`);
      p.allowMissingKeys = true;
      return p;
    } catch {
      return undefined;
    }
  });
  return {
    columns: [NAME, ...columns.map((c) => ({ name: c.name, priority: c.priority ?? 0 }))],
    row: (obj, ctx) => [obj.metadata.name ?? '', ...columns.map((c, i) => crCell(obj, c, paths[i], ctx.now))],
  };
}

function crCell(obj: KObject, column: PrinterColumn, path: JsonPath | undefined, now: number): Cell {
  if (!path) return null;
  let results: unknown[][];
  try {
    path.reset();
    results = path.findResults(obj);
  } catch {
    return null;
  }
  if (results.length === 0 || results[0]!.length === 0) return null;
  const value = results[0]![0];
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'string':
      return path.printResults([value]);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? new GoFloat(value) : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : ageSince(value, now);
  }
  return null;
}
