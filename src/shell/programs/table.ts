/** A ProgramTable from a plain record: name → program, installed under /usr/bin unless told. */
import type { Program, ProgramTable } from '../types.js';

export type ProgramEntry = Program | { program: Program; path: string };

export class StaticProgramTable implements ProgramTable {
  private readonly entries = new Map<string, { program: Program; path: string }>();

  constructor(entries: Record<string, ProgramEntry> = {}, directory = '/usr/bin') {
    for (const [name, e] of Object.entries(entries)) {
      this.entries.set(name, typeof e === 'function' ? { program: e, path: `${directory}/${name}` } : e);
    }
  }

  get(name: string): Program | undefined {
    return this.entries.get(name)?.program;
  }

  pathOf(name: string): string | undefined {
    return this.entries.get(name)?.path;
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** A table with this one's programs plus (or overridden by) `more`. */
  with(more: Record<string, ProgramEntry>): StaticProgramTable {
    const t = new StaticProgramTable();
    for (const [k, v] of this.entries) t.entries.set(k, v);
    for (const [k, v] of new StaticProgramTable(more).entries) t.entries.set(k, v);
    return t;
  }
}
