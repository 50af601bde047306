/**
 * kubectl create generators, autoscale, certificate approve|deny and create token against a
 * booted cluster: the result lines, server errors as each generator words them, and the
 * objects they leave.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boot, clusterOf } from './harness.js';
import type { Session } from '../../../src/session/session.js';
import type { TokenRequestSpec } from '../../../src/kubectl/create/token.js';

const CSR = `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIV01IOENBUUF3SFRFTk1Bc0dBMVVFQXd3RWFtRnVaVEVNTUFvR0ExVUVDZ3dEWkdWMk1Ga3dFd1lIS29aSQp6ajBDQVFZSUtvWkl6ajBEQVFjRFFnQUVCeXdyQUpRM2xjSGFWdUVzWmJ6THprTWtaSWVORE90V3FReFBzazJDCnFoeUxlS2h0dnVpaVBoUXA3VndxOVBsajQxSHZYMFJ0Wk9jNnU4bUVoQ2MrWnFBQU1Bb0dDQ3FHU000OUJBTUMKQTBjQU1FUUNJR0lKSlN5eEhaNEVDY04wYTZXUDgrWFo1c1B4aEFHdE4xQTFiL2Z3dWhiZUFpQi8vTmdMNm5DYgpuNVFOdDJQQzY2L3hGSmxMdXdod1h3czdVR0tJcmVzdnFBPT0KLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==
  signerName: kubernetes.io/kube-apiserver-client
  usages:
  - client auth
`;

const ok = (stdout: string) => ({ stdout, stderr: '', status: 0 });
const fail = (stderr: string, status = 1) => ({ stdout: '', stderr, status });

describe('kubectl create generators on a cluster', () => {
  let s: Session;
  beforeAll(() => {
    s = boot();
  });

  it('creates a deployment and words AlreadyExists as create deployment does', async () => {
    expect(await s.capture('kubectl create deployment web --image=nginx --replicas=2')).toEqual(ok('deployment.apps/web created\n'));
    expect(await s.capture('kubectl create deployment web --image=nginx')).toEqual(fail('error: failed to create deployment: deployments.apps "web" already exists\n'));
    expect(await s.capture("kubectl get deploy web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].name}'")).toEqual(ok('2 nginx'));
  });

  it('prints server validation failures inside the generator message', async () => {
    const r = await s.capture('kubectl create deployment Web_x --image=nginx');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: failed to create deployment: Deployment.apps "Web_x" is invalid: metadata.name: Invalid value: "Web_x": a lowercase RFC 1123 subdomain/);
  });

  it('prints namespace errors as they come from the server', async () => {
    expect(await s.capture('kubectl create ns team')).toEqual(ok('namespace/team created\n'));
    expect(await s.capture('kubectl create ns team')).toEqual(fail('Error from server (AlreadyExists): namespaces "team" already exists\n'));
  });

  it('creates config maps and secrets in the namespace given with -n', async () => {
    expect(await s.capture('kubectl create cm app --from-literal=mode=prod -n team')).toEqual(ok('configmap/app created\n'));
    expect(await s.capture("kubectl get cm app -n team -o jsonpath='{.data.mode}'")).toEqual(ok('prod'));
    expect(await s.capture('kubectl create secret generic db --from-literal=password=s3cret -n team -o name')).toEqual(ok('secret/db\n'));
    expect(await s.capture("kubectl get secret db -n team -o jsonpath='{.data.password}'")).toEqual(ok('czNjcmV0'));
  });

  it('does not store anything on --dry-run=server and says so', async () => {
    expect(await s.capture('kubectl create cm dry --from-literal=a=b --dry-run=server')).toEqual(ok('configmap/dry created (server dry run)\n'));
    expect(await s.capture('kubectl get cm dry')).toEqual(fail('Error from server (NotFound): configmaps "dry" not found\n'));
  });

  it('resolves role resources through discovery and binds them', async () => {
    expect(await s.capture('kubectl create role reader --verb=get,list --resource=pods,deploy -n team')).toEqual(ok('role.rbac.authorization.k8s.io/reader created\n'));
    expect(await s.capture("kubectl get role reader -n team -o jsonpath='{.rules[*].apiGroups} {.rules[*].resources}'")).toEqual(ok('[""] ["apps"] ["pods"] ["deployments"]'));
    expect(await s.capture('kubectl create rolebinding reader --role=reader --user=jane -n team')).toEqual(ok('rolebinding.rbac.authorization.k8s.io/reader created\n'));
    expect(await s.capture('kubectl get rolebinding reader -n team -o jsonpath={.subjects[0].name}')).toEqual(ok('jane'));
    expect(await s.capture('kubectl create role bad --verb=get --resource=foo')).toEqual(fail('the server doesn\'t have a resource type "foo"\n'));
  });

  it('creates a job from a cron job, owned by it and marked as manual', async () => {
    expect(await s.capture("kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *' -- date")).toEqual(ok('cronjob.batch/tick created\n'));
    expect(await s.capture('kubectl create job tick-manual --from=cronjob/tick')).toEqual(ok('job.batch/tick-manual created\n'));
    expect(await s.capture("kubectl get job tick-manual -o jsonpath='{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} {.metadata.ownerReferences[0].kind}'")).toEqual(ok('manual CronJob'));
    expect(await s.capture('kubectl create job x --from=deploy/web')).toEqual(fail('error: unknown object type *v1.Deployment\n'));
    expect(await s.capture('kubectl create job x --from=cronjob/nope')).toEqual(fail('Error from server (NotFound): cronjobs.batch "nope" not found\n'));
  });

  it('allocates the node port a NodePort service asks for, and refuses it twice', async () => {
    expect(await s.capture('kubectl create svc nodeport web --tcp=80:80 --node-port=30080')).toEqual(ok('service/web created\n'));
    const r = await s.capture('kubectl create svc nodeport web2 --tcp=80:80 --node-port=30080');
    expect(r).toEqual(fail('error: failed to create NodePort service: Service "web2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n'));
  });

  it('fails a POST that never reaches the server with the dial error inside the message', async () => {
    expect(await s.capture('kubectl --server https://127.0.0.1:1 create deployment x --image=nginx')).toEqual(
      fail('error: failed to create deployment: Post "https://127.0.0.1:1/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict": dial tcp 127.0.0.1:1: connect: connection refused\n'),
    );
  });

  it('autoscales a deployment with an autoscaling/v2 HPA', async () => {
    expect(await s.capture('kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80')).toEqual(ok('horizontalpodautoscaler.autoscaling/web autoscaled\n'));
    expect(await s.capture("kubectl get hpa web -o jsonpath='{.spec.minReplicas} {.spec.maxReplicas} {.spec.metrics[0].resource.target.averageUtilization}'")).toEqual(ok('2 5 80'));
    expect(await s.capture('kubectl autoscale deployment web --max=5')).toEqual(fail('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n'));
    expect(await s.capture('kubectl autoscale deployment web --max=1 --min=2')).toEqual(fail('error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 2\n'));
  });

  it('approves a CSR through the approval subresource, and refuses to deny it afterwards', async () => {
    s.world.workstation.fs.writeFile('/home/candidate/csr.yaml', CSR, { uid: 1000, gid: 1000 });
    expect(await s.capture('kubectl create -f csr.yaml')).toEqual(ok('certificatesigningrequest.certificates.k8s.io/jane created\n'));
    expect(await s.capture('kubectl certificate approve jane')).toEqual(ok('certificatesigningrequest.certificates.k8s.io/jane approved\n'));
    expect(await s.capture("kubectl get csr jane -o jsonpath='{.status.conditions[0].type}/{.status.conditions[0].reason}/{.status.conditions[0].message}'")).toEqual(
      ok('Approved/KubectlApprove/This CSR was approved by kubectl certificate approve.'),
    );
    expect(await s.capture('kubectl certificate deny jane')).toEqual(fail('error: certificate signing request "jane" is already Approved\n'));
    expect(await s.capture('kubectl certificate approve nope')).toEqual(fail('Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\n'));
  });

  it('asks the apiserver for a token through createToken when the server offers it', async () => {
    const api = clusterOf(s).api as unknown as { createToken?: (u: unknown, ns: string, name: string, spec: TokenRequestSpec) => unknown };
    const seen: unknown[] = [];
    api.createToken = (_u, ns, name, spec) => {
      seen.push([ns, name, spec]);
      return { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: { name }, spec, status: { token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig', expirationTimestamp: '2026-01-01T10:00:00Z' } };
    };
    try {
      expect(await s.capture('kubectl create token default --duration=10m --audience=api')).toEqual(ok('eyJhbGciOiJSUzI1NiJ9.e30.sig\n'));
      expect(seen).toEqual([['default', 'default', { audiences: ['api'], expirationSeconds: 600 }]]);
    } finally {
      delete api.createToken;
    }
    expect(await s.capture('kubectl create token default')).toEqual(fail('error: failed to create token: the server could not find the requested resource\n'));
  });
});
