/**
 * The two kinds of plain bearer tokens a kubeadm apiserver accepts: the --token-auth-file CSV
 * (`token,user,uid,"group1,group2"`) and bootstrap tokens (`<id>.<secret>`, checked against the
 * kube-system Secret `bootstrap-token-<id>`).
 */
import type { UserInfo } from '../auth.js';
import type { Store } from '../store.js';
import { AUTHENTICATED } from './serviceaccount.js';

/** Parses a Go encoding/csv record line (quotes, doubled quotes). */
function csvRecord(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

export type TokenFile = { ok: true; tokens: Map<string, UserInfo> } | { ok: false; error: string };

/** tokenfile.NewCSV: at least token, user, uid per line; groups comma-separated in the fourth column. */
export function parseTokenFile(path: string, text: string): TokenFile {
  const tokens = new Map<string, UserInfo>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const rec = csvRecord(line);
    if (rec.length < 3) return { ok: false, error: `token file '${path}' must have at least 3 columns (token, user name, user uid), found ${rec.length}` };
    const [token, name, uid, groups] = rec as [string, string, string, string | undefined];
    const user: UserInfo = { username: name, uid, groups: [] };
    if (groups) user.groups = groups.split(',').map((g) => g.trim()).filter(Boolean);
    if (token) tokens.set(token, user);
  }
  return { ok: true, tokens };
}

export const BOOTSTRAP_TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
export const BOOTSTRAP_GROUP = 'system:bootstrappers';
export const BOOTSTRAP_SECRET_TYPE = 'bootstrap.kubernetes.io/token';

/** The bootstrap token authenticator; undefined when the token is not one (so others may try). */
export function authenticateBootstrapToken(token: string, store: Store, nowMs: number): { ok: true; user: UserInfo } | { ok: false; error: string } | undefined {
  const m = BOOTSTRAP_TOKEN_PATTERN.exec(token);
  if (!m) return undefined;
  const [, id, secretPart] = m as unknown as [string, string, string];
  const secret = store.get('secrets', 'kube-system', `bootstrap-token-${id}`);
  const fail = { ok: false as const, error: 'invalid bearer token' };
  if (!secret || secret.metadata.deletionTimestamp || secret['type'] !== BOOTSTRAP_SECRET_TYPE) return fail;
  const data = (secret['data'] ?? {}) as Record<string, string>;
  const get = (k: string) => (data[k] !== undefined ? Buffer.from(data[k]!, 'base64').toString('utf8') : undefined);
  if (get('token-id') !== id || get('token-secret') !== secretPart) return fail;
  if (get('usage-bootstrap-authentication') !== 'true') return fail;
  const expiration = get('expiration');
  if (expiration && Date.parse(expiration) <= nowMs) return fail;
  const extra = (get('auth-extra-groups') ?? '').split(',').map((g) => g.trim()).filter((g) => g.startsWith(`${BOOTSTRAP_GROUP}:`));
  return { ok: true, user: { username: `system:bootstrap:${id}`, groups: [BOOTSTRAP_GROUP, ...extra, AUTHENTICATED] } };
}
