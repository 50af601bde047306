/** The process entry point: real streams in, exit code out. Everything else is in src/cli/. */
import { main } from './cli/main.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  isTTY: !!process.stdout.isTTY && !!process.stdin.isTTY,
});
process.exitCode = code;
