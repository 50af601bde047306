/** The top row: exam title, the countdown (or time used in practice), kubeconfig context, user@host. */
import { Box, Text } from 'ink';
import type { ClockView } from '../model.js';
import { fit, textWidth, truncate } from '../text-width.js';
import { toneStyle, useTheme } from '../theme.js';

export interface HeaderProps {
  title: string;
  practice: boolean;
  clock: ClockView;
  context?: string;
  host: string;
  user: string;
  width: number;
}

export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${two(m)}:${two(sec)}`;
}

export function clockText(practice: boolean, clock: ClockView): string {
  if (practice || clock.remaining === undefined) return `${formatClock(clock.elapsed)} used`;
  return `${clock.warning !== undefined ? '⚠ ' : ''}${formatClock(clock.remaining)} left`;
}

export function Header({ title, practice, clock, context, host, user, width }: HeaderProps) {
  const theme = useTheme();
  const time = clockText(practice, clock);
  const right = `  ${context ? `ctx ${context}  ` : ''}${user}@${host} `;
  const left = ` ${title}${practice ? ' (practice)' : ''}`;
  const timeCell = ` ${time} `;
  const leftWidth = Math.max(0, width - textWidth(right) - textWidth(timeCell) - 2);
  const warn = clock.warning !== undefined && !practice;
  return (
    <Box width={width} height={1}>
      <Text inverse bold>
        {fit(truncate(left, leftWidth), leftWidth)}
      </Text>
      <Text inverse> </Text>
      <Text inverse={!warn || !theme.color} {...(warn ? toneStyle(theme, clock.warning! <= 10 ? 'error' : 'warn') : {})}>
        {timeCell}
      </Text>
      <Text inverse>{fit(' ' + right, Math.max(0, width - leftWidth - 1 - textWidth(timeCell)))}</Text>
    </Box>
  );
}
