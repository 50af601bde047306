/**
 * Container programs the exec side adds to the node's: tar (which `kubectl cp` runs) and the
 * workstation's synchronous text tools (sort, uniq, tr, cut, ...).
 */
import type { CommandFn } from '../../node/apps/script/interpreter.js';
import { HOST_TOOLS } from './host-tools.js';
import { tar } from './tar.js';

export const EXEC_COMMANDS: Record<string, CommandFn> = { ...HOST_TOOLS, tar };
