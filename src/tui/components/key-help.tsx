/** The bottom row: the exam's keys, or a status message, or the end-exam question. */
import { Text } from 'ink';
import { keyHelpLine } from '../keymap.js';
import { fit, truncate } from '../text-width.js';
import { toneStyle, useTheme, type Tone } from '../theme.js';

export interface KeyHelpProps {
  width: number;
  practice: boolean;
  status?: { text: string; tone: Tone };
  confirmEnd: boolean;
  running: boolean;
}

export const CONFIRM_END_TEXT = 'End the exam and grade it?  y: grade now   q: quit, resume later   other key: continue';

export function KeyHelp({ width, practice, status, confirmEnd, running }: KeyHelpProps) {
  const theme = useTheme();
  if (confirmEnd) {
    return (
      <Text inverse {...toneStyle(theme, 'warn')}>
        {fit(' ' + CONFIRM_END_TEXT, width)}
      </Text>
    );
  }
  if (status) {
    return (
      <Text inverse {...toneStyle(theme, status.tone)}>
        {fit(' ' + status.text, width)}
      </Text>
    );
  }
  const help = running ? 'Ctrl-C interrupts the running command  ' + keyHelpLine(width - 40, practice) : keyHelpLine(width - 1, practice);
  return <Text {...toneStyle(theme, 'dim')}>{truncate(' ' + help, width)}</Text>;
}
