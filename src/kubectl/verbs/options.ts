/** kubectl options: the global command-line options every command accepts. */
import { globalFlags, renderOptions } from '../flags/index.js';
import type { KubectlCommand } from '../command.js';

export const optionsCommand: KubectlCommand = {
  path: ['options'],
  help: {
    short: 'Print the list of flags inherited by all commands',
    long: 'Print the list of flags inherited by all commands',
    examples: '# Print flags inherited by all commands\nkubectl options',
    use: '[options]',
  },
  flags: [],
  discovery: 'none',
  run(inv) {
    inv.out.write(renderOptions(globalFlags(inv.proc.account.home)));
    return 0;
  },
};
