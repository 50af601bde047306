/**
 * What the running kube-apiserver process knows about credentials, read from the files its flags
 * name through the static pod's hostPath mounts, as it reads them (and reloads them when they
 * change): --client-ca-file and --requestheader-client-ca-file for client certificates,
 * --service-account-key-file and --service-account-issuer for service-account tokens,
 * --token-auth-file, --enable-bootstrap-token-auth, --anonymous-auth, and its serving
 * certificate --tls-cert-file, which kubectl and the kubelets verify. A request it cannot
 * authenticate is a 401, and the reason goes to the apiserver's log as a real one writes it.
 */
import type { Cluster } from './cluster.js';
import type { ContainerLaunch } from '../node/process.js';
import type { ParsedFlags } from './components/flags.js';
import { hostPathOf } from './components/control-plane.js';
import { klog } from './components/klog.js';
import { authenticate, authenticateToken, type AuthnConfig, type AuthnOutcome, type RequestCredentials } from '../api/authn/authenticator.js';
import { parsePublicKeys } from '../api/authn/serviceaccount-token.js';
import { parseTokenFile } from '../api/authn/static-tokens.js';
import type { TokenIssuer } from '../api/authn/token-request.js';
import { PrivateKey } from '../pki/keys.js';

type FileConfig = Omit<AuthnConfig, 'store' | 'nowMs'>;

const FILE_FLAGS = ['client-ca-file', 'requestheader-client-ca-file', 'service-account-key-file', 'token-auth-file', 'service-account-signing-key-file', 'tls-cert-file'];

/** Go duration text ("24h", "1h30m", "3600s") to seconds. */
function durationSeconds(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
  let m: RegExpExecArray | null;
  let matched = '';
  while ((m = re.exec(text))) {
    matched += m[0];
    total += Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : m[2] === 's' ? 1 : 0.001);
  }
  return matched === text ? total : undefined;
}

export class ApiServerCredentials {
  private cached?: { version: number; files: string; config: FileConfig; issuer?: TokenIssuer; serving?: string };

  constructor(
    private readonly cluster: Cluster,
    private readonly launch: ContainerLaunch,
    private readonly flags: ParsedFlags,
  ) {}

  /** A file the process opens, through its mounts; undefined when absent or not mounted. */
  private read(flag: string): string | undefined {
    const path = this.flags.values.get(flag);
    if (!path) return undefined;
    const host = hostPathOf(this.launch, path);
    return host ? this.launch.fs.readFileIfExists(host) : undefined;
  }

  private load() {
    const version = this.launch.fs.version;
    if (this.cached?.version === version) return this.cached;
    // Other writes on the node change its version too: parse again only when a file changed.
    const files = FILE_FLAGS.map((f) => this.read(f) ?? '').join('\0');
    if (this.cached?.files === files) {
      this.cached.version = version;
      return this.cached;
    }
    const v = this.flags.values;
    const issuers = v.get('service-account-issuer') ? [v.get('service-account-issuer')!] : [];
    const audiences = v.get('api-audiences')?.split(',').filter(Boolean) ?? issuers.slice(0, 1);
    const saKeys = parsePublicKeys(this.read('service-account-key-file') ?? '');
    const tokenFile = v.get('token-auth-file') ? parseTokenFile(v.get('token-auth-file')!, this.read('token-auth-file') ?? '') : undefined;
    const config: FileConfig = {
      clientCaPem: this.read('client-ca-file'),
      requestHeaderCaPem: this.read('requestheader-client-ca-file'),
      staticTokens: tokenFile?.ok ? tokenFile.tokens : undefined,
      bootstrapTokens: v.get('enable-bootstrap-token-auth') === 'true',
      serviceAccounts: saKeys.length ? { keys: saKeys, issuers, audiences } : undefined,
      anonymous: v.get('anonymous-auth') !== 'false',
    };
    let issuer: TokenIssuer | undefined;
    const signing = this.read('service-account-signing-key-file');
    if (signing && issuers.length) {
      try {
        issuer = { key: PrivateKey.fromPem(signing), issuer: issuers[0]!, audiences, maxExpirationSeconds: durationSeconds(v.get('service-account-max-token-expiration')) };
      } catch {
        issuer = undefined;
      }
    }
    // The serving certificate is kept from the last good read, as the dynamic loader does.
    const serving = this.read('tls-cert-file') ?? this.cached?.serving;
    this.cached = { version, files, config, issuer, serving };
    return this.cached;
  }

  private config(): AuthnConfig {
    return { ...this.load().config, store: this.cluster.api.store, nowMs: this.cluster.world.clock.now() };
  }

  tokenIssuer(): TokenIssuer | undefined {
    return this.load().issuer;
  }

  /** The PEM chain of --tls-cert-file that clients verify. */
  servingCertificate(): string | undefined {
    return this.load().serving;
  }

  authenticate(creds: RequestCredentials): AuthnOutcome {
    const outcome = authenticate(creds, this.config());
    if (!outcome.ok && outcome.error) this.log(outcome.error);
    return outcome;
  }

  authenticateToken(token: string): AuthnOutcome {
    return authenticateToken(token, this.config());
  }

  /** `E... authentication.go:74] "Unable to authenticate the request" err="..."` in the container log. */
  private log(error: string): void {
    const node = this.cluster.nodes.get(this.launch.nodeName);
    const runtime = node?.runtime;
    if (!runtime) return;
    const rec = [...runtime.containers.values()].find((c) => c.name === this.launch.container.name && c.state === 'running' && c.podName === this.launch.pod.metadata.name);
    if (!rec) return;
    const now = this.cluster.world.clock.now();
    runtime.appendLog(rec, now, klog('E', { now }, 'authentication.go:74', `"Unable to authenticate the request" err=${JSON.stringify(error)}`), 'stderr');
  }
}

/**
 * The Go error a kubelet's API request fails with when connecting through kubelet.conf failed as
 * `connectError` (what kubectl would print): `Unauthorized` for a refused client certificate, the
 * crypto/tls error for a serving certificate it cannot verify.
 */
export function kubeletRequestError(connectError: string): string {
  const transport = 'Unable to connect to the server: ';
  if (connectError.startsWith(`${transport}tls: `)) return connectError.slice(transport.length);
  if (/\(Unauthorized\)$/.test(connectError)) return 'Unauthorized';
  return 'the server was unable to return a response in the time allotted, but may still be processing the request';
}
