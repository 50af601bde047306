/**
 * A recursive-descent parser for the POSIX shell grammar subset in ast.ts. Errors carry the
 * wording dash and busybox ash print ("Syntax error: end of file unexpected (expecting "done")").
 */
import { isUnquotedLiteral, literalOf, ShellSyntaxError, type Node, type Redirect, type Word } from './ast.js';
import { tokenize, type Token } from './lexer.js';

const TERMINATORS = new Set(['then', 'fi', 'do', 'done', 'elif', 'else', 'esac', '}']);

export function parseScript(src: string): Node {
  const p = new Parser(tokenize(src));
  const node = p.list(new Set());
  p.expectEof();
  return node;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }

  private next(): Token {
    return this.toks[this.i++]!;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.op === op;
  }

  private isWord(text: string): boolean {
    const t = this.peek();
    return t.type === 'word' && isUnquotedLiteral(t.word, text);
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.i++;
  }

  expectEof(): void {
    this.skipNewlines();
    const t = this.peek();
    if (t.type !== 'eof') throw new ShellSyntaxError(`Syntax error: ${describe(t)} unexpected`);
  }

  private expectWord(text: string): void {
    this.skipNewlines();
    if (!this.isWord(text)) {
      const t = this.peek();
      throw new ShellSyntaxError(t.type === 'eof' ? `Syntax error: end of file unexpected (expecting "${text}")` : `Syntax error: ${describe(t)} unexpected (expecting "${text}")`);
    }
    this.i++;
  }

  /** A sequence of and-or lists up to a terminator keyword, ')' , ';;' or the end. */
  list(_stop: ReadonlySet<string>): Node {
    const items: { node: Node; background: boolean }[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.type === 'eof' || (t.type === 'op' && (t.op === ')' || t.op === ';;'))) break;
      if (t.type === 'word' && !t.word[0]!.quoted && TERMINATORS.has(literalOf(t.word) ?? '')) break;
      const node = this.andOr();
      let background = false;
      if (this.isOp('&')) {
        background = true;
        this.i++;
      } else if (this.isOp(';')) this.i++;
      items.push({ node, background });
    }
    return items.length === 1 && !items[0]!.background ? items[0]!.node : { t: 'list', items };
  }

  private andOr(): Node {
    let left = this.pipeline();
    for (;;) {
      if (this.isOp('&&') || this.isOp('||')) {
        const op = (this.next() as { op: string }).op;
        this.skipNewlines();
        const right = this.pipeline();
        left = op === '&&' ? { t: 'and', left, right } : { t: 'or', left, right };
      } else return left;
    }
  }

  private pipeline(): Node {
    let negate = false;
    if (this.isWord('!')) {
      negate = true;
      this.i++;
    }
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      this.skipNewlines();
      cmds.push(this.command());
    }
    const node: Node = cmds.length === 1 ? cmds[0]! : { t: 'pipe', cmds };
    return negate ? { t: 'not', node } : node;
  }

  private command(): Node {
    const t = this.peek();
    if (t.type === 'op' && t.op === '(') {
      this.i++;
      const body = this.list(new Set());
      if (!this.isOp(')')) throw new ShellSyntaxError('Syntax error: end of file unexpected (expecting ")")');
      this.i++;
      return { t: 'group', body, subshell: true, redirects: this.redirects() };
    }
    if (t.type === 'word') {
      const kw = t.word[0]!.quoted ? undefined : literalOf(t.word);
      switch (kw) {
        case 'if':
          return this.ifClause();
        case 'while':
        case 'until':
          return this.whileClause(kw === 'until');
        case 'for':
          return this.forClause();
        case 'case':
          return this.caseClause();
        case '{': {
          this.i++;
          const body = this.list(new Set(['}']));
          this.expectWord('}');
          return { t: 'group', body, subshell: false, redirects: this.redirects() };
        }
      }
      const after = this.toks[this.i + 1];
      const after2 = this.toks[this.i + 2];
      if (kw && /^[A-Za-z_][A-Za-z0-9_]*$/.test(kw) && after?.type === 'op' && after.op === '(' && after2?.type === 'op' && after2.op === ')') {
        this.i += 3;
        this.skipNewlines();
        return { t: 'func', name: kw, body: this.command() };
      }
    }
    return this.simple();
  }

  private simple(): Node {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'redir') {
        redirects.push(this.redirect());
        continue;
      }
      if (t.type !== 'word') break;
      if (words.length === 0) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
        if (m && t.word[0]!.kind === 'lit' && !t.word[0]!.quoted && t.word[0]!.text.startsWith(`${m[1]}=`)) {
          const first = t.word[0]!;
          const rest = first.text.slice(m[1]!.length + 1);
          const value: Word = [...(rest ? [{ ...first, text: rest }] : []), ...t.word.slice(1)];
          assigns.push({ name: m[1]!, value: value.length ? value : [{ kind: 'lit', text: '', quoted: true }] });
          this.i++;
          continue;
        }
      }
      words.push(t.word);
      this.i++;
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      throw new ShellSyntaxError(`Syntax error: ${describe(this.peek())} unexpected`);
    }
    return { t: 'cmd', assigns, words, redirects };
  }

  private redirect(): Redirect {
    const r = this.next() as Extract<Token, { type: 'redir' }>;
    const target = this.next();
    if (target.type !== 'word') throw new ShellSyntaxError(`Syntax error: ${describe(target)} unexpected`);
    if (r.op === '&>') return { fd: 1, op: '>', target: target.word };
    return { fd: r.fd, op: r.op, target: target.word };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    while (this.peek().type === 'redir') out.push(this.redirect());
    return out;
  }

  private ifClause(): Node {
    this.i++;
    const clauses: { cond: Node; body: Node }[] = [];
    let otherwise: Node | undefined;
    const cond = this.list(new Set(['then']));
    this.expectWord('then');
    clauses.push({ cond, body: this.list(new Set(['elif', 'else', 'fi'])) });
    for (;;) {
      this.skipNewlines();
      if (this.isWord('elif')) {
        this.i++;
        const c = this.list(new Set(['then']));
        this.expectWord('then');
        clauses.push({ cond: c, body: this.list(new Set(['elif', 'else', 'fi'])) });
        continue;
      }
      if (this.isWord('else')) {
        this.i++;
        otherwise = this.list(new Set(['fi']));
      }
      this.expectWord('fi');
      return { t: 'if', clauses, otherwise, redirects: this.redirects() };
    }
  }

  private whileClause(until: boolean): Node {
    this.i++;
    const cond = this.list(new Set(['do']));
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    return { t: 'while', until, cond, body, redirects: this.redirects(), infinite: !until && alwaysTrue(cond) && !escapes(body) };
  }

  private forClause(): Node {
    this.i++;
    const nameTok = this.next();
    const name = nameTok.type === 'word' ? literalOf(nameTok.word) : undefined;
    if (!name) throw new ShellSyntaxError('Syntax error: Bad for loop variable');
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isWord('in')) {
      this.i++;
      items = [];
      while (this.peek().type === 'word') items.push((this.next() as { word: Word }).word);
    }
    if (this.isOp(';')) this.i++;
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    return { t: 'for', name, items, body, redirects: this.redirects() };
  }

  private caseClause(): Node {
    this.i++;
    const wt = this.next();
    if (wt.type !== 'word') throw new ShellSyntaxError('Syntax error: expecting word');
    this.expectWord('in');
    const arms: { patterns: Word[]; body?: Node }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.isWord('esac')) {
        this.i++;
        break;
      }
      if (this.isOp('(')) this.i++;
      const patterns: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.type !== 'word') throw new ShellSyntaxError(`Syntax error: ${describe(p)} unexpected`);
        patterns.push(p.word);
        if (this.isOp('|')) {
          this.i++;
          continue;
        }
        break;
      }
      if (!this.isOp(')')) throw new ShellSyntaxError(`Syntax error: ${describe(this.peek())} unexpected (expecting ")")`);
      this.i++;
      const body = this.list(new Set(['esac']));
      arms.push({ patterns, body: isEmptyList(body) ? undefined : body });
      this.skipNewlines();
      if (this.isOp(';;')) this.i++;
    }
    return { t: 'case', word: wt.word, arms, redirects: this.redirects() };
  }
}

