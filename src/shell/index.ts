/** The shell's public surface: what the TUI, the headless runner and node hosts wire together. */
export { ShellSession } from './session.js';
export type { HostResolver, RunIo, ShellSessionOptions } from './session.js';
export { VirtualWaiter, WallClockWaiter } from './waiter.js';
export type { Waiter } from './waiter.js';
export { HeadlessEditor, NO_EDITOR } from './editor.js';
export { VfsHost, parsePasswd, passwdLine } from './host.js';
export { StaticProgramTable } from './programs/table.js';
export type { ProgramEntry } from './programs/table.js';
export { shellPrograms } from './programs/index.js';
export { editor as editorProgram } from './programs/editors.js';
export { isComplete, parseLine } from './syntax.js';
export { BufferSink, credOf } from './types.js';
export type { Account, EditorHook, EditRequest, EditResult, Program, ProgramTable, ProcessContext, ShellHost, Sink } from './types.js';
