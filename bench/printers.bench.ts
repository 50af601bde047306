/**
 * kubectl output layer benchmark: `get pods` over 1,000 pods as a table (plain, -A -o wide
 * --show-labels, --sort-by), as yaml, json, jsonpath, custom-columns and go-template, and
 * `describe` of a pod with events and of a node carrying 100 pods. Prints the median of a few
 * runs per case (target: each well under 100 ms, so a `kubectl get` feels instant).
 * Run: npx tsx bench/printers.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { BUILTIN_RESOURCES } from '../src/api/registry.js';
import type { KObject } from '../src/api/types.js';
import { describe, objectsLookup } from '../src/kubectl/describe/index.js';
import { type OutputFlags, printGet, resolvePrinter } from '../src/kubectl/printers/index.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const PODS = 1000;
const RUNS = 7;
const iso = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString().replace('.000Z', 'Z');

function makePod(i: number): KObject {
  const restarts = i % 7;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `web-${i}`,
      namespace: i % 4 === 0 ? 'shop' : 'default',
      uid: `uid-${i}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: iso(60 * (i + 1)),
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d', shard: String(i % 10) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6d', uid: 'rs', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: `node${String(i % 50).padStart(2, '0')}`,
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
          env: [{ name: 'MODE', value: 'prod' }],
          volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } }],
      restartPolicy: 'Always',
      serviceAccountName: 'default',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
    status: {
      phase: 'Running',
      podIP: `10.244.${i % 50}.${i % 250}`,
      podIPs: [{ ip: `10.244.${i % 50}.${i % 250}` }],
      startTime: iso(60 * (i + 1)),
      conditions: [
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: iso(60 * i) },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: iso(60 * (i + 1)) },
      ],
      containerStatuses: [
        {
          name: 'nginx',
          ready: true,
          started: true,
          restartCount: restarts,
          image: 'docker.io/library/nginx:1.27',
          imageID: 'docker.io/library/nginx@sha256:abc',
          containerID: `containerd://${i}`,
          state: { running: { startedAt: iso(30 * (i + 1)) } },
          ...(restarts ? { lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(40 * (i + 1)), finishedAt: iso(30 * (i + 1)) } } } : {}),
        },
      ],
    },
  } as unknown as KObject;
}

function makeNode(name: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: iso(86400 * 3), labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' }, annotations: {} },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
    status: {
      capacity: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: iso(10), lastTransitionTime: iso(86400), reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [
        { type: 'InternalIP', address: '192.168.1.11' },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: { kubeletVersion: 'v1.33.0', osImage: 'Ubuntu 22.04.3 LTS', kernelVersion: '5.15.0-91-generic', containerRuntimeVersion: 'containerd://1.7.13', operatingSystem: 'linux', architecture: 'amd64' },
    },
  } as unknown as KObject;
}

function makeEvent(i: number, pod: KObject): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `web-0.${i}`, namespace: pod.metadata.namespace, creationTimestamp: iso(600) },
    involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid, apiVersion: 'v1' },
    reason: i % 2 ? 'Pulled' : 'BackOff',
    message: `event number ${i}`,
    source: { component: 'kubelet', host: 'node00' },
    firstTimestamp: iso(600),
    lastTimestamp: iso(10 + i),
    count: 1 + i,
    type: i % 2 ? 'Normal' : 'Warning',
  } as unknown as KObject;
}

function median(f: () => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const pods = Array.from({ length: PODS }, (_, i) => makePod(i));
const podsInfo = BUILTIN_RESOURCES.find((r) => r.resource === 'pods' && r.group === '')!;

function get(flags: OutputFlags & { allNamespaces?: boolean }): number {
  const printer = resolvePrinter(flags, 'get');
  let bytes = 0;
  const ms = median(() => {
    bytes = printGet(printer, flags, { groups: [{ info: podsInfo, objects: pods }], namespace: 'default', allNamespaces: flags.allNamespaces, now: NOW }).stdout.length;
  });
  return report(`get ${PODS} pods ${describeFlags(flags)}`, ms, bytes);
}

function describeFlags(flags: OutputFlags & { allNamespaces?: boolean }): string {
  const parts: string[] = [];
  if (flags.allNamespaces) parts.push('-A');
  if (flags.output) parts.push(`-o ${flags.output.length > 40 ? flags.output.slice(0, 37) + '...' : flags.output}`);
  if (flags.showLabels) parts.push('--show-labels');
  if (flags.sortBy) parts.push(`--sort-by=${flags.sortBy}`);
  return parts.join(' ') || '(table)';
}

function report(what: string, ms: number, bytes: number): number {
  console.log(`${what.padEnd(72)} ${ms.toFixed(1).padStart(7)} ms  ${(bytes / 1024).toFixed(0).padStart(6)} KiB out`);
  return ms;
}

get({});
get({ allNamespaces: true, output: 'wide', showLabels: true });
get({ sortBy: '.status.containerStatuses[0].restartCount' });
get({ output: 'yaml' });
get({ output: 'json' });
get({ output: 'name' });
get({ output: 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}' });
get({ output: 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGE:.spec.containers[*].image' });
get({ output: 'go-template={{range .items}}{{.metadata.name}} {{.status.phase}}{{"\\n"}}{{end}}' });

const node = makeNode('node00');
const onNode = pods.filter((p) => (p.spec as { nodeName: string }).nodeName === 'node00');
const events = Array.from({ length: 20 }, (_, i) => makeEvent(i, pods[0]!));
const lookup = objectsLookup([node, ...pods, ...events]);
const ctx = { now: NOW, showEvents: true, lookup };
let out = '';
report('describe pod (20 events, lookup over 1,021 objects)', median(() => (out = describe(pods[0]!, ctx))), out.length);
report(`describe node (${onNode.length} pods on it, lookup over 1,021 objects)`, median(() => (out = describe(node, ctx))), out.length);
