/**
 * The JSON report (documented in docs/authoring.md): {reportVersion, name, title, score,
 * passMark, passed, gradedAt, domains[], tasks[{number, scenario, id, title, domain, weight,
 * score, checks[{title, weight, passed, expected, found, hint}], solution, explanation}]}.
 */
import type { Report } from '../grade.js';

export function jsonReport(r: Report): string {
  return JSON.stringify({ reportVersion: 1, ...r }, null, 2) + '\n';
}
