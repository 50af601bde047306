/**
 * systemctl on a node (systemd 255, Ubuntu 24.04): status with its real layout, start, stop,
 * restart, enable/disable with their symlink messages, daemon-reload, is-active, is-enabled,
 * cat, list-units and list-unit-files. Changing units needs root.
 */
import type { Program, ProcessContext } from '../../shell/types.js';
import type { NodeHost } from '../node.js';
import type { ServiceState } from '../systemd/systemd.js';
import { normalize } from '../systemd/systemd.js';
import { readUnit, unitValue } from '../systemd/units.js';
import { isRoot, journalTime, systemdRelative, systemdTimespan, systemdTimestamp } from './common.js';

const CHANGES = new Set(['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'enable', 'disable', 'daemon-reload', 'mask', 'unmask', 'kill']);

export function systemctl(node: NodeHost): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const flags = new Set(args.filter((a) => a.startsWith('-')));
    const words = args.filter((a) => !a.startsWith('-'));
    const verb = words[0] ?? 'list-units';
    const units = words.slice(1);
    const out = (s: string) => ctx.stdout.write(s);
    const err = (s: string) => ctx.stderr.write(s);
    const sd = node.systemd;
    if (CHANGES.has(verb) && !isRoot(ctx.cred)) {
      if (verb === 'daemon-reload') err('Failed to reload daemon: Interactive authentication required.\n');
      else err(`Failed to ${verb} ${units.map(unitName).join(' ')}: Interactive authentication required.\nSee system logs and 'systemctl status ${units.map(unitName).join(' ')}' for details.\n`);
      return 1;
    }
    const needUnits = ['start', 'stop', 'restart', 'enable', 'disable', 'is-active', 'is-enabled', 'cat', 'try-restart', 'reload', 'mask', 'unmask', 'kill'];
    if (needUnits.includes(verb) && units.length === 0) {
      err(`Too few arguments.\n`);
      return 1;
    }
    switch (verb) {
      case 'status':
        return status(node, ctx, units);
      case 'start':
      case 'restart':
      case 'try-restart':
      case 'reload':
      case 'reload-or-restart': {
        let code = 0;
        for (const u of units) {
          if (sd.needsReload(u)) err(`Warning: The unit file, source configuration file or drop-ins of ${unitName(u)} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`);
          const e = verb === 'start' ? sd.start(u) : sd.restart(u);
          if (e) {
            err(`Failed to ${verb === 'try-restart' || verb === 'reload-or-restart' ? 'restart' : verb} ${unitName(u)}: ${e}\n`);
            code = 5;
          }
        }
        return code;
      }
      case 'stop':
      case 'kill':
        for (const u of units) {
          if (sd.needsReload(u)) err(`Warning: The unit file, source configuration file or drop-ins of ${unitName(u)} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`);
          const e = sd.stop(u);
          if (e) {
            err(`Failed to stop ${unitName(u)}: ${e}\n`);
            return 5;
          }
        }
        return 0;
      case 'enable':
      case 'disable': {
        for (const u of units) {
          if (sd.enablement(u) === 'not-found') {
            err(`Failed to ${verb} unit: Unit file ${unitName(u)} does not exist.\n`);
            return 1;
          }
          for (const line of verb === 'enable' ? sd.enable(u) : sd.disable(u)) err(`${line}\n`);
          if (flags.has('--now')) verb === 'enable' ? sd.start(u) : sd.stop(u);
        }
        return 0;
      }
      case 'daemon-reload':
        sd.daemonReload();
        return 0;
      case 'is-active': {
        let any = false;
        for (const u of units) {
          const s = sd.service(u);
          const state = s ? s.active : 'inactive';
          if (state === 'active') any = true;
          if (!flags.has('--quiet') && !flags.has('-q')) out(`${state}\n`);
        }
        return any ? 0 : 3;
      }
      case 'is-failed': {
        const s = sd.service(units[0] ?? '');
        out(`${s?.active ?? 'inactive'}\n`);
        return s?.active === 'failed' ? 0 : 1;
      }
      case 'is-enabled': {
        let code = 1;
        for (const u of units) {
          const e = sd.enablement(u);
          if (e === 'not-found') {
            err(`Failed to get unit file state for ${unitName(u)}: No such file or directory\n`);
            continue;
          }
          out(`${e}\n`);
          if (e === 'enabled' || e === 'static') code = 0;
        }
        return code;
      }
      case 'cat':
        return cat(node, ctx, units);
      case 'list-units':
        return listUnits(node, ctx, flags.has('--all') || flags.has('-a'), flags.has('--failed') || args.includes('--state=failed'));
      case 'list-unit-files':
        return listUnitFiles(node, ctx);
      case 'show': {
        const s = sd.service(units[0] ?? '');
        if (!s) return 0;
        const prop = args.find((a) => a.startsWith('--property=') || a.startsWith('-p'));
        const fields: Record<string, string> = { Id: `${s.name}.service`, ActiveState: s.active, SubState: s.sub, MainPID: String(s.pid ?? 0), UnitFileState: sd.enablement(s.name), FragmentPath: s.loaded?.path ?? '', ExecMainStatus: String(s.lastExit?.code ?? 0) };
        const wanted = prop ? prop.replace(/^--property=|^-p/, '').split(',') : Object.keys(fields);
        for (const k of wanted) if (fields[k] !== undefined) out(`${k}=${fields[k]}\n`);
        return 0;
      }
      default:
        err(`Unknown command verb '${verb}'.\n`);
        return 1;
    }
  };
}

