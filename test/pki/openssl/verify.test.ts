import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasOpenssl } from '../harness.js';
import { world } from './both.js';

function setup() {
  const w = world(4);
  const run = (args: string[]) => w.real(args);
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-subj', '/CN=kubernetes', '-days', '3650', '-out', 'ca.crt']);
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-subj', '/CN=kubernetes', '-days', '3650', '-out', 'other.crt']);
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-subj', '/CN=self', '-days', '30', '-out', 'self.crt']);
  run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'jane.key', '-subj', '/CN=jane/O=dev', '-out', 'jane.csr']);
  run(['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-days', '365', '-out', 'jane.crt']);
  w.put('v3.ext', 'subjectAltName=DNS:jane\n');
  run(['x509', '-req', '-in', 'jane.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-days', '365', '-extfile', 'v3.ext', '-out', 'jane3.crt']);
  for (const f of ['ca.crt', 'other.crt', 'self.crt', 'jane.crt', 'jane3.crt', 'jane.key']) w.take(f);
  w.put('garbage.crt', 'garbage\n');
  w.put('empty.crt', '');
  return w;
}

const NOW = Math.floor(Date.now() / 1000);

describe.skipIf(!hasOpenssl)('openssl verify against the real openssl 3.0', () => {
  const w = setup();

  it.each([
    [['-CAfile', 'ca.crt', 'jane.crt']],
    [['-CAfile', 'ca.crt', 'jane.crt', 'jane3.crt']],
    [['-CAfile', 'ca.crt', 'ca.crt']],
    [['-CAfile', 'other.crt', 'jane3.crt']],
    [['-CAfile', 'other.crt', 'jane.crt']],
    [['-CAfile', 'jane3.crt', 'jane.crt']],
    [['-CAfile', 'ca.crt', 'self.crt']],
    [['jane.crt']],
    [['-CAfile', 'ca.crt', '-attime', String(NOW + 400 * 86400), 'jane3.crt']],
    [['-CAfile', 'ca.crt', '-attime', String(NOW + 4000 * 86400), 'jane3.crt']],
    [['-CAfile', 'ca.crt', '-attime', String(NOW - 86400), 'jane3.crt']],
    [['-CAfile', 'ca.crt', '-attime', String(NOW + 40 * 86400), 'self.crt']],
    [['-CAfile', 'ca.crt', '-untrusted', 'other.crt', 'jane3.crt']],
    [['-CAfile', 'missing.crt', 'jane.crt']],
    [['-CAfile', 'garbage.crt', 'jane.crt']],
    [['-CAfile', 'empty.crt', 'jane.crt']],
    [['-CAfile', 'ca.crt', 'missing.crt']],
    [['-CAfile', 'ca.crt', 'garbage.crt']],
    [['-CAfile', 'ca.crt', 'jane.key']],
    [['-bogus']],
    [['-CAfile']],
  ])('verify %j', async (args) => {
    const { ours, real } = await w.both(['verify', ...args]);
    expect(ours).toEqual(real);
  });

  it('reads the certificate from stdin when no file is named', async () => {
    const { ours, real } = await w.both(['verify', '-CAfile', 'ca.crt'], w.fs.readFile('/root/jane.crt'));
    expect(ours).toEqual(real);
  });

  it('words the padding failure by the wrongly "decrypted" block: a leading zero byte is "block type is not 01"', async () => {
    // A signature whose block under the wrong CA's key starts 0x00 0x5e (found by trying serials; ~1 in 200).
    const fixture = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
    w.put('wrong-ca.crt', fixture('wrong-ca.crt'));
    w.put('leading-zero-block.crt', fixture('leading-zero-block.crt'));
    const { ours, real } = await w.both(['verify', '-CAfile', 'wrong-ca.crt', '-attime', '1795700000', 'leading-zero-block.crt']);
    expect(ours).toEqual(real);
    expect(ours.stderr).toContain(':RSA_padding_check_PKCS1_type_1:block type is not 01:../crypto/rsa/rsa_pk1.c:82:');
  });
});
