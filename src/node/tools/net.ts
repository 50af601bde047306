/**
 * Network clients on a node (Ubuntu 24.04): curl 8.5, GNU wget, nslookup and dig from
 * bind9-dnsutils, iputils ping. They go through the reachability model as the node sees the
 * network; curl speaks to the apiserver as the identity of its --cert or bearer token, and
 * answers /healthz, /livez, /readyz, /version and resource paths through the API.
 */
import type { Program, ProcessContext } from '../../shell/types.js';
import type { NodeHost } from '../node.js';
import type { ApiEndpoint } from '../../cluster/cluster.js';
import type { Endpoint, HttpResponse, NetClient, ResolveResult } from '../net/types.js';
import { httpResponse } from '../net/types.js';
import { isIp, lookup, parseUrl, TCP_CONNECT_TIMEOUT_SECONDS } from '../net/clients.js';
import { parseCurlArgs } from '../apps/commands/net.js';
import { ApiError } from '../../api/errors.js';
import { formatDate } from '../apps/commands/info.js';

const CURL_UA = 'curl/8.5.0';

function offline(node: NodeHost): NetClient {
  return { sourceIp: node.ip, nameserver: '127.0.0.53', search: [], resolve: (name) => ({ ok: false, name, error: 'NXDOMAIN', server: '127.0.0.53' }), dial: (ip, port) => ({ ok: false, ip, port, error: 'timeout' }) };
}

function netOf(node: NodeHost): NetClient {
  return node.net() ?? offline(node);
}

// ---- curl ------------------------------------------------------------------------------------

