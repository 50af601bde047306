/** Certificate serial numbers, drawn from the seeded Rng in the sizes each issuer uses. */
import type { Rng } from '../util/rng.js';

export function randomBits(rng: Rng, bits: number): bigint {
  let n = 0n;
  for (let got = 0; got < bits; got += 32) n = (n << 32n) | BigInt(rng.int(2 ** 32));
  const extra = Math.ceil(bits / 32) * 32 - bits;
  return n >> BigInt(extra);
}

/** kubeadm (pkiutil): uniform in [1, 2^63 - 1). */
export function kubeadmSerial(rng: Rng): bigint {
  return (randomBits(rng, 63) % ((1n << 63n) - 2n)) + 1n;
}

/** The Kubernetes CSR signer: uniform in [0, 2^128). */
export function csrSignerSerial(rng: Rng): bigint {
  return randomBits(rng, 128);
}

/** OpenSSL rand_serial(): 159 random bits. */
export function opensslSerial(rng: Rng): bigint {
  return randomBits(rng, 159);
}
