/** `certificate` checks: a PEM certificate parses, chains to the cluster CA, has the right subject, SANs and usages, and is valid now. */
import { X509Certificate } from 'node:crypto';
import type { CertificateCheck } from '../../scenario/types.js';
import { CheckSetupError, type GradingContext } from '../context.js';
import type { Verdict } from '../expect.js';
import type { CheckKind } from './types.js';

const EKU_NAMES: Record<string, string> = { '1.3.6.1.5.5.7.3.1': 'server auth', '1.3.6.1.5.5.7.3.2': 'client auth' };

function loadPem(b: CertificateCheck['certificate'], ctx: GradingContext): string | undefined {
  if (b.path) {
    const host = ctx.host(b.host ?? ctx.world.workstation.hostname);
    if (!host) throw new CheckSetupError(`unknown host "${b.host}"`);
    return host.fs.readFileIfExists(b.path);
  }
  if (b.secret) {
    const s = ctx.cluster(b.secret.cluster ?? b.cluster).api.store.get('secrets', b.secret.namespace, b.secret.name);
    const data = (s?.['data'] as Record<string, string> | undefined)?.[b.secret.key];
    return data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
  }
  if (b.csr) {
    const csr = ctx.cluster(b.csr.cluster ?? b.cluster).api.store.get('certificatesigningrequests.certificates.k8s.io', '', b.csr.name);
    const data = (csr?.['status'] as { certificate?: string } | undefined)?.certificate;
    return data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
  }
  throw new CheckSetupError('a certificate check names a path, a secret or a csr');
}

export const certificateCheck: CheckKind<CertificateCheck['certificate']> = {
  kind: 'certificate',
  evaluate(b, ctx): Verdict {
    const pem = loadPem(b, ctx);
    const where = b.path ?? (b.secret ? `secret ${b.secret.namespace}/${b.secret.name}` : `csr ${b.csr?.name}`);
    if (!pem) return { passed: false, expected: `a certificate at ${where}`, found: 'nothing' };
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      return { passed: false, expected: `a PEM certificate at ${where}`, found: 'data that does not parse as a certificate' };
    }
    const e = b.expect;
    const subject = cert.subject.split('\n');
    const cn = subject.find((l) => l.startsWith('CN='))?.slice(3);
    const orgs = subject.filter((l) => l.startsWith('O=')).map((l) => l.slice(2));
    if (e.cn !== undefined && cn !== e.cn) return { passed: false, expected: `CN=${e.cn}`, found: `CN=${cn ?? ''}` };
    if (e.organizations && e.organizations.some((o) => !orgs.includes(o))) return { passed: false, expected: `O=${e.organizations.join(',')}`, found: `O=${orgs.join(',') || '(none)'}` };
    const sans = (cert.subjectAltName ?? '').split(', ').filter(Boolean).map((s) => s.replace(/^(DNS|IP Address):/, ''));
    const missing = (e.sans ?? []).filter((s) => !sans.includes(s));
    if (missing.length) return { passed: false, expected: `SANs including ${missing.join(', ')}`, found: sans.join(', ') || 'no SANs' };
    const ekus = (cert.keyUsage ?? []).map((o) => EKU_NAMES[o] ?? o);
    const missingEku = (e.usages ?? []).filter((u) => !['digital signature', 'key encipherment'].includes(u) && !ekus.includes(u));
    if (missingEku.length) return { passed: false, expected: `usages ${e.usages!.join(', ')}`, found: ekus.join(', ') || 'none' };
    const now = ctx.world.clock.now();
    const from = Date.parse(cert.validFrom);
    const to = Date.parse(cert.validTo);
    if (e.validNow && (now < from || now > to)) return { passed: false, expected: 'valid now', found: `valid ${cert.validFrom} to ${cert.validTo}` };
    if (e.validForDaysAtLeast !== undefined && to - now < e.validForDaysAtLeast * 86_400_000) return { passed: false, expected: `valid for at least ${e.validForDaysAtLeast} more days`, found: `expires ${cert.validTo}` };
    if (e.signedByClusterCa) {
      const cluster = ctx.cluster(b.cluster ?? b.secret?.cluster ?? b.csr?.cluster);
      const caPem = cluster.controlPlane().fs.readFileIfExists('/etc/kubernetes/pki/ca.crt');
      let ok = false;
      try {
        const ca = new X509Certificate(caPem ?? '');
        ok = cert.checkIssued(ca) && cert.verify(ca.publicKey);
      } catch {
        ok = false;
      }
      if (!ok) return { passed: false, expected: `signed by the ${cluster.name} cluster CA`, found: `issued by ${cert.issuer.replace(/\n/g, ', ')}` };
    }
    return { passed: true, expected: 'a certificate as required', found: `CN=${cn ?? ''}` };
  },
};
