/**
 * The input line as readline edits it (emacs mode): cursor movement, kills and yank, history,
 * and Ctrl-R reverse incremental search. A pure reducer over named actions, so every binding is
 * tested without a terminal. The same reducer edits the notes pad with `multiline` set, where
 * Home/End and ↑/↓ work within lines instead of recalling history.
 */

export interface SearchState {
  readonly query: string;
  /** History index of the current match, or -1 when nothing matches yet. */
  readonly match: number;
  readonly failed: boolean;
  /** The line before the search started, restored by Ctrl-G. */
  readonly original: { readonly text: string; readonly cursor: number };
}

export interface LineState {
  readonly text: string;
  /** Index into `text` (UTF-16 units, always on a code point boundary). */
  readonly cursor: number;
  readonly history: readonly string[];
  /** history.length while editing a new line (the draft). */
  readonly historyIndex: number;
  /** The new line being typed, kept while browsing history. */
  readonly draft: string;
  /** The last killed text (Ctrl-U, Ctrl-K, Ctrl-W), for Ctrl-Y. */
  readonly killed: string;
  readonly search?: SearchState;
  readonly multiline: boolean;
}

export type LineAction =
  | { type: 'insert'; text: string }
  | { type: 'set'; text: string; cursor?: number }
  | { type: 'reset'; history?: readonly string[] }
  | {
      type:
        | 'left'
        | 'right'
        | 'home'
        | 'end'
        | 'wordLeft'
        | 'wordRight'
        | 'backspace'
        | 'delete'
        | 'killStart'
        | 'killEnd'
        | 'killWordBack'
        | 'killWordBackAlnum'
        | 'killWordForward'
        | 'yank'
        | 'transpose'
        | 'up'
        | 'down'
        | 'searchStart'
        | 'searchCancel'
        | 'searchAccept';
    };

export function emptyLine(history: readonly string[] = [], multiline = false): LineState {
  return { text: '', cursor: 0, history, historyIndex: history.length, draft: '', killed: '', multiline };
}

function prevIndex(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff ? i - 2 : i - 1;
}

function nextIndex(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const high = text.charCodeAt(i);
  return high >= 0xd800 && high <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** readline's backward-word: skip non-word characters, then the word. */
function wordStart(text: string, i: number): number {
  let j = i;
  while (j > 0 && !isWordChar(text[j - 1])) j--;
  while (j > 0 && isWordChar(text[j - 1])) j--;
  return j;
}

function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && !isWordChar(text[j])) j++;
  while (j < text.length && isWordChar(text[j])) j++;
  return j;
}

/** unix-word-rubout (Ctrl-W): back to the previous whitespace. */
function spaceWordStart(text: string, i: number): number {
  let j = i;
  while (j > 0 && /\s/.test(text[j - 1]!)) j--;
  while (j > 0 && !/\s/.test(text[j - 1]!)) j--;
  return j;
}

function lineStart(s: LineState): number {
  return s.multiline ? s.text.lastIndexOf('\n', s.cursor - 1) + 1 : 0;
}

function lineEnd(s: LineState): number {
  if (!s.multiline) return s.text.length;
  const nl = s.text.indexOf('\n', s.cursor);
  return nl < 0 ? s.text.length : nl;
}

function splice(s: LineState, from: number, to: number, insert: string, kill?: string): LineState {
  return { ...s, text: s.text.slice(0, from) + insert + s.text.slice(to), cursor: from + insert.length, killed: kill ?? s.killed };
}

/** Moves the cursor one line up or down in a multi-line buffer, keeping the column. */
function verticalMove(s: LineState, dir: -1 | 1): LineState {
  const start = lineStart(s);
  const column = s.cursor - start;
  if (dir < 0) {
    if (start === 0) return { ...s, cursor: 0 };
    const prevStart = s.text.lastIndexOf('\n', start - 2) + 1;
    return { ...s, cursor: Math.min(prevStart + column, start - 1) };
  }
  const end = lineEnd(s);
  if (end >= s.text.length) return { ...s, cursor: s.text.length };
  const nextEnd = s.text.indexOf('\n', end + 1);
  return { ...s, cursor: Math.min(end + 1 + column, nextEnd < 0 ? s.text.length : nextEnd) };
}

function recall(s: LineState, index: number): LineState {
  const draft = s.historyIndex === s.history.length ? s.text : s.draft;
  const text = index === s.history.length ? draft : s.history[index]!;
  return { ...s, historyIndex: index, draft, text, cursor: text.length };
}

/** The newest history entry at or before `from` that contains `query`. */
function findBack(history: readonly string[], query: string, from: number): number {
  for (let i = Math.min(from, history.length - 1); i >= 0; i--) if (history[i]!.includes(query)) return i;
  return -1;
}

