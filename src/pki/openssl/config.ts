/**
 * OpenSSL configuration files (`-config`, `-extfile`): sections of `key = value` lines with `#`
 * comments, `$var` references and continuation lines; and X509v3 extensions built from
 * configuration values (`subjectAltName = @alt_names`, `keyUsage = critical, digitalSignature`).
 */
import {
  type Extension,
  type GeneralName,
  authorityKeyIdentifier,
  basicConstraints,
  extKeyUsage,
  keyUsage,
  subjectAltName,
  subjectKeyIdentifier,
} from '../extensions.js';
import { Tag, text as textNode, toDer } from '../der.js';
import { parseIp } from '../ip.js';
import type { PublicKey } from '../keys.js';
import { type DistinguishedName, opensslAttribute } from '../names.js';
import { EXT_KEY_USAGES, KEY_USAGES, type KeyUsage, OID } from '../oids.js';
import type { ParsedCert } from '../x509.js';
import type { OpensslEnv } from './env.js';

export type Section = [key: string, value: string][];

export class Config {
  constructor(readonly sections: Map<string, Section>) {}

  section(name: string): Section | undefined {
    return this.sections.get(name);
  }

  get(section: string, key: string): string | undefined {
    const s = this.sections.get(section);
    const hit = s?.filter(([k]) => k === key).at(-1);
    return hit?.[1] ?? (section !== 'default' ? this.get('default', key) : undefined);
  }
}

export function parseConfig(content: string): Config {
  const sections = new Map<string, Section>([['default', []]]);
  let current = 'default';
  const lines = content.replace(/\\\r?\n/g, '').split(/\r?\n/);
  for (const rawLine of lines) {
    const line = stripComment(rawLine).trim();
    if (!line) continue;
    const header = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
    if (header) {
      current = header[1]!;
      if (!sections.has(current)) sections.set(current, []);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = unquote(expand(line.slice(eq + 1).trim(), sections, current));
    sections.get(current)!.push([key, value]);
  }
  return new Config(sections);
}

function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

function unquote(v: string): string {
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

function expand(value: string, sections: Map<string, Section>, current: string): string {
  return value.replace(/\$(?:\{([^}]+)\}|([A-Za-z0-9_]+(?:::[A-Za-z0-9_]+)?))/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const ref = braced ?? bare!;
    const [sec, key] = ref.includes('::') ? ref.split('::') : [current, ref];
    const hit = sections.get(sec!)?.filter(([k]) => k === key).at(-1) ?? sections.get('default')?.filter(([k]) => k === key).at(-1);
    return hit ? hit[1] : whole;
  });
}

// ---- extensions from configuration values ---------------------------------------------------------

export interface ExtensionContext {
  /** Absent in a dry run (OpenSSL checks extension sections before loading anything). */
  subjectKey?: PublicKey;
  /** The issuing certificate; absent for self-signed certificates (req -x509, x509 -signkey). */
  issuer?: ParsedCert;
  /** The issuer's name when self-signed (for authorityKeyIdentifier=issuer). */
  selfName?: DistinguishedName;
}

export class ExtensionError extends Error {
  constructor(readonly lines: { code: string; func: string; reason: string; where: string; data?: string }[]) {
    super(lines.map((l) => l.reason).join('; '));
  }
}

const V3 = 'X509 V3 routines';

function fail(code: string, func: string, reason: string, where: string, data = ''): never {
  throw new ExtensionError([{ code, func, reason, where, data }]);
}

/** Builds the extensions of a section, in order. Throws ExtensionError with OpenSSL's lines. */
export function buildExtensions(config: Config, sectionName: string, ctx: ExtensionContext): Extension[] {
  const section = config.section(sectionName) ?? [];
  const out: Extension[] = [];
  for (const [name, value] of section) {
    try {
      const ext = buildExtension(config, name, value, ctx);
      if (ext) out.push(ext);
    } catch (e) {
      if (e instanceof ExtensionError) {
        e.lines.push({ code: '11000080', func: 'X509V3_EXT_nconf_int', reason: 'error in extension', where: '../crypto/x509/v3_conf.c:48', data: `section=${sectionName}, name=${name}, value=${value}` });
      }
      throw e;
    }
  }
  return out;
}

/** One `name = value` extension line; undefined when the value says "none". */
export function buildExtension(config: Config, name: string, rawValue: string, ctx: ExtensionContext): Extension | undefined {
  let value = rawValue.trim();
  let critical = false;
  if (/^critical\s*,/.test(value)) {
    critical = true;
    value = value.replace(/^critical\s*,\s*/, '');
  }
  switch (name) {
    case 'basicConstraints':
      return basicConstraintsFrom(value, critical);
    case 'keyUsage':
      return keyUsage(list(value).map(keyUsageName), critical);
    case 'extendedKeyUsage':
      return extKeyUsage(list(value).map(ekuOid), critical);
    case 'subjectAltName':
      return subjectAltName(generalNames(config, value, name), critical);
    case 'subjectKeyIdentifier':
      if (value === 'none') return undefined;
      return subjectKeyIdentifier(value === 'hash' ? keyIdOf(ctx.subjectKey) : Buffer.from(value.replace(/:/g, ''), 'hex'));
    case 'authorityKeyIdentifier':
      return value === 'none' ? undefined : authorityKeyIdFrom(value, ctx);
    case 'nsComment':
      return { oid: OID.nsComment, critical, value: toDer(textNode(Tag.IA5STRING, value)) };
    default:
      fail('11000082', 'do_ext_nconf', 'unknown extension name', '../crypto/x509/v3_conf.c:88');
  }
}