export function curl(node: NodeHost): Program {
  return async (ctx) => {
    const o = parseCurlArgs(ctx.argv.slice(1));
    const fail = (code: number, msg: string) => {
      if (!o.silent || o.showError) ctx.stderr.write(`curl: (${code}) ${msg}\n`);
      if (o.writeOut) ctx.stdout.write(o.writeOut.replace(/%\{http_code\}/g, '000').replace(/\\n/g, '\n'));
      return code;
    };
    if (!o.url) {
      ctx.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const u = parseUrl(o.url);
    if (!u) return fail(3, 'URL rejected: Bad hostname');
    const net = netOf(node);
    const r = lookup(net, u.host);
    if (!r.ok) return fail(6, `Could not resolve host: ${u.host}`);
    const ip = r.ips[0]!;
    const dial = net.dial(ip, u.port);
    if (!dial.ok) {
      if (dial.error === 'timeout') {
        const limit = Math.min(o.maxTime ?? Infinity, o.connectTimeout ?? Infinity, TCP_CONNECT_TIMEOUT_SECONDS);
        await ctx.sleep(limit);
        if (limit === TCP_CONNECT_TIMEOUT_SECONDS) return fail(28, `Failed to connect to ${u.host} port ${u.port} after ${limit * 1000 + 1234} ms: Couldn't connect to server`);
        if (o.maxTime !== undefined && o.maxTime === limit) return fail(28, `Connection timed out after ${Math.round(limit * 1000) + 1} milliseconds`);
        return fail(28, `Failed to connect to ${u.host} port ${u.port} after ${Math.round(limit * 1000) + 1} ms: Timeout was reached`);
      }
      return fail(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`);
    }
    const ep = dial.endpoint as Endpoint & { apiserver?: ApiEndpoint };
    if (u.scheme === 'https' && !ep.tls) return fail(35, 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number');
    let res: HttpResponse;
    const method = o.method ?? (o.head ? 'HEAD' : 'GET');
    if (u.scheme === 'https') {
      const caOk = o.cacert ? node.fs.exists(resolve(ctx, o.cacert)) : false;
      if (o.cacert && !caOk) return fail(77, `error setting certificate file: ${o.cacert}`);
      if (!o.insecure && !caOk) {
        return fail(60, 'SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.');
      }
      if (o.cert && !node.fs.exists(resolve(ctx, o.cert.split(':')[0]!))) return fail(58, `could not load PEM client certificate from ${o.cert}, OpenSSL error error:80000002:system library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)`);
      if (ep.apiserver) res = apiRequest(node, ctx, ep.apiserver, method, u.path, o.cert, o.key, o.headers);
      else if (ep.http) res = ep.http({ method, path: u.path, host: u.host, from: node.ip, userAgent: CURL_UA });
      else res = httpResponse(404, '404 page not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    } else {
      if (ep.tls) res = { status: 400, reason: 'Bad Request', headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }, body: 'Client sent an HTTP request to an HTTPS server.\n' };
      else if (!ep.http) return fail(52, 'Empty reply from server');
      else res = ep.http({ method, path: u.path, host: u.port === 80 ? u.host : `${u.host}:${u.port}`, from: node.ip, userAgent: CURL_UA });
    }
    if (o.fail && res.status >= 400) return fail(22, `The requested URL returned error: ${res.status}`);
    let out = '';
    const head = `HTTP/${u.scheme === 'https' ? '2' : '1.1'} ${res.status}${u.scheme === 'https' ? ' ' : ` ${res.reason}`}\r\n${Object.entries(res.headers).map(([k, v]) => `${u.scheme === 'https' ? k.toLowerCase() : k}: ${v}\r\n`).join('')}\r\n`;
    if (o.head || o.include) out += head;
    if (!o.head) out += res.body;
    if (o.output && o.output !== '-') node.fs.writeFile(resolve(ctx, o.output), out);
    else ctx.stdout.write(out);
    if (o.writeOut) ctx.stdout.write(o.writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/\\n/g, '\n'));
    return 0;
  };
}

function resolve(ctx: ProcessContext, p: string): string {
  return ctx.resolve ? ctx.resolve(p) : p;
}

/** One request to the apiserver as the caller's identity (client certificate, bearer token or anonymous). */
function apiRequest(node: NodeHost, ctx: ProcessContext, api: ApiEndpoint, method: string, path: string, cert?: string, key?: string, headers: string[] = []): HttpResponse {
  const json = (status: number, body: unknown) => httpResponse(status, `${JSON.stringify(body, null, 2)}\n`, { 'Content-Type': 'application/json' });
  const bearer = headers.map((h) => /^authorization:\s*bearer\s+(\S+)/i.exec(h)?.[1]).find(Boolean);
  const creds = { token: bearer, clientCertificatePem: cert ? node.fs.readFileIfExists(resolve(ctx, cert.split(':')[0]!)) : undefined, clientKeyPem: key ? node.fs.readFileIfExists(resolve(ctx, key)) : undefined };
  const auth = api.authenticate(creds);
  const status = (code: number, reason: string, message: string, details?: unknown) => json(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
  if (!auth.ok) return status(401, 'Unauthorized', 'Unauthorized');
  const cluster = api.cluster;
  const clean = path.split('?')[0]!.replace(/\/+$/, '') || '/';
  if (['/healthz', '/livez', '/readyz'].includes(clean)) return httpResponse(200, 'ok', { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  if (clean === '/version') {
    const [maj, min] = cluster.spec.version.replace(/^v/, '').split('.');
    return json(200, { major: maj, minor: min, emulationMajor: maj, emulationMinor: min, minCompatibilityMajor: maj, minCompatibilityMinor: String(Number(min) - 1), gitVersion: cluster.spec.version, gitCommit: 'a57b6f7709f6c2722b92f07b8b4c48210a51fc40', gitTreeState: 'clean', buildDate: '2025-06-17T18:39:42Z', goVersion: 'go1.24.4', compiler: 'gc', platform: 'linux/amd64' });
  }
  const user = auth.user;
  if (user.username === 'system:anonymous') {
    const target = resourceOf(clean);
    const what = target ? `${target.resource} is forbidden: User "system:anonymous" cannot ${target.name ? 'get' : 'list'} resource "${target.resource}" in API group "${target.group}" ${target.namespace ? `in the namespace "${target.namespace}"` : 'at the cluster scope'}` : `forbidden: User "system:anonymous" cannot get path "${clean}"`;
    return status(403, 'Forbidden', what, target ? { ...(target.name ? { name: target.name } : {}), kind: target.resource } : {});
  }
  if (clean === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${cluster.controlPlane().ip}:6443` }] });
  const target = resourceOf(clean);
  if (!target) return status(404, 'NotFound', 'the server could not find the requested resource', {});
  const client = cluster.client(user);
  const storeKey = target.group ? `${target.resource}.${target.group}` : target.resource;
  try {
    if (method !== 'GET') return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    if (target.name) return json(200, ordered(client.get(storeKey, target.namespace ?? '', target.name)));
    const list = client.listResult(storeKey, target.namespace);
    return json(200, { kind: list.kind, apiVersion: list.apiVersion, metadata: list.metadata, items: list.items.map(ordered) });
  } catch (e) {
    if (e instanceof ApiError) return json(e.code, e.toStatus());
    throw e;
  }
}

