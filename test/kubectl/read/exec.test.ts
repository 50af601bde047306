/** kubectl exec and cp on a booted cluster, headless and in a terminal session. */
import { beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX_POD, DEPLOYMENT, TestCluster } from './cluster.js';

const JOB_POD = `apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox:1.36, command: [sh, -c, 'echo done']}]
`;

const PENDING_POD = `apiVersion: v1
kind: Pod
metadata: {name: nowhere}
spec:
  nodeSelector: {disk: none}
  containers: [{name: c, image: nginx:1.27}]
`;

describe('kubectl exec', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('bb.yaml', BUSYBOX_POD).file('deploy.yaml', DEPLOYMENT).file('once.yaml', JOB_POD).file('pending.yaml', PENDING_POD);
    await c.script('kubectl apply -f bb.yaml -f deploy.yaml -f once.yaml -f pending.yaml', 'sleep 10');
  });

  it('runs a command in the container as its securityContext says, with its environment and volumes', async () => {
    expect(await c.run('kubectl exec bb -- id')).toEqual({ stdout: 'uid=1000 gid=3000 groups=2000,3000\n', stderr: '', status: 0 });
    const env = (await c.run('kubectl exec bb -- env')).stdout;
    expect(env).toContain('\nGREETING=hello\n');
    expect(env).toContain('\nKUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect((await c.run('kubectl exec bb -- cat /etc/cfg/app.conf')).stdout).toBe('port=8080\n');
    expect((await c.run('kubectl exec bb -- ls /var/run/secrets/kubernetes.io/serviceaccount')).stdout).toBe('ca.crt\nnamespace\ntoken\n');
    expect((await c.run("kubectl exec bb -- sh -c 'echo $HOSTNAME; pwd'")).stdout).toBe('bb\n/\n');
  });

  it('has text tools in pipelines inside the container (tar, sort, uniq, tr, cut)', async () => {
    expect((await c.run(`kubectl exec bb -- sh -c 'printf "b\\na\\nb\\n" | sort | uniq -c'`)).stdout).toBe('      1 a\n      2 b\n');
    expect((await c.run("kubectl exec bb -- sh -c 'echo a:b:c | cut -d: -f2 | tr a-z A-Z'")).stdout).toBe('B\n');
    const listing = (await c.run("kubectl exec bb -- sh -c 'cd /etc && tar cf - cfg | tar tf -'")).stdout.split('\n');
    expect(listing[0]).toBe('cfg/');
    expect(listing).toContain('cfg/app.conf');
  });

  it('reaches services by DNS name, and NetworkPolicy blocks what it denies', async () => {
    c.file('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n');
    c.file('deny.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n');
    await c.run('kubectl apply -f svc.yaml');
    expect((await c.run('kubectl exec bb -- nslookup web')).stdout).toMatch(/^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+\n/);
    expect((await c.run('kubectl exec bb -- wget -qO- http://web')).stdout).toContain('<title>Welcome to nginx!</title>');
    await c.run('kubectl apply -f deny.yaml');
    const before = c.now;
    expect(await c.run('kubectl exec bb -- wget -qO- -T 2 http://web')).toEqual({ stdout: '', stderr: 'wget: download timed out\ncommand terminated with exit code 1\n', status: 1 });
    expect(c.now - before).toBeGreaterThanOrEqual(2000);
  });

  it('passes stdin with -i and the exit status through', async () => {
    expect((await c.run("echo piped | kubectl exec -i bb -- cat")).stdout).toBe('piped\n');
    expect(await c.run("kubectl exec bb -- sh -c 'echo oops >&2; exit 3'")).toEqual({ stdout: '', stderr: 'oops\ncommand terminated with exit code 3\n', status: 3 });
  });

  it('picks the pod of a deployment and tells which container it defaulted to', async () => {
    const r = await c.run('kubectl exec deploy/web -- hostname');
    expect(r.stdout).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });

  it('words failures as kubectl does', async () => {
    expect((await c.run('kubectl exec bb -- bash')).stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/,
    );
    expect(await c.run('kubectl exec once -- ls')).toEqual({ stdout: '', stderr: 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n', status: 1 });
    expect((await c.run('kubectl exec bb -c nope -- ls')).stderr).toBe('error: container nope not found in pod bb\n');
    expect((await c.run('kubectl exec nowhere -- ls')).stderr).toBe('Error from server (BadRequest): pod nowhere does not have a host assigned\n');
    expect((await c.run('kubectl exec missing -- ls')).stderr).toBe('Error from server (NotFound): pods "missing" not found\n');
  });

  it('cannot use a TTY headless', async () => {
    expect(await c.run('kubectl exec -it bb -- sh')).toEqual({ stdout: '', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n', status: 0 });
  });
});

describe('kubectl cp', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('bb.yaml', BUSYBOX_POD).file('deploy.yaml', DEPLOYMENT).file('up/a.txt', 'hi\n').file('up/sub/b.txt', 'yo\n');
    await c.script('kubectl apply -f bb.yaml -f deploy.yaml', 'sleep 10');
  });

  it('copies a file and a directory out of a pod, with tar\'s notice on stdout', async () => {
    expect(await c.run('kubectl cp bb:/etc/cfg/app.conf app.conf')).toEqual({ stdout: "tar: removing leading '/' from member names\n", stderr: '', status: 0 });
    expect((await c.run('cat app.conf')).stdout).toBe('port=8080\n');
    await c.run('kubectl cp bb:/etc/cfg cfgdir');
    expect((await c.run('ls cfgdir')).stdout).toBe('app.conf\n');
    const pod = (await c.run("kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'")).stdout;
    expect(await c.run(`kubectl cp ${pod}:/etc/hostname h.txt`)).toEqual({ stdout: "tar: Removing leading `/' from member names\n", stderr: '', status: 0 });
    expect((await c.run('cat h.txt')).stdout).toBe(`${pod}\n`);
    expect((await c.run('kubectl cp deploy/web:/etc/hostname h.txt')).stderr).toBe('Error from server (NotFound): pods "web" not found\n');
  });

  it('copies files and trees into a pod', async () => {
    await c.run('kubectl cp up bb:/data');
    expect((await c.run('kubectl exec bb -- cat /data/up/sub/b.txt')).stdout).toBe('yo\n');
    await c.run('kubectl cp up/a.txt bb:/data/renamed.txt');
    expect((await c.run('kubectl exec bb -- cat /data/renamed.txt')).stdout).toBe('hi\n');
  });

  it('reports what tar and kubectl report', async () => {
    expect(await c.run('kubectl cp bb:/nope x')).toEqual({ stdout: "tar: removing leading '/' from member names\ntar: can't open '/nope': No such file or directory\n", stderr: 'command terminated with exit code 1\n', status: 1 });
    expect((await c.run('kubectl cp missing.txt bb:/data')).stderr).toBe("error: missing.txt doesn't exist in local filesystem\n");
  });
});

