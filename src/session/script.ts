/**
 * Splits a transcript into the command lines a terminal would run: blank lines are skipped, and
 * a line that leaves a quote, heredoc or pipe open continues on the next ones, as at a `> `
 * prompt.
 */
export function splitScript(text: string, isComplete: (text: string) => boolean): string[] {
  const out: string[] = [];
  let pending: string[] = [];
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (pending.length === 0 && raw.trim() === '') continue;
    pending.push(raw);
    const joined = pending.join('\n');
    if (isComplete(joined)) {
      out.push(joined);
      pending = [];
    }
  }
  if (pending.length) out.push(pending.join('\n'));
  return out;
}
