/**
 * vi, vim and nano. There is no screen to draw on in the simulation, so they hand the file to
 * ctx.editor (headless: the command in $EDITOR; TUI: the user's own editor on a temporary copy)
 * and write the result back with the user's permissions, creating the file if it is new.
 */
import { VfsError } from '../../vfs/fs.js';
import type { Program, ProcessContext } from '../types.js';

export const editor: Program = async (ctx) => {
  const name = ctx.argv[0]!.slice(ctx.argv[0]!.lastIndexOf('/') + 1);
  const files = ctx.argv.slice(1).filter((a) => !/^[-+]/.test(a));
  if (files.length === 0) {
    ctx.stderr.write(`${name}: name a file to edit (${name} FILE): the simulated terminal edits files, not empty buffers\n`);
    return 1;
  }
  for (const file of files) {
    const status = await editOne(ctx, name, file);
    if (status !== 0) return status;
  }
  return 0;
};

async function editOne(ctx: ProcessContext, name: string, file: string): Promise<number> {
  const fs = ctx.host.fs;
  const path = ctx.resolve(file);
  if (fs.isDir(path, ctx.cred)) {
    ctx.stderr.write(`${name}: "${file}" is a directory\n`);
    return 1;
  }
  const exists = fs.exists(path, ctx.cred);
  let content = '';
  if (exists) {
    try {
      content = fs.readFile(path, ctx.cred);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      ctx.stderr.write(`${name}: "${file}" [Permission Denied]\n`);
      return 1;
    }
  }
  const result = await ctx.editor.edit({ path, content, process: ctx });
  if (!result.ok) {
    ctx.stderr.write(`${name}: ${result.error}\n`);
    return 1;
  }
  if (result.content === content && (exists || content === '')) return 0;
  try {
    fs.writeFile(path, result.content, {}, ctx.cred);
  } catch (e) {
    if (!(e instanceof VfsError)) throw e;
    ctx.stderr.write(`"${file}" E212: Can't open file for writing\n`);
    return 1;
  }
  return 0;
}
