/** The session engine (see engine-slot.ts): cluster building, programs, grading. */
import { buildSteps } from '../scenario/build.js';
import { defaultBootHooks, certificateReissuer } from '../cluster/assemble.js';
import { gradeBundle, GRADE_DELAY_SECONDS } from '../grading/grade.js';
import { makeContext } from '../grading/context.js';
import { installPrograms } from './programs.js';
import { connect, parseKubeconfig } from '../cluster/connect.js';
import type { SessionEngine } from './engine-slot.js';

export const engine: SessionEngine = {
  buildSteps,
  buildOptions: (healthy) => ({ hooks: defaultBootHooks(), reissueCertificate: certificateReissuer(), healthy }),
  installPrograms,
  makeContext,
  gradeBundle,
  gradeDelaySeconds: GRADE_DELAY_SECONDS,
  connect,
  parseKubeconfig,
};
