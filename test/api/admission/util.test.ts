import { describe, expect, it } from 'vitest';
import { isMainWrite, isResource } from '../../../src/api/admission/util.js';
import type { AdmissionRequest } from '../../../src/api/admission.js';
import { SYSTEM_USERS } from '../../../src/api/auth.js';
import type { ResourceInfo } from '../../../src/api/registry.js';

const request = (group: string, resource: string, extra: Partial<AdmissionRequest> = {}): AdmissionRequest =>
  ({ operation: 'CREATE', resource: { group, resource } as ResourceInfo, namespace: 'default', name: 'x', object: { apiVersion: 'v1', kind: 'X', metadata: {} }, user: SYSTEM_USERS.superAdmin, dryRun: false, ...extra });

describe('admission request helpers', () => {
  it('match a request to a store key exactly, grouped or core', () => {
    expect(isResource(request('', 'pods'), 'pods')).toBe(true);
    expect(isResource(request('', 'pods'), 'pods.')).toBe(false);
    expect(isResource(request('apps', 'deployments'), 'deployments.apps')).toBe(true);
    expect(isResource(request('apps', 'deployments'), 'deployments')).toBe(false);
    expect(isResource(request('apps', 'deployments'), 'deploymentsxapps')).toBe(false);
    expect(isResource(request('apps', 'deployments'), 'deployments.appz')).toBe(false);
    expect(isResource(request('networking.k8s.io', 'ingresses'), 'ingresses.networking.k8s.io')).toBe(true);
    expect(isResource(request('k8s.io', 'ingresses.networking'), 'ingresses.networking.k8s.io')).toBe(true);
  });

  it('take a main write as a create unless told the operations', () => {
    expect(isMainWrite(request('', 'pods'), 'pods')).toBe(true);
    expect(isMainWrite(request('', 'pods', { operation: 'UPDATE' }), 'pods')).toBe(false);
    expect(isMainWrite(request('', 'pods', { operation: 'UPDATE' }), 'pods', ['UPDATE'])).toBe(true);
    expect(isMainWrite(request('', 'pods', { subresource: 'status' }), 'pods')).toBe(false);
  });
});
