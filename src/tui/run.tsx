/**
 * The screen's lifetime on a real terminal: alternate screen in, ink rendered, the clock
 * started; on the way out (normal, error or signal) the terminal is always restored.
 */
import { appendFileSync } from 'node:fs';
import { render } from 'ink';
import { App } from './components/app.js';
import type { ExamModel } from './model.js';
import { FullScreen } from './screen.js';
import type { Theme } from './theme.js';

export async function runScreen(
  model: ExamModel,
  suspender: { screen?: { suspend(): void; resume(): void } },
  io: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream },
  theme: Theme,
  startup?: { file: string; marks: Record<string, number> },
): Promise<void> {
  const screen = new FullScreen(io.stdout);
  const unguard = screen.guard(() => {
    model.stop();
    model.persist();
  });
  suspender.screen = screen;
  screen.enter();
  const instance = render(<App model={model} theme={theme} />, { stdin: io.stdin, stdout: io.stdout, exitOnCtrlC: false, patchConsole: true, maxFps: 60 });
  // Benchmarks read when the first prompt was drawn and when the world was ready: wall clock
  // ms, then the milestones (ms since the process started) and the CPU time spent (ms).
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const mark = (what: string, marks: Record<string, number>) => startup && appendFileSync(startup.file, `${what} ${Date.now()} ${JSON.stringify({ ...marks, [`cpu@${what}`]: cpuMs() })}\n`);
  const marks = { ...startup?.marks, render: performance.now() };
  mark('render', marks);
  model.start();
  model.session.ready().then(
    () => mark('ready', { ...marks, ready: performance.now() }),
    () => undefined,
  );
  try {
    await Promise.race([model.exited, instance.waitUntilExit()]);
  } finally {
    model.stop();
    instance.unmount();
    screen.leave();
    unguard();
  }
  // A scenario whose clusters cannot be built fails as it did before the screen drew first.
  if (model.buildError !== undefined) throw model.buildError;
}
