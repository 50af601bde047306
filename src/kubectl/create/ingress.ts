/**
 * kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] [--class]
 * [--default-backend=svc:port] [--annotation=k=v]: a path ending in `*` is a Prefix path,
 * otherwise Exact; rules of one host share an entry; TLS hosts group by secret.
 */
import type { KObject } from '../../api/types.js';
import { flagString } from '../flags/index.js';
import { usageError } from '../errors.js';
import { defineGenerator, listFlag } from './generator.js';
import { sortedMap } from './sources.js';

const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

type Backend = { service: { name: string; port: { number?: number; name?: string } } };

function backend(service: string): Backend {
  const [name, port] = service.split(':') as [string, string];
  return { service: { name, port: /^-?\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

function httpPath(pathsvc: string): Record<string, unknown> {
  const [p, service] = pathsvc.split('=') as [string, string];
  let path = '/' + p;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(service) };
}

function tlsRules(rules: string[]): { hosts?: string[]; secretName?: string }[] {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0]!;
    const secretParts = parts[1]!.split('=');
    const secret = secretParts.length > 1 ? secretParts[1]! : '';
    const idx = out.findIndex((t) => (t.secretName ?? '') === secret);
    if (seen.has(host)) continue;
    seen.add(host);
    if (idx > -1) {
      (out[idx]!.hosts ??= []).push(host);
      continue;
    }
    const tls: { hosts?: string[]; secretName?: string } = {};
    if (host) tls.hosts = [host];
    if (secret) tls.secretName = secret;
    if (tls.secretName || tls.hosts) out.push(tls);
  }
  return out;
}

function ingressRules(rules: string[]): Record<string, unknown>[] {
  const out: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
  for (const rule of rules) {
    const withoutTls = rule.split(',')[0]!;
    const slash = withoutTls.indexOf('/');
    const host = withoutTls.slice(0, slash);
    const path = httpPath(withoutTls.slice(slash + 1));
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) {
      existing.http.paths.push(path);
      continue;
    }
    out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

export const createIngressCommand = defineGenerator({
  path: ['create', 'ingress'],
  resource: 'ingresses.networking.k8s.io',
  failure: 'ingress',
  help: {
    short: 'Create an ingress with the specified name',
    long: `Create an ingress with the specified name.`,
    aliases: ['ing'],
    examples: `# Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
# svc1:8080 with a TLS secret "my-cert"
kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"

# Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"
kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"

# Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2
kubectl create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\
--annotation ingress.annotation1=foo \\
--annotation ingress.annotation2=bla

# Create an ingress with the same host and multiple paths
kubectl create ingress multipath --class=default \\
--rule="foo.com/=svc:port" \\
--rule="foo.com/admin/=svcadmin:portadmin"

# Create an ingress with multiple hosts and the pathType as Prefix
kubectl create ingress ingress1 --class=default \\
--rule="foo.com/path*=svc:8080" \\
--rule="bar.com/admin*=svc2:http"

# Create an ingress with TLS enabled using the default ingress certificate and different path types
kubectl create ingress ingtls --class=default \\
--rule="foo.com/=svc:https,tls" \\
--rule="foo.com/path/subpath*=othersvc:8080"

# Create an ingress with TLS enabled using a specific secret and pathType as Prefix
kubectl create ingress ingsecret --class=default \\
--rule="foo.com/*=svc:8080,tls=secret1"

# Create an ingress with a default backend
kubectl create ingress ingdefault --class=default \\
--default-backend=defaultsvc:http \\
--rule="foo.com/*=svc:8080,tls=secret1"`,
    use: 'NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
  },
  flags: [
    { name: 'annotation', type: 'stringArray', usage: 'Annotation to insert in the ingress object, in the format annotation=value' },
    { name: 'class', type: 'string', usage: 'Ingress Class to be used' },
    { name: 'default-backend', type: 'string', usage: 'Default service for backend, in format of svcname:port' },
    { name: 'rule', type: 'stringArray', usage: "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional." },
  ],
  validate({ inv }) {
    const rules = listFlag(inv, 'rule');
    const def = flagString(inv.flags, 'default-backend');
    if (!def && rules.length === 0) {
      throw usageError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
    }
    for (const r of rules) if (!RULE.test(r)) throw usageError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    for (const a of listFlag(inv, 'annotation')) if (!a.includes('=')) throw usageError(`annotation ${a} is invalid and should be in format key=[value]`);
    if (def && def.split(':').length !== 2) throw usageError('default-backend should be in format servicename:serviceport');
  },
  build({ inv, name, enforcedNamespace }): KObject {
    const annotations: Record<string, string> = {};
    for (const a of listFlag(inv, 'annotation')) {
      const i = a.indexOf('=');
      annotations[a.slice(0, i)] = a.slice(i + 1);
    }
    const rules = listFlag(inv, 'rule');
    const cls = flagString(inv.flags, 'class');
    const def = flagString(inv.flags, 'default-backend');
    const tls = tlsRules(rules);
    const ingressRulesList = ingressRules(rules);
    return {
      kind: 'Ingress',
      apiVersion: 'networking.k8s.io/v1',
      metadata: {
        name,
        ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}),
        creationTimestamp: null,
        ...(Object.keys(annotations).length ? { annotations: sortedMap(annotations) } : {}),
      },
      spec: {
        ...(cls ? { ingressClassName: cls } : {}),
        ...(def ? { defaultBackend: backend(def) } : {}),
        ...(tls.length ? { tls } : {}),
        ...(ingressRulesList.length ? { rules: ingressRulesList } : {}),
      },
      status: { loadBalancer: {} },
    };
  },
});
