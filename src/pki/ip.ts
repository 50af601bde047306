/** IP addresses in the byte form X.509 stores and the text forms Go and OpenSSL print. */

export function parseIp(text: string): Buffer | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    return parts.every((p) => p <= 255) ? Buffer.from(parts) : undefined;
  }
  if (!text.includes(':')) return undefined;
  return parseIpv6(text);
}

function parseIpv6(text: string): Buffer | undefined {
  let tail: number[] = [];
  let v4: Buffer | undefined;
  let s = text;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    v4 = parseIp(s.slice(lastColon + 1));
    if (!v4 || v4.length !== 4) return undefined;
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (g: string) => (g === '' ? [] : g.split(':'));
  const head = group(halves[0]!);
  tail = halves.length === 2 ? group(halves[1]!).map((g) => parseInt(g, 16)) : [];
  const headNums = head.map((g) => parseInt(g, 16));
  const all = [...head, ...(halves.length === 2 ? group(halves[1]!) : [])];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = 8 - headNums.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headNums, ...Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  if (v4) v4.copy(out, 12);
  return out;
}

/** Go's net.IP.String(): dotted IPv4 (also for v4-mapped), RFC 5952 IPv6. */
export function formatIpGo(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) return '?' + bytes.toString('hex');
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return [...bytes.subarray(12)].join('.');
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

/** OpenSSL's GENERAL_NAME_print: dotted IPv4, uncompressed upper-case IPv6 groups. */
export function formatIpOpenssl(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length === 16) return Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16).toUpperCase()).join(':');
  return '<invalid>';
}
