import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { openCatalog } from '../../src/cli/catalog.js';
import { targetsOf } from '../../src/cli/commands/selftest.js';

describe('kubedrill selftest', () => {
  const { catalog } = openCatalog({ dirs: [], builtin: true });

  it('takes an exam for the tasks it bundles', () => {
    const exam = catalog.exams.get('cka-practice')!.doc.spec.tasks;
    const scenarios = [...new Set(exam.map((t) => t.scenario))];
    expect(targetsOf(catalog, 'cka-practice')!.map((t) => t.scenario)).toEqual(scenarios);
    expect(targetsOf(catalog, 'dead-scheduler')).toEqual([{ scenario: 'dead-scheduler' }]);
  });

  it('keeps an exam to the tasks it picks from a scenario', () => {
    const picked = catalog.exams.get('cka-mock-1')!.doc.spec.tasks.find((t) => t.task)!;
    const target = targetsOf(catalog, 'cka-mock-1')!.find((t) => t.scenario === picked.scenario)!;
    expect(target.tasks).toContain(picked.task);
  });

  it('refuses an unknown name with exit 2', async () => {
    const r = await cli(['selftest', 'no-such-thing']);
    expect(r).toMatchObject({ code: 2, stderr: 'kubedrill selftest: unknown scenario or exam "no-such-thing"\n' });
  });

  it('proves one scenario and prints its table', async () => {
    const r = await cli(['selftest', 'dead-scheduler']);
    expect(r.stdout).toMatch(/^SCENARIO\s+TASK\s+UNTOUCHED\s+SOLUTION\s+RESULT\ndead-scheduler\s+\S+\s+0 %\s+100 %\s+ok\n$/);
    expect(r.code).toBe(0);
  });
});