describe('kubectl exec -it in a terminal', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster({ time: 'wall' });
    c.file('bb.yaml', BUSYBOX_POD).file('deploy.yaml', DEPLOYMENT);
    await c.run('kubectl apply -f bb.yaml -f deploy.yaml');
    c.session.tick(10);
  });

  it('opens the container shell with its prompt, keeps state across lines, and returns on exit', async () => {
    const shell = c.session.shell;
    expect(await c.run('kubectl exec -it bb -- sh')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(shell.prompt()).toBe('/ $ ');
    await c.run('cd /etc/cfg');
    expect(shell.prompt()).toBe('/etc/cfg $ ');
    expect((await c.run('export X=42; echo $X $GREETING')).stdout).toBe('42 hello\n');
    expect((await c.run('echo $X')).stdout).toBe('42\n');
    expect(await c.run('exit 2')).toEqual({ stdout: '', stderr: 'command terminated with exit code 2\n', status: 2 });
    expect(shell.prompt()).toBe('candidate@terminal:~$ ');
  });

  it('shows bash\'s and dash\'s prompts on Debian images', async () => {
    const shell = c.session.shell;
    await c.run('kubectl exec -it deploy/web -- bash');
    expect(shell.prompt()).toMatch(/^root@web-[a-z0-9]+-[a-z0-9]{5}:\/# $/);
    expect((await c.run('exit')).stdout).toBe('exit\n');
    await c.run('kubectl exec -it deploy/web -- sh');
    expect(shell.prompt()).toBe('# ');
    await c.run('exit');
    expect(shell.prompt()).toBe('candidate@terminal:~$ ');
  });
});
