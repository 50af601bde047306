/**
 * The builtin registry: bash's own builtins, and the programs that need the shell's session
 * (sudo, su, ssh, bash), which are found through PATH like any file.
 */
import type { Builtin } from '../interpreter/runtime.js';
import { alias, unalias } from './alias.js';
import { bash, sh } from './bash.js';
import { cd, pwd } from './cd.js';
import { compgen, complete, compopt } from './complete.js';
import { declare, local, readonly } from './declare.js';
import { echo } from './echo.js';
import { exec } from './exec.js';
import { breakBuiltin, continueBuiltin, exit, logout, returnBuiltin, shift } from './exit.js';
import { exportBuiltin, unset } from './export.js';
import { history } from './history.js';
import { printf } from './printf.js';
import { read } from './read.js';
import { set, shopt } from './set.js';
import { evalBuiltin, source } from './source.js';
import { ssh } from './ssh.js';
import { su } from './su.js';
import { sudo } from './sudo.js';
import { bracket, test } from './test.js';
import { colon, falseBuiltin, hash, jobs, trap, trueBuiltin, ulimit, umask, wait } from './trivial.js';
import { builtin, command, type } from './type.js';

export function createBuiltins(): Map<string, Builtin> {
  return new Map<string, Builtin>([
    [':', colon],
    ['.', source],
    ['[', bracket],
    ['alias', alias],
    ['bash', bash],
    ['break', breakBuiltin],
    ['builtin', builtin],
    ['cd', cd],
    ['command', command],
    ['compgen', compgen],
    ['complete', complete],
    ['compopt', compopt],
    ['continue', continueBuiltin],
    ['declare', declare],
    ['echo', echo],
    ['eval', evalBuiltin],
    ['exec', exec],
    ['exit', exit],
    ['export', exportBuiltin],
    ['false', falseBuiltin],
    ['hash', hash],
    ['history', history],
    ['jobs', jobs],
    ['local', local],
    ['logout', logout],
    ['printf', printf],
    ['pwd', pwd],
    ['read', read],
    ['readonly', readonly],
    ['return', returnBuiltin],
    ['set', set],
    ['sh', sh],
    ['shift', shift],
    ['shopt', shopt],
    ['source', source],
    ['ssh', ssh],
    ['su', su],
    ['sudo', sudo],
    ['test', test],
    ['trap', trap],
    ['true', trueBuiltin],
    ['type', type],
    ['typeset', declare],
    ['ulimit', ulimit],
    ['umask', umask],
    ['unalias', unalias],
    ['unset', unset],
    ['wait', wait],
  ]);
}
