/**
 * Every shipped scenario proves its answer key discriminates: the untouched broken state scores
 * 0 % and the reference solution 100 %, task by task (`kubedrill selftest`).
 */
import { describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/cli/catalog.js';
import { selftestScenario } from '../../src/session/selftest.js';

const { catalog } = openCatalog({ dirs: [], builtin: true });

describe('shipped scenarios self-test', () => {
  for (const name of [...catalog.scenarios.keys()].sort()) {
    it(`${name}: solution 100 %, untouched 0 %`, async () => {
      const rows = await selftestScenario(catalog, name);
      for (const r of rows) expect({ task: r.task, details: r.details, untouched: r.untouched, solved: r.solved }).toEqual({ task: r.task, details: [], untouched: 0, solved: 100 });
    });
  }
});
