/**
 * What a client inside the cluster sees of the network: DNS answers and TCP dials, each either
 * reaching something that answers (a container's server, the apiserver, a node port) or
 * failing the way a real client reports it (refused, timed out, no such host).
 */

export interface HttpRequest {
  method: string;
  /** Path with query, e.g. /healthz. */
  path: string;
  /** Host header. */
  host: string;
  /** Source address of the connection (for access logs). */
  from: string;
  userAgent: string;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: string;
}

/** Something that accepts a connection on an address and port. */
export interface Endpoint {
  /** Answers HTTP (servers that speak it); undefined means a raw TCP service. */
  http?(req: HttpRequest): HttpResponse;
  /** Speaks TLS (the apiserver, kubelet, etcd): plain-HTTP clients get a 400 or reset. */
  tls?: boolean;
  /** Banner a raw TCP client (nc, telnet) receives, e.g. Redis' nothing, MySQL's greeting. */
  banner?: string;
  /** Who answers, for debugging ("nginx in default/web"). */
  describe: string;
}

export type DialError = 'refused' | 'timeout' | 'unreachable' | 'reset';

export type DialResult = { ok: true; ip: string; port: number; endpoint: Endpoint } | { ok: false; ip: string; port: number; error: DialError };

export type ResolveResult =
  | { ok: true; name: string; ips: string[]; server: string }
  | { ok: false; name: string; error: 'NXDOMAIN' | 'SERVFAIL' | 'timeout'; server: string };

/** The network as one client (a pod, a node) sees it. */
export interface NetClient {
  /** The client's own address. */
  readonly sourceIp: string;
  /** The DNS server of the client's resolv.conf (CoreDNS' ClusterIP for pods). */
  readonly nameserver: string;
  /** Search domains of the client's resolv.conf. */
  readonly search: readonly string[];
  /** Resolves a name through the client's resolver (search domains applied as resolv.conf says). */
  resolve(name: string): ResolveResult;
  /** Resolves through a given server, with or without the search list (nslookup NAME SERVER, dig @SERVER). */
  resolveVia?(name: string, server: string | undefined, search: boolean): ResolveResult;
  /** Opens a TCP connection. */
  dial(ip: string, port: number): DialResult;
  /** Does the address answer ICMP echo? (Pods and nodes do; ClusterIPs never.) */
  ping?(ip: string): boolean;
}

export const HTTP_REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function httpResponse(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, reason: HTTP_REASONS[status] ?? 'Unknown', headers: { 'Content-Length': String(Buffer.byteLength(body)), ...headers }, body };
}
