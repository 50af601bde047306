/**
 * Candidate sessions for transcript tests: a scenario (shipped, or from extra directories) booted
 * as `kubedrill run` boots it, lines typed one by one, output captured as the terminal shows it.
 */
import { openCatalog } from '../../src/cli/catalog.js';
import { resolveBundle } from '../../src/scenario/bundle.js';
import { Session } from '../../src/session/session.js';
import type { CommandResult } from '../../src/grading/context.js';

export interface Candidate {
  session: Session;
  /** Types one line and returns what it printed. */
  type(line: string): Promise<CommandResult>;
  /** Types one line and returns its standard output; fails the test when it exits non-zero. */
  ok(line: string): Promise<string>;
}

export function candidate(name: string, dirs: string[] = []): Candidate {
  const { catalog, errors } = openCatalog({ dirs, builtin: true });
  if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'));
  const session = new Session(resolveBundle(catalog, name));
  const type = (line: string) => session.capture(line);
  const ok = async (line: string) => {
    const r = await type(line);
    if (r.status !== 0) throw new Error(`\`${line}\` exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  };
  return { session, type, ok };
}

/** The rows of a kubectl table whose first column matches, split into columns at whitespace. */
export function rows(table: string, first: RegExp): string[][] {
  return table
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/).filter(Boolean))
    .filter((cols) => cols.length > 0 && first.test(cols[0]!));
}
