import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bootOps } from './helpers.js';

const PLAN_1_33 = `[preflight] Running pre-flight checks.
[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
[upgrade/config] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.
[upgrade] Running cluster health checks
[upgrade] Fetching available versions to upgrade to
[upgrade/versions] Cluster version: 1.33.2
[upgrade/versions] kubeadm version: v1.33.2
[upgrade/versions] Target version: v1.33.7
[upgrade/versions] Latest version in the v1.33 series: v1.33.7

Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':
COMPONENT   NODE           CURRENT   TARGET
kubelet     controlplane   v1.33.2   v1.33.7
kubelet     node01         v1.33.2   v1.33.7
kubelet     node02         v1.33.2   v1.33.7

Upgrade to the latest version in the v1.33 series:

COMPONENT                 NODE           CURRENT    TARGET
kube-apiserver            controlplane   v1.33.2    v1.33.7
kube-controller-manager   controlplane   v1.33.2    v1.33.7
kube-scheduler            controlplane   v1.33.2    v1.33.7
kube-proxy                               1.33.2     v1.33.7
CoreDNS                                  v1.12.0    v1.12.0
etcd                      controlplane   3.5.21-0   3.5.24-0

You can now apply the upgrade by executing the following command:

\tkubeadm upgrade apply v1.33.7

Note: Before you can perform this upgrade, you have to update kubeadm to v1.33.7.

_____________________________________________________________________


The table below shows the current state of component configs as understood by this version of kubeadm.
Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or
resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually
upgrade to is denoted in the "PREFERRED VERSION" column.

API GROUP                 CURRENT VERSION   PREFERRED VERSION   MANUAL UPGRADE REQUIRED
kubeproxy.config.k8s.io   v1alpha1          v1alpha1            no
kubelet.config.k8s.io     v1beta1           v1beta1             no
_____________________________________________________________________

`;

describe('kubeadm version', () => {
  it('prints the build of the installed binary', async () => {
    const t = bootOps();
    expect((await t.sh('kubeadm version')).stdout).toBe(
      'kubeadm version: &version.Info{Major:"1", Minor:"33", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"v1.33.2", GitCommit:"a57b6f7709f6c2722b92f07b8b4c48210a51fc40", GitTreeState:"clean", BuildDate:"2025-06-17T18:39:42Z", GoVersion:"go1.24.4", Compiler:"gc", Platform:"linux/amd64"}\n',
    );
    expect((await t.sh('kubeadm version -o short')).stdout).toBe('v1.33.2\n');
    expect(JSON.parse((await t.sh('kubeadm version -o json')).stdout).clientVersion.gitVersion).toBe('v1.33.2');
  });
});

describe('kubeadm token', () => {
  it('creates a bootstrap token Secret and prints the join command with the CA public key hash', async () => {
    const t = bootOps();
    const r = await t.sh('kubeadm token create --print-join-command');
    const m = /^kubeadm join 192\.168\.100\.2:6443 --token ([a-z0-9]{6})\.([a-z0-9]{16}) --discovery-token-ca-cert-hash sha256:([0-9a-f]{64}) \n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const ca = new X509Certificate(t.cp.fs.readFile('/etc/kubernetes/pki/ca.crt'));
    const spki = ca.publicKey.export({ type: 'spki', format: 'der' });
    expect(m![3]).toBe(createHash('sha256').update(spki).digest('hex'));
    const secret = t.cluster.admin().get('secrets', 'kube-system', `bootstrap-token-${m![1]}`);
    expect(secret['type']).toBe('bootstrap.kubernetes.io/token');
    const data = secret['data'] as Record<string, string>;
    expect(Buffer.from(data['token-secret']!, 'base64').toString()).toBe(m![2]);
    expect(Buffer.from(data['expiration']!, 'base64').toString()).toBe(new Date(t.world.clock.now() - 2000 + 24 * 3600_000).toISOString().replace('.000Z', 'Z'));
    const list = await t.sh('kubeadm token list');
    expect(list.stdout).toBe(
      'TOKEN                     TTL       EXPIRES                USAGES                   DESCRIPTION   EXTRA GROUPS\n' +
        `${m![1]}.${m![2]}   23h       ${Buffer.from(data['expiration']!, 'base64').toString()}   authentication,signing   <none>        system:bootstrappers:kubeadm:default-node-token\n`,
    );
    expect((await t.sh(`kubeadm token delete ${m![1]}`)).stdout).toBe(`bootstrap token "${m![1]}" deleted\n`);
  });
});

