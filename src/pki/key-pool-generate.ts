/**
 * Regenerates key-pool.data.ts: RSA-2048 and EC P-256 private keys that cluster bootstrap draws
 * from, so that starting a cluster generates no keys (RSA generation costs ~150 ms a key).
 *
 *   npx tsx src/pki/key-pool-generate.ts
 *
 * The keys are public test material, like the fixtures in any PKI test suite: they protect nothing
 * outside the simulation.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RSA_KEYS = 40;
const EC_KEYS = 16;

function rsaKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  return privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
}

function ecKey(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return privateKey.export({ type: 'sec1', format: 'der' }).toString('base64');
}

const list = (keys: string[]) => keys.map((k) => `  '${k}',`).join('\n');
const rsa = Array.from({ length: RSA_KEYS }, rsaKey);
const ec = Array.from({ length: EC_KEYS }, ecKey);

const out = `/**
 * Pre-generated private keys for cluster bootstrap (see key-pool-generate.ts, which wrote this
 * file). Base64 DER: PKCS#1 RSAPrivateKey for RSA-2048, SEC1 ECPrivateKey for P-256.
 */

export const RSA_2048_POOL: readonly string[] = [
${list(rsa)}
];

export const EC_P256_POOL: readonly string[] = [
${list(ec)}
];
`;
writeFileSync(fileURLToPath(new URL('./key-pool.data.ts', import.meta.url)), out);
console.log(`wrote ${RSA_KEYS} RSA-2048 and ${EC_KEYS} P-256 keys`);
