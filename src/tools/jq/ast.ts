/** The jq syntax tree, and the errors the language raises. */
import { dump, type Json } from './json.js';

export class JqSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the program that jq's message points at (it pads the echoed line to it). */
    readonly pos = 0,
    /** Follow-up errors jq reports with the first ("Possibly unterminated 'if' statement"). */
    readonly more: { message: string; pos: number }[] = [],
  ) {
    super(message);
  }
}

/** A runtime error; `value` is what `try ... catch` receives. */
export class JqError extends Error {
  constructor(readonly value: Json) {
    super(typeof value === 'string' ? value : `${dump(value, { indent: '', sortKeys: false })} (not a string)`);
  }
}

export type Node =
  | { k: 'identity' }
  | { k: 'recurse' }
  | { k: 'field'; target: Node; name: string }
  | { k: 'index'; target: Node; index: Node }
  | { k: 'slice'; target: Node; from?: Node; to?: Node }
  | { k: 'iterate'; target: Node }
  | { k: 'pipe'; a: Node; b: Node }
  | { k: 'comma'; a: Node; b: Node }
  | { k: 'literal'; v: Json }
  | { k: 'string'; parts: (string | Node)[]; format?: string }
  | { k: 'format'; name: string }
  | { k: 'array'; e?: Node }
  | { k: 'object'; entries: { key: Node; value: Node }[] }
  | { k: 'neg'; e: Node }
  | { k: 'binop'; op: string; a: Node; b: Node }
  | { k: 'and'; a: Node; b: Node }
  | { k: 'or'; a: Node; b: Node }
  | { k: 'alt'; a: Node; b: Node }
  | { k: 'if'; cond: Node; then: Node; else?: Node }
  | { k: 'try'; body: Node; catch?: Node }
  | { k: 'call'; name: string; args: Node[]; pos?: number }
  | { k: 'var'; name: string }
  | { k: 'as'; source: Node; name: string; body: Node }
  | { k: 'reduce'; source: Node; name: string; init: Node; update: Node }
  | { k: 'assign'; op: string; lhs: Node; rhs: Node }
  | { k: 'def'; name: string; params: string[]; body: Node; rest: Node };

