import { describe, expect, it } from 'vitest';
import { nearLines } from '../../src/grading/checks/file.js';

const CONFLIST = '{\n  "name": "k8s-pod-network",\n  "ipam": {\n    "type": "calico-ipam",\n    "ipv4_pools": ["192.168.0.0/16"]\n  }\n}\n';

describe('what a failed file check shows as found', () => {
  it('the line holding the pattern\'s longest word, not the whole file', () => {
    expect(nearLines(CONFLIST, '"ipv4_pools":\\s*\\[\\s*"10\\.244\\.0\\.0/16"\\s*\\]')).toBe('the line "\\"ipv4_pools\\": [\\"192.168.0.0/16\\"]"');
  });

  it('several lines, at most three', () => {
    expect(nearLines('a: kube-proxy\nb: kube-proxy\nc: kube-proxy\nd: kube-proxy\n', 'kube-proxy --config')).toBe('the lines "a: kube-proxy", "b: kube-proxy", "c: kube-proxy", … (4 lines)');
  });

  it('the start of the file when no line has the word', () => {
    expect(nearLines('hello\n', 'absent-word')).toBe('"hello"');
  });
});
