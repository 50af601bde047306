/** The check kinds, keyed as grader files name them. */
import type { CheckKind } from './types.js';
import { getCheck, listCheck } from './objects.js';
import { canICheck } from './can-i.js';
import { fileCheck } from './file.js';
import { commandCheck } from './command.js';
import { readyCheck } from './ready.js';
import { certificateCheck } from './certificate.js';

export const CHECK_KINDS: Record<string, CheckKind<never>> = Object.fromEntries(
  [getCheck, listCheck, canICheck, fileCheck, commandCheck, readyCheck, certificateCheck].map((k) => [k.kind, k as CheckKind<never>]),
);
