/**
 * Tab completion as bash does it on an exam machine: command names in command position (also
 * after sudo, watch, `|`, `&&`, `;`), kubectl's own completion after `kubectl` or `k`, file
 * paths everywhere else. One Tab completes as far as the candidates agree; the caller lists the
 * candidates on a second Tab. Pure over a CompletionSource, so it is tested without a session.
 */
import { kubectlWant, OUTPUT_FORMATS, type KubectlWant } from './kubectl.js';

export interface FileEntry {
  name: string;
  dir: boolean;
}

export interface KubectlSource {
  /** Resource type names a user types (plurals and short names). */
  types(): string[];
  /** Object names of a type, as the candidate's kubeconfig user may list them. */
  names(type: string, namespace: string | undefined, allNamespaces: boolean): string[];
  contexts(): string[];
}

export interface CompletionSource {
  /** Commands, builtins and aliases available in command position. */
  commands(): string[];
  /** Entries of an absolute directory the user may read, or undefined. */
  files(dir: string): FileEntry[] | undefined;
  readonly cwd: string;
  readonly home: string;
  readonly kubectl?: KubectlSource;
}

export interface Completion {
  text: string;
  cursor: number;
  /** The candidates (display form), for listing when ambiguous. */
  candidates: string[];
  /** The line changed. */
  changed: boolean;
}

interface Word {
  value: string;
  /** Index in the line where the raw word starts. */
  start: number;
  /** An open quote the word is inside ('"' or "'"). */
  quote?: string;
}

interface Scan {
  /** Words of the current simple command before the word being completed. */
  words: string[];
  current: Word;
  /** The current word follows a redirection operator. */
  redirect: boolean;
}

/** Splits the line before the cursor into the current command's words, as bash's completion does. */
export function scanLine(before: string): Scan {
  let words: string[] = [];
  let value = '';
  let start = 0;
  let inWord = false;
  let quote: string | undefined;
  let redirect = false;
  let redirectNext = false;
  const end = () => {
    if (inWord) {
      words.push(value);
      if (redirect) words.pop();
      redirect = false;
    }
    if (redirectNext) {
      redirect = true;
      redirectNext = false;
    }
    value = '';
    inWord = false;
  };
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < before.length) value += before[++i];
      else value += c;
      continue;
    }
    if (c === '\\' && i + 1 < before.length) {
      if (!inWord) start = i;
      inWord = true;
      value += before[++i];
      continue;
    }
    if (c === "'" || c === '"') {
      if (!inWord) start = i;
      inWord = true;
      quote = c;
      continue;
    }
    if (/\s/.test(c)) {
      end();
      continue;
    }
    if ('|;&()`'.includes(c) || (c === '$' && before[i + 1] === '(')) {
      end();
      words = [];
      redirect = false;
      if (c === '$') i++;
      continue;
    }
    if (c === '<' || c === '>') {
      end();
      redirectNext = true;
      continue;
    }
    if (!inWord) start = i;
    inWord = true;
    value += c;
  }
  if (redirectNext) redirect = true;
  if (!inWord) start = before.length;
  return { words, current: { value, start, quote }, redirect };
}

const WRAPPERS = new Set(['sudo', 'watch', 'time', 'nohup', 'exec', 'xargs', 'command', 'builtin', 'env']);

/** The command and its arguments, skipping assignments and wrappers (`sudo -E vim` is vim). */
function commandOf(words: readonly string[]): { command?: string; args: string[] } {
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
  while (i < words.length && WRAPPERS.has(words[i]!)) {
    i++;
    while (i < words.length && (words[i]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!))) i++;
  }
  return { command: words[i], args: words.slice(i + 1) };
}

