/**
 * Word expansion in bash's order: brace, tilde, parameter / command / arithmetic substitution,
 * word splitting of unquoted results on IFS, pathname expansion against the host's VirtualFS,
 * quote removal. `export do="--dry-run=client -o yaml"; k run x $do` thus passes four words.
 */
import type { HereDocBody, Word, WordPart } from 'unbash';
import { normalizePath } from '../../vfs/fs.js';
import { BufferSink } from '../types.js';
import { ArithmeticError, evaluate } from './arithmetic.js';
import type { ArithmeticScope } from './arithmetic.js';
import { braceAlternatives } from './brace.js';
import { runSubshell } from './execute.js';
import { escapeGlob, expandPathname, hasGlobMeta } from './glob.js';
import { expandParameter } from './parameter.js';
import { processSubstitution } from './process-substitution.js';
import type { Exec } from './runtime.js';
import { CommandAbort } from './signals.js';
import { splitOnIfs } from './split.js';

/** A run of text from one source: literal, quoted, or the result of an expansion. */
interface Piece {
  text: string;
  /** Quoted text: kept even when empty, never split. */
  quoted: boolean;
  /** Pattern characters in it are active (unquoted glob or unquoted expansion result). */
  glob: boolean;
}

/** Assembles fields from pieces, splitting unquoted expansion results on IFS. */
class Fields {
  readonly out: Piece[][] = [];
  private cur: Piece[] = [];
  private keep = false;

  constructor(
    private readonly ifs: string | undefined,
    private readonly splitting: boolean,
  ) {}

  add(piece: Piece): void {
    this.cur.push(piece);
    if (piece.quoted) this.keep = true;
  }

  /** An unquoted expansion result: split unless splitting is off (assignments, [[ ]], heredocs). */
  addExpansion(text: string): void {
    if (!this.splitting) return this.add({ text, quoted: false, glob: true });
    const { fields, leading, leadingHard, trailing } = splitOnIfs(text, this.ifs);
    if (leading) {
      if (leadingHard && !this.cur.some((p) => p.text !== '')) this.keep = true;
      this.end();
    }
    fields.forEach((f, i) => {
      if (i > 0) this.end();
      this.cur.push({ text: f, quoted: false, glob: true });
      // Only two adjacent non-blank delimiters produce an empty field.
      if (f === '') this.keep = true;
    });
    if (trailing) this.end();
  }

  /** "$@": each positional parameter becomes its own field. */
  addList(values: readonly string[]): void {
    values.forEach((v, i) => {
      if (i > 0) this.end();
      this.add({ text: v, quoted: true, glob: false });
    });
  }

  end(): void {
    if (this.keep || this.cur.some((p) => p.text !== '')) this.out.push(this.cur);
    this.cur = [];
    this.keep = false;
  }

  finish(): Piece[][] {
    this.end();
    return this.out;
  }
}

export type TildeMode = 'word' | 'assignment' | 'none';

/** Full expansion of command words: any number of fields. */
export async function expandWords(words: readonly Word[], exec: Exec): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) out.push(...(await expandWord(w, exec)));
  return out;
}

export async function expandWord(word: Word, exec: Exec): Promise<string[]> {
  const out: string[] = [];
  for (const parts of braceVariants(word)) {
    const fields = new Fields(exec.sh.isSet('IFS') ? exec.sh.get('IFS') : undefined, true);
    await addParts(parts, exec, fields, false, 'word', true);
    for (const field of fields.finish()) out.push(...globField(field, exec));
  }
  return out;
}

/** Expansion without splitting or globbing: assignments, here-strings, `case` words, `[[ ]]` operands. */
export async function expandString(word: Word, exec: Exec, tilde: TildeMode = 'word'): Promise<string> {
  const fields = new Fields(undefined, false);
  await addParts(partsOf(word), exec, fields, false, tilde, true);
  return joined(fields);
}

/** Unsplit fields as one string (several only for "$@", joined by spaces). */
function joined(fields: Fields, piece: (p: Piece) => string = (p) => p.text): string {
  return fields
    .finish()
    .map((f) => f.map(piece).join(''))
    .join(' ');
}

/** A pattern for `case`, `[[ == ]]` and `${x#...}`: quoted text is matched literally. */
export async function expandPattern(word: Word, exec: Exec): Promise<string> {
  const fields = new Fields(undefined, false);
  await addParts(partsOf(word), exec, fields, false, 'word', true);
  return joined(fields, (p) => (p.glob ? p.text : escapeGlob(p.text)));
}

