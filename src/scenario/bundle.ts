/**
 * What a session serves: one scenario, or an exam that bundles tasks from several, with the
 * answer keys attached. Task numbers, weights and domains are fixed here, for the screen and
 * for the report alike.
 */
import type { Catalog, Loaded } from './loader.js';
import type { GraderTask, Scenario } from './types.js';

export interface BundleTask {
  /** 1-based position in the session. */
  number: number;
  scenario: string;
  id: string;
  title: string;
  text: string;
  context: string;
  weight: number;
  domain: string;
  grader?: GraderTask;
}

export interface Bundle {
  name: string;
  title: string;
  kind: 'exam' | 'scenario';
  durationSeconds: number;
  passMark: number;
  domains?: Record<string, number>;
  scenarios: Loaded<Scenario>[];
  tasks: BundleTask[];
}

export const DEFAULT_PASS_MARK = 66;

export function parseDuration(text: string | undefined, fallbackSeconds: number): number {
  if (!text) return fallbackSeconds;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return fallbackSeconds;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

export class UnknownBundleError extends Error {}

export function resolveBundle(catalog: Catalog, name: string): Bundle {
  const exam = catalog.exams.get(name);
  if (exam) {
    const e = exam.doc;
    const scenarios: Loaded<Scenario>[] = [];
    const tasks: BundleTask[] = [];
    for (const ref of e.spec.tasks) {
      const s = catalog.scenarios.get(ref.scenario);
      if (!s) throw new UnknownBundleError(`exam "${name}" names unknown scenario "${ref.scenario}"`);
      if (!scenarios.includes(s)) scenarios.push(s);
      for (const t of s.doc.spec.tasks) if (!ref.task || ref.task === t.id) tasks.push(toTask(catalog, s, t.id, tasks.length + 1));
    }
    return { name, title: e.metadata.title ?? name, kind: 'exam', durationSeconds: parseDuration(e.spec.duration, 7200), passMark: e.spec.passMark ?? DEFAULT_PASS_MARK, domains: e.spec.domains, scenarios, tasks };
  }
  const s = catalog.scenarios.get(name);
  if (!s) {
    const known = [...catalog.exams.keys(), ...catalog.scenarios.keys()].sort();
    throw new UnknownBundleError(`unknown scenario or exam "${name}" (known: ${known.join(', ')})`);
  }
  return {
    name,
    title: s.doc.metadata.title ?? name,
    kind: 'scenario',
    durationSeconds: parseDuration(s.doc.spec.duration, 1800),
    passMark: DEFAULT_PASS_MARK,
    scenarios: [s],
    tasks: s.doc.spec.tasks.map((t, i) => toTask(catalog, s, t.id, i + 1)),
  };
}

function toTask(catalog: Catalog, s: Loaded<Scenario>, id: string, number: number): BundleTask {
  const t = s.doc.spec.tasks.find((x) => x.id === id)!;
  const grader = catalog.graders.get(s.doc.metadata.name)?.doc.spec.tasks.find((g) => g.id === id);
  return { number, scenario: s.doc.metadata.name, id, title: t.title, text: t.text, context: t.context, weight: t.weight, domain: t.domain, grader };
}