function escape(word: string): string {
  return word.replace(/[\s\\'"`$&|;<>()!*?[\]{}]/g, (c) => `\\${c}`);
}

function commonPrefix(list: readonly string[]): string {
  if (list.length === 0) return '';
  let p = list[0]!;
  for (const s of list) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

interface Candidate {
  /** The full replacement for the word's value. */
  value: string;
  /** What a listing shows (a file's name without its directory). */
  display: string;
  /** No space after it when it is the only one (directories, `--output=`). */
  open: boolean;
}

function words(list: readonly string[], prefix: string, base = ''): Candidate[] {
  return [...new Set(list)]
    .filter((w) => w.startsWith(prefix))
    .sort()
    .map((w) => ({ value: base + w, display: w, open: w.endsWith('=') || w.endsWith('/') }));
}

function pathCandidates(src: CompletionSource, word: string): Candidate[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = slash >= 0 ? word.slice(slash + 1) : word;
  let dir = dirPart === '' ? src.cwd : dirPart;
  if (dir === '~' || dir.startsWith('~/')) dir = src.home + dir.slice(1);
  else if (!dir.startsWith('/')) dir = `${src.cwd.replace(/\/$/, '')}/${dir}`;
  const entries = src.files(dir.length > 1 ? dir.replace(/\/$/, '') : dir) ?? [];
  return entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => ({ value: dirPart + e.name + (e.dir ? '/' : ''), display: e.name + (e.dir ? '/' : ''), open: e.dir }));
}

function kubectlCandidates(src: CompletionSource, want: KubectlWant, word: string): Candidate[] {
  const k = src.kubectl;
  switch (want.kind) {
    case 'words':
      return words(want.words, word);
    case 'types':
      return words(k?.types() ?? [], word);
    case 'names': {
      const base = want.prefix ?? '';
      return words(k?.names(want.type, want.namespace, want.allNamespaces) ?? [], word.slice(base.length), base);
    }
    case 'namespaces':
      return words(k?.names('namespaces', undefined, false) ?? [], word);
    case 'contexts':
      return words(k?.contexts() ?? [], word);
    case 'files':
      return pathCandidates(src, word);
  }
}

/** `--namespace=sh`, `-o=js`, `--context=k8`: complete the value after `=`. */
function flagValueCandidates(src: CompletionSource, word: string): Candidate[] | undefined {
  const m = /^(-n|--namespace|--context|-o|--output|-f|--filename)=(.*)$/.exec(word);
  if (!m) return undefined;
  const [, flag, value] = m as unknown as [string, string, string];
  const base = `${flag}=`;
  const want: KubectlWant =
    flag === '-n' || flag === '--namespace' ? { kind: 'namespaces' } : flag === '--context' ? { kind: 'contexts' } : flag === '-o' || flag === '--output' ? { kind: 'words', words: OUTPUT_FORMATS } : { kind: 'files' };
  return kubectlCandidates(src, want, value).map((c) => ({ ...c, value: base + c.value }));
}

function candidatesFor(src: CompletionSource, scan: Scan): Candidate[] {
  const word = scan.current.value;
  if (scan.redirect) return pathCandidates(src, word);
  const { command, args } = commandOf(scan.words);
  if (command === undefined) {
    if (word.includes('/')) return pathCandidates(src, word);
    return words(src.commands(), word);
  }
  if (command === 'kubectl' || command === 'k') {
    return flagValueCandidates(src, word) ?? kubectlCandidates(src, kubectlWant(args, word), word);
  }
  if (command === 'cd' || command === 'pushd') return pathCandidates(src, word).filter((c) => c.value.endsWith('/'));
  return pathCandidates(src, word);
}

/** Completes the word before the cursor. */
export function complete(line: string, cursor: number, src: CompletionSource): Completion {
  const before = line.slice(0, cursor);
  const after = line.slice(cursor);
  const scan = scanLine(before);
  const found = candidatesFor(src, scan);
  const unchanged: Completion = { text: line, cursor, candidates: found.map((c) => c.display), changed: false };
  if (found.length === 0) return unchanged;
  const { quote, start } = scan.current;
  const render = (value: string) => (quote ? quote + value : escape(value));
  let insert: string;
  if (found.length === 1) {
    const only = found[0]!;
    insert = render(only.value) + (only.open ? '' : (quote ?? '') + (after.startsWith(' ') ? '' : ' '));
  } else {
    const prefix = commonPrefix(found.map((c) => c.value));
    if (prefix.length <= scan.current.value.length) return unchanged;
    insert = render(prefix);
  }
  const text = line.slice(0, start) + insert + after;
  const next = start + insert.length;
  return { text, cursor: next, candidates: found.map((c) => c.display), changed: text !== line };
}

/** A listing in columns, as bash prints ambiguous completions. */
export function formatListing(candidates: readonly string[], width: number): string[] {
  if (candidates.length === 0) return [];
  const col = Math.max(...candidates.map((c) => c.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / col));
  const rows = Math.ceil(candidates.length / perRow);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = candidates[c * rows + r];
      if (item !== undefined) line += item.padEnd(col);
    }
    out.push(line.trimEnd());
  }
  return out;
}
