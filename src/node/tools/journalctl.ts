/**
 * journalctl on a node: -u UNIT (repeatable), -n N, -e, -x (catalog explanations), -f
 * (follows for a while on the virtual clock), -r, --since/--until ("10 min ago", timestamps,
 * "today"), -o short|cat, --no-pager. Lines in the journal's short format.
 */
import type { Program } from '../../shell/types.js';
import type { NodeHost } from '../node.js';
import type { JournalEntry } from '../journal.js';
import { isRoot, journalTime } from './common.js';

/** Catalog texts systemd attaches to its own messages (journalctl -x). */
function catalog(e: JournalEntry): string[] | undefined {
  if (e.ident !== 'systemd') return undefined;
  const unit = `${e.unit}.service`;
  const head = (subject: string) => [`░░ Subject: ${subject}`, '░░ Defined-By: systemd', '░░ Support: http://www.ubuntu.com/support', '░░ '];
  const job = 1000 + (e.at % 9000);
  if (e.message.startsWith('Started ')) return [...head(`A start job for unit ${unit} has finished successfully`), `░░ A start job for unit ${unit} has finished successfully.`, '░░ ', `░░ The job identifier is ${job}.`];
  if (e.message.startsWith('Stopped ')) return [...head(`A stop job for unit ${unit} has finished`), `░░ A stop job for unit ${unit} has finished.`, '░░ ', `░░ The job identifier is ${job} and the job result is done.`];
  const exited = /Main process exited, code=exited, status=(\d+)/.exec(e.message);
  if (exited) return [...head('Unit process exited'), `░░ An ExecStart= process belonging to unit ${unit} has exited.`, '░░ ', `░░ The process' exit code is 'exited' and its exit status is ${exited[1]}.`];
  const failed = /Failed with result '([^']+)'/.exec(e.message);
  if (failed) return [...head('Unit failed'), `░░ The unit ${unit} has entered the 'failed' state with result '${failed[1]}'.`];
  if (e.message.includes('Scheduled restart job')) return [...head('Automatic restarting of a unit has been scheduled'), `░░ Automatic restarting of the unit ${unit} has been scheduled, as the result for`, '░░ the configured Restart= setting for the unit.'];
  if (e.message.includes('Deactivated successfully')) return [...head('Unit succeeded'), `░░ The unit ${unit} has successfully entered the 'dead' state.`];
  return undefined;
}

/** "10 min ago", "-1h", "2026-01-01 09:00:00", "today", "yesterday", "now". */
export function parseSince(text: string, now: number): number | undefined {
  const t = text.trim();
  if (t === 'now') return now;
  const day = Math.floor(now / 86_400_000) * 86_400_000;
  if (t === 'today') return day;
  if (t === 'yesterday') return day - 86_400_000;
  if (t === 'tomorrow') return day + 86_400_000;
  const rel = /^(?:-\s*)?(\d+)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hour|hours|d|day|days|w|week|weeks)(?:\s+ago)?$/.exec(t);
  if (rel && (t.startsWith('-') || t.endsWith('ago'))) {
    const unit = rel[2]!;
    const mult = unit.startsWith('s') ? 1 : unit.startsWith('mi') || unit === 'm' ? 60 : unit.startsWith('h') ? 3600 : unit.startsWith('d') ? 86400 : 604800;
    return now - Number(rel[1]) * mult * 1000;
  }
  const abs = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (abs) return Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]), Number(abs[4] ?? 0), Number(abs[5] ?? 0), Number(abs[6] ?? 0));
  const hm = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (hm) return day + (Number(hm[1]) * 3600 + Number(hm[2]) * 60 + Number(hm[3] ?? 0)) * 1000;
  return undefined;
}

export function journalctl(node: NodeHost): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    const units: string[] = [];
    let lines: number | undefined;
    let follow = false;
    let explain = false;
    let reverse = false;
    let output = 'short';
    let since: number | undefined;
    let until: number | undefined;
    const now = node.clock.now();
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
      if (a === '-u' || a.startsWith('--unit')) units.push(value() ?? '');
      else if (/^-u.+/.test(a)) units.push(a.slice(2));
      else if (a === '-n' || a.startsWith('--lines')) {
        const next = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
        if (next !== undefined && /^\d+$/.test(next)) {
          lines = Number(next);
          if (!a.includes('=')) i++;
        } else lines = 10;
      } else if (/^-n\d+$/.test(a)) lines = Number(a.slice(2));
      else if (a === '-f' || a === '--follow') follow = true;
      else if (a === '-r' || a === '--reverse') reverse = true;
      else if (a === '-o' || a.startsWith('--output')) output = value() ?? 'short';
      else if (a === '-S' || a.startsWith('--since')) {
        const v = value() ?? '';
        since = parseSince(v, now);
        if (since === undefined) {
          ctx.stderr.write(`Failed to parse timestamp: ${v}\n`);
          return 1;
        }
      } else if (a === '-U' || a.startsWith('--until')) until = parseSince(value() ?? '', now);
      else if (/^-[a-zA-Z]+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (f === 'x') explain = true;
          else if (f === 'e') lines ??= 1000;
          else if (f === 'f') follow = true;
          else if (f === 'r') reverse = true;
          else if (f === 'u') units.push(args[++i] ?? '');
        }
      }
    }
    if (!isRoot(ctx.cred)) {
      ctx.stdout.write("Hint: You are currently not seeing messages from other users and the system.\n      Users in groups 'adm', 'systemd-journal' can see all messages.\n      Pass -q to turn off this notice.\n");
      ctx.stdout.write('-- No entries --\n');
      return 0;
    }
    const wanted = units.map((u) => u.replace(/\.service$/, ''));
    const select = (e: JournalEntry) => (wanted.length === 0 || wanted.includes(e.unit)) && (since === undefined || e.at >= since) && (until === undefined || e.at <= until);
    let entries = node.journal.read().filter(select);
    if (follow && lines === undefined) lines = 10;
    if (lines !== undefined) entries = entries.slice(Math.max(0, entries.length - lines));
    if (reverse) entries = [...entries].reverse();
    const format = (e: JournalEntry): string => {
      const base = output === 'cat' ? e.message : `${journalTime(e.at)} ${node.hostname} ${e.ident}[${e.pid}]: ${e.message}`;
      const extra = explain ? catalog(e) : undefined;
      return extra ? `${base}\n${extra.join('\n')}` : base;
    };
    if (entries.length === 0 && !follow) {
      ctx.stdout.write('-- No entries --\n');
      return 0;
    }
    for (const e of entries) ctx.stdout.write(`${format(e)}\n`);
    if (!follow) return 0;
    // Follow: show new entries as virtual time passes, until interrupted (bounded headless).
    let seen = node.journal.read().length;
    for (let i = 0; i < 60 && !ctx.signal.aborted; i++) {
      await ctx.sleep(1);
      const all = node.journal.read();
      for (const e of all.slice(seen)) if (select(e)) ctx.stdout.write(`${format(e)}\n`);
      seen = all.length;
    }
    return 0;
  };
}