function searchReduce(s: LineState, search: SearchState, action: LineAction): LineState | undefined {
  switch (action.type) {
    case 'insert': {
      const query = search.query + action.text;
      const from = search.match >= 0 ? search.match : s.history.length - 1;
      const match = findBack(s.history, query, from);
      return showMatch(s, { ...search, query, match: match >= 0 ? match : search.match, failed: match < 0 });
    }
    case 'backspace': {
      const query = search.query.slice(0, prevIndex(search.query, search.query.length));
      const match = query === '' ? -1 : findBack(s.history, query, s.history.length - 1);
      return showMatch(s, { ...search, query, match, failed: query !== '' && match < 0 });
    }
    case 'searchStart': {
      if (search.query === '') return s;
      const match = findBack(s.history, search.query, search.match - 1);
      return showMatch(s, { ...search, match: match >= 0 ? match : search.match, failed: match < 0 });
    }
    case 'searchCancel':
      return { ...s, search: undefined, text: search.original.text, cursor: search.original.cursor };
    case 'searchAccept':
      return { ...s, search: undefined };
    default:
      return undefined;
  }
}

function showMatch(s: LineState, search: SearchState): LineState {
  if (search.match < 0) return { ...s, search, text: search.query === '' ? search.original.text : s.text };
  const text = s.history[search.match]!;
  const at = text.lastIndexOf(search.query);
  return { ...s, search, text, cursor: Math.max(0, at), historyIndex: search.match };
}

export function reduceLine(s: LineState, action: LineAction): LineState {
  if (s.search) {
    const handled = searchReduce(s, s.search, action);
    if (handled) return handled;
    // Any other editing key ends the search on the match and then acts, as readline does.
    s = { ...s, search: undefined };
  }
  switch (action.type) {
    case 'insert': {
      const text = s.multiline ? action.text : action.text.replace(/\r\n?/g, '\n');
      return splice(s, s.cursor, s.cursor, text);
    }
    case 'set':
      return { ...s, text: action.text, cursor: Math.min(action.cursor ?? action.text.length, action.text.length) };
    case 'reset':
      return emptyLine(action.history ?? s.history, s.multiline);
    case 'left':
      return { ...s, cursor: prevIndex(s.text, s.cursor) };
    case 'right':
      return { ...s, cursor: nextIndex(s.text, s.cursor) };
    case 'home':
      return { ...s, cursor: lineStart(s) };
    case 'end':
      return { ...s, cursor: lineEnd(s) };
    case 'wordLeft':
      return { ...s, cursor: wordStart(s.text, s.cursor) };
    case 'wordRight':
      return { ...s, cursor: wordEnd(s.text, s.cursor) };
    case 'backspace':
      return s.cursor === 0 ? s : splice(s, prevIndex(s.text, s.cursor), s.cursor, '');
    case 'delete':
      return s.cursor >= s.text.length ? s : splice(s, s.cursor, nextIndex(s.text, s.cursor), '');
    case 'killStart': {
      const from = lineStart(s);
      return splice(s, from, s.cursor, '', s.text.slice(from, s.cursor));
    }
    case 'killEnd': {
      const to = lineEnd(s);
      return splice(s, s.cursor, to, '', s.text.slice(s.cursor, to));
    }
    case 'killWordBack': {
      const from = spaceWordStart(s.text, s.cursor);
      return splice(s, from, s.cursor, '', s.text.slice(from, s.cursor));
    }
    case 'killWordBackAlnum': {
      const from = wordStart(s.text, s.cursor);
      return splice(s, from, s.cursor, '', s.text.slice(from, s.cursor));
    }
    case 'killWordForward': {
      const to = wordEnd(s.text, s.cursor);
      return splice(s, s.cursor, to, '', s.text.slice(s.cursor, to));
    }
    case 'yank':
      return splice(s, s.cursor, s.cursor, s.killed);
    case 'transpose': {
      if (s.cursor === 0 || s.text.length < 2) return s;
      const at = s.cursor >= s.text.length ? prevIndex(s.text, s.text.length) : s.cursor;
      const before = prevIndex(s.text, at);
      const after = nextIndex(s.text, at);
      return { ...s, text: s.text.slice(0, before) + s.text.slice(at, after) + s.text.slice(before, at) + s.text.slice(after), cursor: after };
    }
    case 'up':
      if (s.multiline) return verticalMove(s, -1);
      return s.historyIndex > 0 ? recall(s, s.historyIndex - 1) : s;
    case 'down':
      if (s.multiline) return verticalMove(s, 1);
      return s.historyIndex < s.history.length ? recall(s, s.historyIndex + 1) : s;
    case 'searchStart':
      if (s.multiline) return s;
      return { ...s, search: { query: '', match: -1, failed: false, original: { text: s.text, cursor: s.cursor } } };
    case 'searchCancel':
    case 'searchAccept':
      return s;
  }
}

/** What readline shows while searching: `(reverse-i-search)`kube': kubectl get pods`. */
export function searchPrompt(search: SearchState): string {
  return `(${search.failed ? 'failed ' : ''}reverse-i-search)\`${search.query}': `;
}
