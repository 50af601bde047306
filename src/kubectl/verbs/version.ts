/** kubectl version: client and server versions (the server's from the apiserver's image tag). */
import { flagBool, flagString } from '../flags/index.js';
import type { KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { binaryVersion } from '../../ops/packages/dpkg.js';
import { toYaml } from '../../util/yaml-emit.js';

export const CLIENT_VERSION = 'v1.33.2';
export const KUSTOMIZE_VERSION = 'v5.6.0';

export const versionCommand: KubectlCommand = {
  path: ['version'],
  help: {
    short: 'Print the client and server version information',
    long: 'Print the client and server version information for the current context.',
    examples: '# Print the client and server versions for the current context\nkubectl version',
    use: '',
    flagsInUse: true,
  },
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  run(inv) {
    const output = flagString(inv.flags, 'output');
    if (output && output !== 'yaml' && output !== 'json') throw usageError(`--output must be 'yaml' or 'json'`);
    // The installed binary's version: a package upgrade of kubectl on a node changes it.
    const clientVersion = binaryVersion(inv.proc.host.fs, 'kubectl') ?? CLIENT_VERSION;
    const client = { major: '1', minor: clientVersion.split('.')[1]!, gitVersion: clientVersion, gitCommit: 'a4d9a7d1d7a7b3f9ad1a8b5c2e4a3f0c1b2d3e4f', gitTreeState: 'clean', buildDate: '2025-06-17T18:36:28Z', goVersion: 'go1.24.4', compiler: 'gc', platform: 'linux/amd64' };
    let server: string | undefined;
    let serverError: KubectlError | undefined;
    if (!flagBool(inv.flags, 'client')) {
      try {
        server = inv.kctx.cluster().spec.version;
        inv.kctx.client();
      } catch (e) {
        if (e instanceof KubectlError) serverError = e;
        else throw e;
      }
    }
    if (output === 'json' || output === 'yaml') {
      const doc: Record<string, unknown> = { clientVersion: client, kustomizeVersion: KUSTOMIZE_VERSION };
      if (server) doc['serverVersion'] = { ...client, minor: server.split('.')[1], gitVersion: server };
      // sigs.k8s.io/yaml's output, then Fprintln's newline (a blank line after the document)
      inv.out.write(output === 'json' ? JSON.stringify(doc, null, 2) + '\n' : toYaml(doc) + '\n');
    } else {
      inv.out.write(`Client Version: ${clientVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (server && !serverError) inv.out.write(`Server Version: ${server}\n`);
    }
    if (serverError) throw serverError;
    return 0;
  },
};
