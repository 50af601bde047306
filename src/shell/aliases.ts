/**
 * Alias expansion, done on the source text before parsing as bash does while reading a line: the
 * first word of each simple command is replaced by the alias value (recursively, never twice for
 * the same name), and a value ending in a blank makes the next word eligible too
 * (`alias sudo='sudo '`). An alias defined on a line takes effect from the next line, as in bash.
 */
import { forEachChild, parse } from 'unbash';
import type { Command, SyntaxNode, Word } from 'unbash';

interface Edit {
  pos: number;
  end: number;
  text: string;
}

export function expandAliases(source: string, aliases: ReadonlyMap<string, string>): string {
  if (aliases.size === 0) return source;
  return expandText(source, aliases, new Set());
}

function expandText(source: string, aliases: ReadonlyMap<string, string>, seen: ReadonlySet<string>): string {
  const edits: Edit[] = [];
  for (const command of commandsOf(source)) edits.push(...commandEdits(command, aliases, seen));
  let out = source;
  for (const e of edits.sort((a, b) => b.pos - a.pos)) out = out.slice(0, e.pos) + e.text + out.slice(e.end);
  return out;
}

function commandEdits(command: Command, aliases: ReadonlyMap<string, string>, seen: ReadonlySet<string>): Edit[] {
  const edits: Edit[] = [];
  const words: Word[] = command.name ? [command.name] : [];
  for (const s of command.suffix) {
    if (s.type !== 'Word') break;
    words.push(s);
  }
  for (const word of words) {
    const name = plainName(word);
    const value = name !== undefined && !seen.has(name) ? aliases.get(name) : undefined;
    if (value === undefined) break;
    edits.push({ pos: word.pos, end: word.end, text: expandText(value, aliases, new Set([...seen, name!])) });
    // A value ending in a blank makes the next word an alias candidate too.
    if (!/[ \t]$/.test(value)) break;
  }
  return edits;
}

/** Only an unquoted word without expansions can be an alias. */
function plainName(word: Word): string | undefined {
  if (word.parts !== undefined) return undefined;
  return /^[^\s'"\\$`=/]+$/.test(word.text) ? word.text : undefined;
}

/** Every simple command in the source, also inside $(...), loops and groups. */
function commandsOf(source: string): Command[] {
  const out: Command[] = [];
  const visit = (node: SyntaxNode, root: boolean): void => {
    // Escaped backtick scripts index a decoded copy of the text: their positions are not ours.
    if (!root && node.type === 'Script' && node.source !== undefined) return;
    if (node.type === 'Command') out.push(node);
    forEachChild(node, (child) => visit(child, false));
  };
  visit(parse(source), true);
  return out;
}
