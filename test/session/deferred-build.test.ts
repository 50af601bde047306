/**
 * A session whose clusters are built later (the TUI draws its first prompt first) ends up with
 * the same world as one built at once, whichever way the build is finished.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session.js';
import { bundle } from '../tui/helpers.js';

const LINES = ['kubectl get pods -A -o wide', 'kubectl get events -A', 'ssh cluster1-controlplane1 cat /etc/kubernetes/manifests/kube-scheduler.yaml'];

async function outputs(session: Session): Promise<string[]> {
  const out: string[] = [];
  for (const line of LINES) {
    const r = await session.capture(line);
    out.push(`${r.status}\n${r.stdout}${r.stderr}`);
  }
  out.push(JSON.stringify(session.transcript));
  return out;
}

describe('a session built later', () => {
  const b = bundle('dead-scheduler');

  it('has its prompt and no elapsed time before the clusters exist', () => {
    const s = new Session(b, { seed: 4, deferBuild: true });
    expect(s.isReady).toBe(false);
    expect(s.shell.prompt()).toBe('candidate@terminal:~$ ');
    expect(s.elapsed()).toBe(0);
    expect(s.world.resolveHost('cluster1-controlplane1')).toBeUndefined();
  });

  it('runs a line typed before the build finished exactly as an eager session would', async () => {
    const eager = await outputs(new Session(b, { seed: 4 }));
    const deferred = new Session(b, { seed: 4, deferBuild: true });
    expect(await outputs(deferred)).toEqual(eager);
  });

  it('gives the same world when a step-by-step build is finished at once midway', async () => {
    const eager = await outputs(new Session(b, { seed: 9 }));
    const s = new Session(b, { seed: 9, deferBuild: true });
    const building = s.ready();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    s.buildNow();
    await building;
    expect(s.isReady).toBe(true);
    expect(await outputs(s)).toEqual(eager);
  });

  it("gives the candidate the account the scenario's workstation files leave, as an eager session does", async () => {
    const doc = structuredClone(b.scenarios[0]!.doc);
    const passwd = 'root:x:0:0:root:/root:/bin/bash\ncandidate:x:1000:1000:candidate:/home/exam:/bin/bash\n';
    doc.spec.workstation = { ...doc.spec.workstation, files: [{ host: 'terminal', path: '/etc/passwd', content: passwd }, { host: 'terminal', path: '/home/exam', directory: true }] };
    const moved = { ...b, scenarios: [{ ...b.scenarios[0]!, doc }] };
    const eager = await new Session(moved, { seed: 2 }).capture('echo $HOME; pwd');
    const deferred = new Session(moved, { seed: 2, deferBuild: true });
    expect(await deferred.capture('echo $HOME; pwd')).toEqual(eager);
    expect(eager.stdout).toBe('/home/exam\n/home/exam\n');
  });

  it('throws what the build threw, each time the world is needed', async () => {
    const broken = structuredClone(b.scenarios[0]!.doc);
    broken.spec.clusters[0]!.breakages = [{ object: { kind: 'Deployment', namespace: 'shop', name: 'nope', set: { 'spec.replicas': 2 } } }] as never;
    const s = new Session({ ...b, scenarios: [{ ...b.scenarios[0]!, doc: broken }] }, { seed: 1, deferBuild: true });
    await expect(s.ready()).rejects.toThrow(/breakage 1 \(object\)/);
    expect(() => s.buildNow()).toThrow(/breakage 1 \(object\)/);
  });
});
