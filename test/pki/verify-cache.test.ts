/**
 * The apiserver's verification cache also remembers failures, but only where the outcome cannot
 * depend on the instant: a certificate from a foreign CA fails the same way until a validity
 * period ends, and then fails with the expiry error that names the instant, as without a cache.
 */
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/api/authn/authenticator.js';
import { Store } from '../../src/api/store.js';
import { EKU } from '../../src/pki/oids.js';
import { DAY, T0, makeCa, makeLeaf } from './fixtures.js';

const ca = makeCa();
const foreign = makeCa('kubernetes', 11);
const jane = makeLeaf(foreign, { cn: 'jane', usages: [EKU.clientAuth] });
const admin = makeLeaf(ca, { cn: 'kubernetes-admin', orgs: ['kubeadm:cluster-admins'], usages: [EKU.clientAuth] });
const store = new Store();
const login = (pem: string, nowMs: number) => authenticate({ clientCertificatePem: pem }, { clientCaPem: ca.cert.pem, anonymous: false, store, nowMs });

describe('authenticating the same client certificate again', () => {
  it('refuses a foreign CA the same way each time, and as expired once it is', () => {
    const first = login(jane.cert.pem, T0 + DAY);
    expect(first).toEqual({ ok: false, error: expect.stringContaining('x509: certificate signed by unknown authority') });
    expect(login(jane.cert.pem, T0 + 2 * DAY)).toEqual(first);
    const later = Date.parse('2027-06-01T00:00:00Z');
    expect(login(jane.cert.pem, later)).toEqual({ ok: false, error: expect.stringContaining('current time 2027-06-01T00:00:00Z is after') });
  });

  it('accepts a good certificate while it is valid and refuses it after', () => {
    expect(login(admin.cert.pem, T0 + DAY)).toMatchObject({ ok: true, user: { username: 'kubernetes-admin' } });
    expect(login(admin.cert.pem, T0 + 3 * DAY)).toMatchObject({ ok: true });
    expect(login(admin.cert.pem, Date.parse('2027-06-01T00:00:00Z'))).toEqual({ ok: false, error: expect.stringContaining('has expired or is not yet valid') });
  });
});