function ordered(o: Record<string, unknown>): Record<string, unknown> {
  const { kind, apiVersion, metadata, ...rest } = o;
  return { kind, apiVersion, metadata, ...rest };
}

/** /api/v1/namespaces/ns/pods/name, /apis/apps/v1/deployments, ... */
function resourceOf(path: string): { group: string; resource: string; namespace?: string; name?: string } | undefined {
  const parts = path.split('/').filter(Boolean);
  let group = '';
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    rest = parts.slice(3);
  } else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) return { group, namespace: rest[1], resource: rest[2]!, name: rest[3] };
  if (rest.length >= 1) return { group, resource: rest[0]!, name: rest[1] };
  return undefined;
}

// ---- wget (GNU) ------------------------------------------------------------------------------

export function wget(node: NodeHost): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let quiet = false;
    let output: string | undefined;
    let timeout = 900;
    let tries = 20;
    let spider = false;
    let url: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-q' || a === '--quiet') quiet = true;
      else if (a === '-O') output = args[++i];
      else if (a.startsWith('--output-document=')) output = a.slice(18);
      else if (a === '-qO-' || a === '-qO') {
        quiet = true;
        output = a === '-qO-' ? '-' : args[++i];
      } else if (a.startsWith('-O')) output = a.slice(2);
      else if (a === '-T') timeout = Number(args[++i]);
      else if (a.startsWith('--timeout=')) timeout = Number(a.slice(10));
      else if (a.startsWith('-T')) timeout = Number(a.slice(2));
      else if (a === '-t') tries = Number(args[++i]) || 20;
      else if (a.startsWith('--tries=')) tries = Number(a.slice(8)) || 20;
      else if (a === '--spider') spider = true;
      else if (!a.startsWith('-')) url = a;
    }
    if (!url) {
      ctx.stderr.write("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
      return 1;
    }
    const u = parseUrl(url);
    if (!u) return 1;
    const stamp = () => formatDate(node.clock.now(), '%Y-%m-%d %H:%M:%S');
    const log = (s: string) => {
      if (!quiet) ctx.stderr.write(s);
    };
    const full = `${u.scheme}://${u.host}${u.port === 80 && u.scheme === 'http' ? '' : `:${u.port}`}${u.path}`;
    log(`--${stamp()}--  ${full}\n`);
    const net = netOf(node);
    const r = lookup(net, u.host);
    if (!r.ok) {
      log(`Resolving ${u.host} (${u.host})... failed: Name or service not known.\n`);
      ctx.stderr.write(`wget: unable to resolve host address ‘${u.host}’\n`);
      return 4;
    }
    const ip = r.ips[0]!;
    if (!isIp(u.host)) log(`Resolving ${u.host} (${u.host})... ${ip}\n`);
    const target = isIp(u.host) ? `${ip}:${u.port}` : `${u.host} (${u.host})|${ip}|:${u.port}`;
    for (let attempt = 1; ; attempt++) {
      const d = net.dial(ip, u.port);
      if (d.ok) {
        log(`Connecting to ${target}... connected.\n`);
        if (!d.endpoint.http || d.endpoint.tls) {
          log('HTTP request sent, awaiting response... No data received.\nRetrying.\n\n');
          return 4;
        }
        const res = d.endpoint.http({ method: spider ? 'HEAD' : 'GET', path: u.path, host: u.host, from: node.ip, userAgent: 'Wget/1.21.4' });
        log(`HTTP request sent, awaiting response... ${res.status} ${res.reason}\n`);
        if (res.status >= 400) {
          log(`${stamp()} ERROR ${res.status}: ${res.reason}.\n\n`);
          return 8;
        }
        if (spider) {
          log(`Length: ${Buffer.byteLength(res.body)} [${res.headers['Content-Type'] ?? 'text/html'}]\nRemote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n`);
          return 0;
        }
        const len = Buffer.byteLength(res.body);
        const file = output ?? (u.path.split('/').pop() || 'index.html');
        log(`Length: ${len} [${res.headers['Content-Type'] ?? 'text/html'}]\n`);
        if (file === '-') {
          log('Saving to: ‘STDOUT’\n\n');
          ctx.stdout.write(res.body);
          log(`\n-                   100%[===================>]     ${len}  --.-KB/s    in 0s      \n\n${stamp()} (58.7 MB/s) - written to stdout [${len}/${len}]\n\n`);
          return 0;
        }
        const name = !output && node.fs.exists(resolve(ctx, file)) ? `${file}.1` : file;
        log(`Saving to: ‘${name}’\n\n`);
        node.fs.writeFile(resolve(ctx, name), res.body);
        log(`${name.padEnd(20).slice(0, 20)}100%[===================>]     ${len}  --.-KB/s    in 0s      \n\n${stamp()} (58.7 MB/s) - ‘${name}’ saved [${len}/${len}]\n\n`);
        return 0;
      }
      if (d.error !== 'timeout') {
        log(`Connecting to ${target}... failed: Connection refused.\n`);
        return 4;
      }
      await ctx.sleep(Math.min(timeout, TCP_CONNECT_TIMEOUT_SECONDS));
      log(`Connecting to ${target}... failed: Connection timed out.\n`);
      if (attempt >= tries || ctx.signal.aborted) {
        log('Giving up.\n\n');
        return 4;
      }
      log('Retrying.\n\n');
      await ctx.sleep(Math.min(attempt, 10));
      log(`--${stamp()}--  (try:${String(attempt + 1).padStart(2)})  ${full}\n`);
    }
  };
}