/** A heredoc body: expanded as in double quotes unless the delimiter was quoted; `<<-` strips leading tabs. */
export async function expandHeredoc(body: HereDocBody, quoted: boolean, stripTabs: boolean, exec: Exec): Promise<string> {
  if (quoted) return stripTabs ? stripLeadingTabs(body.text, true) : body.text;
  if (!body.parts) {
    const text = body.text.replace(/\\([$`\\])/g, '$1').replace(/\\\n/g, '');
    return stripTabs ? stripLeadingTabs(text, true) : text;
  }
  let out = '';
  let lineStart = true;
  for (const part of body.parts) {
    if (part.type === 'Literal') {
      out += stripTabs ? stripLeadingTabs(part.value, lineStart) : part.value;
      lineStart = part.value.endsWith('\n');
      continue;
    }
    const fields = new Fields(undefined, false);
    await addPart(part, exec, fields, true, 'none', false);
    out += joined(fields);
    lineStart = false;
  }
  return out;
}

/** `<<-`: leading tabs go from every line (from the first only when it starts a line). */
function stripLeadingTabs(text: string, lineStart: boolean): string {
  return text
    .split('\n')
    .map((l, i) => (i > 0 || lineStart ? l.replace(/^\t+/, '') : l))
    .join('\n');
}

/** A word's parts; a plain word has none, so it is one literal part. */
function partsOf(word: Word): readonly WordPart[] {
  return word.parts ?? [{ type: 'Literal', pos: word.pos, end: word.end, value: word.value, text: word.text }];
}

/** More words than this from one word's braces and the word is kept as typed (bash would exhaust memory). */
const MAX_BRACE_WORDS = 100_000;

/** One part list per brace alternative (`a{1,2}` gives two). */
function braceVariants(word: Word): WordPart[][] {
  let variants: WordPart[][] = [[]];
  for (const part of partsOf(word)) {
    const alternatives = part.type === 'BraceExpansion' ? braceAlternatives(part.text) : undefined;
    if (!alternatives || alternatives.length * variants.length > MAX_BRACE_WORDS) {
      variants.forEach((v) => v.push(part));
      continue;
    }
    variants = variants.flatMap((v) =>
      alternatives.map((alt) => [...v, { type: 'Literal', pos: part.pos, end: part.end, value: alt, text: alt } as WordPart]),
    );
  }
  return variants;
}

async function addParts(parts: readonly WordPart[], exec: Exec, fields: Fields, quoted: boolean, tilde: TildeMode, first: boolean): Promise<void> {
  let isFirst = first;
  for (const part of parts) {
    await addPart(part, exec, fields, quoted, tilde, isFirst);
    isFirst = false;
  }
}

async function addPart(part: WordPart, exec: Exec, fields: Fields, quoted: boolean, tilde: TildeMode, first: boolean): Promise<void> {
  switch (part.type) {
    case 'Literal':
      return addLiteral(part.value, part.text, exec, fields, quoted, tilde, first);
    case 'Glob':
      if (part.kind !== 'bracket') return fields.add({ text: part.text, quoted: false, glob: !quoted });
      // `[$x]`: the brackets stay pattern characters, what is inside is expanded as usual.
      fields.add({ text: '[', quoted: false, glob: !quoted });
      await addParts(part.parts, exec, fields, quoted, 'none', false);
      return fields.add({ text: ']', quoted: false, glob: !quoted });
    case 'SingleQuoted':
    case 'AnsiCQuoted':
      return fields.add({ text: part.value, quoted: true, glob: false });
    case 'DoubleQuoted':
    case 'LocaleString':
      // "" is an (empty) argument; "$@" with no parameters is none.
      if (!(part.parts.length === 1 && isAllParameters(part.parts[0]!))) fields.add({ text: '', quoted: true, glob: false });
      for (const child of part.parts) await addPart(child, exec, fields, true, 'none', false);
      return;
    case 'SimpleExpansion':
    case 'ParameterExpansion': {
      const value = await expandParameter(part, exec, quoted);
      if (Array.isArray(value)) {
        if (quoted) return fields.addList(value);
        for (const [i, v] of value.entries()) {
          if (i > 0) fields.end();
          fields.addExpansion(v);
        }
        return;
      }
      return quoted ? fields.add({ text: value as string, quoted: true, glob: false }) : fields.addExpansion(value as string);
    }
    case 'CommandExpansion': {
      const text = part.script ? await commandSubstitution(part.script, exec) : '';
      return quoted ? fields.add({ text, quoted: true, glob: false }) : fields.addExpansion(text);
    }
    case 'ArithmeticExpansion': {
      const text = await arithmeticExpansion(part, exec);
      return quoted ? fields.add({ text, quoted: true, glob: false }) : fields.addExpansion(text);
    }
    case 'ProcessSubstitution':
      return fields.add({ text: await processSubstitution(part, exec), quoted: true, glob: false });
    case 'ExtendedGlob':
    case 'BraceExpansion':
      return fields.add({ text: part.text, quoted: false, glob: false });
  }
}

function isAllParameters(part: WordPart): boolean {
  return (part.type === 'SimpleExpansion' && part.text === '$@') || (part.type === 'ParameterExpansion' && part.parameter === '@' && !part.operation && !part.prefix);
}

/** Literal text, with tilde expansion at the start of a word (and after `:` in assignments). */
function addLiteral(value: string, raw: string, exec: Exec, fields: Fields, quoted: boolean, tilde: TildeMode, first: boolean): void {
  if (quoted || tilde === 'none') return fields.add({ text: value, quoted, glob: false });
  let text = value;
  if (first && raw.startsWith('~')) text = tildePrefix(text, exec, tilde === 'assignment');
  else if (first && tilde === 'word') text = assignmentLikeTilde(text, raw, exec);
  if (tilde === 'assignment') text = text.replace(/:~(?=\/|:|$)/g, () => ':' + exec.sh.home);
  fields.add({ text, quoted: false, glob: false });
}

/** `~`, `~/x`, `~user/x`, `~+`, `~-`; an unknown user stays literal. */
function tildePrefix(text: string, exec: Exec, inAssignment: boolean): string {
  const stop = inAssignment ? /[/:]/ : /\//;
  const m = stop.exec(text);
  const name = text.slice(1, m ? m.index : text.length);
  const rest = text.slice(1 + name.length);
  let dir: string | undefined;
  if (name === '') dir = exec.sh.home;
  else if (name === '+') dir = exec.sh.get('PWD') ?? exec.sh.cwd;
  else if (name === '-') dir = exec.sh.get('OLDPWD');
  else dir = exec.sh.host.account(name)?.home;
  return dir === undefined ? text : dir + rest;
}

/** bash also expands `name=~/x` in ordinary arguments (e.g. `echo KUBECONFIG=~/.kube/config`). */
function assignmentLikeTilde(text: string, raw: string, exec: Exec): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*=)~/.exec(raw);
  if (!m || !text.startsWith(m[0])) return text;
  return m[1] + tildePrefix(text.slice(m[1]!.length), exec, true);
}

function globField(pieces: Piece[], exec: Exec): string[] {
  const text = pieces.map((p) => p.text).join('');
  if (exec.sh.options.has('noglob') || !pieces.some((p) => p.glob)) return [text];
  const pattern = pieces.map((p) => (p.glob ? p.text : escapeGlob(p.text))).join('');
  if (!hasGlobMeta(pattern)) return [text];
  const matches = expandPathname(pattern, exec.sh.host.fs, exec.sh.cwd, exec.sh.cred);
  return matches.length > 0 ? matches : [text];
}

/** `$(...)` and backticks: run in a subshell, stdout captured, trailing newlines removed. */
export async function commandSubstitution(script: import('unbash').Script, exec: Exec): Promise<string> {
  const out = new BufferSink();
  const fileRead = readShortcut(script, exec);
  if (fileRead !== undefined) return fileRead.replace(/\n+$/, '');
  const status = await runSubshell(script, { ...exec, sh: exec.sh.subshell(), io: { stdin: exec.io.stdin, stdout: out, stderr: exec.io.stderr } });
  exec.sh.lastStatus = status;
  return out.text().replace(/\n+$/, '');
}

/** `$(< file)` reads the file without running a command. */
function readShortcut(script: import('unbash').Script, exec: Exec): string | undefined {
  const only = script.commands.length === 1 ? script.commands[0]!.command : undefined;
  if (only?.type !== 'Command' || only.name || only.suffix.length !== 1 || only.prefix.length !== 0) return undefined;
  const r = only.suffix[0]!;
  if (r.type !== 'Redirect' || r.operator !== '<' || !r.target || r.target.parts) return undefined;
  try {
    return exec.sh.host.fs.readFile(normalizePath(r.target.value, exec.sh.cwd), exec.sh.cred);
  } catch {
    return undefined;
  }
}

export function arithmeticScope(exec: Exec): ArithmeticScope {
  return {
    get: (name) => exec.sh.get(name) ?? (name === 'RANDOM' ? String(exec.sh.random()) : undefined),
    set: (name, value) => exec.sh.set(name, value),
    expandWord: async (word) => {
      const fields = new Fields(undefined, false);
      await addParts(word.parts ?? [], exec, fields, true, 'none', false);
      return joined(fields);
    },
    runCommand: (script) => commandSubstitution(script, exec),
  };
}

async function arithmeticExpansion(part: import('unbash').ArithmeticExpansionPart, exec: Exec): Promise<string> {
  try {
    return (await evaluate(part.expression, arithmeticScope(exec))).toString();
  } catch (e) {
    if (!(e instanceof ArithmeticError)) throw e;
    const inner = part.text.slice(3, -2);
    const lead = inner.length - inner.trimStart().length;
    exec.io.stderr.write(e.format(inner.trimStart(), part.pos + 3 + lead) + '\n');
    throw new CommandAbort(1);
  }
}
