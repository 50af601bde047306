/** PEM armour: base64 in 64-column lines between BEGIN/END labels (RFC 7468). */

export interface PemBlock {
  label: string;
  der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export function encodePem(label: string, der: Buffer): string {
  const b64 = der.toString('base64');
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += b64.slice(i, i + 64) + '\n';
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** Every PEM block in the text, in order; text between blocks is ignored, as OpenSSL does. */
export function decodePemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[2]!;
    // Encrypted (Proc-Type) blocks carry headers; they are returned undecoded-looking so callers fail.
    if (/^[A-Za-z-]+:/m.test(body)) {
      out.push({ label: m[1]!, der: Buffer.alloc(0) });
      continue;
    }
    out.push({ label: m[1]!, der: Buffer.from(body.replace(/\s+/g, ''), 'base64') });
  }
  return out;
}

export function firstPemBlock(text: string, labels: readonly string[]): PemBlock | undefined {
  return decodePemBlocks(text).find((b) => labels.includes(b.label));
}
