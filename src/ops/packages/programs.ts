/**
 * The Debian package tools of a node: apt-get, apt, apt-cache, apt-mark and dpkg, over the
 * node's sources, downloaded lists and dpkg database. Outputs follow apt 2.7 (Ubuntu 24.04).
 */
import type { Program, ProcessContext } from '../../shell/types.js';
import { AptCache, compareDebVersions } from './cache.js';
import { readSources } from './sources.js';
import { runUpdate } from './update.js';
import { execute, parseRequests, planInstall, planUpgrade, type Options } from './transaction.js';

const READING = 'Reading package lists... Done\n';
const BUILDING = 'Building dependency tree... Done\nReading state information... Done\n';

interface AptArgs {
  command: string;
  args: string[];
  opts: Options;
  unknown?: string;
}

function parseAptArgs(argv: readonly string[]): AptArgs {
  const opts: Options = { yes: false, allowHeld: false, allowDowngrades: false };
  const rest: string[] = [];
  let unknown: string | undefined;
  for (const a of argv) {
    if (a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-qy' || a === '-yq') opts.yes = true;
    else if (a === '--allow-change-held-packages') opts.allowHeld = true;
    else if (a === '--allow-downgrades') opts.allowDowngrades = true;
    else if (/^-q+$/.test(a) || a === '--quiet' || a === '--no-install-recommends' || a === '--fix-missing' || a === '-f') continue;
    else if (a.startsWith('-')) unknown ??= a;
    else rest.push(a);
  }
  return { command: rest[0] ?? '', args: rest.slice(1), opts, unknown };
}

function openCache(ctx: ProcessContext): AptCache | number {
  const r = AptCache.open(ctx.host.fs);
  if (!r.ok) {
    ctx.stderr.write(r.errors.join('\n') + '\n');
    return 100;
  }
  return r.cache;
}

function needRoot(ctx: ProcessContext, lock: 'lists' | 'dpkg'): number | undefined {
  if (ctx.cred.uid === 0) return undefined;
  if (lock === 'lists') ctx.stderr.write('E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n');
  else ctx.stderr.write('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
  return 100;
}

function update(ctx: ProcessContext, front: 'apt-get' | 'apt'): number {
  const denied = needRoot(ctx, 'lists');
  if (denied !== undefined) return denied;
  const sources = readSources(ctx.host.fs);
  if (!sources.ok) {
    ctx.stderr.write(sources.errors.join('\n') + '\n');
    return 100;
  }
  const r = runUpdate(ctx.host.fs, sources.entries);
  ctx.stdout.write(r.lines.map((l) => l + '\n').join('') + READING);
  if (front === 'apt' && r.errors.length === 0) {
    const cache = openCache(ctx);
    if (typeof cache === 'number') return cache;
    const n = cache.upgradable().length;
    ctx.stdout.write(BUILDING + (n === 0 ? 'All packages are up to date.\n' : `${n} package${n === 1 ? ' can' : 's can'} be upgraded. Run 'apt list --upgradable' to see ${n === 1 ? 'it' : 'them'}.\n`));
  }
  if (r.warnings.length || r.errors.length) ctx.stderr.write([...r.errors, ...r.warnings].map((l) => l + '\n').join(''));
  return r.errors.length ? 100 : 0;
}

function installOrUpgrade(ctx: ProcessContext, a: AptArgs): number {
  const denied = needRoot(ctx, 'dpkg');
  if (denied !== undefined) return denied;
  const cache = openCache(ctx);
  if (typeof cache === 'number') return cache;
  ctx.stdout.write(READING + BUILDING);
  if (a.command === 'upgrade' || a.command === 'dist-upgrade' || a.command === 'full-upgrade') {
    ctx.stdout.write('Calculating upgrade... Done\n');
    return execute(ctx, cache, planUpgrade(cache), a.opts, true);
  }
  if (a.args.length === 0) {
    ctx.stdout.write('0 upgraded, 0 newly installed, 0 to remove and ' + cache.upgradable().length + ' not upgraded.\n');
    return 0;
  }
  const planned = planInstall(cache, parseRequests(a.args));
  if (!planned.ok) {
    ctx.stderr.write(planned.error + '\n');
    return 100;
  }
  return execute(ctx, cache, planned.plan, a.opts, false);
}

export const aptGetProgram: Program = (ctx) => {
  const a = parseAptArgs(ctx.argv.slice(1));
  if (a.unknown) {
    ctx.stderr.write(`E: Command line option '${a.unknown.replace(/^-+/, '')}' [from ${a.unknown}] is not understood in combination with the other options.\n`);
    return 100;
  }
  switch (a.command) {
    case 'update':
      return update(ctx, 'apt-get');
    case 'install':
    case 'upgrade':
    case 'dist-upgrade':
    case 'full-upgrade':
      return installOrUpgrade(ctx, a);
    case '':
      ctx.stdout.write('apt 2.7.14 (amd64)\nUsage: apt-get [options] command\n       apt-get [options] install|remove pkg1 [pkg2 ...]\n       apt-get [options] source pkg1 [pkg2 ...]\n');
      return 1;
    default:
      ctx.stderr.write(`E: Invalid operation ${a.command}\n`);
      return 100;
  }
};

export const aptProgram: Program = (ctx) => {
  const a = parseAptArgs(ctx.argv.slice(1));
  switch (a.command) {
    case 'update':
      return update(ctx, 'apt');
    case 'install':
    case 'upgrade':
    case 'full-upgrade':
      return installOrUpgrade(ctx, a);
    case 'list':
      return aptList(ctx, ctx.argv.includes('--upgradable'), a.args);
    case 'policy':
    case 'madison':
    case 'show':
      return aptCacheProgram({ ...ctx, argv: ['apt-cache', ...ctx.argv.slice(1)] });
    default:
      ctx.stderr.write(`E: Invalid operation ${a.command}\n`);
      return 100;
  }
};

/** apt list [--installed|--upgradable] [pattern]: the packages this simulation knows are the installed ones. */
function aptList(ctx: ProcessContext, upgradable: boolean, patterns: string[]): number {
  const cache = openCache(ctx);
  if (typeof cache === 'number') return cache;
  ctx.stdout.write('Listing... Done\n');
  const match = (n: string) => patterns.length === 0 || patterns.some((p) => new RegExp('^' + p.replace(/\*/g, '.*') + '$').test(n));
  if (upgradable) {
    for (const u of cache.upgradable()) if (match(u.name)) ctx.stdout.write(`${u.name}/unknown ${u.to.pkg.version} amd64 [upgradable from: ${u.from}]\n`);
    return 0;
  }
  for (const inst of cache.dpkg.all().sort((x, y) => (x.name < y.name ? -1 : 1))) {
    if (!match(inst.name)) continue;
    const newer = cache.candidate(inst.name);
    const flag = newer && compareDebVersions(newer.pkg.version, inst.version) > 0 ? `installed,upgradable to: ${newer.pkg.version}` : 'installed';
    ctx.stdout.write(`${inst.name}/${newer ? 'unknown' : 'now'} ${inst.version} amd64 [${flag}]\n`);
  }
  return 0;
}

export const aptCacheProgram: Program = (ctx) => {
  const [command = '', ...names] = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const cache = openCache(ctx);
  if (typeof cache === 'number') return cache;
  switch (command) {
    case 'madison':
      for (const name of names) {
        const versions = cache.versions(name);
        if (versions.length === 0 && !cache.dpkg.installed(name)) ctx.stderr.write(`N: Unable to locate package ${name}\n`);
        for (const v of versions) ctx.stdout.write(`${name.padStart(10)} | ${v.pkg.version.padStart(10)} | ${sourceLabel(v.source)} Packages\n`);
      }
      return 0;
    case 'policy':
      for (const name of names) policy(ctx, cache, name);
      return 0;
    case 'show':
      for (const name of names) {
        const v = cache.candidate(name);
        if (!v) {
          ctx.stderr.write(`N: Unable to locate package ${name}\nE: No packages found\n`);
          return 100;
        }
        ctx.stdout.write(`Package: ${name}\nVersion: ${v.pkg.version}\nPriority: ${v.pkg.priority}\nSection: ${v.pkg.section}\nMaintainer: ${v.pkg.maintainer}\nInstalled-Size: ${v.pkg.installedSize}\n${v.pkg.depends ? `Depends: ${v.pkg.depends}\n` : ''}Homepage: ${v.pkg.homepage ?? ''}\nDownload-Size: ${(v.pkg.size / 1e6).toFixed(1)} MB\nAPT-Sources: ${sourceLabel(v.source)} Packages\nDescription: ${v.pkg.description}\n\n`);
      }
      return 0;
    default:
      ctx.stderr.write(`E: Invalid operation ${command}\n`);
      return 100;
  }
};

function sourceLabel(s: { uri: string; suite: string; components: string[] }): string {
  return s.suite === '/' ? `${s.uri} ` : `${s.uri} ${s.suite}/${s.components[0] ?? 'main'} amd64`;
}

function policy(ctx: ProcessContext, cache: AptCache, name: string): void {
  const inst = cache.dpkg.installed(name);
  const versions = cache.versions(name);
  if (!inst && versions.length === 0) {
    ctx.stderr.write(`N: Unable to locate package ${name}\n`);
    return;
  }
  const cand = versions[0]?.pkg.version ?? inst?.version ?? '(none)';
  let out = `${name}:\n  Installed: ${inst?.version ?? '(none)'}\n  Candidate: ${cand}\n  Version table:\n`;
  const all = [...new Set([...versions.map((v) => v.pkg.version), ...(inst ? [inst.version] : [])])].sort((a, b) => compareDebVersions(b, a));
  for (const ver of all) {
    const from = versions.filter((v) => v.pkg.version === ver);
    const mark = inst?.version === ver ? ' *** ' : '     ';
    out += `${mark}${ver} ${from.length ? 500 : 100}\n`;
    for (const f of from) out += `        500 ${sourceLabel(f.source)} Packages\n`;
    if (inst?.version === ver) out += '        100 /var/lib/dpkg/status\n';
  }
  ctx.stdout.write(out);
}

export const aptMarkProgram: Program = (ctx) => {
  const [command = '', ...names] = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const cache = openCache(ctx);
  if (typeof cache === 'number') return cache;
  const db = cache.dpkg;
  switch (command) {
    case 'showhold':
      for (const p of db.all().filter((i) => i.hold).map((i) => i.name).sort()) ctx.stdout.write(p + '\n');
      return 0;
    case 'hold':
    case 'unhold': {
      if (names.length === 0) {
        ctx.stderr.write('E: No packages found\n');
        return 100;
      }
      const hold = command === 'hold';
      const changed: string[] = [];
      for (const n of names) {
        const inst = db.installed(n);
        if (!inst) {
          ctx.stderr.write(`E: Unable to locate package ${n}\n`);
          return 100;
        }
        if (inst.hold === hold) ctx.stdout.write(hold ? `${n} was already set on hold.\n` : `${n} was already not on hold.\n`);
        else changed.push(n);
      }
      if (changed.length && ctx.cred.uid !== 0) {
        ctx.stderr.write('dpkg: error: requested operation requires superuser privilege\nE: Executing dpkg failed. Are you root?\n');
        return 100;
      }
      for (const n of changed) {
        db.setHold(n, hold);
        ctx.stdout.write(hold ? `${n} set on hold.\n` : `Canceled hold on ${n}.\n`);
      }
      db.save();
      return 0;
    }
    case 'showmanual':
      for (const p of db.all().map((i) => i.name).sort()) ctx.stdout.write(p + '\n');
      return 0;
    default:
      ctx.stderr.write(`E: Invalid operation ${command}\n`);
      return 100;
  }
};

/** dpkg -l [pattern...] (and -s PACKAGE): the status listing with dpkg-query's columns. */
export const dpkgProgram: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  const db = new AptCache(ctx.host.fs, []).dpkg;
  if (args[0] === '-s' || args[0] === '--status') {
    const name = args[1] ?? '';
    const inst = db.installed(name);
    if (!inst) {
      ctx.stderr.write(`dpkg-query: package '${name}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`);
      return 1;
    }
    ctx.stdout.write(`Package: ${name}\nStatus: ${inst.hold ? 'hold' : 'install'} ok installed\nVersion: ${inst.version}\nArchitecture: ${db.architecture(name)}\nDescription: ${db.description(name)}\n`);
    return 0;
  }
  if (args[0] !== '-l' && args[0] !== '--list') {
    ctx.stderr.write('dpkg: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse \'apt\' or \'aptitude\' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through \'less\' or \'more\' !\n');
    return 2;
  }
  const patterns = args.slice(1);
  const rows = db.all().filter((i) => patterns.length === 0 || patterns.some((p) => new RegExp('^' + p.replace(/\*/g, '.*').replace(/\?/g, '.') + '$').test(i.name))).sort((x, y) => (x.name < y.name ? -1 : 1));
  if (rows.length === 0) {
    ctx.stderr.write(`dpkg-query: no packages found matching ${patterns.join(' ')}\n`);
    return 1;
  }
  const w = (vals: string[], min: number) => Math.max(min, ...vals.map((v) => v.length));
  const nameW = w(rows.map((r) => r.name), 4);
  const verW = w(rows.map((r) => r.version), 7);
  const archW = 12;
  let out = 'Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';
  out += `||/ ${'Name'.padEnd(nameW)} ${'Version'.padEnd(verW)} ${'Architecture'.padEnd(archW)} Description\n`;
  out += `+++-${'='.repeat(nameW)}-${'='.repeat(verW)}-${'='.repeat(archW)}-${'='.repeat(40)}\n`;
  for (const r of rows) out += `${r.hold ? 'hi' : 'ii'}  ${r.name.padEnd(nameW)} ${r.version.padEnd(verW)} ${db.architecture(r.name).padEnd(archW)} ${db.description(r.name)}\n`;
  ctx.stdout.write(out);
  return 0;
};
