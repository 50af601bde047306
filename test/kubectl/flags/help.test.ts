import { describe, expect, it } from 'vitest';
import { globalFlags, renderHelp, renderOptions } from '../../../src/kubectl/flags/index.js';
import type { CommandHelp } from '../../../src/kubectl/flags/index.js';
import { NO_KUBECTL, hasKubectl, kubectl } from '../oracle.js';
import { SCALE_HELP } from './tables.js';

describe('help rendering', () => {
  it('lays out description, examples, options, usage and the footer', () => {
    const help: CommandHelp = {
      path: 'kubectl demo',
      short: 'Demo a thing',
      examples: '# Demo it\nkubectl demo x\n\n# Again\nkubectl demo y',
      use: 'NAME',
      flags: [
        { name: 'zeta', type: 'bool', usage: 'Last by name' },
        { name: 'alpha', shorthand: 'a', type: 'string', default: 'x', usage: 'First by name' },
        { name: 'secret', type: 'bool', hidden: true, usage: 'Hidden' },
        { name: 'items', type: 'stringArray', default: ['a', 'b'], usage: 'A list' },
      ],
    };
    expect(renderHelp(help)).toBe(
      'Demo a thing\n\nExamples:\n  # Demo it\n  kubectl demo x\n  \n  # Again\n  kubectl demo y\n\nOptions:\n' +
        "    -a, --alpha='x':\n\tFirst by name\n\n    --items=[a,b]:\n\tA list\n\n    --zeta=false:\n\tLast by name\n\n" +
        'Usage:\n  kubectl demo NAME [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
    );
  });

  it('lists subcommands padded as cobra pads them', () => {
    const text = renderHelp({
      path: 'kubectl create secret',
      short: 'Create a secret using a specified subcommand.',
      use: '',
      runnable: false,
      flags: [],
      subcommands: [{ title: 'Available Commands:', commands: [{ name: 'docker-registry', short: 'Create a secret for use with a Docker registry' }, { name: 'generic', short: 'Create a secret from a local file, directory, or literal value' }] }],
    });
    expect(text).toBe(
      'Create a secret using a specified subcommand.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n\nUse "kubectl create secret <command> --help" for more information about a given command.\n',
    );
  });
});

describe.skipIf(!hasKubectl())('help against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);

  it('kubectl scale --help', async () => {
    const real = await kubectl(['scale', '--help']);
    expect(renderHelp(SCALE_HELP)).toBe(real.stdout);
  });

  it('kubectl options', async () => {
    const real = await kubectl(['options'], { env: { HOME: '/root' } });
    expect(renderOptions(globalFlags('/root'))).toBe(real.stdout);
  });
});
