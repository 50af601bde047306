/** `kubeadm version [-o short|json|yaml]`: the build information of the installed binary. */
import type { ProcessContext } from '../../shell/types.js';
import { release } from '../releases.js';

export function printVersion(ctx: ProcessContext, version: string, output: string): number {
  const r = release(version);
  const [, major = '1', minor = '0'] = /^v(\d+)\.(\d+)/.exec(version) ?? [];
  const info = {
    major,
    minor,
    gitVersion: version,
    gitCommit: r?.commit ?? '',
    gitTreeState: 'clean',
    buildDate: r?.buildDate ?? '',
    goVersion: r?.goVersion ?? '',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
  switch (output) {
    case '':
      ctx.stdout.write(
        `kubeadm version: &version.Info{Major:"${major}", Minor:"${minor}", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${info.gitVersion}", GitCommit:"${info.gitCommit}", GitTreeState:"clean", BuildDate:"${info.buildDate}", GoVersion:"${info.goVersion}", Compiler:"gc", Platform:"linux/amd64"}\n`,
      );
      return 0;
    case 'short':
      ctx.stdout.write(`${version}\n`);
      return 0;
    case 'json':
      ctx.stdout.write(JSON.stringify({ clientVersion: info }, null, 2) + '\n');
      return 0;
    case 'yaml':
      ctx.stdout.write('clientVersion:\n' + Object.entries(info).map(([k, v]) => `  ${k}: ${/^[0-9]+$/.test(v) || v.includes(':') ? `"${v}"` : v}`).join('\n') + '\n\n');
      return 0;
    default:
      ctx.stderr.write(`invalid output format: ${output}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
      return 1;
  }
}
