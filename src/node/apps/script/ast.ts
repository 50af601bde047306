/**
 * The syntax tree of the POSIX shell subset containers run (`sh -c '...'`): lists, and/or,
 * pipelines, if/while/until/for/case, groups, functions, assignments and redirections.
 */

export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; op?: string; arg?: Word; quoted: boolean }
  | { kind: 'cmd'; script: string; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean };

export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&';
  target: Word;
}

export type Node =
  | { t: 'list'; items: { node: Node; background: boolean }[] }
  | { t: 'and'; left: Node; right: Node }
  | { t: 'or'; left: Node; right: Node }
  | { t: 'not'; node: Node }
  | { t: 'pipe'; cmds: Node[] }
  | { t: 'cmd'; assigns: { name: string; value: Word }[]; words: Word[]; redirects: Redirect[] }
  | { t: 'if'; clauses: { cond: Node; body: Node }[]; otherwise?: Node; redirects: Redirect[] }
  | { t: 'while'; until: boolean; cond: Node; body: Node; redirects: Redirect[]; infinite: boolean }
  | { t: 'for'; name: string; items?: Word[]; body: Node; redirects: Redirect[] }
  | { t: 'case'; word: Word; arms: { patterns: Word[]; body?: Node }[]; redirects: Redirect[] }
  | { t: 'group'; body: Node; subshell: boolean; redirects: Redirect[] }
  | { t: 'func'; name: string; body: Node };

export class ShellSyntaxError extends Error {}

/** The literal text of a word without expansions (keywords, function names). */
export function literalOf(word: Word): string | undefined {
  let out = '';
  for (const p of word) {
    if (p.kind !== 'lit') return undefined;
    out += p.text;
  }
  return out;
}

export function isUnquotedLiteral(word: Word, text: string): boolean {
  return word.length === 1 && word[0]!.kind === 'lit' && !word[0]!.quoted && word[0]!.text === text;
}
