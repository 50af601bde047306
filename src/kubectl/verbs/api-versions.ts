/** kubectl api-versions: every group/version the server serves, sorted. */
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { memcacheLine } from '../discovery-errors.js';
import { discover } from './discovery.js';

const REFUSED = /^The connection to the server (\S+) was refused/;

export const apiVersionsCommand: KubectlCommand = {
  path: ['api-versions'],
  help: {
    short: 'Print the supported API versions on the server, in the form of "group/version"',
    long: 'Print the supported API versions on the server, in the form of "group/version".',
    examples: '# Print the supported API versions\nkubectl api-versions',
    use: '[options]',
  },
  flags: [],
  run: runApiVersions,
};

function runApiVersions(inv: Invocation): number {
  if (inv.args.length) throw usageError(`unexpected arguments: [${inv.args.join(' ')}]\nSee 'kubectl api-versions -h' for help and examples`);
  let api;
  try {
    api = inv.kctx.cluster().api;
    inv.kctx.client();
  } catch (e) {
    const refused = e instanceof KubectlError ? REFUSED.exec(e.message) : null;
    if (!refused) throw e;
    // ServerGroups fails once, then kubectl words the failure itself.
    const hostPort = refused[1]!;
    inv.err.write(memcacheLine(inv.kctx.now(), 4000 + (inv.proc.argv.length % 997), hostPort) + '\n');
    throw usageError(`couldn't get available api versions from server: Get "https://${hostPort}/api?timeout=32s": dial tcp ${hostPort}: connect: connection refused`);
  }
  inv.out.write(discover(api).groupVersions.map((gv) => gv + '\n').join(''));
  return 0;
}
