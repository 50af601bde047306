/**
 * text/template's parser (parse/parse.go) for what kubectl templates use: actions, pipelines,
 * variables, if/else if/with/range/else/end, break/continue, parenthesised pipelines and
 * chained fields. Errors read "template: output:LINE: ..." as Go writes them.
 */

import type { Item } from './lexer.js';
import { lex } from './lexer.js';

export type ArgNode =
  | { type: 'field'; pos: number; ident: string[] }
  | { type: 'variable'; pos: number; ident: string[] }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'number'; pos: number; text: string; isInt: boolean; value: number }
  | { type: 'string'; pos: number; quoted: string; text: string }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'chain'; pos: number; node: ArgNode; field: string[] }
  | PipeNode;

export interface CommandNode {
  type: 'command';
  pos: number;
  args: ArgNode[];
}

export interface PipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: { pos: number; ident: string[] }[];
  cmds: CommandNode[];
}

export type TNode =
  | { type: 'list'; pos: number; nodes: TNode[] }
  | { type: 'text'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: PipeNode }
  | { type: 'if' | 'with' | 'range'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList?: ListNode }
  | { type: 'break' | 'continue'; pos: number; line: number };

export type ListNode = Extract<TNode, { type: 'list' }>;

type Control = { type: 'end'; pos: number } | { type: 'else'; pos: number; line: number };

export class TemplateParseError extends Error {}

export const BUILTIN_FUNCS = new Set([
  'and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge',
  'html', 'js', 'urlquery', 'call', 'exists', 'base64decode',
]);

/** String() of a node, as error contexts show it. */
export function nodeString(n: ArgNode | CommandNode | PipeNode): string {
  switch (n.type) {
    case 'field':
      return '.' + n.ident.join('.');
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'identifier':
      return n.name;
    case 'chain': {
      const inner = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return inner + n.field.map((f) => '.' + f).join('');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map((d) => d.ident.join('.')).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map((c) => nodeString(c)).join(' | ');
    }
  }
}

