/** Programs the shell itself provides, used when a host's table has none by that name. */
import { StaticProgramTable } from './table.js';
import { clear } from './clear.js';
import { editor } from './editors.js';
import { env, which } from './env.js';
import { hostname, whoami } from './identity.js';
import { sleep } from './sleep.js';

export function shellPrograms(): StaticProgramTable {
  return new StaticProgramTable({
    clear,
    env,
    hostname: { program: hostname, path: '/usr/bin/hostname' },
    nano: editor,
    sleep,
    vi: editor,
    vim: editor,
    which,
    whoami,
  });
}

export { StaticProgramTable };
