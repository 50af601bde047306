/**
 * An apt transaction: what `apt-get install` and `apt-get upgrade` decide (upgrades,
 * downgrades, new packages, holds that would change, packages kept back), printed as apt 2.7
 * prints it, then carried out with dpkg's messages.
 */
import type { ProcessContext } from '../../shell/types.js';
import { AptCache, aptSize, compareDebVersions, type Available } from './cache.js';

export interface Change {
  name: string;
  to: Available;
  from?: string;
  /** Pulled in as a dependency rather than asked for. */
  auto: boolean;
}

export interface Plan {
  changes: Change[];
  kept: string[];
  /** Lines printed before the lists ("Selected version ...", "... is already the newest version"). */
  notes: string[];
}

export interface Options {
  yes: boolean;
  allowHeld: boolean;
  allowDowngrades: boolean;
}

export type Request = { name: string; version?: string };

/** Parses "pkg", "pkg=1.2-1.1" and "pkg=1.2.*" arguments. */
export function parseRequests(args: readonly string[]): Request[] {
  return args.map((a) => {
    const eq = a.indexOf('=');
    return eq < 0 ? { name: a } : { name: a.slice(0, eq), version: a.slice(eq + 1) };
  });
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(value);
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; error: string };

export function planInstall(cache: AptCache, requests: readonly Request[]): PlanResult {
  const plan: Plan = { changes: [], kept: [], notes: [] };
  for (const r of requests) {
    if (!cache.knows(r.name)) return { ok: false, error: `E: Unable to locate package ${r.name}` };
    const versions = cache.versions(r.name);
    let target: Available | undefined;
    if (r.version === undefined) target = versions[0];
    else if (/[*?]/.test(r.version)) {
      target = versions.find((v) => globMatch(r.version!, v.pkg.version));
      if (target) plan.notes.push(`Selected version '${target.pkg.version}' (${target.releaseString} [amd64]) for '${r.name}'`);
    } else target = versions.find((v) => v.pkg.version === r.version);
    if (!target) {
      if (r.version !== undefined) return { ok: false, error: `E: Version '${r.version}' for '${r.name}' was not found` };
      return { ok: false, error: `E: Package '${r.name}' has no installation candidate` };
    }
    const inst = cache.dpkg.installed(r.name);
    if (inst && inst.version === target.pkg.version) {
      plan.notes.push(`${r.name} is already the newest version (${inst.version}).`);
      continue;
    }
    plan.changes.push({ name: r.name, to: target, from: inst?.version, auto: false });
  }
  addDependencies(cache, plan);
  return { ok: true, plan };
}

/** Installs what a change depends on among the repository's own packages, when missing. */
function addDependencies(cache: AptCache, plan: Plan): void {
  for (const c of [...plan.changes]) {
    for (const dep of (c.to.pkg.depends ?? '').split(',').map((d) => d.trim().split(' ')[0]!)) {
      if (!dep || cache.dpkg.installed(dep) || plan.changes.some((x) => x.name === dep)) continue;
      const cand = cache.candidate(dep);
      if (cand) plan.changes.push({ name: dep, to: cand, auto: true });
    }
  }
}

export function planUpgrade(cache: AptCache): Plan {
  const plan: Plan = { changes: [], kept: [], notes: [] };
  for (const u of cache.upgradable()) {
    if (cache.dpkg.installed(u.name)?.hold) plan.kept.push(u.name);
    else plan.changes.push({ name: u.name, to: u.to, from: u.from, auto: false });
  }
  return plan;
}

const names = (cs: readonly { name: string }[]) => cs.map((c) => c.name).sort();

/** Wraps a package list the way apt does for an 80-column terminal. */
function listLines(items: readonly string[]): string {
  const lines: string[] = [];
  let line = ' ';
  for (const item of items) {
    if (line.length + 1 + item.length > 79 && line.trim()) {
      lines.push(line);
      line = ' ';
    }
    line += ' ' + item;
  }
  lines.push(line);
  return lines.join('\n') + '\n';
}

