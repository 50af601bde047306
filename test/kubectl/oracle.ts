/**
 * The real kubectl as an oracle. Some commands run with no cluster (`label --local -f x -o ...`
 * prints any object with any generic format); the rest talk to `fakeApiServer`, a loopback
 * HTTP server that serves discovery from our resource registry and stores fixed objects, so
 * that `kubectl get -o custom-columns`, `--sort-by`, `describe` and `events` compute their
 * output client-side from exactly the objects we give our own printers. For tables the
 * server answers with the Table our own column handlers build, so kubectl's decoration and
 * alignment can be compared too.
 */

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RESOURCES, type ResourceInfo } from '../../src/api/registry.js';
import { parseSelector, matchesAll } from '../../src/api/labels.js';
import type { KObject } from '../../src/api/types.js';

export const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
export const hasKubectl = (): boolean => existsSync(KUBECTL);
export const NO_KUBECTL = `kubectl 1.33 not installed at ${KUBECTL}: oracle comparisons skipped`;

export interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs kubectl 1.33 with a private cache dir and no kubeconfig. */
export function kubectl(args: string[], opts: { server?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-oracle-'));
  const extra = opts.server ? ['--server', opts.server] : [];
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      ['--cache-dir', join(dir, 'cache'), ...extra, ...args],
      { env: { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: join(dir, 'none'), TZ: 'UTC', ...opts.env }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}

/** Writes objects as a JSON List file for `-f`. */
export function writeObjects(objects: KObject[]): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-objs-'));
  const path = join(dir, 'objects.json');
  writeFileSync(path, JSON.stringify(objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects }));
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `kubectl label --local -f objects -o <format>` with a no-op label removal: prints the
 * objects unchanged (they must carry metadata.labels, or kubectl adds `labels: {}`).
 */
export async function printLocal(objects: KObject[], output: string[]): Promise<Run> {
  const f = writeObjects(objects);
  try {
    return await kubectl(['label', '--local', '-f', f.path, 'kubedrill-oracle-', ...output]);
  } finally {
    f.cleanup();
  }
}

export type TableBuilder = (resource: ResourceInfo, objects: KObject[], includeObject: boolean) => unknown;

export interface FakeServer {
  url: string;
  close(): Promise<void>;
  requests: string[];
}

function listKind(info: ResourceInfo): string {
  return `${info.kind}List`;
}

function apiVersion(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

function resourceList(gv: string, infos: ResourceInfo[]): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: infos.flatMap((r) => [
      {
        name: r.resource,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs,
        shortNames: r.shortNames.length ? r.shortNames : undefined,
        categories: r.categories.length ? r.categories : undefined,
      },
      // the scale subresource: kubectl autoscale looks for it in discovery
      ...(r.subresources.includes('scale') ? [{ name: `${r.resource}/scale`, singularName: '', namespaced: r.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }] : []),
    ]),
  };
}

/** Reads a dotted field ("involvedObject.name") of an object as a string. */
function field(obj: KObject, path: string): string {
  let v: unknown = obj;
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

function fieldSelectorMatches(obj: KObject, selector: string): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (!m) return true;
    const actual = field(obj, m[1]!);
    return m[2] === '!=' ? actual !== m[3] : actual === m[3];
  });
}

/**
 * A loopback API server with legacy discovery for every built-in resource, serving `objects`
 * read-only. `tables` builds the Table for `Accept: as=Table` requests (else kubectl falls
 * back to its own NAME/AGE printing).
 */
export async function fakeApiServer(objects: KObject[], tables?: TableBuilder, extra: ResourceInfo[] = []): Promise<FakeServer> {
  const infos = [...BUILTIN_RESOURCES, ...extra];
  const groups = new Map<string, ResourceInfo[]>();
  for (const r of infos) {
    const gv = apiVersion(r);
    groups.set(gv, [...(groups.get(gv) ?? []), r]);
  }
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const notFound = (info?: ResourceInfo, name?: string): void =>
      send(404, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: info ? `${info.resource}${info.group ? '.' + info.group : ''} "${name}" not found` : 'the server could not find the requested resource',
        reason: 'NotFound',
        details: info ? { name, group: info.group || undefined, kind: info.resource } : {},
        code: 404,
      });
    const parts = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
    if (url.pathname === '/apis') {
      const list = [...groups.keys()].filter((gv) => gv.includes('/')).map((gv) => {
        const [group, version] = gv.split('/') as [string, string];
        return { name: group, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
      });
      return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: list });
    }
    if (url.pathname === '/version') return send(200, { major: '1', minor: '33', gitVersion: 'v1.33.0', platform: 'linux/amd64' });
    let gv: string;
    let rest: string[];
    if (parts[0] === 'api') {
      gv = parts[1] ?? '';
      rest = parts.slice(2);
    } else if (parts[0] === 'apis') {
      gv = `${parts[1]}/${parts[2]}`;
      rest = parts.slice(3);
    } else return notFound();
    const gvInfos = groups.get(gv);
    if (!gvInfos) return notFound();
    if (rest.length === 0) return send(200, resourceList(gv, gvInfos));
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const info = gvInfos.find((r) => r.resource === rest[0]);
    if (!info) return notFound();
    const name = rest[1];
    let matching = objects.filter((o) => o.kind === info.kind && o.apiVersion === apiVersion(info));
    if (namespace && info.namespaced) matching = matching.filter((o) => o.metadata.namespace === namespace);
    if (rest[0] === 'namespaces' && namespace === undefined && name) matching = matching.filter((o) => o.metadata.name === name);
    if (name) {
      const obj = matching.find((o) => o.metadata.name === name);
      if (!obj) return notFound(info, name);
      const accept = req.headers.accept ?? '';
      if (accept.includes('as=Table') && tables) return send(200, tables(info, [obj], url.searchParams.get('includeObject') === 'Object'));
      return send(200, obj);
    }
    const labelSelector = url.searchParams.get('labelSelector') ?? '';
    const fieldSelector = url.searchParams.get('fieldSelector') ?? '';
    if (labelSelector) {
      const reqs = parseSelector(labelSelector);
      matching = matching.filter((o) => matchesAll(o.metadata.labels, reqs));
    }
    matching = matching.filter((o) => fieldSelectorMatches(o, fieldSelector));
    const accept = req.headers.accept ?? '';
    if (accept.includes('as=Table') && tables) return send(200, tables(info, matching, url.searchParams.get('includeObject') === 'Object'));
    send(200, { kind: listKind(info), apiVersion: apiVersion(info), metadata: { resourceVersion: '100' }, items: matching });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