function unitName(u: string): string {
  return u.endsWith('.service') ? u : `${u}.service`;
}

function bullet(s: ServiceState): string {
  if (s.active === 'failed') return '×';
  if (s.active === 'inactive') return '○';
  return '●';
}

function activeLine(s: ServiceState, now: number): string {
  const since = `since ${systemdTimestamp(s.since)}; ${systemdRelative(now - s.since)}`;
  if (s.active === 'active') return `active (running) ${since}`;
  if (s.active === 'activating') return `activating (auto-restart) (Result: ${s.result ?? 'exit-code'}) ${since}`;
  if (s.active === 'failed') return `failed (Result: ${s.result ?? 'exit-code'}) ${since}`;
  if (s.lastExit) return `inactive (dead) ${since}`;
  return 'inactive (dead)';
}

function exitStatus(code: number): string {
  if (code === 0) return 'status=0/SUCCESS';
  if (code === 203) return 'status=203/EXEC';
  return `status=${code}/FAILURE`;
}

/** Plausible resource figures for a service, growing with its uptime. */
function usage(s: ServiceState, now: number): { tasks: number; memory: string; peak: string; cpu: string } {
  const up = Math.max(0, now - (s.startedAt ?? now));
  const base = s.name === 'kubelet' ? 38 : s.name === 'containerd' ? 52 : 4;
  const mem = base + Math.min(30, up / 600000);
  return { tasks: s.name === 'kubelet' ? 12 : s.name === 'containerd' ? 11 : 1, memory: `${mem.toFixed(1)}M`, peak: `${(mem + 1.7).toFixed(1)}M`, cpu: systemdTimespan(Math.round(up * (s.name === 'kubelet' ? 0.011 : 0.004)) + 61) };
}

function status(node: NodeHost, ctx: ProcessContext, units: string[]): number {
  const sd = node.systemd;
  const now = node.clock.now();
  const names = units.length ? units : ['kubelet'];
  let code = 0;
  names.forEach((u, i) => {
    const s = sd.service(u);
    if (!s || !s.loaded) {
      ctx.stderr.write(`Unit ${unitName(u)} could not be found.\n`);
      code = 4;
      return;
    }
    if (i > 0) ctx.stdout.write('\n');
    const lines: string[] = [];
    const desc = sd.description(s);
    lines.push(`${bullet(s)} ${s.name}.service - ${desc}`);
    const enable = sd.enablement(s.name);
    lines.push(`     Loaded: loaded (${s.loaded.path}; ${enable}; preset: enabled)`);
    for (const [j, d] of s.loaded.dropIns.entries()) {
      lines.push(`${j === 0 ? '    Drop-In: ' : '             '}${d.dir}`);
      lines.push(`             └─${d.files.join(', ')}`);
    }
    lines.push(`     Active: ${activeLine(s, now)}`);
    if (s.active === 'inactive' && s.lastExit && s.startedAt !== undefined) lines.push(`   Duration: ${systemdTimespan(s.lastExit.at - s.startedAt)}`);
    const docs = unitValue(s.loaded, 'Unit', 'Documentation');
    if (docs) lines.push(`       Docs: ${docs}`);
    const u2 = usage(s, now);
    if (s.active === 'active' && s.pid) {
      lines.push(`   Main PID: ${s.pid} (${(s.argv?.[0] ?? s.name).split('/').pop()})`);
      lines.push(`      Tasks: ${u2.tasks} (limit: 4599)`);
      lines.push(`     Memory: ${u2.memory} (peak: ${u2.peak})`);
      lines.push(`        CPU: ${u2.cpu}`);
      lines.push(`     CGroup: /system.slice/${s.name}.service`);
      lines.push(`             └─${s.pid} ${(s.argv ?? []).join(' ')}`);
    } else if (s.lastExit && s.lastPid) {
      lines.push(`    Process: ${s.lastPid} ExecStart=${s.execLine ?? ''} (code=exited, ${exitStatus(s.lastExit.code)})`);
      lines.push(`   Main PID: ${s.lastPid} (code=exited, ${exitStatus(s.lastExit.code)})`);
      lines.push(`        CPU: ${s.lastExit.code === 0 ? u2.cpu : '61ms'}`);
    }
    ctx.stdout.write(lines.join('\n') + '\n');
    const entries = node.journal.read({ unit: s.name }).slice(-10);
    if (entries.length) {
      ctx.stdout.write('\n');
      for (const e of entries) ctx.stdout.write(`${journalTime(e.at)} ${node.hostname} ${e.ident}[${e.pid}]: ${e.message}\n`);
    }
    if (sd.needsReload(s.name)) ctx.stderr.write(`Warning: The unit file, source configuration file or drop-ins of ${s.name}.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n`);
    if (s.active !== 'active' && code === 0) code = 3;
  });
  return code;
}

