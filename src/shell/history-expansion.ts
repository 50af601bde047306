/**
 * Interactive history expansion, the part exam users type: `!!` (`sudo !!`), `!$`, `!^`, `!*`,
 * `!n`, `!-n` and `!prefix`. Not inside single quotes, not before a blank, `=` or `(`.
 */
export type HistoryExpansion = { line: string; changed: boolean } | { error: string };

export function expandHistory(line: string, history: readonly string[]): HistoryExpansion {
  if (!line.includes('!')) return { line, changed: false };
  let out = '';
  let changed = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && quote !== "'") {
      out += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'" && quote !== '"') quote = quote === "'" ? undefined : "'";
    else if (c === '"' && quote !== "'") quote = quote === '"' ? undefined : '"';
    if (c !== '!' || quote === "'") {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    if (rest === '' || /^[\s=(]/.test(rest) || (quote === '"' && rest.startsWith('"')) || inhibited(line, i)) {
      out += c;
      continue;
    }
    const event = /^(!|-?\d+|[^\s:;&|<>()$^*!"'`]+)?(?::?([$^*]))?/.exec(rest)!;
    if (!event[0]) {
      out += c;
      continue;
    }
    const entry = findEvent(event[1] ?? '!', history, event[1] === undefined);
    if (entry === undefined) return { error: `bash: !${event[0]}: event not found` };
    out += select(entry, event[2]);
    changed = true;
    i += event[0].length;
  }
  return { line: out, changed };
}

/** bash leaves `[!...]` (glob negation), `${!name}` (indirection) and `$!` alone. */
function inhibited(line: string, i: number): boolean {
  const after = line.slice(i + 1);
  if (line[i - 1] === '[' && after.includes(']')) return true;
  if (line[i - 1] === '{' && line[i - 2] === '$' && after.includes('}')) return true;
  return line[i - 1] === '$';
}

function findEvent(spec: string, history: readonly string[], lastOnly: boolean): string | undefined {
  if (lastOnly || spec === '!') return history[history.length - 1];
  if (/^-\d+$/.test(spec)) return history[history.length + Number(spec)];
  if (/^\d+$/.test(spec)) return history[Number(spec) - 1];
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.startsWith(spec)) return history[i];
  return undefined;
}

function select(entry: string, designator: string | undefined): string {
  if (!designator) return entry;
  const words = entry.match(/(?:[^\s'"]+|'[^']*'|"(?:\\.|[^"])*")+/g) ?? [];
  if (designator === '$') return words[words.length - 1] ?? '';
  if (designator === '^') return words[1] ?? '';
  return words.slice(1).join(' ');
}
