/**
 * kubectl create token SA: a TokenRequest on the serviceaccounts/token subresource. The
 * apiserver method is `createToken(user, namespace, name, spec)` (the token issuer lives with
 * the apiserver's authentication); the token prints alone, or the TokenRequest with -o.
 */
import type { UserInfo } from '../../api/auth.js';
import { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { flagList, flagString, parseDuration } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { TEMPLATE_FLAGS } from '../common-flags.js';
import { CREATE_OUTPUT_FLAG, nameFromArgs, printObjects, resolveGenericPrinter } from './generator.js';

/** TokenRequestSpec as kubectl sends it. */
export interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind: string; apiVersion: string; name: string; uid?: string };
}

/** The TokenRequest the server answers with (status.token, status.expirationTimestamp). */
export type TokenRequest = KObject & { spec: TokenRequestSpec; status: { token: string; expirationTimestamp: string } };

/** The apiserver side of serviceaccounts/token, where a build provides it. */
export interface TokenIssuer {
  createToken?(user: UserInfo, namespace: string, name: string, spec: TokenRequestSpec): TokenRequest;
}

const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

export const createTokenCommand: KubectlCommand = {
  path: ['create', 'token'],
  discovery: 'create',
  help: {
    short: 'Request a service account token',
    long: `Request a service account token.`,
    examples: `# Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace
kubectl create token myapp

# Request a token for a service account in a custom namespace
kubectl create token myapp --namespace myns

# Request a token with a custom expiration
kubectl create token myapp --duration 10m

# Request a token with a custom audience
kubectl create token myapp --audience https://example.com

# Request a token bound to an instance of a Secret object
kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret

# Request a token bound to an instance of a Secret object with a specific UID
kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc`,
    use: 'SERVICE_ACCOUNT_NAME',
  },
  flags: [
    { name: 'audience', type: 'stringArray', usage: 'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.' },
    { name: 'bound-object-kind', type: 'string', usage: 'Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.' },
    { name: 'bound-object-name', type: 'string', usage: 'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.' },
    { name: 'bound-object-uid', type: 'string', usage: 'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.' },
    { name: 'duration', type: 'duration', usage: 'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.' },
    ...TEMPLATE_FLAGS,
    CREATE_OUTPUT_FLAG,
  ],
  run: runToken,
};

function tokenSpec(inv: Invocation): TokenRequestSpec {
  const s = (n: string) => flagString(inv.flags, n);
  const durationMs = parseDuration(s('duration') || '0s');
  if (durationMs < 0) throw usageError('--duration must be greater than or equal to 0');
  if (durationMs % 1000 !== 0) throw usageError('--duration cannot be expressed in units less than seconds');
  const audiences = flagList(inv.flags, 'audience');
  if (audiences.some((a) => a === '')) throw usageError('--audience must not be an empty string');
  const kind = s('bound-object-kind');
  if (!kind) {
    if (s('bound-object-name')) throw usageError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (s('bound-object-uid')) throw usageError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!(kind in BOUND_KINDS)) throw usageError(`supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).sort().join(', ')}`);
    if (!s('bound-object-name')) throw usageError('--bound-object-name is required if --bound-object-kind is provided');
  }
  return {
    ...(audiences.length ? { audiences } : {}),
    ...(durationMs > 0 ? { expirationSeconds: durationMs / 1000 } : {}),
    ...(kind ? { boundObjectRef: { kind, apiVersion: BOUND_KINDS[kind]!, name: s('bound-object-name'), ...(s('bound-object-uid') ? { uid: s('bound-object-uid') } : {}) } } : {}),
  };
}

function runToken(inv: Invocation): number {
  const name = nameFromArgs(inv, ['create', 'token']);
  const namespace = inv.kctx.namespace();
  const printer = resolveGenericPrinter(inv);
  const spec = tokenSpec(inv);
  let response: TokenRequest;
  try {
    const client = inv.kctx.client();
    const issuer = client.api as unknown as TokenIssuer;
    if (!issuer.createToken) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    response = issuer.createToken(client.user, namespace, name, spec);
  } catch (e) {
    if (e instanceof ApiError) throw new KubectlError(`error: failed to create token: ${e.message}`);
    const refused = e instanceof KubectlError ? /^The connection to the server (\S+) was refused/.exec(e.message) : null;
    if (refused) {
      throw new KubectlError(`error: failed to create token: Post "https://${refused[1]}/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token": dial tcp ${refused[1]}: connect: connection refused`);
    }
    throw e;
  }
  if (!response.status?.token) throw new KubectlError('error: failed to create token: no token in server response');
  if (flagString(inv.flags, 'output') || inv.flags.changed.has('template')) {
    printObjects(inv, printer, [response], 'created', 'none', true);
    return 0;
  }
  // kubectl ends the token with a newline only on a terminal; a session's screen is one
  inv.out.write(response.status.token + '\n');
  return 0;
}
