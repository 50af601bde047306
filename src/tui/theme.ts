/**
 * Colours that degrade cleanly: none when NO_COLOR is set (https://no-color.org), TERM is
 * dumb, or the terminal reports no colours. Without colour the screen still says everything in
 * text (✓/✗, PASS/FAIL, "⚠ 10 minutes left"); only bold and inverse remain for emphasis.
 */
import { createContext, useContext } from 'react';

export { colorSupported } from './color.js';

export interface Theme {
  color: boolean;
}

export const ThemeContext = createContext<Theme>({ color: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

export type Tone = 'title' | 'heading' | 'ok' | 'bad' | 'warn' | 'error' | 'info' | 'dim' | 'code' | 'accent';

export interface ToneStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
}

const COLORS: Record<Tone, ToneStyle> = {
  title: { color: 'cyan', bold: true },
  heading: { bold: true },
  ok: { color: 'green' },
  bad: { color: 'red' },
  warn: { color: 'yellow', bold: true },
  error: { color: 'red', bold: true },
  info: { color: 'cyan' },
  dim: { dimColor: true },
  code: { color: 'cyan' },
  accent: { color: 'cyan', bold: true },
};

const PLAIN: Record<Tone, ToneStyle> = {
  title: { bold: true },
  heading: { bold: true },
  ok: {},
  bad: { bold: true },
  warn: { bold: true },
  error: { bold: true },
  info: {},
  dim: {},
  code: {},
  accent: { bold: true },
};

/** Text props for a tone under a theme. */
export function toneStyle(theme: Theme, tone: Tone | undefined): ToneStyle {
  if (!tone) return {};
  return (theme.color ? COLORS : PLAIN)[tone];
}
