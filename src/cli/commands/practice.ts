/**
 * `kubedrill practice [SCENARIO]`: untimed, with `check` (grade now, go on), `hint` and
 * `solution` per task, as keys (F8, F9, F11) or typed commands. Without a name (and as plain
 * `kubedrill`, which `npm start` runs) it opens the default practice exam.
 */
import type { CliIO } from '../io.js';
import { screenCommand } from './exam.js';

export const DEFAULT_PRACTICE = 'cka-practice';

export async function practiceCommand(argv: string[], io: CliIO): Promise<number> {
  return screenCommand('practice', argv, io, DEFAULT_PRACTICE);
}
