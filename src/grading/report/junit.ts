/** JUnit XML: one testsuite per task, one testcase per check, failures carry expected and found. */
import type { Report } from '../grade.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}

export function junitReport(r: Report): string {
  const total = r.tasks.reduce((n, t) => n + t.checks.length, 0);
  const failures = r.tasks.reduce((n, t) => n + t.checks.filter((c) => !c.passed).length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${esc(r.title)}" tests="${total}" failures="${failures}" errors="0" time="0">`];
  for (const t of r.tasks) {
    const f = t.checks.filter((c) => !c.passed).length;
    out.push(`  <testsuite name="Task ${t.number}: ${esc(t.title)}" tests="${t.checks.length}" failures="${f}" errors="0" skipped="0" time="0">`);
    out.push(`    <properties><property name="scenario" value="${esc(t.scenario)}"/><property name="domain" value="${esc(t.domain)}"/><property name="weight" value="${t.weight}"/><property name="score" value="${(100 * t.score).toFixed(1)}"/></properties>`);
    for (const c of t.checks) {
      const open = `    <testcase classname="${esc(`${t.scenario}.${t.id}`)}" name="${esc(c.title)}" time="0"`;
      if (c.passed) out.push(`${open}/>`);
      else {
        out.push(`${open}>`);
        out.push(`      <failure message="${esc(`expected ${c.expected}, found ${c.found}`)}" type="CheckFailed">${esc(`expected: ${c.expected}\nfound: ${c.found}${c.hint ? `\nhint: ${c.hint}` : ''}`)}</failure>`);
        out.push('    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
