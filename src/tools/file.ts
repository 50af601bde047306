/**
 * file (file 5.44), for what lives on a Kubernetes node: PEM certificates, keys and requests,
 * JSON, shell scripts, text in its flavours (UTF-8, CRLF, no final newline, very long lines),
 * empty files, directories, symlinks, and "data" for anything binary.
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, reasonOf } from './common/io.js';

const OPTIONS: OptDef[] = [
  { short: 'b', long: 'brief' },
  { short: 'L', long: 'dereference' },
  { short: 'h', long: 'no-dereference' },
  { short: 'i', long: 'mime' },
  { long: 'mime-type' },
  { short: 'z', long: 'uncompress' },
  { long: 'help' },
  { short: 'v', long: 'version' },
];

const PEM: [RegExp, string][] = [
  [/^-----BEGIN CERTIFICATE-----/, 'PEM certificate'],
  [/^-----BEGIN CERTIFICATE REQUEST-----/, 'PEM certificate request'],
  [/^-----BEGIN NEW CERTIFICATE REQUEST-----/, 'PEM certificate request'],
  [/^-----BEGIN RSA PRIVATE KEY-----/, 'PEM RSA private key'],
  [/^-----BEGIN EC PRIVATE KEY-----/, 'PEM EC private key'],
  [/^-----BEGIN DSA PRIVATE KEY-----/, 'PEM DSA private key'],
  [/^-----BEGIN OPENSSH PRIVATE KEY-----/, 'OpenSSH private key'],
  [/^-----BEGIN RSA PUBLIC KEY-----/, 'PEM RSA public key'],
];

function describeText(text: string): string {
  if (text === '') return 'empty';
  if (text.includes('\0') || /[\x01-\x08\x0e-\x1a\x1c-\x1f]/.test(text)) return 'data';
  for (const [re, what] of PEM) if (re.test(text)) return what;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  const nonAscii = /[^\x00-\x7f]/.test(text);
  let kind = nonAscii ? 'Unicode text, UTF-8 text' : 'ASCII text';
  if (shebang) {
    const interp = shebang[1]!.endsWith('/env') ? (shebang[2] ?? '') : shebang[1]!.split('/').pop()!;
    const scripts: Record<string, string> = { bash: 'Bourne-Again shell script', sh: 'POSIX shell script', python3: 'Python script', python: 'Python script', perl: 'Perl script', dash: 'POSIX shell script' };
    kind = `${scripts[interp] ?? `a ${interp} script`}, ${kind} executable`;
  } else if (/^\s*[[{]/.test(text)) {
    try {
      JSON.parse(text);
      return 'JSON text data';
    } catch {
      // not JSON: plain text
    }
  }
  const extras: string[] = [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const longest = Math.max(...body.split('\n').map((l) => Buffer.byteLength(l)));
  if (text.includes('\r\n')) extras.push('with CRLF line terminators');
  if (longest > 300) extras.splice(0, 0, `with very long lines (${longest})`);
  if (!text.includes('\n')) extras.push('with no line terminators');
  return [kind, ...extras].join(', ');
}

export function file(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  if (keys.has('version')) {
    ctx.stdout.write('file-5.44\nmagic file from /etc/magic:/usr/share/misc/magic\n');
    return 0;
  }
  if (parsed.operands.length === 0) {
    ctx.stderr.write('Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]\n');
    return 1;
  }
  const brief = keys.has('brief');
  const fs = ctx.host.fs;
  const width = Math.max(...parsed.operands.map((n) => n.length)) + 1;
  for (const name of parsed.operands) {
    let what: string;
    const path = ctx.resolve(name);
    try {
      const l = name === '-' ? undefined : fs.lstat(path, ctx.cred);
      if (name === '-') what = describeText(ctx.stdin);
      else if (l!.type === 'dir') what = 'directory';
      else if (l!.type === 'symlink' && !keys.has('dereference')) {
        const target = fs.readlink(path, ctx.cred);
        what = fs.exists(path, ctx.cred) ? `symbolic link to ${target}` : `broken symbolic link to ${target}`;
      } else {
        const st = fs.stat(path, ctx.cred);
        what = st.type === 'dir' ? 'directory' : describeText(fs.readFile(path, ctx.cred));
      }
    } catch (e) {
      what = `cannot open \`${name}' (${reasonOf(e)})`;
    }
    if (keys.has('mime-type') || keys.has('mime')) {
      what = what === 'directory' ? 'inode/directory' : what === 'empty' ? 'inode/x-empty' : what === 'data' ? 'application/octet-stream' : what.startsWith('JSON') ? 'application/json' : 'text/plain';
      if (keys.has('mime')) what += what.startsWith('text') || what === 'application/json' ? '; charset=us-ascii' : '; charset=binary';
    }
    ctx.stdout.write(brief ? `${what}\n` : `${`${name}:`.padEnd(width)} ${what}\n`);
  }
  return 0;
}
