/** Runs kubedrill's CLI in process with string streams: the transcript a terminal would show. */
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in write order, as a terminal shows them. */
  output: string;
}

export async function cli(argv: string[], stdin = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  let output = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => void ((stdout += s), (output += s)) },
    stderr: { write: (s: string) => void ((stderr += s), (output += s)) },
    readStdin: async () => stdin,
    isTTY: false,
  });
  return { code, stdout, stderr, output };
}
