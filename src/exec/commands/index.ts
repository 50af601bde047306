/** Container programs kubectl's exec-based commands rely on (`kubectl cp` needs tar). */
import type { CommandFn } from '../../node/apps/script/interpreter.js';
import { tar } from './tar.js';

export const EXEC_COMMANDS: Record<string, CommandFn> = { tar };
