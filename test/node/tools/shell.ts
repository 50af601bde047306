/** A root shell on a node with the text tools and node tools installed, as the exam machines have. */
import { ShellSession } from '../../../src/shell/index.js';
import { BufferSink } from '../../../src/shell/types.js';
import { textTools, toolPaths } from '../../../src/tools/index.js';
import { nodeTools } from '../../../src/node/tools/index.js';
import type { NodeHost } from '../../../src/node/node.js';
import type { World } from '../../../src/cluster/world.js';

export interface NodeShell {
  run(line: string): Promise<{ status: number; stdout: string; stderr: string }>;
}

export function nodeShell(world: World, node: NodeHost, account = 'root'): NodeShell {
  for (const [name, program] of Object.entries(textTools)) node.programs.install(name, toolPaths[name] ?? `/usr/bin/${name}`, program);
  for (const [name, t] of Object.entries(nodeTools(node))) node.programs.install(name, t.path, t.program);
  const session = new ShellSession({
    host: node,
    account,
    hosts: { resolve: (name) => world.resolveHost(name) },
    waiter: { sleep: async (seconds) => world.loop.advance(seconds) },
    afterCommand: () => world.loop.settle(),
    loadRc: false,
  });
  return {
    async run(line) {
      const stdout = new BufferSink();
      const stderr = new BufferSink();
      const status = await session.run(line, { stdout, stderr });
      world.loop.settle();
      return { status, stdout: stdout.text(), stderr: stderr.text() };
    },
  };
}