function keyIdOf(key: PublicKey | undefined): Buffer {
  return key ? key.keyId() : Buffer.alloc(20);
}

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function basicConstraintsFrom(value: string, critical: boolean): Extension {
  let ca = false;
  let pathLen: number | undefined;
  for (const item of list(value)) {
    const [k, v = ''] = item.split(':').map((s) => s.trim());
    if (k === 'CA') {
      if (/^(true|y|yes)$/i.test(v)) ca = true;
      else if (/^(false|n|no)$/i.test(v)) ca = false;
      else fail('11000068', 'X509V3_get_value_bool', 'invalid boolean string', '../crypto/x509/v3_utl.c:289', `name=CA, value=${v}`);
    } else if (k === 'pathlen') pathLen = Number(v);
    else fail('11000075', 'v2i_BASIC_CONSTRAINTS', 'invalid name', '../crypto/x509/v3_bcons.c:86', `name=${k}, value=${v}`);
  }
  return basicConstraints(ca, pathLen, critical);
}

function keyUsageName(name: string): KeyUsage {
  const hit = KEY_USAGES.find((k) => k.short === name || k.long === name);
  if (!hit) fail('1100006F', 'v2i_ASN1_BIT_STRING', 'unknown bit string argument', '../crypto/x509/v3_bitst.c:82', name);
  return hit.short;
}

function ekuOid(name: string): string {
  const hit = EXT_KEY_USAGES.find((e) => e.short === name || e.long === name);
  if (hit) return hit.oid;
  if (/^\d+(\.\d+)+$/.test(name)) return name;
  throw new ExtensionError([
    { code: '04000067', func: 'OBJ_txt2obj', reason: 'unknown object name', where: '../crypto/objects/obj_dat.c:372' },
    { code: '1100006E', func: 'v2i_EXTENDED_KEY_USAGE', reason: 'invalid object identifier', where: '../crypto/x509/v3_extku.c:94', data: name },
  ]);
}

function generalNames(config: Config, value: string, extName: string): GeneralName[] {
  if (value.startsWith('@')) {
    const section = config.section(value.slice(1));
    if (!section) fail('11000069', 'do_ext_nconf', 'invalid extension string', '../crypto/x509/v3_conf.c:102', `name=${extName},section=${value}`);
    return section.map(([k, v]) => generalName(config, k.replace(/\..*$/, ''), v));
  }
  return list(value).map((item) => {
    const colon = item.indexOf(':');
    const v = colon < 0 ? '' : item.slice(colon + 1).trim();
    if (colon < 0 || v === '') {
      throw new ExtensionError([
        { code: '1100006D', func: 'X509V3_parse_list', reason: 'invalid null value', where: '../crypto/x509/v3_utl.c:379' },
        { code: '11000069', func: 'do_ext_nconf', reason: 'invalid extension string', where: '../crypto/x509/v3_conf.c:102', data: `name=${extName},section=${value}` },
      ]);
    }
    return generalName(config, item.slice(0, colon).trim(), v);
  });
}

function generalName(config: Config, type: string, value: string): GeneralName {
  switch (type) {
    case 'DNS':
      return { type: 'dns', value };
    case 'IP': {
      const bytes = parseIp(value);
      if (!bytes) fail('11000076', 'a2i_GENERAL_NAME', 'bad ip address', '../crypto/x509/v3_san.c:552', `value=${value}`);
      return { type: 'ip', bytes };
    }
    case 'email':
      return { type: 'email', value };
    case 'URI':
      return { type: 'uri', value };
    case 'dirName': {
      const section = config.section(value) ?? [];
      const name: DistinguishedName = [];
      for (const [k, v] of section) {
        const attr = opensslAttribute(k.replace(/^\d+\./, ''));
        if (attr) name.push([{ oid: attr.oid, value: v, tag: attr.opensslTag }]);
      }
      return { type: 'dirName', name };
    }
    case 'otherName': {
      const [oid, rest = ''] = value.split(';');
      return { type: 'otherName', oid: oid!, value: rest.replace(/^UTF8:/, '') };
    }
    default:
      fail('11000075', 'a2i_GENERAL_NAME', 'unsupported option', '../crypto/x509/v3_san.c:488', `name=${type}`);
  }
}

/**
 * keyid takes the issuer's subject key identifier (for self-signed certificates, the key's own);
 * issuer adds the issuer's name and serial, when asked to always or when there is no key id.
 */
function authorityKeyIdFrom(value: string, ctx: ExtensionContext): Extension | undefined {
  const opts = list(value);
  const wantKeyId = opts.some((o) => o.startsWith('keyid'));
  const keyIdAlways = opts.includes('keyid:always');
  const wantIssuer = opts.some((o) => o.startsWith('issuer'));
  const issuerAlways = opts.includes('issuer:always');
  const keyId = wantKeyId ? (ctx.issuer ? ctx.issuer.subjectKeyId : keyIdOf(ctx.subjectKey)) : undefined;
  if (keyIdAlways && !keyId) fail('11000077', 'v2i_AUTHORITY_KEYID', 'unable to get issuer keyid', '../crypto/x509/v3_akid.c:156');
  const addIssuer = wantIssuer && (issuerAlways || !keyId) && ctx.issuer !== undefined;
  if (!keyId && !addIssuer) return undefined;
  return authorityKeyIdentifier(keyId, addIssuer ? ctx.issuer!.issuer : undefined, addIssuer ? ctx.issuer!.serial : undefined);
}

/** Prints an ExtensionError's lines through the env. */
export function reportExtensionError(env: OpensslEnv, e: ExtensionError): void {
  for (const l of e.lines) env.lib(l.code, l.code.startsWith('04') ? 'object identifier routines' : V3, l.func, l.reason, l.where, l.data ?? '');
}

