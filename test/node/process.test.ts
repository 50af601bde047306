import { describe, expect, it } from 'vitest';
import { imageBaseName } from '../../src/node/process.js';

describe('image base names', () => {
  it('name each image asked for, one after another', () => {
    expect(imageBaseName('registry.k8s.io/kube-apiserver:v1.33.2')).toBe('kube-apiserver');
    expect(imageBaseName('registry.k8s.io/kube-apiserver:v1.33.2')).toBe('kube-apiserver');
    expect(imageBaseName('nginx:1.27')).toBe('nginx');
    expect(imageBaseName('registry.k8s.io/etcd@sha256:0123')).toBe('etcd');
    expect(imageBaseName('nginx:1.27')).toBe('nginx');
    expect(imageBaseName(undefined)).toBe('');
    expect(imageBaseName('localhost:5000/team/app')).toBe('app');
  });
});
