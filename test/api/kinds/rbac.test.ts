import { describe, expect, it } from 'vitest';
import { harness, has, kubectlClientObject } from './helpers.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (name: string, rules: unknown[]) => ({ apiVersion: RBAC, kind: 'Role', metadata: { name }, rules });
const binding = (name: string, roleRef: Record<string, unknown>, subjects: unknown[]) => ({ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name }, roleRef, subjects });

describe('RBAC', () => {
  it('requires verbs, api groups and resources in rules', () => {
    const h = harness();
    expect(h.error(() => h.create('roles.rbac.authorization.k8s.io', role('r', [{ resources: ['pods'] }]))).message).toBe(
      'Role.rbac.authorization.k8s.io "r" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group]',
    );
    expect(h.error(() => h.create('roles.rbac.authorization.k8s.io', role('r', [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }]))).message).toBe(
      'Role.rbac.authorization.k8s.io "r" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    );
  });

  it.skipIf(!has('kubectl'))('accepts what kubectl create rolebinding sends (needs kubectl)', () => {
    const h = harness();
    const rb = h.create('rolebindings.rbac.authorization.k8s.io', kubectlClientObject(['create', 'rolebinding', 'rb', '--role=r', '--user=jane', '--serviceaccount=default:builder'])) as any;
    expect(rb.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' },
      { kind: 'ServiceAccount', name: 'builder', namespace: 'default' },
    ]);
  });

  it('defaults the API group of roleRef and of User and Group subjects', () => {
    const h = harness();
    const rb = h.create('rolebindings.rbac.authorization.k8s.io', binding('rb', { kind: 'Role', name: 'r' }, [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }])) as any;
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' });
    expect(rb.subjects.map((s: any) => s.apiGroup)).toEqual(['rbac.authorization.k8s.io', 'rbac.authorization.k8s.io']);
  });

  it('refuses to change roleRef', () => {
    const h = harness();
    h.create('rolebindings.rbac.authorization.k8s.io', binding('rb', { kind: 'Role', name: 'r' }, [{ kind: 'User', name: 'jane' }]));
    const e = h.error(() => h.patch('rolebindings.rbac.authorization.k8s.io', 'rb', { roleRef: { kind: 'ClusterRole', name: 'view' } }));
    expect(e.message).toBe('RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef');
  });

  it('validates subject kinds and service account namespaces', () => {
    const h = harness();
    expect(h.error(() => h.create('rolebindings.rbac.authorization.k8s.io', binding('rb', { kind: 'Role', name: 'r' }, [{ kind: 'Robot', name: 'x' }]))).message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    );
    const crb = { ...binding('crb', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'builder' }]), kind: 'ClusterRoleBinding' };
    expect(h.error(() => h.create('clusterrolebindings.rbac.authorization.k8s.io', crb, '')).message).toBe('ClusterRoleBinding.rbac.authorization.k8s.io "crb" is invalid: subjects[0].namespace: Required value');
    const wrongKind = { ...binding('crb', { kind: 'Role', name: 'r' }, []), kind: 'ClusterRoleBinding' };
    expect(h.error(() => h.create('clusterrolebindings.rbac.authorization.k8s.io', wrongKind, '')).message).toBe(
      'ClusterRoleBinding.rbac.authorization.k8s.io "crb" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    );
  });
});
