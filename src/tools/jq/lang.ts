/** The jq language: compile a program, evaluate it (re-exports for the CLI). */
export { JqError, JqSyntaxError } from './ast.js';
export { compile } from './parser.js';
export { Evaluator } from './eval.js';
