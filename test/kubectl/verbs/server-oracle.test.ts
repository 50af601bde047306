/**
 * Verbs that need discovery or objects, with `--dry-run=client`: the real kubectl 1.33 talks
 * to the read-only fake API server serving the session cluster's objects, ours to the session
 * cluster itself (create role/clusterrole's resource resolution, run, expose, autoscale,
 * taint, cordon, uncordon).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, fakeServerFor, hasKubectl, NO_KUBECTL, ours, Workdir } from './harness.js';
import type { Session } from '../../../src/session/session.js';
import type { FakeServer } from '../oracle.js';

const OBJECTS = [{"apiVersion":"v1","kind":"Node","metadata":{"name":"node01"},"spec":{"taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"}]}},
{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"name":"https","protocol":"TCP"}]}]}}}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default","labels":{"app":"p","tier":"x"}},"spec":{"containers":[{"name":"c","image":"nginx","ports":[{"containerPort":8080,"protocol":"TCP"}]}]}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"bare","namespace":"default"},"spec":{"containers":[{"name":"c","image":"nginx"}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc","namespace":"default"},"spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}]}}
]
;

const LINES = [
  "kubectl taint nodes node01 app=blue:NoSchedule --dry-run=client",
  "kubectl taint nodes node01 dedicated=gpu:NoSchedule --dry-run=client",
  "kubectl taint nodes node01 dedicated=cpu:NoSchedule --dry-run=client",
  "kubectl taint nodes node01 dedicated=cpu:NoSchedule --overwrite --dry-run=client",
  "kubectl taint nodes node01 dedicated:NoSchedule- --dry-run=client",
  "kubectl taint nodes node01 dedicated- --dry-run=client",
  "kubectl taint nodes node01 nope- --dry-run=client",
  "kubectl taint nodes node01 nope:NoExecute- --dry-run=client",
  "kubectl taint nodes node01 a=b:Bogus --dry-run=client",
  "kubectl taint nodes node01 a=b --dry-run=client",
  "kubectl taint nodes node01 a=b:NoSchedule a=c:NoSchedule --dry-run=client",
  "kubectl taint nodes node01 a=b:NoSchedule a- --dry-run=client",
  "kubectl taint pods node01 x=y:NoSchedule --dry-run=client",
  "kubectl taint nodes x=y:NoSchedule --dry-run=client",
  "kubectl taint nodes --all x=y:NoSchedule --dry-run=client",
  "kubectl taint nodes nope x=y:NoSchedule --dry-run=client",
  "kubectl taint nodes node01",
  "kubectl taint",
  "kubectl taint nodes node01 x=y:NoSchedule node02",
  "kubectl cordon node01 --dry-run=client",
  "kubectl uncordon node01 --dry-run=client",
  "kubectl cordon",
  "kubectl cordon nope",
  "kubectl cordon node01 -l a=b",
  "kubectl certificate",
  "kubectl certificate bogus",
  "kubectl autoscale deployment web --max=5 --min=2 --cpu-percent=80 --dry-run=client -o yaml",
  "kubectl autoscale deployment web --max=5 --dry-run=client -o json",
  "kubectl autoscale deployment web --max=5 --dry-run=client",
  "kubectl autoscale deployment web --max=5 --name=other --dry-run=client -o name",
  "kubectl autoscale deployment web --max=0",
  "kubectl autoscale deployment web --max=2 --min=3",
  "kubectl autoscale pod p --max=2 --dry-run=client",
  "kubectl autoscale deployment nope --max=2 --dry-run=client",
  "kubectl expose deployment web --dry-run=client -o yaml",
  "kubectl expose deployment web --port=8080 --target-port=80 --type=NodePort --name=web2 --dry-run=client -o yaml",
  "kubectl expose pod p --dry-run=client -o yaml",
  "kubectl expose pod bare --port=80 --dry-run=client",
  "kubectl expose pod bare --dry-run=client",
  "kubectl expose svc svc --port=90 --name=s2 --dry-run=client -o yaml",
  "kubectl expose pod p --protocol=UDP --selector=a=b -l x=y --dry-run=client -o yaml",
  "kubectl expose node node01 --port=80 --dry-run=client",
  "kubectl expose",
  "kubectl expose deployment web --port=abc --dry-run=client",
  "kubectl run nginx --image=nginx --dry-run=client -o yaml",
  "kubectl run t --image=busybox --restart=Never --env=A=1 --labels=a=b,c=d --port=80 --annotations=x=y --image-pull-policy=IfNotPresent --dry-run=client -o json -- sh -c date",
  "kubectl run t --image=busybox --command --dry-run=client -o yaml -- sleep 1",
  "kubectl run t --image=busybox --expose --port=80 --dry-run=client -o yaml",
  "kubectl run t --image=busybox --expose --port=80 --labels=a=b --dry-run=client -o yaml",
  "kubectl run t --image=busybox --expose --port=80 --dry-run=client",
  "kubectl run t --image=busybox -n foo --dry-run=client -o yaml --privileged",
  "kubectl run t --image=busybox --env=BAD --dry-run=client",
  "kubectl run t --image=busybox --port=x --dry-run=client",
  "kubectl run t --image=busybox -it --rm --dry-run=client",
  "kubectl run t --image=busybox --expose --dry-run=client",
  "kubectl run t",
  "kubectl run --image=x",
  "kubectl run t --image=x --restart=Bad --dry-run=client",
  "kubectl run t --image=x -t --dry-run=client",
  "kubectl run t --image=x --rm --dry-run=client",
  "kubectl run t --image=BAD --dry-run=client",
  "kubectl run t --image=busybox -i --dry-run=client -o yaml",
  "kubectl run t --image=busybox --image-pull-policy=Sometimes --dry-run=client",
  "kubectl run t --image=nginx --labels=bad --dry-run=client",
  "kubectl run t --image=nginx --labels=a=b,c=d=e --dry-run=client",
  "kubectl run t --image=nginx --labels=a=b, --dry-run=client",
  "kubectl create role r --verb=get,list --verb=get --resource=pods,rs.apps,deploy,pods/log,jobs.batch/status --resource-name=x --dry-run=client -o json",
  "kubectl create role r --verb=get --resource=foo --dry-run=client -o yaml",
  "kubectl create role r --verb=get --resource=foo.bar --dry-run=client -o yaml",
  "kubectl create role r --verb=use --resource=pods --dry-run=client",
  "kubectl create role r --verb=get --resource=* --dry-run=client -o yaml",
  "kubectl create role r --verb=frob --resource=pods --resource-name=a --resource-name=a --dry-run=client -o yaml",
  "kubectl create role r --verb=get --resource=.apps --dry-run=client",
  "kubectl create role r --dry-run=client",
  "kubectl create role r --verb=get --dry-run=client",
  "kubectl create role r --verb=bind --resource=roles --dry-run=client -o yaml",
  "kubectl create role r --verb=get --resource=deployments.extensions --dry-run=client -o yaml",
  "kubectl create clusterrole r --verb=get --non-resource-url=/logs/*,/healthz --resource=nodes --dry-run=client -o yaml",
  "kubectl create clusterrole r --aggregation-rule=a=b,c=d --dry-run=client -o json",
  "kubectl create clusterrole r --verb=get,* --resource=pods,* --dry-run=client -o yaml",
  "kubectl create clusterrole r --verb=patch --non-resource-url=/x --dry-run=client -o yaml",
  "kubectl create clusterrole r --verb=get --non-resource-url=x --dry-run=client -o yaml",
  "kubectl create clusterrole r --verb=get --non-resource-url=/x*y --dry-run=client -o yaml",
  "kubectl create clusterrole r --verb=get --aggregation-rule=a=b --dry-run=client",
  "kubectl create clusterrole r --verb=get --dry-run=client",
  "kubectl create clusterrole r --aggregation-rule=ab --dry-run=client",
  "kubectl create job j2 --from=cronjob/nope --dry-run=client",
];

describe.skipIf(!hasKubectl())('verbs with discovery match kubectl 1.33 against the same objects', () => {
  let session: Session;
  let w: Workdir;
  let server: FakeServer;
  beforeAll(async () => {
    session = boot();
    w = new Workdir();
    w.write(session, 'objects.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: OBJECTS.filter((o: { kind: string }) => o.kind !== 'Node') }));
    await session.capture(`kubectl create -f ${w.dir}/objects.json`);
    await session.capture(`kubectl taint node node01 dedicated=gpu:NoSchedule`);
    server = await fakeServerFor(session, ['nodes', 'pods', 'services', 'deployments.apps', 'configmaps']);
  });
  afterAll(async () => {
    await server.close();
    w.cleanup();
  });

  for (const line of LINES) {
    it(line, async () => {
      expect(await ours(session, w, line)).toEqual(await w.realAsync(line, server.url));
    });
  }
});

describe.skipIf(hasKubectl())('discovery verbs oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
