/** `file` checks: answers written to files on a host, compared with text, patterns or live state. */
import { JSONPath } from 'jsonpath-plus';
import { resourceKey } from '../../api/registry.js';
import type { FileCheck } from '../../scenario/types.js';
import { CheckSetupError } from '../context.js';
import { show } from '../expect.js';
import { resolveResource } from './objects.js';
import type { CheckKind } from './types.js';

/** Trailing whitespace and blank lines do not count, as a human grader would not count them. */
export function normalise(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n+$/, '')
    .trim();
}

export const fileCheck: CheckKind<FileCheck['file']> = {
  kind: 'file',
  async evaluate(b, ctx) {
    const host = ctx.host(b.host);
    if (!host) throw new CheckSetupError(`unknown host "${b.host}"`);
    const content = host.fs.readFileIfExists(b.path);
    if (b.exists === false) return { passed: content === undefined, expected: `${b.path} not to exist`, found: content === undefined ? 'absent' : 'it exists' };
    if (content === undefined) return { passed: false, expected: `${b.path} on ${b.host}`, found: 'no such file' };
    if (b.contains !== undefined && !content.includes(b.contains)) return { passed: false, expected: `${b.path} to contain ${show(b.contains)}`, found: nearLines(content, b.contains) };
    if (b.matches !== undefined && !new RegExp(b.matches, 'm').test(content)) return { passed: false, expected: `${b.path} to match /${b.matches}/`, found: nearLines(content, b.matches) };
    if (b.equals !== undefined && normalise(content) !== normalise(b.equals)) return { passed: false, expected: show(normalise(b.equals)), found: excerpt(content) };
    if (b.equalsQuery) {
      const q = b.equalsQuery;
      const cluster = ctx.cluster(q.cluster);
      const info = resolveResource(cluster, q);
      const items = cluster.admin().list(resourceKey(info), info.namespaced ? q.namespace : undefined, { labelSelector: q.selector, fieldSelector: q.fieldSelector });
      let values = (JSONPath({ path: q.path, json: items, wrap: true }) as unknown[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      if (q.sort) values = values.sort();
      const want = values.join('\n');
      const got = q.sort ? normalise(content).split('\n').map((l) => l.trim()).sort().join('\n') : normalise(content);
      if (got !== normalise(want)) return { passed: false, expected: show(want), found: excerpt(content) };
    }
    if (b.equalsCommand) {
      if (!ctx.run) throw new CheckSetupError('command comparisons need the shell');
      const r = await ctx.run(b.equalsCommand.host ?? b.host, 'root', b.equalsCommand.run);
      if (normalise(content) !== normalise(r.stdout)) return { passed: false, expected: show(normalise(r.stdout)), found: excerpt(content) };
    }
    return { passed: true, expected: `${b.path} as required`, found: excerpt(content) };
  },
};

function excerpt(text: string): string {
  const t = normalise(text);
  return t.length === 0 ? 'an empty file' : show(t.length > 200 ? t.slice(0, 197) + '...' : t);
}

/**
 * The lines a candidate should look at when a pattern was not found: those holding the
 * pattern's longest word (`"ipv4_pools": ["192.168.0.0/16"]` for /"ipv4_pools":.../), or the
 * start of the file when no line does.
 */
export function nearLines(text: string, pattern: string): string {
  const words = pattern.replace(/\\./g, ' ').match(/[A-Za-z_][\w-]{2,}/g) ?? [];
  const key = words.sort((a, b) => b.length - a.length)[0];
  const hits = key ? text.split('\n').filter((l) => l.includes(key)) : [];
  if (hits.length === 0) return excerpt(text);
  const shown = hits.slice(0, 3).map((l) => show(l.trim())).join(', ');
  return `${hits.length === 1 ? 'the line' : 'the lines'} ${shown}${hits.length > 3 ? `, … (${hits.length} lines)` : ''}`;
}
