/**
 * hostname (Debian hostname 3.23): the host's name; -s short, -f/-A fully qualified (the name
 * itself), -i/-I addresses looked up in the host's /etc/hosts.
 */
import type { ProcessContext } from '../shell/types.js';
import { progName } from './common/io.js';

function addresses(ctx: ProcessContext): string[] {
  const hosts = ctx.host.fs.readFileIfExists('/etc/hosts') ?? '';
  const name = ctx.host.hostname;
  const out: string[] = [];
  for (const line of hosts.split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && names.includes(name) && !ip.startsWith('127.') && ip !== '::1') out.push(ip);
  }
  return out;
}

export function hostname(ctx: ProcessContext): number {
  const args = ctx.argv.slice(1);
  const name = ctx.host.hostname;
  if (args.length === 0) {
    ctx.stdout.write(`${name}\n`);
    return 0;
  }
  const a = args[0]!;
  if (a === '-s' || a === '--short') ctx.stdout.write(`${name.split('.')[0]}\n`);
  else if (a === '-f' || a === '--fqdn' || a === '--long' || a === '-A' || a === '--all-fqdns') ctx.stdout.write(a === '-A' || a === '--all-fqdns' ? `${name} \n` : `${name}\n`);
  else if (a === '-I' || a === '--all-ip-addresses') ctx.stdout.write(addresses(ctx).map((ip) => `${ip} `).join('') + '\n');
  else if (a === '-i' || a === '--ip-address') {
    const ips = addresses(ctx);
    if (ips.length === 0) {
      ctx.stderr.write(`${progName(ctx)}: Name or service not known\n`);
      return 1;
    }
    ctx.stdout.write(`${ips.join(' ')} \n`);
  } else if (a.startsWith('-')) {
    ctx.stderr.write(`${progName(ctx)}: invalid option -- '${a.replace(/^-+/, '')[0]}'\nUsage: hostname [-b] {hostname|-F file}         set host name (from file)\n`);
    return 1;
  } else {
    if (ctx.cred.uid !== 0) {
      ctx.stderr.write(`${progName(ctx)}: you must be root to change the host name\n`);
      return 1;
    }
    ctx.stderr.write(`${progName(ctx)}: the host name of a simulated node is fixed; edit /etc/hostname instead\n`);
    return 1;
  }
  return 0;
}
