/**
 * The authentication.k8s.io APIs served without storage: TokenRequest (POST
 * serviceaccounts/<name>/token, what `kubectl create token` calls), SelfSubjectReview
 * (`kubectl auth whoami`) and TokenReview.
 */
import type { PrivateKey } from '../../pki/keys.js';
import type { UserInfo } from '../auth.js';
import { badRequest, conflict, field, invalid, notFound, type FieldError } from '../errors.js';
import type { Store } from '../store.js';
import type { KObject } from '../types.js';
import type { AuthnOutcome } from './authenticator.js';
import { boundClaims, issueToken, type ObjectRef } from './serviceaccount-token.js';

export const AUTHENTICATION_GROUP = 'authentication.k8s.io';
const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

/** What --service-account-signing-key-file, --service-account-issuer and --api-audiences give. */
export interface TokenIssuer {
  key: PrivateKey;
  issuer: string;
  audiences: string[];
  /** --service-account-max-token-expiration in seconds, if set. */
  maxExpirationSeconds?: number;
}

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string };
}

export interface TokenRequestDeps {
  store: Store;
  nowMs: number;
  uuid: () => string;
  issuer: TokenIssuer;
}

const TOKEN_REQUEST = { group: AUTHENTICATION_GROUP, kind: 'TokenRequest' };

function validate(spec: TokenRequestSpec): FieldError[] {
  const errs: FieldError[] = [];
  const exp = spec.expirationSeconds;
  if (exp !== undefined && exp < MIN_EXPIRATION_SECONDS) errs.push(field.invalid('spec.expirationSeconds', exp, 'may not specify a duration less than 10 minutes'));
  if (exp !== undefined && exp > MAX_EXPIRATION_SECONDS) errs.push(field.invalid('spec.expirationSeconds', exp, 'may not specify a duration larger than 2^32 seconds'));
  return errs;
}

/** Mints a bound token for serviceaccounts/<name>/token in `namespace`. */
export function createTokenRequest(deps: TokenRequestDeps, namespace: string, name: string, body: KObject | undefined): KObject {
  const sa = deps.store.get('serviceaccounts', namespace, name);
  if (!sa) throw notFound({ group: '', resource: 'serviceaccounts' }, name);
  const spec: TokenRequestSpec = { ...((body as { spec?: TokenRequestSpec } | undefined)?.spec ?? {}) };
  const errs = validate(spec);
  if (errs.length) throw invalid(TOKEN_REQUEST, name, errs);
  let expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (deps.issuer.maxExpirationSeconds && expirationSeconds > deps.issuer.maxExpirationSeconds) expirationSeconds = deps.issuer.maxExpirationSeconds;
  const audiences = spec.audiences?.length ? spec.audiences : deps.issuer.audiences;
  const bound = boundObjects(deps.store, namespace, spec.boundObjectRef);
  const now = Math.floor(deps.nowMs / 1000);
  const claims = boundClaims({
    issuer: deps.issuer.issuer,
    audiences,
    namespace,
    serviceAccount: { name, uid: sa.metadata.uid },
    now,
    expirationSeconds,
    jti: deps.uuid(),
    ...bound,
  });
  const token = issueToken(claims, deps.issuer.key);
  return {
    apiVersion: `${AUTHENTICATION_GROUP}/v1`,
    kind: 'TokenRequest',
    metadata: { name, namespace, creationTimestamp: sa.metadata.creationTimestamp },
    spec: { audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: new Date((now + expirationSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
  } as KObject;
}

function boundObjects(store: Store, namespace: string, ref: TokenRequestSpec['boundObjectRef']): { pod?: ObjectRef; secret?: ObjectRef; node?: ObjectRef } {
  if (!ref?.kind) return {};
  const check = (obj: KObject | undefined, what: string): ObjectRef => {
    if (!obj) throw notFound({ group: '', resource: what }, ref.name ?? '');
    if (ref.uid && ref.uid !== obj.metadata.uid) throw conflictUid(ref.kind!, ref.name ?? '', ref.uid);
    return { name: obj.metadata.name!, uid: obj.metadata.uid! };
  };
  if (ref.kind === 'Pod') {
    const pod = store.get('pods', namespace, ref.name ?? '');
    const podRef = check(pod, 'pods');
    const nodeName = (pod!['spec'] as { nodeName?: string } | undefined)?.nodeName;
    const node = nodeName ? store.get('nodes', '', nodeName) : undefined;
    return { pod: podRef, ...(node ? { node: { name: node.metadata.name, uid: node.metadata.uid } } : {}) };
  }
  if (ref.kind === 'Secret') return { secret: check(store.get('secrets', namespace, ref.name ?? ''), 'secrets') };
  if (ref.kind === 'Node') return { node: check(store.get('nodes', '', ref.name ?? ''), 'nodes') };
  throw badRequest(`cannot bind token to object of type ${ref.kind}`);
}

/** The Conflict the token registry returns when the bound object was recreated. */
function conflictUid(kind: string, name: string, want: string) {
  return conflict({ group: '', resource: kind }, name, `the UID in the bound object reference (${want}) does not match the UID in record. The object might have been deleted and then recreated`);
}

/** SelfSubjectReview: who the apiserver thinks you are. */
export function selfSubjectReview(user: UserInfo): KObject {
  const userInfo: Record<string, unknown> = { username: user.username };
  if (user.uid) userInfo['uid'] = user.uid;
  userInfo['groups'] = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) userInfo['extra'] = user.extra;
  return { apiVersion: `${AUTHENTICATION_GROUP}/v1`, kind: 'SelfSubjectReview', metadata: { creationTimestamp: null } as unknown as KObject['metadata'], status: { userInfo } } as KObject;
}

/** TokenReview: runs the apiserver's token authenticators on spec.token. */
export function tokenReview(body: KObject, authenticate: ((token: string) => AuthnOutcome) | undefined): KObject {
  const spec = ((body as { spec?: { token?: string; audiences?: string[] } }).spec ?? {}) as { token?: string; audiences?: string[] };
  const outcome: AuthnOutcome = spec.token && authenticate ? authenticate(spec.token) : { ok: false, error: 'invalid bearer token' };
  const status: Record<string, unknown> = outcome.ok
    ? { authenticated: true, user: { username: outcome.user.username, ...(outcome.user.uid ? { uid: outcome.user.uid } : {}), groups: outcome.user.groups, ...(outcome.user.extra ? { extra: outcome.user.extra } : {}) } }
    : { user: {}, error: outcome.error };
  if (spec.audiences) status['audiences'] = spec.audiences;
  return { apiVersion: `${AUTHENTICATION_GROUP}/v1`, kind: 'TokenReview', metadata: { creationTimestamp: null } as unknown as KObject['metadata'], spec, status } as KObject;
}
