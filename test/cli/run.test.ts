import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('kubedrill run', () => {
  it('runs -c lines on the workstation and exits with the last status', async () => {
    const r = await cli(['run', '-c', 'hostname; whoami', '-c', 'false']);
    expect(r.stdout).toBe('terminal\ncandidate\n');
    expect(r.code).toBe(1);
  });

  it('reads lines from stdin, joining a heredoc into one command', async () => {
    const r = await cli(['run'], 'cat <<EOF > /tmp/x\nline one\nline two\nEOF\nwc -l < /tmp/x\n');
    expect(r.stdout).toBe('2\n');
    expect(r.code).toBe(0);
  });

  it('logs into a node with ssh and becomes root with sudo -i, with the exam prompts', async () => {
    const r = await cli(['run', '--echo', '-c', 'ssh node01', '-c', 'sudo -i', '-c', 'whoami; hostname']);
    expect(r.stdout).toBe('candidate@terminal:~$ ssh node01\ncandidate@node01:~$ sudo -i\nroot@node01:~# whoami; hostname\nroot\nnode01\n');
  });

  it('answers an unknown command as bash does, with status 127', async () => {
    const r = await cli(['run', '-c', 'kubectll get pods']);
    expect(r.stderr).toContain('bash: kubectll: command not found\n');
    expect(r.code).toBe(127);
  });

  it('refuses an unknown scenario with exit 2', async () => {
    const r = await cli(['run', 'no-such-scenario', '-c', 'true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown scenario or exam "no-such-scenario"/);
  });
});
