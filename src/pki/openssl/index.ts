/**
 * The simulated `openssl` binary: a registry of subcommands, each a module of its own.
 * `makeOpenssl({clock, rng})` returns the Program a node installs as /usr/bin/openssl.
 */
import type { Program, ProcessContext } from '../../shell/types.js';
import { OpensslEnv, type OpensslDeps } from './env.js';
import { genpkey } from './genpkey.js';
import { genrsa } from './genrsa.js';
import { req } from './req.js';
import { ec, rsa } from './rsa.js';
import { verify } from './verify.js';
import { x509 } from './x509.js';

export type OpensslCommand = (env: OpensslEnv, args: readonly string[]) => number;

export const OPENSSL_VERSION = 'OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)';

export const OPENSSL_COMMANDS: Readonly<Record<string, OpensslCommand>> = {
  ec,
  genpkey,
  genrsa,
  req,
  rsa,
  verify,
  version: (env) => {
    env.out(OPENSSL_VERSION + '\n');
    return 0;
  },
  x509,
};

export function makeOpenssl(deps: OpensslDeps): Program {
  return (ctx: ProcessContext) => {
    const [, name, ...args] = ctx.argv;
    if (name === undefined) return 0;
    if (name === 'help' || name === '-help' || name === '--help') {
      ctx.stdout.write(helpText());
      return 0;
    }
    const command = OPENSSL_COMMANDS[name];
    if (!command) {
      ctx.stderr.write(`Invalid command '${name}'; type "help" for a list.\n`);
      return 1;
    }
    return command(new OpensslEnv(ctx, name, deps), args);
  };
}

function helpText(): string {
  const names = Object.keys(OPENSSL_COMMANDS);
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += 4) rows.push(names.slice(i, i + 4).map((n) => n.padEnd(19)).join('').trimEnd());
  return `help:\n\nStandard commands\n${rows.join('\n')}\n`;
}
