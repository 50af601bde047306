/**
 * The names controllers derive from content: pod-template-hash (Deployment), and the
 * ControllerRevision hashes of DaemonSets and StatefulSets. Kubernetes hashes with FNV-32a and
 * spells the decimal number with apimachinery's SafeEncodeString, so hashes only use the
 * characters bcdf and 4-9. The bytes hashed here are the object's canonical JSON (Go hashes a
 * spew dump of the struct, which we cannot reproduce), so names are stable but not identical to
 * a real cluster's.
 */
import { canonicalJson } from './equal.js';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  const bytes = Buffer.from(text, 'utf8');
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function fnv32aBytes(h: number, bytes: Uint8Array): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** apimachinery rand.SafeEncodeString: each character mapped into the no-vowel alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}

/** controller.ComputeHash: the pod-template-hash of a template (and collision count). */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(canonicalJson(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32aBytes(h, extra);
  }
  return safeEncodeString(String(h));
}

/** FNV-32 (multiply, then xor): what history.HashControllerRevision uses. */
export function fnv32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of Buffer.from(text, 'utf8')) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return h >>> 0;
}

function fnv32Bytes(h: number, bytes: Uint8Array): number {
  for (const b of bytes) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return h >>> 0;
}

/** history.HashControllerRevision: the hash in a StatefulSet ControllerRevision's name. */
export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  let h = fnv32(canonicalJson(data));
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32Bytes(h, extra);
  }
  return safeEncodeString(String(h));
}