describe('kubeadm upgrade plan', () => {
  it('lays out the components, current and target versions of the latest patch', async () => {
    const t = bootOps();
    const r = await t.sh('kubeadm upgrade plan');
    expect(r.stdout).toBe(PLAN_1_33);
    expect(r.stderr).toMatch(/^I0101 09:\d\d:\d\d\.000000 +\d+ version\.go:261\] remote version is much newer: v1\.35\.0; falling back to: stable-1\.33\n$/);
    expect(r.status).toBe(0);
  });

  it('fails on a node without admin.conf', async () => {
    const t = bootOps();
    const r = await t.sh('kubeadm upgrade plan', 'node01');
    expect(r.stderr).toBe('couldn\'t create a Kubernetes client from file "/etc/kubernetes/admin.conf": failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n');
  });
});

describe('kubeadm upgrade apply', () => {
  it('refuses a version newer than kubeadm itself, and skipping a minor version', async () => {
    const t = bootOps();
    const r = await t.sh('kubeadm upgrade apply v1.33.7 -y');
    expect(r.stdout.endsWith('[upgrade/versions] Cluster version: v1.33.2\n[upgrade/versions] kubeadm version: v1.33.2\n')).toBe(true);
    expect(r.stderr).toBe('[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n\t- Kubeadm version "v1.33.2" can only be used to upgrade to Kubernetes version "v1.33.2"\n\nCan be bypassed if you pass the --force flag\nTo see the stack trace of this error execute with --v=5 or higher\n');
    const skip = await t.sh('kubeadm upgrade apply v1.35.0 -y');
    expect(skip.stderr).toBe(
      '[upgrade/version] FATAL: the --version argument is invalid due to these fatal errors:\n\n\t- Specified version to upgrade to "v1.35.0" is too high; kubeadm can upgrade only 1 minor version at a time\n\t- Kubeadm version "v1.33.2" can only be used to upgrade to Kubernetes version "v1.33"\n\nPlease fix the misalignments highlighted above and try upgrading again\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
  });

  it('asks before proceeding and stops without an answer', async () => {
    const t = bootOps();
    await t.sh('apt-get install -y --allow-change-held-packages kubeadm=1.33.7-1.1');
    const r = await t.sh('kubeadm upgrade apply v1.33.7');
    expect(r.stdout.endsWith('[upgrade] Are you sure you want to proceed? [y/N]: ')).toBe(true);
    expect(r.stderr).toBe("won't proceed; the user didn't answer (Y|n) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher\n");
    const yes = await t.sh('echo y | kubeadm upgrade apply v1.33.7');
    expect(yes.status).toBe(0);
  });

  it('rewrites the static pod images, records the version and lets the kubelet restart the components', async () => {
    const t = bootOps();
    await t.sh('apt-get install -y --allow-change-held-packages kubeadm=1.33.7-1.1');
    const r = await t.sh('kubeadm upgrade apply v1.33.7 -y');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[upgrade/staticpods] Preparing for "etcd" upgrade\n[upgrade/staticpods] Renewing etcd-server certificate\n');
    expect(r.stdout).toContain('[apiclient] Found 1 Pods for label selector component=kube-apiserver\n[upgrade/staticpods] Component "kube-apiserver" upgraded successfully!\n');
    expect(r.stdout.endsWith('[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n\n[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.33.7".\n\n[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n')).toBe(true);
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) expect(t.cp.fs.readFile(`/etc/kubernetes/manifests/${c}.yaml`)).toContain(`image: registry.k8s.io/${c}:v1.33.7\n`);
    expect(t.cp.fs.readFile('/etc/kubernetes/manifests/etcd.yaml')).toContain('image: registry.k8s.io/etcd:3.5.24-0\n');
    const backups = t.cp.fs.readdir('/etc/kubernetes/tmp').filter((d) => d.startsWith('kubeadm-backup-manifests-'));
    expect(t.cp.fs.readFile(`/etc/kubernetes/tmp/${backups[0]}/kube-apiserver.yaml`)).toContain('image: registry.k8s.io/kube-apiserver:v1.33.2\n');
    const admin = t.cluster.admin();
    expect((admin.get('configmaps', 'kube-system', 'kubeadm-config')['data'] as Record<string, string>)['ClusterConfiguration']).toContain('kubernetesVersion: v1.33.7\n');
    const mirror = admin.get('pods', 'kube-system', 'kube-apiserver-controlplane');
    expect((mirror['spec'] as { containers: { image: string }[] }).containers[0]!.image).toBe('registry.k8s.io/kube-apiserver:v1.33.7');
    expect(t.cluster.spec.version).toBe('v1.33.7');
    // A second plan finds nothing newer in the v1.33 line.
    expect((await t.sh('kubeadm upgrade plan')).stdout).toContain("Awesome, you're up-to-date! Enjoy!\n");
  }, 30_000);
});

