/**
 * The client side of HTTP and DNS as wget, curl, nslookup and dig perform it over a NetClient:
 * resolve the host, dial, send one request. The tools format these outcomes in their own words.
 */
import type { DialError, HttpResponse, NetClient, ResolveResult } from './types.js';

export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

export function parseUrl(url: string): ParsedUrl | undefined {
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url) ? url : `http://${url}`;
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)/i.exec(withScheme);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  return { scheme, host: m[2]!, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

export function isIp(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host);
}

export type FetchOutcome =
  | { ok: true; ip: string; port: number; response: HttpResponse }
  | { ok: false; stage: 'dns'; host: string; resolve: ResolveResult }
  | { ok: false; stage: 'connect'; host: string; ip: string; port: number; error: DialError }
  | { ok: false; stage: 'tls'; host: string; ip: string; port: number }
  | { ok: false; stage: 'protocol'; host: string; ip: string; port: number; detail: 'not-http' | 'https-to-http' };

/** Resolves a host name or passes an address through. */
export function lookup(net: NetClient, host: string): ResolveResult {
  if (isIp(host)) return { ok: true, name: host, ips: [host], server: net.nameserver };
  if (host === 'localhost') return { ok: true, name: host, ips: ['127.0.0.1'], server: net.nameserver };
  return net.resolve(host);
}

/** One HTTP request as a client would send it. */
export function fetchUrl(net: NetClient, url: ParsedUrl, opts: { method?: string; userAgent: string; insecure?: boolean }): FetchOutcome {
  const r = lookup(net, url.host);
  if (!r.ok) return { ok: false, stage: 'dns', host: url.host, resolve: r };
  const ip = r.ips[0]!;
  const dial = net.dial(ip, url.port);
  if (!dial.ok) return { ok: false, stage: 'connect', host: url.host, ip, port: url.port, error: dial.error };
  const ep = dial.endpoint;
  if (url.scheme === 'https' && !ep.tls) return { ok: false, stage: 'protocol', host: url.host, ip, port: url.port, detail: 'https-to-http' };
  if (url.scheme === 'http' && ep.tls) {
    return { ok: true, ip, port: url.port, response: { status: 400, reason: 'Bad Request', headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }, body: 'Client sent an HTTP request to an HTTPS server.\n' } };
  }
  if (!ep.http) return { ok: false, stage: 'protocol', host: url.host, ip, port: url.port, detail: 'not-http' };
  const hostHeader = url.port === (url.scheme === 'https' ? 443 : 80) ? url.host : `${url.host}:${url.port}`;
  const response = ep.http({ method: opts.method ?? 'GET', path: url.path, host: hostHeader, from: net.sourceIp, userAgent: opts.userAgent });
  return { ok: true, ip, port: url.port, response };
}

/** Virtual seconds a client waits before giving up on a dropped connection. */
export const TCP_CONNECT_TIMEOUT_SECONDS = 130;
