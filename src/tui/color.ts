/**
 * Whether to use colours: not with NO_COLOR set (https://no-color.org), on a dumb terminal, or
 * where the terminal reports none. Kept apart from the React theme so that start-up can decide
 * before React loads.
 */
export function colorSupported(env: NodeJS.ProcessEnv, stream?: { hasColors?: (count?: number) => boolean; isTTY?: boolean }): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false';
  if (env['TERM'] === 'dumb') return false;
  if (stream?.hasColors) return stream.hasColors();
  return !!stream?.isTTY;
}
