/**
 * Process substitution, `<(cmd)` and `>(cmd)`. bash hands the command a /dev/fd/63 path; here
 * the output of `cmd` is written to that path on the host's VirtualFS and removed when the line
 * ends, so `diff <(a) <(b)` and `source <(kubectl completion bash)` work. `>(cmd)` gives an empty
 * file whose content is fed to `cmd` once the line is done.
 */
import type { ProcessSubstitutionPart, Script } from 'unbash';
import { ROOT } from '../../vfs/fs.js';
import { BufferSink } from '../types.js';
import { runSubshell } from './execute.js';
import { Input } from './io.js';
import { resolveCommand } from './resolve.js';
import type { Exec } from './runtime.js';

export async function processSubstitution(part: ProcessSubstitutionPart, exec: Exec): Promise<string> {
  const fs = exec.sh.host.fs;
  const path = `/dev/fd/${63 - (exec.rt.nextTemp() % 50)}`;
  const script = part.script;
  let content = '';
  if (part.operator === '<' && script) {
    content = completionScript(script, exec) ?? (await capture(script, exec));
  }
  try {
    fs.mkdir('/dev/fd', { recursive: true }, ROOT);
    fs.writeFile(path, content, { mode: 0o600, uid: exec.sh.account.uid, gid: exec.sh.account.gid }, ROOT);
  } catch {
    return path;
  }
  exec.rt.atLineEnd(async () => {
    let written = '';
    try {
      written = fs.readFile(path, ROOT);
      fs.unlink(path, ROOT);
    } catch {
      // Already removed by the command: nothing to clean up.
    }
    if (part.operator === '>' && script) {
      await runSubshell(script, { ...exec, sh: exec.sh.subshell(), io: { ...exec.io, stdin: new Input(written) } });
    }
  });
  return path;
}

async function capture(script: Script, exec: Exec): Promise<string> {
  const out = new BufferSink();
  await runSubshell(script, { ...exec, sh: exec.sh.subshell(), io: { ...exec.io, stdout: out } });
  return out.text();
}

/**
 * `<(kubectl completion bash)`: completion scripts drive readline, which the simulated terminal
 * does not have; sourcing one must simply succeed, so it yields a comment instead of running.
 */
function completionScript(script: Script, exec: Exec): string | undefined {
  const command = script.commands.length === 1 ? script.commands[0]!.command : undefined;
  if (command?.type !== 'Command' || !command.name || command.name.parts) return undefined;
  const words = command.suffix.map((s) => (s.type === 'Word' && !s.parts ? s.value : undefined));
  if (words.length !== 2 || words[0] !== 'completion' || !['bash', 'zsh'].includes(words[1] ?? '')) return undefined;
  const name = command.name.value;
  if (resolveCommand(name, exec, { functions: false, builtins: true }).kind === 'missing') return undefined;
  return `# ${name} ${words[1]} completion (loaded by the simulated shell)\n`;
}
