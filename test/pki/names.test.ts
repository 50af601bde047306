import { describe, expect, it } from 'vitest';
import { Tag, fromDer, toDer } from '../../src/pki/der.js';
import { decodeName, encodeName, formatOneline, formatRfc2253, goName, goNameFromDn, parseOpensslSubject } from '../../src/pki/names.js';

describe('openssl -subj parsing', () => {
  it('reads /type=value pairs in order with OpenSSL string types', () => {
    const r = parseOpensslSubject('/CN=jane/O=dev/O=ops/C=DE/emailAddress=j@x.io', 'req');
    expect(r.error).toBeUndefined();
    expect(formatOneline(r.name!)).toBe('CN = jane, O = dev, O = ops, C = DE, emailAddress = j@x.io');
    const tags = r.name!.flat().map((a) => a.tag);
    expect(tags).toEqual([Tag.UTF8, Tag.UTF8, Tag.UTF8, Tag.PRINTABLESTRING, Tag.IA5STRING]);
  });

  it('joins "+"-separated attributes into one multi-valued RDN', () => {
    const r = parseOpensslSubject('/CN=a+O=b/O=c', 'req');
    expect(formatOneline(r.name!)).toBe('CN = a + O = b, O = c');
  });

  it('rejects a subject without the leading slash in OpenSSL words', () => {
    expect(parseOpensslSubject('CN=a', 'req').error).toBe(
      "req: subject name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: 'CN=a'",
    );
  });

  it('warns about unknown attributes and empty values, and skips them', () => {
    const r = parseOpensslSubject('/CN=/XX=b/O=ok', 'req');
    expect(r.messages).toEqual(['req warning: No value provided for subject name attribute "CN", skipped', 'req warning: Skipping unknown subject name attribute "XX"']);
    expect(formatOneline(r.name!)).toBe('O = ok');
  });

  it('honours backslash escapes', () => {
    expect(formatOneline(parseOpensslSubject('/CN=a\\/b', 'req').name!)).toBe('CN = a/b');
  });
});

describe('name printing', () => {
  it('quotes values with RFC 2253 specials in the one-line form and escapes them in RFC 2253', () => {
    const dn = parseOpensslSubject('/CN=a,b/O=  lead', 'x').name!;
    expect(formatOneline(dn)).toBe('CN = "a,b", O = "  lead"');
    expect(formatRfc2253(dn)).toBe('O=\\  lead,CN=a\\,b');
  });
});

describe('Go pkix.Name', () => {
  it('orders O before CN and uses PrintableString where it can', () => {
    const dn = goName({ commonName: 'system:node:node01', organization: ['system:nodes'] });
    expect(formatOneline(dn)).toBe('O = system:nodes, CN = system:node:node01');
    expect(dn.flat().every((a) => a.tag === Tag.PRINTABLESTRING)).toBe(true);
    expect(goName({ commonName: 'node01-ca@1767225600' }).flat()[0]!.tag).toBe(Tag.UTF8);
  });

  it('re-marshals a parsed name keeping only the fields Go knows', () => {
    const parsed = parseOpensslSubject('/CN=jane/O=dev/emailAddress=j@x.io/O=ops', 'req').name!;
    expect(formatOneline(goNameFromDn(parsed))).toBe('O = dev + O = ops, CN = jane');
  });

  it('survives a DER round trip', () => {
    const dn = goName({ commonName: 'kubernetes-admin', organization: ['kubeadm:cluster-admins'] });
    expect(decodeName(fromDer(toDer(encodeName(dn))))).toEqual(dn);
  });
});