describe('kubeadm upgrade node', () => {
  it('refreshes a worker kubelet configuration from the cluster', async () => {
    const t = bootOps();
    const node = t.node('node01');
    node.fs.writeFile('/var/lib/kubelet/config.yaml', 'broken: true\n');
    const r = await t.sh('kubeadm upgrade node', 'node01');
    expect(
      r.stdout.startsWith(
        '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n' +
          "[upgrade] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n" +
          '[upgrade/preflight] Running pre-flight checks\n' +
          '[upgrade/preflight] Skipping prepull. Not a control plane node.\n' +
          '[upgrade/control-plane] Skipping phase. Not a control plane node.\n' +
          '[upgrade/kubeconfig] Skipping phase. Not a control plane node.\n[upgrade] Backing up',
      ),
    ).toBe(true);
    expect(r.stdout).toMatch(/\[upgrade\] Backing up kubelet config file to \/etc\/kubernetes\/tmp\/kubeadm-kubelet-config\d+\/config\.yaml\n\[kubelet-start\] Writing kubelet configuration to file "\/var\/lib\/kubelet\/config\.yaml"\n\[upgrade\/kubelet-config\] The kubelet configuration for this node was successfully upgraded!\n\[upgrade\/addon\] Skipping the addon\/coredns phase\. Not a control plane node\.\n\[upgrade\/addon\] Skipping the addon\/kube-proxy phase\. Not a control plane node\.\n\[upgrade\] The configuration for this node was successfully upgraded!\n\[upgrade\] Now you should go ahead and upgrade the kubelet package using your package manager\.\n$/);
    expect(node.fs.readFile('/var/lib/kubelet/config.yaml')).toContain('kind: KubeletConfiguration\n');
  });
});

describe('kubeadm certs and kubeconfig', () => {
  it('delegates to the PKI', async () => {
    const t = bootOps();
    const r = await t.sh('kubeadm certs check-expiration');
    expect(r.stdout).toContain('CERTIFICATE                EXPIRES');
    const user = await t.sh('kubeadm kubeconfig user --client-name jane');
    expect(user.stdout).toContain('name: jane\n');
  });

  it('refuses init, join and reset plainly', async () => {
    const t = bootOps();
    const r = await t.sh('kubeadm reset -f');
    expect(r.stderr).toBe('kubeadm reset is not available in this simulation: the cluster is already bootstrapped and its nodes are joined. Repair the existing cluster instead.\n');
    expect(r.status).toBe(1);
  });
});
