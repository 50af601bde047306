/**
 * A loopback apiserver for kubectl 1.33 to explain against: discovery from a resource list and
 * /openapi/v3 serving the documents our explain builds, so that the real kubectl's template
 * renders exactly the schema our renderer renders.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiVersionOf, type ResourceInfo } from '../../../src/api/registry.js';
import { documentFor, type CrdSchema } from '../../../src/kubectl/explain/openapi.js';

export interface OpenApiServer {
  url: string;
  close(): Promise<void>;
}

export async function openApiServer(resources: readonly ResourceInfo[], crds: CrdSchema[] = []): Promise<OpenApiServer> {
  const gvs = new Map<string, ResourceInfo[]>();
  for (const r of resources) gvs.set(apiVersionOf(r), [...(gvs.get(apiVersionOf(r)) ?? []), r]);
  const docs = new Map<string, string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const path = url.pathname;
    if (path === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
    if (path === '/apis') {
      const groups = new Map<string, string[]>();
      for (const gv of gvs.keys()) if (gv.includes('/')) groups.set(gv.split('/')[0]!, [...(groups.get(gv.split('/')[0]!) ?? []), gv]);
      return send(200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...groups].map(([name, list]) => ({ name, versions: list.map((gv) => ({ groupVersion: gv, version: gv.split('/')[1] })), preferredVersion: { groupVersion: list[0], version: list[0]!.split('/')[1] } })),
      });
    }
    if (path === '/openapi/v3') {
      return send(200, { paths: Object.fromEntries([...gvs.keys()].map((gv) => [gv.includes('/') ? `apis/${gv}` : `api/${gv}`, { serverRelativeURL: `/openapi/v3/${gv.includes('/') ? 'apis' : 'api'}/${gv}?hash=0` }])) });
    }
    if (path.startsWith('/openapi/v3/')) {
      const gv = path.replace(/^\/openapi\/v3\/apis?\//, '');
      const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
      if (!docs.has(gv)) docs.set(gv, JSON.stringify(documentFor({ group, version }, resources, crds) ?? {}));
      return send(200, docs.get(gv)!);
    }
    const m = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/.exec(path);
    const gv = m ? (m[1] ?? m[2]!) : '';
    const list = gvs.get(gv);
    if (!list) return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
    send(200, {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gv,
      resources: list.map((r) => ({ name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs, shortNames: r.shortNames.length ? r.shortNames : undefined, categories: r.categories.length ? r.categories : undefined })),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
