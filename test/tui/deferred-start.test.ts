/**
 * The screen of a new session draws before its clusters are built: the prompt and the first
 * task's context show at once, a line typed meanwhile runs once they are up, and exam time starts
 * then. A scenario whose clusters cannot be built ends the screen with the build's error.
 */
import { describe, expect, it } from 'vitest';
import { SessionRecorder } from '../../src/session/persist.js';
import { ExamModel } from '../../src/tui/model.js';
import type { Bundle } from '../../src/scenario/bundle.js';
import { bundle, FakeTime, sessionFile } from './helpers.js';

function deferredModel(b: Bundle) {
  const time = new FakeTime();
  const recorder = new SessionRecorder(undefined, undefined);
  const session = recorder.createSession(b, { seed: 7, time: 'wall', deferBuild: true });
  recorder.goLive();
  const model = new ExamModel({ bundle: b, mode: 'exam', session, recorder, clock: time.clock, file: sessionFile(b, 'exam'), columns: 100, rows: 30 });
  return { model, session, time };
}

const screenText = (model: ExamModel) => model.getView().terminal.rows.join('\n');

describe('the first screen of a new session', () => {
  it('shows the prompt and the first task context before the clusters exist, then the kubeconfig context', async () => {
    const { model, session } = deferredModel(bundle('cka-practice'));
    expect(session.isReady).toBe(false);
    expect(screenText(model)).toContain('candidate@terminal:~$');
    expect(model.getView().context).toBe('k8s-c1');
    model.start();
    await session.ready();
    expect(model.getView().context).toBe('k8s-c1');
    expect(session.world.workstation.fs.readFile('/home/candidate/.kube/config')).toContain('current-context: k8s-c1');
    model.stop();
  });

  it('runs a line typed before the clusters are up once they are, and starts exam time then', async () => {
    const { model, session, time } = deferredModel(bundle('dead-scheduler'));
    model.start();
    time.pass(30);
    model.input('kubectl get deploy -n shop\r');
    await model.idle();
    expect(model.scrollback.text()).toMatch(/web\s+1\/3\s+3\s+1\s+2m\n/);
    expect(session.transcript[0]?.at).toBe(0);
    expect(model.getView().clock.elapsed).toBe(0);
    time.pass(5);
    model.tick();
    expect(model.getView().clock.elapsed).toBe(5);
    model.stop();
  });

  it('completes a Tab pressed before the clusters are up once they are, keys typed after it following', async () => {
    const { model, session } = deferredModel(bundle('dead-scheduler'));
    model.input('kubec\t');
    model.input('get n');
    expect(session.isReady).toBe(false);
    await model.idle();
    expect(model.getView().line.text).toBe('kubectl get n');
  });

  it('ends the screen with the error when the clusters cannot be built', async () => {
    const b = bundle('dead-scheduler');
    const broken = structuredClone(b.scenarios[0]!.doc);
    broken.spec.clusters[0]!.breakages = [{ object: { kind: 'Deployment', namespace: 'shop', name: 'nope', set: { 'spec.replicas': 2 } } }] as never;
    const { model } = deferredModel({ ...b, scenarios: [{ ...b.scenarios[0]!, doc: broken }] });
    model.start();
    await model.exited;
    expect(String(model.buildError)).toMatch(/breakage 1 \(object\)/);
  });
});
