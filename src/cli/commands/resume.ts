/**
 * `kubedrill resume [ID|FILE]`: continues the last unfinished session (or the one named) by
 * replaying its transcript into a fresh simulation with the same seed, then goes on with the
 * clock where it stood. Graded sessions are finished and not offered.
 */
import { existsSync } from 'node:fs';
import { parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { kubedrillHome, latestUnfinished, loadSession, sessionPath, SessionFileError, type SessionFile } from '../../session/persist.js';
import { loadBundle, needsTerminal, openScreen } from './exam.js';

function find(ref: string | undefined, io: CliIO): SessionFile | undefined {
  const home = kubedrillHome();
  if (ref === undefined) {
    const last = latestUnfinished(home);
    if (!last) io.stderr.write('kubedrill resume: no unfinished session to resume (start one with `kubedrill exam NAME` or `kubedrill practice NAME`)\n');
    return last?.file;
  }
  const path = existsSync(ref) ? ref : sessionPath(home, ref);
  try {
    const file = loadSession(path);
    if (file.done) {
      io.stderr.write(`kubedrill resume: session ${file.id} is finished (graded)${file.report ? `; its report is ${file.report.text}` : ''}\n`);
      return undefined;
    }
    return file;
  } catch (e) {
    if (!(e instanceof SessionFileError)) throw e;
    io.stderr.write(`kubedrill resume: ${existsSync(path) ? e.message : `no session ${ref}`}\n`);
    return undefined;
  }
}

export async function resumeCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, []);
  if (args.positionals.length > 1) throw new UsageError('resume takes at most one session id or file');
  const refused = needsTerminal('resume', io);
  if (refused !== undefined) return refused;
  const saved = find(args.positionals[0], io);
  if (!saved) return 1;
  const bundle = loadBundle(saved.bundle, saved.dirs, io, 'resume');
  if (!bundle) return 1;
  return openScreen(io, { bundle, mode: saved.mode, dirs: saved.dirs, resume: saved });
}
