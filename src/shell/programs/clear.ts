/** clear (ncurses): home the cursor and erase the screen. */
import type { Program } from '../types.js';

export const CLEAR_SCREEN = '\x1b[H\x1b[2J';

export const clear: Program = (ctx) => {
  ctx.stdout.write(CLEAR_SCREEN);
  return 0;
};