// ---- nslookup and dig (bind9-dnsutils) ---------------------------------------------------------

function resolveWith(node: NodeHost, name: string, server: string | undefined, search: boolean): ResolveResult {
  const net = netOf(node);
  if (isIp(name)) return { ok: true, name, ips: [name], server: server ?? net.nameserver };
  return net.resolveVia ? net.resolveVia(name, server, search) : net.resolve(name);
}

export function nslookup(node: NodeHost): Program {
  return async (ctx) => {
    const words = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const name = words[0];
    if (!name) {
      ctx.stderr.write('Usage: nslookup [-opt ...]             # interactive mode using default server\n');
      return 1;
    }
    const r = resolveWith(node, name, words[1], true);
    const server = r.server;
    ctx.stdout.write(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
    if (!r.ok) {
      if (r.error === 'timeout') {
        await ctx.sleep(15);
        ctx.stdout.write(';; connection timed out; no servers could be reached\n\n');
        return 1;
      }
      ctx.stdout.write(`** server can't find ${r.name}: ${r.error}\n\n`);
      return 1;
    }
    const upstream = !r.name.endsWith('.local') && server === '127.0.0.53' && !(node.fs.readFileIfExists('/etc/hosts') ?? '').includes(r.name);
    if (upstream) ctx.stdout.write('Non-authoritative answer:\n');
    for (const ip of r.ips) ctx.stdout.write(`Name:\t${r.name}\nAddress: ${ip}\n`);
    ctx.stdout.write('\n');
    return 0;
  };
}

export function dig(node: NodeHost): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    const server = args.find((a) => a.startsWith('@'))?.slice(1);
    const short = args.includes('+short');
    const search = args.includes('+search');
    const name = args.find((a) => !a.startsWith('@') && !a.startsWith('+') && !a.startsWith('-') && !['A', 'AAAA', 'SRV', 'CNAME', 'IN'].includes(a)) ?? '.';
    const r = resolveWith(node, name, server, search);
    if (!r.ok && r.error === 'timeout') {
      await ctx.sleep(15);
      ctx.stdout.write(`;; communications error to ${r.server}#53: timed out\n;; communications error to ${r.server}#53: timed out\n;; communications error to ${r.server}#53: timed out\n\n; <<>> DiG 9.18.30-0ubuntu0.24.04.2-Ubuntu <<>> ${args.join(' ')}\n;; global options: +cmd\n;; no servers could be reached\n`);
      return 9;
    }
    if (short) {
      if (r.ok) for (const ip of r.ips) ctx.stdout.write(`${ip}\n`);
      return 0;
    }
    const fqdn = `${(r.ok ? r.name : name).replace(/\.$/, '')}.`;
    const answers = r.ok ? r.ips.map((ip) => `${fqdn}\t${r.name.endsWith('.local') ? 30 : 300}\tIN\tA\t${ip}`) : [];
    const now = node.clock.now();
    const id = (now / 1000) % 65536 | 0;
    ctx.stdout.write(
      `\n; <<>> DiG 9.18.30-0ubuntu0.24.04.2-Ubuntu <<>> ${args.join(' ')}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: ${r.ok ? 'NOERROR' : r.error}, id: ${id}\n;; flags: qr ${r.ok && r.name.endsWith('.local') ? 'aa ' : ''}rd${r.server === '127.0.0.53' ? ' ra' : ''}; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: ${r.ok ? 0 : 1}, ADDITIONAL: 1\n${r.server === '127.0.0.53' ? '' : ';; WARNING: recursion requested but not available\n'}\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: ${r.server === '127.0.0.53' ? 65494 : 1232}\n;; QUESTION SECTION:\n;${fqdn}\t\t\tIN\tA\n\n${answers.length ? `;; ANSWER SECTION:\n${answers.join('\n')}\n\n` : ''};; Query time: 0 msec\n;; SERVER: ${r.server}#53(${r.server}) (UDP)\n;; WHEN: ${formatDate(now, '%a %b %d %H:%M:%S UTC %Y')}\n;; MSG SIZE  rcvd: ${60 + answers.length * 16}\n\n`,
    );
    return 0;
  };
}

