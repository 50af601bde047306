/**
 * The exam screen: header, task panel, terminal, key help; the report at the end. Draws the
 * model's view and forwards raw input to it; all state and transitions live in the model.
 */
import { useEffect } from 'react';
import { Box, Text, useCursor } from 'ink';
import type { ExamModel, ExamView } from '../model.js';
import { useExam } from '../use-exam.js';
import { useRawInput } from '../use-raw-input.js';
import { useTerminalSize, type Size } from '../use-terminal-size.js';
import { ThemeContext, toneStyle, useTheme, type Theme } from '../theme.js';
import { Header } from './header.js';
import { TaskPanel } from './task-panel.js';
import { TerminalPane } from './terminal-pane.js';
import { KeyHelp } from './key-help.js';
import { HelpOverlay } from './help-overlay.js';
import { ReportScreen } from './report-screen.js';
import { notesWindow, NOTES_MIN_ROWS } from './notes-pad.js';

export interface AppProps {
  model: ExamModel;
  /** A fixed size (tests); default: the terminal's, following resizes. */
  size?: Size;
  theme?: Theme;
}

/** Where the real terminal cursor goes: the input line, the notes pad, or nowhere. */
export function cursorPosition(view: ExamView): { x: number; y: number } | undefined {
  const l = view.layout;
  if (view.phase !== 'exam' || view.editing || view.ui.overlay) return undefined;
  if (view.ui.focus === 'terminal' && view.terminal.cursor) {
    return { x: l.terminal.x + view.terminal.cursor.col, y: l.terminal.y + view.terminal.cursor.row };
  }
  if (view.ui.focus === 'notes') {
    const height = l.wide ? Math.max(NOTES_MIN_ROWS, Math.floor(l.panel.height / 3)) : l.panel.height - 1;
    const w = notesWindow(view.notes, l.panel.width, height);
    return { x: l.panel.x + w.cursor.col, y: l.panel.y + l.panel.height - height + 1 + w.cursor.row };
  }
  return undefined;
}

function Divider({ view }: { view: ExamView }) {
  const theme = useTheme();
  const l = view.layout;
  if (l.wide) {
    return (
      <Box width={1} height={l.terminal.height}>
        <Text {...toneStyle(theme, 'dim')}>{Array.from({ length: l.terminal.height }, () => '│').join('\n')}</Text>
      </Box>
    );
  }
  return <Text {...toneStyle(theme, 'dim')}>{'─'.repeat(l.columns)}</Text>;
}

function Body({ view }: { view: ExamView }) {
  const l = view.layout;
  const practice = view.mode === 'practice';
  const bodyHeight = l.rows - 2;
  if (view.ui.overlay === 'help') return <HelpOverlay width={l.columns} height={bodyHeight} practice={practice} />;
  const panel = (
    <TaskPanel tasks={view.tasks} ui={view.ui} width={l.panel.width} height={l.panel.height} wide={l.wide} full={l.terminal.height === 0} notes={view.notes} />
  );
  if (l.terminal.height === 0) return panel;
  const terminal = <TerminalPane rows={view.terminal.rows} inputRow={view.terminal.inputRow} width={l.terminal.width} height={l.terminal.height} offset={view.terminal.offset} />;
  return (
    <Box flexDirection={l.wide ? 'row' : 'column'} width={l.columns} height={bodyHeight}>
      {panel}
      <Divider view={view} />
      {terminal}
    </Box>
  );
}

function Screen({ model, size }: { model: ExamModel; size?: Size }) {
  const view = useExam(model);
  const term = useTerminalSize(size);
  const { setCursorPosition } = useCursor();
  useEffect(() => model.setSize(term.columns, term.rows), [model, term.columns, term.rows]);
  useRawInput((raw) => model.input(raw), !view.editing);
  useEffect(() => {
    if (view.editing) model.editorReady();
  }, [model, view.editing]);
  setCursorPosition(cursorPosition(view));
  const l = view.layout;
  if (view.phase === 'report') {
    return <ReportScreen rows={view.reportRows ?? []} scroll={view.ui.reportScroll} width={l.columns} height={l.rows} />;
  }
  const status = view.editing ? { text: 'In your editor: save and quit it to come back (the clock keeps running)', tone: 'info' as const } : view.status;
  return (
    <Box flexDirection="column" width={l.columns} height={l.rows}>
      <Header title={view.title} practice={view.mode === 'practice'} clock={view.clock} context={view.context} host={view.host} user={view.user} width={l.columns} />
      <Body view={view} />
      <KeyHelp width={l.columns} practice={view.mode === 'practice'} status={status} confirmEnd={view.ui.overlay === 'confirm-end'} running={view.running} />
    </Box>
  );
}

export function App({ model, size, theme }: AppProps) {
  return (
    <ThemeContext.Provider value={theme ?? { color: true }}>
      <Screen model={model} size={size} />
    </ThemeContext.Provider>
  );
}
