/** `kubedrill list`: the scenarios and exams on offer, with tags, domains and durations. */
import { parseArgs, opt } from '../args.js';
import { openCatalog } from '../catalog.js';
import type { CliIO } from '../io.js';
import { resolveBundle } from '../../scenario/bundle.js';

export async function listCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [{ name: 'dir', value: true, repeat: true }, { name: 'tag', value: true }]);
  const { catalog, errors } = openCatalog({ dirs: args.options.get('dir') ?? [], builtin: true });
  const tag = opt(args, 'tag');
  const rows: string[][] = [['NAME', 'KIND', 'TASKS', 'DURATION', 'DOMAINS', 'TAGS', 'TITLE']];
  const names = [...catalog.exams.keys(), ...catalog.scenarios.keys()];
  for (const name of names) {
    let bundle;
    try {
      bundle = resolveBundle(catalog, name);
    } catch {
      continue;
    }
    const tags = bundle.kind === 'exam' ? (catalog.exams.get(name)!.doc.metadata.tags ?? []) : (catalog.scenarios.get(name)!.doc.metadata.tags ?? []);
    if (tag && !tags.includes(tag)) continue;
    const domains = [...new Set(bundle.tasks.map((t) => t.domain))].join(', ');
    rows.push([name, bundle.kind, String(bundle.tasks.length), `${Math.round(bundle.durationSeconds / 60)}m`, domains, tags.join(','), bundle.title]);
  }
  io.stdout.write(table(rows));
  if (errors.length) io.stderr.write(`\n${errors.length} file problem(s) hidden: run \`kubedrill validate\` to see them.\n`);
  return 0;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('').trimEnd()).join('\n') + '\n';
}