/** Prints the plan and runs it. Returns the exit status. */
export function execute(ctx: ProcessContext, cache: AptCache, plan: Plan, o: Options, upgrading: boolean): number {
  const out = (s: string) => ctx.stdout.write(s);
  for (const n of plan.notes) out(n + '\n');
  const upgraded = plan.changes.filter((c) => c.from && compareDebVersions(c.to.pkg.version, c.from) > 0);
  const downgraded = plan.changes.filter((c) => c.from && compareDebVersions(c.to.pkg.version, c.from) < 0);
  const fresh = plan.changes.filter((c) => !c.from);
  const held = plan.changes.filter((c) => cache.dpkg.installed(c.name)?.hold);
  const extra = plan.changes.filter((c) => c.auto);
  if (extra.length) out('The following additional packages will be installed:\n' + listLines(names(extra)));
  if (fresh.length) out('The following NEW packages will be installed:\n' + listLines(names(fresh)));
  if (plan.kept.length) out('The following packages have been kept back:\n' + listLines([...plan.kept].sort()));
  if (held.length) out('The following held packages will be changed:\n' + listLines(names(held)));
  if (upgraded.length) out('The following packages will be upgraded:\n' + listLines(names(upgraded)));
  if (downgraded.length) out('The following packages will be DOWNGRADED:\n' + listLines(names(downgraded)));
  const changing = new Set(plan.changes.map((c) => c.name));
  const notUpgraded = cache.upgradable().filter((u) => !changing.has(u.name)).length;
  out(`${upgraded.length} upgraded, ${fresh.length} newly installed, ${downgraded.length ? `${downgraded.length} downgraded, ` : ''}0 to remove and ${notUpgraded} not upgraded.\n`);
  if (plan.changes.length === 0) return 0;
  if (held.length && o.yes && !o.allowHeld) return err(ctx, 'E: Held packages were changed and -y was used without --allow-change-held-packages.');
  if (downgraded.length && o.yes && !o.allowDowngrades) return err(ctx, 'E: Packages were downgraded and -y was used without --allow-downgrades.');
  const download = plan.changes.reduce((s, c) => s + c.to.pkg.size, 0);
  const delta = plan.changes.reduce((s, c) => s + (c.to.pkg.installedSize - installedSizeOf(cache, c)) * 1024, 0);
  out(`Need to get ${aptSize(download)} of archives.\n`);
  out(delta >= 0 ? `After this operation, ${aptSize(delta)} of additional disk space will be used.\n` : `After this operation, ${aptSize(-delta)} disk space will be freed.\n`);
  const mustAsk = !o.yes && (upgrading || held.length > 0 || downgraded.length > 0 || extra.length > 0);
  if (mustAsk) {
    out('Do you want to continue? [Y/n] ');
    // [Y/n]: an empty line means yes; end of input (no terminal to answer) aborts.
    const answer = ctx.stdin.split('\n')[0]!.trim().toLowerCase();
    const yes = ctx.stdin.length > 0 && (answer === '' || answer === 'y' || answer === 'yes');
    if (!yes) {
      out('Abort.\n');
      return 1;
    }
  }
  install(ctx, cache, plan.changes, download);
  return 0;
}

function installedSizeOf(cache: AptCache, c: Change): number {
  return c.from ? cache.dpkg.installedSize(c.name) : 0;
}

/** Downloads and dpkg's unpack/configure, in apt's (alphabetical) order. */
function install(ctx: ProcessContext, cache: AptCache, changes: Change[], download: number): void {
  const out = (s: string) => ctx.stdout.write(s);
  const ordered = [...changes].sort((a, b) => (a.name < b.name ? -1 : 1));
  ordered.forEach((c, i) => out(`Get:${i + 1} ${c.to.fetchUri}  ${c.name} ${c.to.pkg.version} [${aptSize(c.to.pkg.size)}]\n`));
  out(`Fetched ${aptSize(download)} in 0s (${aptSize(download * 2)}/s)\n`);
  let readDb = false;
  for (const c of ordered) {
    if (c.from && compareDebVersions(c.to.pkg.version, c.from) < 0) out(`dpkg: warning: downgrading ${c.name} from ${c.from} to ${c.to.pkg.version}\n`);
    if (!c.from) out(`Selecting previously unselected package ${c.name}.\n`);
    if (!readDb) {
      out('(Reading database ... 71523 files and directories currently installed.)\n');
      readDb = true;
    }
    out(`Preparing to unpack .../${c.name}_${c.to.pkg.version}_amd64.deb ...\n`);
    out(c.from ? `Unpacking ${c.name} (${c.to.pkg.version}) over (${c.from}) ...\n` : `Unpacking ${c.name} (${c.to.pkg.version}) ...\n`);
  }
  for (const c of ordered) {
    cache.dpkg.install(c.to.pkg);
    out(`Setting up ${c.name} (${c.to.pkg.version}) ...\n`);
  }
  cache.dpkg.save();
}

function err(ctx: ProcessContext, message: string): number {
  ctx.stderr.write(message + '\n');
  return 100;
}
