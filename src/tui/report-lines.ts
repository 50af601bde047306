/**
 * The report screen's content as tagged lines: score and verdict, the per-domain breakdown,
 * every task with each check (✓/✗, expected and found), the reference solutions, and where the
 * report files were written. Tones become colours only where colours are allowed.
 */
import type { Report } from '../grading/grade.js';
import { wrapRow } from './text-width.js';

export type ReportTone = 'title' | 'heading' | 'ok' | 'bad' | 'warn' | 'dim' | 'code';

export interface ReportLine {
  text: string;
  tone?: ReportTone;
}

const pct = (n: number) => `${n.toFixed(1)} %`;

export function reportLines(r: Report, opts: { practice?: boolean; reason?: 'time' | 'user'; paths?: { text: string; json: string } } = {}): ReportLine[] {
  const out: ReportLine[] = [];
  out.push({ text: `${r.title} — ${opts.practice ? 'practice ' : ''}report`, tone: 'title' });
  if (opts.reason === 'time') out.push({ text: 'Time is up.', tone: 'warn' });
  out.push({ text: `Score ${pct(r.score)} — pass mark ${r.passMark} % — ${r.passed ? 'PASS' : 'FAIL'}`, tone: r.passed ? 'ok' : 'bad' });
  if (opts.paths) out.push({ text: `Report written to ${opts.paths.text} (and .json)`, tone: 'dim' });
  out.push({ text: '' }, { text: 'Domains', tone: 'heading' });
  const width = Math.max(6, ...r.domains.map((d) => d.domain.length));
  for (const d of r.domains) out.push({ text: `  ${d.domain.padEnd(width)}  ${pct(d.score).padStart(7)}  (weight ${d.weight})`, tone: d.score >= r.passMark ? undefined : 'warn' });
  for (const t of r.tasks) {
    out.push({ text: '' });
    out.push({ text: `Task ${t.number}: ${t.title}  [${t.domain}, weight ${t.weight}]  ${pct(100 * t.score)}`, tone: 'heading' });
    for (const c of t.checks) {
      out.push({ text: `  ${c.passed ? '✓' : '✗'} ${c.title}${c.weight !== 1 ? ` (weight ${c.weight})` : ''}`, tone: c.passed ? 'ok' : 'bad' });
      out.push({ text: `      expected: ${c.expected}`, tone: 'dim' }, { text: `      found:    ${c.found}`, tone: c.passed ? 'dim' : undefined });
      if (!c.passed && c.hint) out.push({ text: `      hint:     ${c.hint}`, tone: 'dim' });
    }
    if (t.solution) {
      out.push({ text: '  Reference solution:', tone: 'heading' });
      for (const l of t.solution.replace(/\n$/, '').split('\n')) out.push({ text: `    ${l}`, tone: 'code' });
    }
    if (t.explanation) {
      out.push({ text: '  Why:', tone: 'heading' });
      for (const l of t.explanation.replace(/\n$/, '').split('\n')) out.push({ text: `    ${l}` });
    }
  }
  out.push({ text: '' }, { text: '↑/↓ PgUp/PgDn Home/End scroll · q quits', tone: 'dim' });
  return out;
}

/** Lines wrapped to the screen width, each row keeping its line's tone. */
export function wrapReport(lines: readonly ReportLine[], width: number): ReportLine[] {
  return lines.flatMap((l) => wrapRow(l.text, width).map((text) => ({ text, tone: l.tone })));
}
