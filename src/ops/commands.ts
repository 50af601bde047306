/**
 * Cobra-style command resolution shared by etcdctl, etcdutl and kubeadm: the command path is
 * read from the positional arguments, with prefix matching where the tool enables it, then the
 * flags are parsed against the global table plus the chosen command's own.
 */
import { parseFlags, FlagError, type FlagTable, type ParsedFlags } from '../kubectl/flags/index.js';

export interface CommandNode {
  name: string;
  aliases?: string[];
  flags?: FlagTable;
  children?: CommandNode[];
  /** Leaf commands run; groups without run print their usage. */
  run?: boolean;
}

export interface Resolved {
  path: string[];
  node: CommandNode;
  flags: ParsedFlags;
  /** Positional arguments after the command path. */
  args: string[];
}

export type Resolution = { ok: true; resolved: Resolved } | { ok: false; error: string; unknownCommand?: string };

/** Finds the command the arguments name and parses its flags (interspersed, as cobra does). */
export function resolveCommand(root: CommandNode, argv: readonly string[], globals: FlagTable, prefixMatching: boolean): Resolution {
  const everyFlag = collectFlags(root, globals);
  let loose: ParsedFlags;
  try {
    loose = parseFlags(argv, everyFlag);
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, error: e.message };
    throw e;
  }
  const path: string[] = [];
  let node = root;
  const positional = [...loose.args];
  while (node.children && positional.length > 0) {
    const word = positional[0]!;
    const child = findChild(node, word, prefixMatching);
    if (!child) {
      if (node === root || !node.run) return { ok: false, error: `unknown command "${word}" for "${[root.name, ...path].join(' ')}"`, unknownCommand: word };
      break;
    }
    positional.shift();
    path.push(child.name);
    node = child;
  }
  const table = [...globals, ...(node.flags ?? [])];
  let flags: ParsedFlags;
  try {
    flags = parseFlags(argv, table);
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, error: e.message };
    throw e;
  }
  return { ok: true, resolved: { path, node, flags, args: flags.args.slice(path.length) } };
}

function findChild(node: CommandNode, word: string, prefix: boolean): CommandNode | undefined {
  const kids = node.children ?? [];
  const exact = kids.find((k) => k.name === word || k.aliases?.includes(word));
  if (exact || !prefix) return exact;
  const matches = kids.filter((k) => k.name.startsWith(word));
  return matches.length === 1 ? matches[0] : undefined;
}

function collectFlags(node: CommandNode, globals: FlagTable): FlagTable {
  const byName = new Map(globals.map((f) => [f.name, f]));
  const walk = (n: CommandNode) => {
    for (const f of n.flags ?? []) if (!byName.has(f.name)) byName.set(f.name, f);
    for (const c of n.children ?? []) walk(c);
  };
  walk(node);
  return [...byName.values()];
}
