/**
 * Workload containers (anything that is not a control-plane binary): a first model where
 * `sleep N` ends after N seconds, `exit N` and `false` fail at once, and everything else runs.
 * The node issue replaces this with the image catalogue and the command interpreter.
 */
import type { ProcessModel } from './process.js';

export const appModel: ProcessModel = (launch) => {
  const argv = [...(launch.container.command ?? []), ...(launch.container.args ?? [])].map(String);
  const script = argv[0] === 'sh' || argv[0] === '/bin/sh' ? (argv[2] ?? '') : argv.join(' ');
  const exit = /(?:^|;|&&)\s*exit\s+(\d+)\s*$/.exec(script);
  if (exit) return { logs: [], exit: { afterSeconds: 0, code: Number(exit[1]) } };
  const sleep = /^sleep\s+(\d+)$/.exec(script.trim());
  if (sleep) return { logs: [], exit: { afterSeconds: Number(sleep[1]), code: 0 } };
  if (script.trim() === 'false') return { logs: [], exit: { afterSeconds: 0, code: 1 } };
  return { logs: [], listens: (launch.container.ports ?? []).map((p) => p.containerPort) };
};
