import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  latestUnfinished,
  listSessions,
  loadSession,
  newSessionId,
  resumeSession,
  saveSession,
  SessionFileError,
  SessionRecorder,
  writeReports,
  type SessionFile,
} from '../../src/session/persist.js';
import type { Session } from '../../src/session/session.js';
import type { EditorHook } from '../../src/shell/types.js';
import { bundle, sessionFile } from '../tui/helpers.js';

const MANIFEST = '/etc/kubernetes/manifests/kube-scheduler.yaml';

/** An editor that fixes the scheduler's binary name, as a candidate would in vim. */
const fixingEditor: EditorHook = {
  edit: async (req) => ({ ok: true, content: req.content.replace('- kube-schedulerr\n', '- kube-scheduler\n') }),
};
const noEditor: EditorHook = {
  edit: async () => {
    throw new Error('a replay must not open an editor');
  },
};

function state(session: Session) {
  const cluster = [...session.built.clusters.values()][0]!;
  const node = session.world.resolveHost('cluster1-controlplane1')!;
  return {
    elapsed: session.elapsed(),
    now: session.world.clock.iso(),
    objects: cluster.api.store.snapshot().objects.map(([r, o]) => [r, o.metadata.namespace, o.metadata.name, JSON.stringify((o as { status?: unknown }).status ?? null), (o as { spec?: { nodeName?: string } }).spec?.nodeName]),
    manifest: node.fs.readFile(MANIFEST),
    tmp: session.world.workstation.fs.readFileIfExists('/tmp/note'),
    prompt: session.shell.prompt(),
  };
}

/** A live session driven the TUI's way: wall-clock ticks between lines, an editor, a Ctrl-C. */
async function liveSession(): Promise<{ session: Session; recorder: SessionRecorder }> {
  const recorder = new SessionRecorder(fixingEditor, undefined);
  const session = recorder.createSession(bundle(), { seed: 42, time: 'wall' });
  recorder.goLive();
  const io = { stdout: { write() {} }, stderr: { write() {} } };
  session.tick(1.5);
  await recorder.run('echo remember > /tmp/note', io);
  for (let i = 0; i < 4; i++) session.tick(1);
  await recorder.run('ssh root@cluster1-controlplane1', io);
  session.tick(0.7);
  await recorder.run(`vim ${MANIFEST}`, io);
  for (let i = 0; i < 20; i++) session.tick(1);
  // `sleep 30` stopped by Ctrl-C after 4 s.
  const controller = new AbortController();
  let stoppedAt: number | undefined;
  const sleeping = recorder.run('sleep 30; echo never', { ...io, signal: controller.signal }, () => stoppedAt);
  session.tick(4);
  stoppedAt = session.elapsed();
  controller.abort();
  await sleeping;
  await recorder.run('exit', io);
  session.tick(12.25);
  return { session, recorder };
}

describe('saving and resuming a session', () => {
  it('replays a transcript into the same cluster state, files, prompt and elapsed time', async () => {
    const { session, recorder } = await liveSession();
    expect(recorder.entries[2]!.edits).toHaveLength(1);
    expect(recorder.entries[3]!.interruptedAt).toBeDefined();
    expect(recorder.entries[3]!.status).toBe(130);
    const file: SessionFile = { ...sessionFile(bundle(), 'exam', 42), transcript: recorder.entries, elapsedMs: session.elapsed() };

    const home = mkdtempSync(join(tmpdir(), 'kubedrill-persist-'));
    const path = saveSession(home, file);
    const loaded = loadSession(path);
    const replayed: string[] = [];
    const resumed = await resumeSession(loaded, bundle(), { editor: noEditor, out: (e, prompt) => replayed.push(prompt + e.line) });

    expect(state(resumed.session)).toEqual(state(session));
    expect(resumed.session.transcript.map((e) => e.status)).toEqual(session.transcript.map((e) => e.status));
    expect(replayed[1]).toBe('candidate@terminal:~$ ssh root@cluster1-controlplane1');
    expect(replayed[2]).toBe(`root@cluster1-controlplane1:~# vim ${MANIFEST}`);
    expect(state(resumed.session).manifest).toContain('- kube-scheduler\n');
  });

  it('goes live after the replay: new lines are recorded after the replayed ones', async () => {
    const { session, recorder } = await liveSession();
    const file: SessionFile = { ...sessionFile(bundle(), 'exam', 42), transcript: recorder.entries, elapsedMs: session.elapsed() };
    const resumed = await resumeSession(file, bundle(), { editor: fixingEditor });
    await resumed.recorder.run('echo more', { stdout: { write() {} }, stderr: { write() {} } });
    expect(resumed.recorder.entries.map((e) => e.line)).toEqual([...recorder.entries.map((e) => e.line), 'echo more']);
  });

  it('writes atomically and finds the newest unfinished session', () => {
    const home = mkdtempSync(join(tmpdir(), 'kubedrill-persist-'));
    const b = bundle();
    const older = { ...sessionFile(b, 'exam'), id: 'a', updatedAt: '2026-01-01T10:00:00Z' };
    const newer = { ...sessionFile(b, 'practice'), id: 'b', updatedAt: '2026-01-01T11:00:00Z' };
    const finished = { ...sessionFile(b, 'exam'), id: 'c', updatedAt: '2026-01-01T12:00:00Z', done: true };
    for (const f of [older, newer, finished]) saveSession(home, f);
    writeFileSync(join(home, 'sessions', 'broken.json'), '{not json');
    expect(readdirSync(join(home, 'sessions')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(listSessions(home).map((s) => s.file.id)).toEqual(['c', 'b', 'a']);
    expect(latestUnfinished(home)?.file.id).toBe('b');
  });

  it('refuses files that are not session files, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedrill-persist-'));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'x.json');
    writeFileSync(path, JSON.stringify({ version: 99 }));
    expect(() => loadSession(path)).toThrow(SessionFileError);
    expect(() => loadSession(path)).toThrow(path);
  });

  it('names sessions by time and bundle, and writes text and JSON reports under reports/', async () => {
    expect(newSessionId('cka practice', new Date(2026, 0, 2, 3, 4, 5), () => 0.5)).toBe('20260102-030405-cka_practice-7fff');
    const home = mkdtempSync(join(tmpdir(), 'kubedrill-persist-'));
    const recorder = new SessionRecorder(undefined, undefined);
    const session = recorder.createSession(bundle(), { seed: 1 });
    const report = await session.grade();
    const paths = writeReports(home, report, 'dead-scheduler', new Date(2026, 0, 2, 3, 4, 5));
    expect(paths).toEqual({ text: join(home, 'reports', '20260102-030405-dead-scheduler.txt'), json: join(home, 'reports', '20260102-030405-dead-scheduler.json') });
  });
});
