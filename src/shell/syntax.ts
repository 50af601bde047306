/**
 * Parsing a command line with unbash, and turning its errors into bash's interactive wording:
 * `bash: syntax error near unexpected token `|'`, or, for input that stops in the middle of a
 * construct, the continuation the TUI shows as a `> ` prompt (isComplete).
 */
import { forEachChild, parse } from 'unbash';
import type { HereDoc, ParsedScript, ParseError, SyntaxNode } from 'unbash';

export interface ParsedLine {
  readonly script: ParsedScript;
  /** The message bash prints (without trailing newline) when the line cannot run. */
  readonly syntaxError?: string;
  /** The line stops inside a construct: more input would complete it. */
  readonly incomplete: boolean;
  /** Heredocs that reached the end of input before their delimiter (bash warns and runs them). */
  readonly openHeredocs: readonly HereDoc[];
}

/** Calls `visit` on every node below `node`, substitution scripts included. */
export function walk(node: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  visit(node);
  forEachChild(node, (child) => walk(child, visit));
}

const MATCHING: Record<string, string> = {
  'unterminated double quote': '"',
  'unterminated single quote': "'",
  'unterminated ANSI-C quote': "'",
  'unterminated backtick': '`',
  'unterminated command substitution': ')',
  'unterminated process substitution': ')',
  'unterminated arithmetic expansion': ')',
  'unterminated arithmetic command': ')',
  'unterminated parameter expansion': '}',
  'unterminated extended glob': ')',
  'unterminated array subscript': ']',
};

export function parseLine(source: string): ParsedLine {
  const script = parse(source);
  const errors: ParseError[] = [];
  const openHeredocs: HereDoc[] = [];
  walk(script, (n) => {
    if (n.type === 'Script') errors.push(...((n as ParsedScript).errors ?? []));
    else if (n.type === 'HereDoc' && !n.closing) openHeredocs.push(n);
  });
  const end = source.replace(/\s+$/, '').length;
  const atEnd = (e: ParseError): boolean => e.message.startsWith('unterminated') || e.pos >= end;
  const tokenError = errors.filter((e) => !atEnd(e)).sort((a, b) => a.pos - b.pos)[0];
  const continued = endsWithContinuation(source);
  if (tokenError) {
    return { script, syntaxError: `bash: syntax error near unexpected token \`${tokenAt(source, tokenError)}'`, incomplete: false, openHeredocs };
  }
  const eofError = errors[0];
  if (eofError) {
    const match = MATCHING[eofError.message];
    const syntaxError = match
      ? `bash: unexpected EOF while looking for matching \`${match}'`
      : 'bash: syntax error: unexpected end of file';
    return { script, syntaxError, incomplete: true, openHeredocs };
  }
  return { script, incomplete: continued || openHeredocs.length > 0, openHeredocs };
}

/** False while the TUI should keep reading lines (`> ` prompt): open quotes, heredocs, `|`, `&&`, `\`. */
export function isComplete(text: string): boolean {
  return !parseLine(text).incomplete;
}

/** A line ending in an unescaped backslash continues on the next line. */
function endsWithContinuation(source: string): boolean {
  const m = /(\\+)$/.exec(source);
  return m !== null && m[1]!.length % 2 === 1;
}

/** The token bash would quote in "near unexpected token". */
function tokenAt(source: string, error: ParseError): string {
  const quoted = /^unexpected token '(.*)'$/.exec(error.message);
  if (quoted) return quoted[1]!;
  // An empty `{ }` or `( )` is reported at its opening; bash names the closing token.
  let i = error.message.startsWith('expected command in') ? error.pos + 1 : error.pos;
  while (i < source.length && (source[i] === ' ' || source[i] === '\t')) i++;
  if (i >= source.length || source[i] === '\n') return 'newline';
  const op = /^(;;&|;;|;&|&&|\|\||\|&|>>|<<|&>|[;&|()<>{}])/.exec(source.slice(i));
  if (op) return op[1]!;
  const word = /^[^\s;&|()<>]+/.exec(source.slice(i));
  return word ? word[0] : source[i]!;
}

/** The 1-based line of a position, for heredoc warnings. */
export function lineOf(source: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < source.length; i++) if (source[i] === '\n') line++;
  return line;
}
