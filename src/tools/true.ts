/** /usr/bin/true and /usr/bin/false, for xargs, find -exec and env (the shell has builtins). */
export const trueProgram = (): number => 0;
export const falseProgram = (): number => 1;
