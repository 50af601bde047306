/**
 * Help texts and group behaviour of the write verbs against kubectl 1.33: `--help` of every
 * command (flags, usage lines, examples), the subcommand groups with no or an unknown
 * subcommand (which stream, which exit status), and create's argument errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, hasKubectl, NO_KUBECTL, ours, Workdir } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const COMMANDS = [
  'create', 'create deployment', 'create deploy', 'create job', 'create cronjob', 'create cj', 'create configmap', 'create cm', 'create secret generic', 'create secret tls',
  'create secret docker-registry', 'create service clusterip', 'create svc nodeport', 'create service loadbalancer', 'create service externalname', 'create serviceaccount',
  'create sa', 'create namespace', 'create ns', 'create role', 'create clusterrole', 'create rolebinding', 'create clusterrolebinding', 'create quota', 'create ingress',
  'create token', 'create poddisruptionbudget', 'create pdb', 'create priorityclass', 'create pc', 'run', 'expose', 'label', 'annotate', 'edit', 'patch', 'replace',
  'set image', 'set env', 'set resources', 'set serviceaccount', 'set sa', 'set selector', 'set subject', 'taint', 'cordon', 'uncordon', 'drain', 'autoscale',
  'rollout history', 'rollout undo', 'rollout restart', 'rollout pause', 'rollout resume', 'certificate approve', 'certificate deny', 'diff', 'kustomize',
  'rollout', 'set', 'certificate', 'create secret', 'create service', 'apply', 'apply view-last-applied',
  'get', 'delete', 'describe', 'logs', 'wait', 'rollout status', 'version', 'scale',
];

const GROUPS = [
  'kubectl create secret', 'kubectl create secret bogus', 'kubectl create service', 'kubectl create svc', 'kubectl set', 'kubectl set bogus',
  'kubectl rollout', 'kubectl rollout bogus', 'kubectl certificate', 'kubectl certificate bogus', 'kubectl create bogus',
];

describe.skipIf(!hasKubectl())('help and groups match kubectl 1.33', () => {
  let session: Session;
  let w: Workdir;
  beforeAll(() => {
    session = boot();
    w = new Workdir();
  });
  afterAll(() => w.cleanup());

  for (const c of COMMANDS) {
    it(`kubectl ${c} --help`, async () => {
      const line = `kubectl ${c} --help`;
      expect(await ours(session, w, line)).toEqual(w.real(line));
    });
  }
  for (const line of GROUPS) {
    it(line, async () => {
      expect(await ours(session, w, line)).toEqual(w.real(line));
    });
  }
});

describe.skipIf(hasKubectl())('help oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