function cat(node: NodeHost, ctx: ProcessContext, units: string[]): number {
  for (const [i, u] of units.entries()) {
    const f = readUnit(node.fs, normalize(u));
    if (!f) {
      ctx.stderr.write(`No files found for ${unitName(u)}.\n`);
      return 1;
    }
    if (i > 0) ctx.stdout.write('\n');
    ctx.stdout.write(`# ${f.path}\n${node.fs.readFileIfExists(f.path) ?? ''}`);
    for (const d of f.dropIns) for (const file of d.files) ctx.stdout.write(`\n# ${d.dir}/${file}\n${node.fs.readFileIfExists(`${d.dir}/${file}`) ?? ''}`);
  }
  return 0;
}

function listUnits(node: NodeHost, ctx: ProcessContext, all: boolean, failedOnly: boolean): number {
  const sd = node.systemd;
  const rows = sd
    .list()
    .filter((s) => s.loaded && (all || s.active !== 'inactive'))
    .filter((s) => !failedOnly || s.active === 'failed')
    .map((s) => ({ mark: s.active === 'failed' ? '●' : ' ', unit: `${s.name}.service`, load: 'loaded', active: s.active, sub: s.sub, desc: sd.description(s) }));
  const w = (k: 'unit' | 'load' | 'active' | 'sub', title: string) => Math.max(title.length, ...rows.map((r) => r[k].length));
  const wu = w('unit', 'UNIT');
  const wl = w('load', 'LOAD');
  const wa = w('active', 'ACTIVE');
  const ws = w('sub', 'SUB');
  ctx.stdout.write(`  ${'UNIT'.padEnd(wu)} ${'LOAD'.padEnd(wl)} ${'ACTIVE'.padEnd(wa)} ${'SUB'.padEnd(ws)} DESCRIPTION\n`);
  for (const r of rows) ctx.stdout.write(`${r.mark} ${r.unit.padEnd(wu)} ${r.load.padEnd(wl)} ${r.active.padEnd(wa)} ${r.sub.padEnd(ws)} ${r.desc}\n`);
  ctx.stdout.write(`\nLegend: LOAD   → Reflects whether the unit definition was properly loaded.\n        ACTIVE → The high-level unit activation state, i.e. generalization of SUB.\n        SUB    → The low-level unit activation state, values depend on unit type.\n\n${rows.length} loaded units listed.${all ? '' : ' Pass --all to see loaded but inactive units, too.'}\nTo show all installed unit files use 'systemctl list-unit-files'.\n`);
  return 0;
}

function listUnitFiles(node: NodeHost, ctx: ProcessContext): number {
  const sd = node.systemd;
  const names = sd.knownUnits();
  const w = Math.max(9, ...names.map((n) => n.length + 8));
  ctx.stdout.write(`${'UNIT FILE'.padEnd(w)} STATE    PRESET \n`);
  for (const n of names) ctx.stdout.write(`${`${n}.service`.padEnd(w)} ${sd.enablement(n).padEnd(8)} enabled\n`);
  ctx.stdout.write(`\n${names.length} unit files listed.\n`);
  return 0;
}
