/**
 * A YAML document that remembers where every value came from, so that each schema or semantic
 * error can name the file, line and column an instructor must fix.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly position: Position,
    readonly detail: string,
  ) {
    super(`${file}:${position.line}:${position.column}: ${detail}`);
  }
}

export type PathSegment = string | number;

export class YamlSource {
  private parsed?: { doc: Document; lines: LineCounter };

  private constructor(
    readonly file: string,
    readonly text: string,
    parsed?: { doc: Document; lines: LineCounter },
  ) {
    this.parsed = parsed;
  }

  /** Parses a file; a YAML syntax error becomes a SourceError at its position. */
  static parse(file: string, text: string): YamlSource {
    return new YamlSource(file, text, parseWithPositions(file, text));
  }

  /**
   * A source whose value is already known (parsed from this very text when kubedrill was
   * built): the text is parsed again only if a position is asked for.
   */
  static known(file: string, text: string): YamlSource {
    return new YamlSource(file, text);
  }

  private get doc(): Document {
    return (this.parsed ??= parseWithPositions(this.file, this.text)).doc;
  }

  private get lines(): LineCounter {
    return (this.parsed ??= parseWithPositions(this.file, this.text)).lines;
  }

  value(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /** Position of the value at `path`, or of its nearest existing ancestor. */
  positionOf(path: readonly PathSegment[], key = false): Position {
    let node: Node | null | undefined = this.doc.contents as Node | null;
    let best = this.start(node);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        const keyPos = this.start(pair.key as Node);
        node = pair.value as Node | null;
        best = key && seg === path[path.length - 1] ? keyPos : (this.start(node) ?? keyPos);
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg] as Node | null;
        best = this.start(node) ?? best;
      } else {
        break;
      }
    }
    return best ?? { line: 1, column: 1 };
  }

  private start(node: Node | null | undefined): Position | undefined {
    const r = node?.range;
    if (!r) return undefined;
    const p = this.lines.linePos(r[0]);
    return { line: p.line, column: p.col };
  }

  error(path: readonly PathSegment[], detail: string, key = false): SourceError {
    return new SourceError(this.file, this.positionOf(path, key), detail);
  }
}

function parseWithPositions(file: string, text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lines.linePos(err.pos[0]);
    throw new SourceError(file, { line: pos.line, column: pos.col }, `YAML syntax error: ${err.message.split('\n')[0]}`);
  }
  return { doc, lines };
}

/** "/spec/tasks/0/id" -> ["spec", "tasks", 0, "id"] */
export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
