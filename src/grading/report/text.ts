/** The report as a candidate reads it: score, pass or fail, domains, every check with expected/found, solutions. */
import type { Report } from '../grade.js';

const pct = (n: number) => `${n.toFixed(1)} %`;

export function textReport(r: Report, opts: { solutions?: boolean } = {}): string {
  const out: string[] = [];
  out.push(`${r.title} — report`, `Graded at ${r.gradedAt}`, '');
  out.push(`Score: ${pct(r.score)} (pass mark ${r.passMark} %) — ${r.passed ? 'PASS' : 'FAIL'}`, '');
  out.push('Domains');
  const width = Math.max(...r.domains.map((d) => d.domain.length), 6);
  for (const d of r.domains) out.push(`  ${d.domain.padEnd(width)}  ${pct(d.score).padStart(7)}  (weight ${d.weight})`);
  for (const t of r.tasks) {
    out.push('', `Task ${t.number}: ${t.title}  [${t.scenario}/${t.id}, ${t.domain}, weight ${t.weight}]  ${pct(100 * t.score)}`);
    for (const c of t.checks) {
      out.push(`  ${c.passed ? '✓' : '✗'} ${c.title}${c.weight !== 1 ? ` (weight ${c.weight})` : ''}`);
      if (!c.passed) {
        out.push(`      expected: ${c.expected}`, `      found:    ${c.found}`);
        if (c.hint) out.push(`      hint:     ${c.hint}`);
      }
    }
    if (opts.solutions !== false && t.solution) {
      out.push('  Solution:', ...t.solution.replace(/\n$/, '').split('\n').map((l) => `    ${l}`));
      if (t.explanation) out.push('  Why:', ...t.explanation.replace(/\n$/, '').split('\n').map((l) => `    ${l}`));
    }
  }
  return out.join('\n') + '\n';
}
