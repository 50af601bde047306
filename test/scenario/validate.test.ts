import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function validate(...files: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['validate', ...files.map((f) => `test/fixtures/broken/${f}`)], {
    stdout: { write: (s) => void (out += s) },
    stderr: { write: (s) => void (err += s) },
    readStdin: async () => '',
    isTTY: false,
  });
  return { code, out, err };
}

describe('kubedrill validate', () => {
  it.each([
    ['yaml-syntax.yaml', ['test/fixtures/broken/yaml-syntax.yaml:8:1: YAML syntax error: Sequence item without - indicator']],
    ['unknown-field.yaml', ['test/fixtures/broken/unknown-field.yaml:8:5: spec.clusters[0]: unknown field "nodez"']],
    [
      'missing-and-wrong-type.yaml',
      [
        'test/fixtures/broken/missing-and-wrong-type.yaml:9:5: spec.tasks[0]: missing required field "domain"',
        'test/fixtures/broken/missing-and-wrong-type.yaml:11:13: spec.tasks[0].weight: expected number, found "heavy"',
      ],
    ],
    ['two-kinds-breakage.yaml', ['test/fixtures/broken/two-kinds-breakage.yaml:9:7: spec.clusters[0].breakages[0]: a breakage names exactly one kind: file, staticPod, service, object, node, cni, kubeconfig, certificate or rbac']],
    ['not-a-kind.yaml', ['test/fixtures/broken/not-a-kind.yaml:2:7: kind: expected one of "Scenario", "Grader", "Exam", found "Scenaro"']],
  ])('rejects %s with the position of each problem', async (file, lines) => {
    const r = await validate(file);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n').slice(0, -1)).toEqual(lines);
  });

  it('reports duplicate task ids, unknown contexts and unknown nodes at their lines', async () => {
    const r = await validate('bad-refs.yaml');
    expect(r.err).toContain('test/fixtures/broken/bad-refs.yaml:9:23: unknown node "nosuchnode" (known: terminal, controlplane, node01, node02)');
    expect(r.err).toContain('test/fixtures/broken/bad-refs.yaml:17:9: duplicate task id "t1"');
    expect(r.err).toContain('test/fixtures/broken/bad-refs.yaml:18:14: task "t1" names context "c2", which no cluster provides (contexts: c1)');
  });

  it('reports a check with two kinds in the grader', async () => {
    const r = await validate('bad-refs.yaml', 'bad-refs.grader.yaml');
    expect(r.err).toContain('test/fixtures/broken/bad-refs.grader.yaml:14:7: spec.tasks[0].checks[1]: unknown field "file"');
  });

  it('builds the scenario and reports a breakage aimed at a file that does not exist', async () => {
    const r = await validate('missing-target.yaml', 'missing-target.grader.yaml');
    expect(r.err).toContain('test/fixtures/broken/missing-target.yaml:11:15: breakage 1 (file): /etc/kubernetes/manifests/kube-schedular.yaml does not exist on controlplane');
  });

  it('accepts the shipped scenarios', async () => {
    let out = '';
    const code = await main(['validate'], { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (out += s) }, readStdin: async () => '', isTTY: false });
    expect(out).toMatch(/file\(s\) valid/);
    expect(code).toBe(0);
  });
});

describe('grader cross-references', () => {
  it('names unknown clusters and hosts, tasks it does not know and tasks left without checks', async () => {
    const r = await validate('grader-refs.yaml', 'grader-refs.grader.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toContain('test/fixtures/broken/grader-refs.grader.yaml:10:22: unknown cluster "c9" (clusters: c1)');
    expect(r.err).toContain('test/fixtures/broken/grader-refs.grader.yaml:13:20: unknown host "nowhere" (hosts: terminal, controlplane, node01, node02)');
    expect(r.err).toContain('test/fixtures/broken/grader-refs.grader.yaml:15:9: grader task "not-a-task" is not a task of scenario "grader-refs" (tasks: t1, ungraded)');
    expect(r.err).toContain('test/fixtures/broken/grader-refs.yaml:15:9: task "ungraded" has no checks: add it to the grader test/fixtures/broken/grader-refs.grader.yaml');
  });
});
