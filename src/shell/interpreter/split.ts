/**
 * Word splitting (bash "Word Splitting"): IFS whitespace runs collapse and are trimmed at the
 * ends; every other IFS character delimits exactly one field, so `a,,b` with IFS=, gives an empty
 * middle field. An unset IFS means space, tab, newline; an empty IFS means no splitting.
 */
const DEFAULT_IFS = ' \t\n';

export interface SplitResult {
  fields: string[];
  /** The text started with a delimiter: the field before it ends there. */
  leading: boolean;
  /** That delimiter was a non-whitespace IFS character: with nothing before it, it yields an empty field. */
  leadingHard: boolean;
  /** The text ended with a delimiter: the next text starts a new field. */
  trailing: boolean;
}

export function splitOnIfs(text: string, ifs: string | undefined = DEFAULT_IFS): SplitResult {
  if (ifs === '' || text === '') return { fields: text === '' ? [] : [text], leading: false, leadingHard: false, trailing: false };
  const isWs = (c: string): boolean => ifs.includes(c) && (c === ' ' || c === '\t' || c === '\n');
  const isHard = (c: string): boolean => ifs.includes(c) && !isWs(c);
  const skipWs = (): void => {
    while (i < text.length && isWs(text[i]!)) i++;
  };
  let i = 0;
  skipWs();
  let leading = i > 0;
  let leadingHard = false;
  if (i < text.length && isHard(text[i]!)) {
    leading = leadingHard = true;
    i++;
    skipWs();
  }
  const fields: string[] = [];
  if (i === text.length) return { fields, leading, leadingHard, trailing: true };
  let cur = '';
  let trailing = false;
  while (i < text.length) {
    const c = text[i]!;
    if (!isWs(c) && !isHard(c)) {
      cur += c;
      i++;
      continue;
    }
    // One delimiter: IFS whitespace, at most one other IFS character, IFS whitespace.
    skipWs();
    if (i < text.length && isHard(text[i]!)) {
      i++;
      skipWs();
    }
    fields.push(cur);
    cur = '';
    if (i === text.length) trailing = true;
  }
  if (!trailing) fields.push(cur);
  return { fields, leading, leadingHard, trailing };
}
