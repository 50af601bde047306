/**
 * Every `kubectl create` generator against kubectl 1.33: `--dry-run=client` output in every
 * format, the validation errors and the help, compared byte for byte with the real binary
 * run offline on the same files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, hasKubectl, NO_KUBECTL, ours, Workdir } from './harness.js';
import type { Session } from '../../../src/session/session.js';

const CERT = `-----BEGIN CERTIFICATE-----
MIIBgDCCASegAwIBAgIUbEONBkXs8IU40CJH/U/gOukLa2wwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLd2ViLmV4YW1wbGUwHhcNMjYxMTI1MjMxMzU5WhcNMzYxMTIy
MjMxMzU5WjAWMRQwEgYDVQQDDAt3ZWIuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABMfdJ93Ll6JAv3qsbB464aYI54kLuVGZ9ZJMvBSv+MnrbWVpNaa4
rqAgvl5hlnJrjLx7m20OdqMq6mJXDeNbOu+jUzBRMB0GA1UdDgQWBBSpZIXEh8dp
JBW2ffvd40omDyjk6jAfBgNVHSMEGDAWgBSpZIXEh8dpJBW2ffvd40omDyjk6jAP
BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIEVEgQbDlT/D736cdpiQ
tKcaESCW12qVWw//IfQspg8RAiA7OX4UXWpPrPp6p9vY+QNyi4SFXTOl8xQ/205h
sBwHRQ==
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg5WR+oqGM3sMquvF1
Zj8bIdtYTfo5bFC2xeRUMCHdkMGhRANCAATH3Sfdy5eiQL96rGweOuGmCOeJC7lR
mfWSTLwUr/jJ621laTWmuK6gIL5eYZZya4y8e5ttDnajKupiVw3jWzrv
-----END PRIVATE KEY-----
`;
const OTHER_KEY = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIEQ0zOTApSMNmSWudl+gBpjGHGqg9sxDzFF5NRss4z80oAoGCCqGSM49
AwEHoUQDQgAE13XkusaI2eO8kOLLgL98h/L3yS8J9dOYZD0D/cYTtuASa3FRHyVd
7NSOBpU5sVpUbRaI4+5btCX3hwQINfH9iw==
-----END EC PRIVATE KEY-----
`;

const LINES = [
  "kubectl create --help",
  "kubectl create secret",
  "kubectl create secret bogus",
  "kubectl create service",
  "kubectl create svc --help",
  "kubectl create bogus",
  "kubectl create job j --image=busybox --dry-run=client -o json -- sh -c 'echo hi'",
  "kubectl create job j --image=busybox --dry-run=client -o yaml",
  "kubectl create job j --dry-run=client",
  "kubectl create job j --image=x --from=cronjob/a --dry-run=client",
  "kubectl create cronjob cj --image=busybox --schedule='*/1 * * * *' --dry-run=client -o json -- date",
  "kubectl create cj cj --image=busybox --schedule='*/1 * * * *' --restart=Never --dry-run=client -o yaml",
  "kubectl create cronjob cj --image=busybox --dry-run=client",
  "kubectl create cronjob cj --dry-run=client",
  "kubectl create configmap c --from-literal=b=1 --from-literal=a=2 --dry-run=client -o json",
  "kubectl create cm c --from-file=dir --from-file=k=app.env --from-literal=z=9 --dry-run=client -o yaml",
  "kubectl create cm c --from-env-file=app.env --dry-run=client -o yaml",
  "kubectl create cm c --from-env-file=app.env --from-literal=a=b --dry-run=client -o yaml",
  "kubectl create cm c --from-env-file=bad.env --dry-run=client -o yaml",
  "kubectl create cm c --from-env-file=dir --dry-run=client -o yaml",
  "kubectl create cm c --from-file=nope --dry-run=client -o yaml",
  "kubectl create cm c --from-file=k=dir --dry-run=client -o yaml",
  "kubectl create cm c --from-file==x --dry-run=client -o yaml",
  "kubectl create cm c --from-file=x= --dry-run=client -o yaml",
  "kubectl create cm c --from-file=a=b=c --dry-run=client -o yaml",
  "kubectl create cm c --from-literal=a --dry-run=client -o yaml",
  "kubectl create cm c --from-literal=a=1 --from-literal=a=2 --dry-run=client -o yaml",
  "kubectl create cm c --from-literal='a b=1' --dry-run=client -o yaml",
  "kubectl create cm c --from-literal=a=1 --append-hash --dry-run=client -o yaml",
  "kubectl create cm c --dry-run=client -o yaml",
  "kubectl create cm c --dry-run=client -o yaml --save-config",
  "kubectl create secret generic s --from-literal=a=b --dry-run=client -o json",
  "kubectl create secret generic s --from-literal=a=b --from-file=index.html --type=foo --dry-run=client -o yaml",
  "kubectl create secret generic s --from-literal=a=b --append-hash --dry-run=client -o yaml",
  "kubectl create secret generic s --from-literal='a b=1' --dry-run=client -o yaml",
  "kubectl create secret generic s --from-literal=a=1 --from-literal=a=2 --dry-run=client -o yaml",
  "kubectl create secret generic s --dry-run=client -o yaml",
  "kubectl create secret docker-registry reg --docker-server=r.io --docker-username=u --docker-password=p --docker-email=e@x --dry-run=client -o json",
  "kubectl create secret docker-registry reg --docker-username=u --docker-password=p --dry-run=client -o yaml",
  "kubectl create secret docker-registry reg --docker-username=u --dry-run=client -o yaml",
  "kubectl create secret tls t --cert=ec.crt --key=ec.key --dry-run=client -o yaml",
  "kubectl create secret tls t --cert=ec.crt --key=ec2.key --dry-run=client -o yaml",
  "kubectl create secret tls t --cert=ec.key --key=ec.key --dry-run=client -o yaml",
  "kubectl create secret tls t --cert=ec.crt --key=ec.crt --dry-run=client -o yaml",
  "kubectl create secret tls t --cert=ec.crt --key=nope --dry-run=client -o yaml",
  "kubectl create secret tls t --cert=ec.crt --dry-run=client -o yaml",
  "kubectl create service clusterip s --tcp=80:8080,443 --dry-run=client -o json",
  "kubectl create service clusterip s --dry-run=client -o yaml",
  "kubectl create service clusterip s --clusterip=None --dry-run=client -o yaml",
  "kubectl create svc nodeport s --tcp=80:http --node-port=30080 --dry-run=client -o yaml",
  "kubectl create svc nodeport s --tcp=80:http --clusterip=None --dry-run=client -o yaml",
  "kubectl create svc loadbalancer s --tcp=80 --dry-run=client -o yaml",
  "kubectl create svc externalname s --external-name=foo.com --dry-run=client -o yaml",
  "kubectl create svc externalname s --external-name=Foo_ --dry-run=client -o yaml",
  "kubectl create svc externalname s --dry-run=client -o yaml",
  "kubectl create svc clusterip s --tcp=abc --dry-run=client -o yaml",
  "kubectl create svc clusterip s --tcp=99999 --dry-run=client -o yaml",
  "kubectl create svc clusterip s --tcp=80:0 --dry-run=client -o yaml",
  "kubectl create svc clusterip s --tcp=80:Bad_Name --dry-run=client -o yaml",
  "kubectl create sa foo --dry-run=client -o json",
  "kubectl create ns foo --dry-run=client -o json",
  "kubectl create ns foo -n bar --dry-run=client -o yaml",
  "kubectl create quota q --hard=cpu=1000m,pods=2,requests.memory=1Gi --scopes=BestEffort --dry-run=client -o json",
  "kubectl create quota q --dry-run=client -o yaml",
  "kubectl create quota q --hard=cpu --dry-run=client -o yaml",
  "kubectl create quota q --hard=cpu=abc --dry-run=client -o yaml",
  "kubectl create quota q --scopes=a,,b --dry-run=client -o yaml",
  "kubectl create ingress i --rule=foo.com/bar*=svc:80,tls=sec --rule=/x=s2:http --class=nginx --default-backend=d:80 --annotation=a=b --dry-run=client -o json",
  "kubectl create ingress i --rule=a.com/=s:80,tls --rule=b.com/=s:80,tls --rule=a.com/x=s:81 --dry-run=client -o yaml",
  "kubectl create ingress i --dry-run=client -o yaml",
  "kubectl create ingress i --rule=bad --dry-run=client -o yaml",
  "kubectl create ingress i --default-backend=bad --dry-run=client -o yaml",
  "kubectl create ingress i --rule=/=s:80 --annotation=bad --dry-run=client -o yaml",
  "kubectl create pdb p --selector=app=web --min-available=50% --dry-run=client -o json",
  "kubectl create pdb p --selector=app=web --max-unavailable=1 --dry-run=client -o yaml",
  "kubectl create pdb p --selector='a!=b' --min-available=1 --dry-run=client -o yaml",
  "kubectl create pdb p --selector='a in (x,y),!c,d' --max-unavailable=1 --dry-run=client -o yaml",
  "kubectl create pdb p --min-available=1 --dry-run=client",
  "kubectl create pdb p --selector=a=b --dry-run=client",
  "kubectl create pdb p --selector=a=b --min-available=1 --max-unavailable=1 --dry-run=client",
  "kubectl create pdb p --selector=a=b --min-available=x --dry-run=client",
  "kubectl create priorityclass pc --value=100 --description=hi --dry-run=client -o json",
  "kubectl create pc pc --value=100 --global-default --preemption-policy=Never --dry-run=client -o yaml",
  "kubectl create rolebinding rb --role=r --user=u --group=g --serviceaccount=ns:sa --dry-run=client -o json",
  "kubectl create rolebinding rb --clusterrole=r --dry-run=client -o yaml",
  "kubectl create rolebinding rb --dry-run=client -o yaml",
  "kubectl create rolebinding rb --role=a --clusterrole=b --dry-run=client -o yaml",
  "kubectl create rolebinding rb --role=a --serviceaccount=bad --dry-run=client -o yaml",
  "kubectl create clusterrolebinding crb --clusterrole=r --user=u --dry-run=client -o json",
  "kubectl create clusterrolebinding crb --dry-run=client -o json",
  "kubectl create token --help",
  "kubectl create token a --duration=-1s",
  "kubectl create token a --duration=1500ms",
  "kubectl create token a --audience=",
  "kubectl create token a --bound-object-name=x",
  "kubectl create token a --bound-object-kind=Foo",
  "kubectl create token a --bound-object-kind=Pod",
  "kubectl create deployment web --image=nginx --dry-run=client -o jsonpath='{.spec.template.spec.containers[0].name}'",
  "kubectl create deployment web --image=my.repo:5000/team/nginx_x:1.25@sha256:abc --dry-run=client -o name",
];

describe.skipIf(!hasKubectl())('kubectl create generators match kubectl 1.33 offline', () => {
  let session: Session;
  let w: Workdir;
  beforeAll(() => {
    session = boot();
    w = new Workdir();
    w.write(session, 'app.env', 'a=1\n# c\nB=two=2\n\n  C=x\n');
    w.write(session, 'bad.env', 'bad key=1\n');
    w.write(session, 'dir/one.txt', 'hello\n');
    w.write(session, 'dir/two.yaml', 'x: 1\n');
    w.write(session, 'dir/sub/s', 'sub\n');
    w.write(session, 'index.html', 'body\n');
    w.write(session, 'ec.crt', CERT);
    w.write(session, 'ec.key', KEY);
    w.write(session, 'ec2.key', OTHER_KEY);
  });
  afterAll(() => w.cleanup());

  for (const line of LINES) {
    it(line, async () => {
      expect(await ours(session, w, line)).toEqual(w.real(line));
    });
  }
});

describe.skipIf(hasKubectl())('kubectl create oracle', () => {
  it.skip(NO_KUBECTL, () => undefined);
});
