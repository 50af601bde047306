/** Runs a node tool with a hand-built process context (the shell is not on this branch). */
import { BufferSink, type Account, type ProcessContext } from '../../../src/shell/types.js';
import type { NodeHost } from '../../../src/node/node.js';
import type { World } from '../../../src/cluster/world.js';
import { nodeTools } from '../../../src/node/tools/index.js';

export async function run(world: World, node: NodeHost, argv: string[], opts: { uid?: number; stdin?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const tools = nodeTools(node);
  const tool = tools[argv[0]!];
  if (!tool) throw new Error(`no tool ${argv[0]}`);
  const stdout = new BufferSink();
  const stderr = new BufferSink();
  const uid = opts.uid ?? 0;
  const account: Account = { name: uid === 0 ? 'root' : 'candidate', uid, gid: uid, home: uid === 0 ? '/root' : '/home/candidate', shell: '/bin/bash', groups: [] };
  const ctx: ProcessContext = {
    argv,
    stdin: opts.stdin ?? '',
    stdout,
    stderr,
    env: new Map([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']]),
    cwd: account.home,
    account,
    cred: { uid, gid: uid, groups: [] },
    host: node,
    signal: new AbortController().signal,
    sleep: async (s) => world.loop.advance(s),
    editor: { edit: async () => ({ ok: false, error: 'no editor' }) },
    spawn: async () => 127,
    resolve: (p) => (p.startsWith('/') ? p : `${account.home}/${p}`),
  };
  const code = await tool.program(ctx);
  world.loop.settle();
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
