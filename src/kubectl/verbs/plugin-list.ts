/**
 * kubectl plugin list: executables named kubectl-* in the directories of $PATH, with kubectl's
 * notices for non-executable plugins and plugins that shadow others.
 */
import { flagBool } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';

export const pluginListCommand: KubectlCommand = {
  path: ['plugin', 'list'],
  help: {
    short: "List all visible plugin executables on a user's PATH",
    long: `List all available plugin files on a user's PATH. To see plugins binary names without the full path use --name-only flag.

 Available plugin files are those that are: - executable - anywhere on the user's PATH - begin with "kubectl-"`,
    examples: '# List all available plugins\nkubectl plugin list\n\n# List only binary names of available plugins without paths\nkubectl plugin list --name-only',
    use: '[flags] [options]',
  },
  flags: [{ name: 'name-only', type: 'bool', usage: 'If true, display only the binary name of each plugin, rather than its full path' }],
  discovery: 'none',
  run: runPluginList,
};

function runPluginList(inv: Invocation): number {
  const fs = inv.proc.host.fs;
  const cred = inv.proc.cred;
  const dirs = [...new Set((inv.proc.env.get('PATH') ?? '').split(':'))];
  const plugins: string[] = [];
  for (const dir of dirs) {
    if (!dir.trim()) continue;
    let names: string[];
    try {
      names = fs.readdir(dir, cred);
    } catch {
      // The standard PATH directories exist on the exam's Ubuntu machines; the simulated
      // filesystem may lack some, which kubectl would report ("Unable to read directory").
      continue;
    }
    for (const n of names) if (n.startsWith('kubectl-') && !fs.isDir(`${dir}/${n}`, cred)) plugins.push(`${dir}/${n}`);
  }
  const errors: string[] = [];
  if (plugins.length) inv.out.write('The following compatible plugins are available:\n\n');
  else errors.push('error: unable to find any kubectl plugins in your PATH');
  let warnings = 0;
  const seen = new Map<string, string>();
  for (const p of plugins) {
    const base = p.slice(p.lastIndexOf('/') + 1);
    inv.out.write(`${flagBool(inv.flags, 'name-only') ? base : p}\n`);
    const problems: string[] = [];
    if ((fs.stat(p, cred).mode & 0o111) === 0) problems.push(`warning: ${p} identified as a kubectl plugin, but it is not executable`);
    const earlier = seen.get(base);
    if (earlier) problems.push(`warning: ${p} is overshadowed by a similarly named plugin: ${earlier}`);
    else seen.set(base, p);
    for (const w of problems) inv.err.write(`  - ${w}\n`);
    warnings += problems.length;
  }
  if (warnings === 1) errors.push('error: one plugin warning was found');
  else if (warnings > 1) errors.push(`error: ${warnings} plugin warnings were found`);
  if (errors.length) throw new KubectlError(errors.join('\n') + '\n');
  return 0;
}
