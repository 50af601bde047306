/** The awk syntax tree. */

export type LValue =
  | { k: 'var'; name: string }
  | { k: 'idx'; name: string; subs: Expr[] }
  | { k: 'field'; e: Expr };

export type Expr =
  | LValue
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; src: string }
  | { k: 'group'; e: Expr }
  | { k: 'assign'; op: string; target: LValue; value: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'or'; a: Expr; b: Expr }
  | { k: 'and'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'unary'; op: '-' | '+' | '!'; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[]; line: number }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target?: LValue; file?: Expr; cmd?: Expr };

export type Stmt =
  | { k: 'print'; printf: boolean; args: Expr[]; redir?: { op: '>' | '>>' | '|'; e: Expr } }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; c: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init?: Expr; c?: Expr; step?: Expr; body: Stmt }
  | { k: 'forin'; v: LValue; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'nextfile' }
  | { k: 'exit'; e?: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs?: Expr[] };

export interface Rule {
  pattern?: Expr;
  range?: [Expr, Expr];
  /** Undefined means `{ print }`. */
  body?: Stmt[];
}

export interface FuncDef {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  begin: Stmt[][];
  end: Stmt[][];
  rules: Rule[];
  funcs: Map<string, FuncDef>;
}