function isEmptyList(n: Node): boolean {
  return n.t === 'list' && n.items.length === 0;
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of file';
  if (t.type === 'op') return t.op === '\n' ? 'newline' : `"${t.op}"`;
  if (t.type === 'redir') return 'redirection';
  return `"${t.raw}"`;
}

/** `while true`, `while :`, `while [ 1 ]`, `while /bin/true`. */
function alwaysTrue(cond: Node): boolean {
  if (cond.t !== 'cmd' || cond.redirects.length > 0) return false;
  const words = cond.words.map(literalOf);
  if (words.some((w) => w === undefined)) return false;
  const text = words.join(' ');
  return ['true', ':', '/bin/true', '[ 1 ]', '[ true ]', 'test 1'].includes(text);
}

/** Does a loop body contain a way out (break, exit, return)? */
function escapes(node: Node): boolean {
  switch (node.t) {
    case 'list':
      return node.items.some((i) => escapes(i.node));
    case 'and':
    case 'or':
      return escapes(node.left) || escapes(node.right);
    case 'not':
      return escapes(node.node);
    case 'pipe':
      return node.cmds.some(escapes);
    case 'cmd': {
      const first = node.words[0] ? literalOf(node.words[0]) : undefined;
      return first === 'break' || first === 'exit' || first === 'return' || first === 'exec';
    }
    case 'if':
      return node.clauses.some((c) => escapes(c.cond) || escapes(c.body)) || (node.otherwise ? escapes(node.otherwise) : false);
    case 'while':
    case 'for':
      return escapesNested(node.body);
    case 'case':
      return node.arms.some((a) => (a.body ? escapes(a.body) : false));
    case 'group':
      return escapes(node.body);
    case 'func':
      return false;
  }
}

/** Inside a nested loop only exit leaves the outer one. */
function escapesNested(node: Node): boolean {
  if (node.t === 'cmd') {
    const first = node.words[0] ? literalOf(node.words[0]) : undefined;
    return first === 'exit' || first === 'exec';
  }
  if (node.t === 'list') return node.items.some((i) => escapesNested(i.node));
  if (node.t === 'and' || node.t === 'or') return escapesNested(node.left) || escapesNested(node.right);
  if (node.t === 'if') return node.clauses.some((c) => escapesNested(c.body)) || (node.otherwise ? escapesNested(node.otherwise) : false);
  if (node.t === 'group') return escapesNested(node.body);
  return escapes(node);
}
