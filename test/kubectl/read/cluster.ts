/**
 * A booted default cluster for kubectl tests: the exam-style kubeadm cluster, the candidate's
 * shell on the workstation, files placed in the candidate's home, and commands run as typed.
 */
import { Session, type SessionOptions } from '../../../src/session/session.js';
import { defaultBundle } from '../../../src/session/default-bundle.js';
import type { CommandResult } from '../../../src/grading/context.js';

export const HOME = '/home/candidate';

export class TestCluster {
  readonly session: Session;

  constructor(options: SessionOptions = {}) {
    this.session = new Session(defaultBundle(), options);
  }

  /** Writes a file into the candidate's home (owned by the candidate). */
  file(name: string, text: string): this {
    this.session.world.workstation.fs.writeFile(`${HOME}/${name}`, text, { uid: 1000, gid: 1000, parents: true });
    return this;
  }

  run(line: string): Promise<CommandResult> {
    return this.session.capture(line);
  }

  /** Runs lines in order; returns the last result. */
  async script(...lines: string[]): Promise<CommandResult> {
    let last: CommandResult = { stdout: '', stderr: '', status: 0 };
    for (const l of lines) last = await this.run(l);
    return last;
  }

  get api() {
    return [...this.session.built.clusters.values()][0]!.api;
  }

  get now(): number {
    return this.session.world.clock.now();
  }
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
`;

export const BUSYBOX_POD = `apiVersion: v1
kind: Pod
metadata: {name: bb, labels: {app: bb}}
spec:
  securityContext: {runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000}
  containers:
  - name: bb
    image: busybox:1.36
    command: [sh, -c, 'sleep 3600']
    env: [{name: GREETING, value: hello}]
    volumeMounts: [{name: cfg, mountPath: /etc/cfg}, {name: data, mountPath: /data}]
  volumes:
  - name: cfg
    configMap: {name: cfg}
  - name: data
    emptyDir: {}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {app.conf: "port=8080\\n"}
`;

export const METRICS_SERVER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: metrics-server
  namespace: kube-system
  labels: {k8s-app: metrics-server}
spec:
  selector: {matchLabels: {k8s-app: metrics-server}}
  template:
    metadata: {labels: {k8s-app: metrics-server}}
    spec:
      containers:
      - name: metrics-server
        image: registry.k8s.io/metrics-server/metrics-server:v0.7.2
        args: [--cert-dir=/tmp, --secure-port=10250, --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname, --kubelet-use-node-status-port, --metric-resolution=15s, --kubelet-insecure-tls]
        ports: [{containerPort: 10250, name: https, protocol: TCP}]
        readinessProbe:
          httpGet: {path: /readyz, port: https, scheme: HTTPS}
          initialDelaySeconds: 20
          periodSeconds: 10
        livenessProbe:
          httpGet: {path: /livez, port: https, scheme: HTTPS}
          periodSeconds: 10
---
apiVersion: v1
kind: Service
metadata:
  name: metrics-server
  namespace: kube-system
  labels: {k8s-app: metrics-server}
spec:
  selector: {k8s-app: metrics-server}
  ports: [{name: https, port: 443, protocol: TCP, targetPort: https}]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.metrics.k8s.io
spec:
  group: metrics.k8s.io
  groupPriorityMinimum: 100
  insecureSkipTLSVerify: true
  service: {name: metrics-server, namespace: kube-system}
  version: v1beta1
  versionPriority: 100
`;