// ---- ping (iputils) ------------------------------------------------------------------------

export function ping(node: NodeHost): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let count = Infinity;
    let host: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c') count = Number(args[++i]);
      else if (a.startsWith('-c')) count = Number(a.slice(2));
      else if (a === '-W' || a === '-w' || a === '-i' || a === '-s') i++;
      else if (!a.startsWith('-')) host = a;
    }
    if (!host) {
      ctx.stderr.write('ping: usage error: Destination address required\n');
      return 1;
    }
    const net = netOf(node);
    const r = lookup(net, host);
    if (!r.ok) {
      ctx.stderr.write(`ping: ${host}: Temporary failure in name resolution\n`);
      return 2;
    }
    const ip = r.ips[0]!;
    const answers = net.ping ? net.ping(ip) : false;
    ctx.stdout.write(`PING ${host} (${ip}) 56(84) bytes of data.\n`);
    const times: number[] = [];
    let sent = 0;
    const limit = Number.isFinite(count) ? count : 10;
    const start = node.clock.now();
    for (let seq = 1; seq <= limit && !ctx.signal.aborted; seq++) {
      sent++;
      if (answers) {
        const t = 0.3 + ((seq * 53 + ip.length * 7) % 90) / 1000;
        times.push(t);
        ctx.stdout.write(`64 bytes from ${ip}: icmp_seq=${seq} ttl=${ip.startsWith('10.') ? 63 : 64} time=${t.toFixed(3)} ms\n`);
      }
      if (seq < limit) await ctx.sleep(1);
    }
    const elapsed = node.clock.now() - start;
    const recv = times.length;
    ctx.stdout.write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${recv} received, ${Math.round(((sent - recv) / sent) * 100)}% packet loss, time ${elapsed}ms\n`);
    if (recv) {
      const avg = times.reduce((a, b) => a + b, 0) / recv;
      const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / recv);
      ctx.stdout.write(`rtt min/avg/max/mdev = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)}/${mdev.toFixed(3)} ms\n`);
    }
    return recv ? 0 : 1;
  };
}
