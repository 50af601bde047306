/**
 * Network clients inside containers: busybox wget, curl, nslookup (busybox 1.28's and the
 * newer format), nc and ping, over the pod's view of the network. A dropped connection waits
 * out the client's timeout on the virtual clock.
 */
import { fetchUrl, isIp, lookup, parseUrl, TCP_CONNECT_TIMEOUT_SECONDS, type FetchOutcome } from '../../net/clients.js';
import type { CommandCtx, CommandFn, Gen } from '../script/interpreter.js';

function seconds(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** busybox wget: -q, -O file|-, -T timeout, --spider, -S. */
export const wget: CommandFn = function* (ctx): Gen {
  const args = ctx.argv.slice(1);
  let quiet = false;
  let output: string | undefined;
  let timeout = 900;
  let spider = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-O') output = args[++i];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a === '-T' || a === '--timeout') timeout = seconds(args[++i], 900);
    else if (a.startsWith('-T')) timeout = seconds(a.slice(2), 900);
    else if (a.startsWith('--timeout=')) timeout = seconds(a.slice(10), 900);
    else if (a === '--spider') spider = true;
    else if (a.startsWith('-')) continue;
    else url = a;
  }
  if (!url) {
    ctx.stderr.write('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const u = parseUrl(url);
  if (!u) {
    ctx.stderr.write(`wget: not an http or ftp url: ${url}\n`);
    return 1;
  }
  const res = fetchUrl(ctx.host.net, u, { userAgent: 'Wget' });
  if (!res.ok) {
    if (res.stage === 'dns') {
      ctx.stderr.write(`wget: bad address '${u.host}'\n`);
      return 1;
    }
    if (res.stage === 'connect') {
      if (res.error === 'timeout') {
        if (!quiet) ctx.stderr.write(`Connecting to ${u.host} (${res.ip}:${u.port})\n`);
        yield { kind: 'sleep', ms: Math.min(timeout, TCP_CONNECT_TIMEOUT_SECONDS) * 1000 };
        ctx.stderr.write(timeout < TCP_CONNECT_TIMEOUT_SECONDS ? 'wget: download timed out\n' : `wget: can't connect to remote host (${res.ip}): Connection timed out\n`);
        return 1;
      }
      ctx.stderr.write(`wget: can't connect to remote host (${res.ip}): ${res.error === 'unreachable' ? 'Host is unreachable' : 'Connection refused'}\n`);
      return 1;
    }
    ctx.stderr.write(res.stage === 'tls' ? 'wget: error getting response: Connection reset by peer\n' : 'wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (!quiet) ctx.stderr.write(`Connecting to ${u.host} (${res.ip}:${u.port})\n`);
  const r = res.response;
  if (spider) {
    if (r.status >= 400) {
      ctx.stderr.write(`wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`);
      return 1;
    }
    if (!quiet) ctx.stderr.write('remote file exists\n');
    return 0;
  }
  if (r.status >= 400) {
    ctx.stderr.write(`wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`);
    return 1;
  }
  const file = output ?? (u.path.replace(/\?.*$/, '').split('/').pop() || 'index.html');
  if (file === '-') {
    if (!quiet) ctx.stderr.write('writing to stdout\n');
    ctx.stdout.write(r.body);
    if (!quiet) ctx.stderr.write(`-                    100% |********************************|  ${String(Buffer.byteLength(r.body)).padStart(4)}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  }
  const path = file.startsWith('/') ? file : `${ctx.cwd.replace(/\/$/, '')}/${file}`;
  if (!output && ctx.host.fs.exists(path)) {
    ctx.stderr.write(`wget: can't open '${file}': File exists\n`);
    return 1;
  }
  try {
    ctx.host.fs.write(path, r.body);
  } catch (e) {
    ctx.stderr.write(`wget: can't open '${file}': ${(e as Error).message.split(': ').pop()}\n`);
    return 1;
  }
  if (!quiet) ctx.stderr.write(`saving to '${file}'\n${file.padEnd(20).slice(0, 20)} 100% |********************************|  ${String(Buffer.byteLength(r.body)).padStart(4)}  0:00:00 ETA\n'${file}' saved\n`);
  return 0;
};

/** curl: -s, -S, -o, -I, -i, -v, -f, -m/--max-time, --connect-timeout, -k, -L, -w '%{http_code}'. */
export const curl: CommandFn = function* (ctx): Gen {
  const opts = parseCurlArgs(ctx.argv.slice(1));
  if (!opts.url) {
    ctx.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const u = parseUrl(opts.url);
  if (!u) {
    ctx.stderr.write(`curl: (3) URL rejected: Bad hostname\n`);
    return 3;
  }
  const res = fetchUrl(ctx.host.net, u, { userAgent: 'curl/8.14.1', method: opts.head ? 'HEAD' : 'GET' });
  const fail = (code: number, msg: string): number => {
    if (!opts.silent || opts.showError) ctx.stderr.write(`curl: (${code}) ${msg}\n`);
    if (opts.writeOut) ctx.stdout.write(curlWriteOut(opts.writeOut, 0));
    return code;
  };
  if (!res.ok) {
    if (res.stage === 'dns') return fail(6, `Could not resolve host: ${u.host}`);
    if (res.stage === 'connect') {
      if (res.error === 'timeout') {
        const limit = Math.min(opts.maxTime ?? Infinity, opts.connectTimeout ?? Infinity, TCP_CONNECT_TIMEOUT_SECONDS);
        const ms = Math.round(limit * 1000) + 1;
        yield { kind: 'sleep', ms };
        if (limit === TCP_CONNECT_TIMEOUT_SECONDS) return fail(28, `Failed to connect to ${u.host} port ${u.port} after ${ms + 1233} ms: Couldn't connect to server`);
        if (opts.maxTime !== undefined && opts.maxTime === limit) return fail(28, `Connection timed out after ${ms} milliseconds`);
        return fail(28, `Failed to connect to ${u.host} port ${u.port} after ${ms} ms: Timeout was reached`);
      }
      if (res.error === 'unreachable') return fail(7, `Failed to connect to ${u.host} port ${u.port} after 3071 ms: No route to host`);
      return fail(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`);
    }
    if (res.stage === 'protocol' && res.detail === 'https-to-http') return fail(35, 'OpenSSL/3.3.3: error:0A00010B:SSL routines::wrong version number');
    if (res.stage === 'protocol') return fail(52, 'Empty reply from server');
    return fail(35, 'Recv failure: Connection reset by peer');
  }
  if (u.scheme === 'https' && !opts.insecure) return fail(60, 'SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.');
  const r = res.response;
  if (opts.fail && r.status >= 400) return fail(22, `The requested URL returned error: ${r.status}`);
  const headers = `HTTP/1.1 ${r.status} ${r.reason}\r\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  let out = '';
  if (opts.head || opts.include) out += headers;
  if (!opts.head) out += r.body;
  if (opts.verbose) ctx.stderr.write(`*   Trying ${res.ip}:${u.port}...\n* Connected to ${u.host} (${res.ip}) port ${u.port}\n> ${opts.head ? 'HEAD' : 'GET'} ${u.path} HTTP/1.1\n> Host: ${u.host}${u.port === 80 ? '' : `:${u.port}`}\n> User-Agent: curl/8.14.1\n> Accept: */*\n> \n< HTTP/1.1 ${r.status} ${r.reason}\n${Object.entries(r.headers).map(([k, v]) => `< ${k}: ${v}\n`).join('')}< \n`);
  if (opts.output && opts.output !== '-') {
    try {
      ctx.host.fs.write(opts.output.startsWith('/') ? opts.output : `${ctx.cwd.replace(/\/$/, '')}/${opts.output}`, out);
    } catch {
      return fail(23, `client returned ERROR on write of ${out.length} bytes`);
    }
  } else ctx.stdout.write(out);
  if (opts.writeOut) ctx.stdout.write(curlWriteOut(opts.writeOut, r.status));
  return 0;
};

function curlWriteOut(fmt: string, status: number): string {
  return fmt.replace(/%\{http_code\}/g, String(status).padStart(3, '0')).replace(/%\{response_code\}/g, String(status)).replace(/\\n/g, '\n');
}

export interface CurlOptions {
  url?: string;
  silent: boolean;
  showError: boolean;
  output?: string;
  head: boolean;
  include: boolean;
  verbose: boolean;
  fail: boolean;
  insecure: boolean;
  maxTime?: number;
  connectTimeout?: number;
  writeOut?: string;
  cacert?: string;
  cert?: string;
  key?: string;
  method?: string;
  headers: string[];
}

export function parseCurlArgs(args: string[]): CurlOptions {
  const o: CurlOptions = { silent: false, showError: false, head: false, include: false, verbose: false, fail: false, insecure: false, headers: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = () => args[++i];
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const v = () => inline ?? val();
      switch (name) {
        case '--silent':
          o.silent = true;
          break;
        case '--show-error':
          o.showError = true;
          break;
        case '--output':
          o.output = v();
          break;
        case '--head':
          o.head = true;
          break;
        case '--include':
          o.include = true;
          break;
        case '--verbose':
          o.verbose = true;
          break;
        case '--fail':
          o.fail = true;
          break;
        case '--insecure':
          o.insecure = true;
          break;
        case '--max-time':
          o.maxTime = Number(v());
          break;
        case '--connect-timeout':
          o.connectTimeout = Number(v());
          break;
        case '--write-out':
          o.writeOut = v();
          break;
        case '--cacert':
          o.cacert = v();
          break;
        case '--cert':
          o.cert = v();
          break;
        case '--key':
          o.key = v();
          break;
        case '--request':
          o.method = v();
          break;
        case '--header':
          o.headers.push(v() ?? '');
          break;
        case '--url':
          o.url = v();
          break;
        case '--location':
          break;
        default:
          break;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const letters = a.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const f = letters[j]!;
        const rest = letters.slice(j + 1);
        const take = () => (rest ? ((j = letters.length), rest) : val());
        if (f === 's') o.silent = true;
        else if (f === 'S') o.showError = true;
        else if (f === 'I') o.head = true;
        else if (f === 'i') o.include = true;
        else if (f === 'v') o.verbose = true;
        else if (f === 'f') o.fail = true;
        else if (f === 'k') o.insecure = true;
        else if (f === 'L') continue;
        else if (f === 'o') o.output = take();
        else if (f === 'm') o.maxTime = Number(take());
        else if (f === 'w') o.writeOut = take();
        else if (f === 'X') o.method = take();
        else if (f === 'H') o.headers.push(take() ?? '');
        else if (f === 'E') o.cert = take();
        else if (f === 'd') take();
      }
      continue;
    }
    o.url = a;
  }
  return o;
}

/** busybox nslookup, in busybox 1.28's format when the image is that old. */
export const nslookup: CommandFn = function* (ctx): Gen {
  const name = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  if (!name) {
    ctx.stderr.write('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const net = ctx.host.net;
  const old = ctx.host.identity.oldBusybox;
  const r = lookup(net, name);
  if (r.ok === false && r.error === 'timeout') {
    yield { kind: 'sleep', ms: 15000 };
    ctx.stdout.write(old ? '' : ';; connection timed out; no servers could be reached\n\n');
    if (old) ctx.stderr.write(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  ctx.stdout.write(nslookupText(name, r, net.nameserver, net.search, old));
  if (!r.ok && old) ctx.stderr.write(`nslookup: can't resolve '${name}'\n`);
  return r.ok ? 0 : 1;
};

export function nslookupText(name: string, r: ReturnType<typeof lookup>, server: string, search: readonly string[], old: boolean): string {
  if (old) {
    const head = `Server:    ${server}\nAddress 1: ${server}${server.endsWith('.10') ? ' kube-dns.kube-system.svc.cluster.local' : ''}\n\n`;
    if (!r.ok) return head;
    return `${head}Name:      ${name}\n${r.ips.map((ip, i) => `Address ${i + 1}: ${ip}${isIp(name) ? '' : ` ${r.name}`}`).join('\n')}\n`;
  }
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (!r.ok) {
    const tried = name.endsWith('.') || name.split('.').length > 4 ? [name.replace(/\.$/, '')] : [...search.map((s) => `${name}.${s}`), name];
    return head + tried.map((t) => `** server can't find ${t}: ${r.error}\n\n`).join('');
  }
  return `${head}Name:\t${r.name}\n${r.ips.map((ip) => `Address: ${ip}`).join('\n')}\n\n`;
}

/** busybox nc: `nc -zv host port`, `nc -w 2 host port`. */
export const nc: CommandFn = function* (ctx): Gen {
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  const operands: string[] = [];
  let wait: number | undefined;
  let listenPort: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-w') wait = Number(args[++i]);
    else if (a === '-p') listenPort = Number(args[++i]);
    else if (a.startsWith('-')) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  if (flags.has('l')) {
    const port = listenPort ?? Number(operands[0]);
    ctx.host.listen(port, { describe: `nc -l ${port}`, banner: '' });
    yield { kind: 'block' };
    return 0;
  }
  const [host, portText] = operands;
  if (!host || !portText) {
    ctx.stderr.write('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n');
    return 1;
  }
  const r = lookup(ctx.host.net, host);
  if (!r.ok) {
    ctx.stderr.write(`nc: bad address '${host}'\n`);
    return 1;
  }
  const ip = r.ips[0]!;
  const port = Number(portText);
  const d = ctx.host.net.dial(ip, port);
  if (!d.ok) {
    if (d.error === 'timeout') {
      yield { kind: 'sleep', ms: (wait ?? TCP_CONNECT_TIMEOUT_SECONDS) * 1000 };
      ctx.stderr.write(`nc: ${host} (${ip}:${port}): Connection timed out\n`);
    } else ctx.stderr.write(`nc: ${host} (${ip}:${port}): Connection refused\n`);
    return 1;
  }
  if (flags.has('v')) ctx.stderr.write(`${host} (${ip}:${port}) open\n`);
  if (!flags.has('z') && d.endpoint.banner) ctx.stdout.write(d.endpoint.banner);
  return 0;
};

/** busybox ping with -c, -W. Pods answer ICMP; ClusterIPs do not. */
export const ping: CommandFn = function* (ctx): Gen {
  const args = ctx.argv.slice(1);
  let count = 4;
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-c') count = Number(args[++i]);
    else if (a.startsWith('-c')) count = Number(a.slice(2));
    else if (a === '-W' || a === '-w' || a === '-i') i++;
    else if (!a.startsWith('-')) host = a;
  }
  if (!host) {
    ctx.stderr.write('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return 1;
  }
  const r = lookup(ctx.host.net, host);
  if (!r.ok) {
    ctx.stderr.write(`ping: bad address '${host}'\n`);
    return 1;
  }
  const ip = r.ips[0]!;
  const answers = pingable(ctx, ip);
  ctx.stdout.write(`PING ${host} (${ip}): 56 data bytes\n`);
  const times: number[] = [];
  for (let seq = 0; seq < count; seq++) {
    if (answers) {
      const t = 0.05 + ((seq * 37 + ip.length * 11) % 50) / 1000;
      times.push(t);
      ctx.stdout.write(`64 bytes from ${ip}: seq=${seq} ttl=${ip.startsWith('10.') ? 62 : 64} time=${t.toFixed(3)} ms\n`);
    }
    if (seq < count - 1) yield { kind: 'sleep', ms: 1000 };
  }
  if (!answers) yield { kind: 'sleep', ms: 1000 };
  const received = times.length;
  ctx.stdout.write(`\n--- ${host} ping statistics ---\n${count} packets transmitted, ${received} packets received, ${Math.round(((count - received) / count) * 100)}% packet loss\n`);
  if (received) ctx.stdout.write(`round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${(times.reduce((a, b) => a + b, 0) / received).toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`);
  return received ? 0 : 1;
};

function pingable(ctx: CommandCtx, ip: string): boolean {
  return ctx.host.net.ping ? ctx.host.net.ping(ip) : true;
}

export function describeFetchError(res: Exclude<FetchOutcome, { ok: true }>): string {
  if (res.stage === 'dns') return `lookup ${res.host}: no such host`;
  if (res.stage === 'connect') return `dial tcp ${res.ip}:${res.port}: ${res.error === 'timeout' ? 'i/o timeout' : 'connect: connection refused'}`;
  return 'connection reset by peer';
}