export function parseTemplate(text: string, name = 'output'): ListNode {
  return new Parser(lex(text), name).parse();
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private lastLine = 1;

  constructor(
    private readonly items: Item[],
    private readonly name: string,
  ) {}

  private errorf(msg: string): never {
    throw new TemplateParseError(`template: ${this.name}:${this.lastLine}: ${msg}`);
  }

  private next(): Item {
    const item = this.items[Math.min(this.i, this.items.length - 1)]!;
    this.i++;
    this.lastLine = item.line;
    if (item.type === 'error') this.errorf(item.val);
    return item;
  }

  private backup(n = 1): void {
    this.i -= n;
  }

  private peek(): Item {
    const item = this.next();
    this.backup();
    return item;
  }

  private nextNonSpace(): Item {
    let item: Item;
    do item = this.next();
    while (item.type === 'space');
    return item;
  }

  /** Skips spaces (consumed, as Go's does) and returns the next token without consuming it. */
  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup();
    return item;
  }

  private expect(type: Item['type'], context: string, val?: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type || (val !== undefined && token.val !== val)) this.unexpected(token, context);
    return token;
  }

  private unexpected(item: Item, context: string): never {
    if (item.type === 'error') this.errorf(item.val);
    this.errorf(`unexpected ${itemString(item)} in ${context}`);
  }

  parse(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      const n = this.textOrAction();
      if (isControl(n)) this.errorf(`unexpected ${n.type === 'end' ? '{{end}}' : '{{else}}'}`);
      root.nodes.push(n);
    }
    return root;
  }

  private textOrAction(): TNode | Control {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.type === 'leftDelim') return this.action();
    this.unexpected(token, 'input');
  }

  private action(): TNode | Control {
    const token = this.nextNonSpace();
    if (token.type === 'keyword') {
      switch (token.val) {
        case 'if':
        case 'with':
        case 'range':
          return this.control(token.val);
        case 'end':
          return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
        case 'else': {
          const peek = this.peekNonSpace();
          if (peek.type === 'keyword' && (peek.val === 'if' || peek.val === 'with')) return { type: 'else', pos: peek.pos, line: peek.line };
          const t = this.expect('rightDelim', 'else');
          return { type: 'else', pos: t.pos, line: t.line };
        }
        case 'break':
        case 'continue': {
          const t = this.nextNonSpace();
          if (t.type !== 'rightDelim') this.unexpected(t, `{{${token.val}}}`);
          if (this.rangeDepth === 0) this.errorf(`{{${token.val}}} outside {{range}}`);
          return { type: token.val, pos: token.pos, line: token.line };
        }
        case 'template':
        case 'define':
        case 'block':
          this.errorf(`{{${token.val}}} is not supported here`);
      }
    }
    this.backup();
    const t = this.peek();
    return { type: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private control(context: 'if' | 'with' | 'range'): TNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.type === 'else') {
      const peek = this.peek();
      if ((context === 'if' || context === 'with') && peek.type === 'keyword' && peek.val === context) {
        this.next();
        elseList = { type: 'list', pos: next.pos, nodes: [this.control(context)] };
      } else {
        [elseList, next] = this.itemList();
        if (next.type !== 'end') this.errorf('expected end; found {{else}}');
      }
    }
    this.vars.length = mark;
    void list;
    return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  }

  private itemList(): [ListNode, Control] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (isControl(n)) return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.i;
      this.nextNonSpace();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
      } else if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().type;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else {
        void tokenAfterVariable;
        this.i = save;
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          const k = c.args[0]!.type;
          if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') this.errorf(`non executable command in pipeline stage ${i + 2}`);
        });
        return pipe;
      }
      if (['bool', 'charConstant', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen'].includes(t.type)) {
        this.backup();
        pipe.cmds.push(this.command());
        continue;
      }
      this.unexpected(t, context);
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().type === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
        // falls through
        default:
          node = { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!BUILTIN_FUNCS.has(token.val)) this.errorf(`function ${JSON.stringify(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, name: token.val };
      case 'dot':
        return { type: 'dot', pos: token.pos };
      case 'nil':
        return { type: 'nil', pos: token.pos };
      case 'variable': {
        const name = token.val.split('.')[0]!;
        if (!this.vars.includes(name)) this.errorf(`undefined variable ${JSON.stringify(name)}`);
        return { type: 'variable', pos: token.pos, ident: [token.val] };
      }
      case 'field':
        return { type: 'field', pos: token.pos, ident: [token.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'number':
      case 'charConstant':
        return this.number(token);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', pos: token.pos, quoted: token.val, text: unquote(token.val) };
    }
    this.backup();
    return undefined;
  }

  private number(token: Item): ArgNode {
    const text = token.val;
    if (token.type === 'charConstant') {
      const ch = unquote('"' + text.slice(1, -1).replace(/"/g, '\\"') + '"');
      return { type: 'number', pos: token.pos, text, isInt: true, value: ch.codePointAt(0)! };
    }
    const clean = text.replace(/_/g, '');
    if (/^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/.test(clean) && !/^[+-]?0[0-9]*[89]/.test(clean)) {
      const neg = clean.startsWith('-');
      const body = clean.replace(/^[+-]/, '');
      const v = /^0[0-7]+$/.test(body) ? parseInt(body, 8) : body.startsWith('0o') || body.startsWith('0O') ? parseInt(body.slice(2), 8) : Number(body);
      return { type: 'number', pos: token.pos, text, isInt: true, value: neg ? -v : v };
    }
    const f = Number(clean);
    if (Number.isNaN(f)) this.errorf(`illegal number syntax: ${JSON.stringify(text)}`);
    return { type: 'number', pos: token.pos, text, isInt: false, value: f };
  }
}

function isControl(n: TNode | Control): n is Control {
  return n.type === 'end' || n.type === 'else';
}

function itemString(item: Item): string {
  switch (item.type) {
    case 'eof':
      return 'EOF';
    case 'error':
      return item.val;
    case 'keyword':
      return `<${item.val}>`;
  }
  if (item.val.length > 10) return JSON.stringify(item.val.slice(0, 10)) + '...';
  return JSON.stringify(item.val);
}

/** strconv.Unquote for "..." and `...`. */
function unquote(s: string): string {
  if (s.startsWith('`')) return s.slice(1, -1);
  try {
    return JSON.parse(s.replace(/\\([abfnrtv\\"'])/g, (m, c: string) => {
      const map: Record<string, string> = { a: '\\u0007', v: '\\u000b', "'": "'" };
      return map[c] ?? m;
    }).replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1'));
  } catch {
    return s.slice(1, -1);
  }
}
