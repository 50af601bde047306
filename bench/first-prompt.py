"""Times a command from fork to the moment a text appears on its pseudo-terminal.

    python3 bench/first-prompt.py COLUMNS ROWS NEEDLE -- COMMAND ARGS...

Forks the command on a fresh pseudo-terminal of COLUMNS x ROWS, reads what it draws, and when
NEEDLE (after removing escape sequences) first appears prints one JSON line: milliseconds from
fork to the prompt, and the process's CPU time and resident memory then (cpuMs; VmRSS, VmHWM,
kB; from /proc). Then
it kills the process. With FIRST_PROMPT_MARK_FILE set it first waits for the line
`ready EPOCH_MS ...` that kubedrill appends there (KUBEDRILL_STARTUP_MARK) once its world is
built, and adds readyMs (from fork) and readyRss. Used by bench/tui.bench.ts: Node has no pseudo-terminal of its own
without a native module, and Python's pty module is in the standard library.
"""
import fcntl, json, os, pty, re, select, signal, struct, sys, termios, time

cols, rows, needle = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
argv = sys.argv[sys.argv.index('--') + 1:]
ESC = re.compile(rb'\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])')

TICK_MS = 1000 / os.sysconf('SC_CLK_TCK')

def memory(pid):
    # CPU time so far (user + system, all threads), from /proc/PID/stat.
    with open(f'/proc/{pid}/stat') as f:
        stat = f.read().rsplit(')', 1)[1].split()
    fields = {'cpuMs': round((int(stat[11]) + int(stat[12])) * TICK_MS)}
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            key, _, value = line.partition(':')
            if key in ('VmRSS', 'VmHWM'):
                fields[key] = int(value.split()[0])
    return fields

start = time.perf_counter()
start_epoch = time.time() * 1000
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execvp(argv[0], argv)
seen = b''
result = None
deadline = start + 20
while time.perf_counter() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.5)
    if not ready:
        continue
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    if needle.encode() in ESC.sub(b'', seen):
        at = (time.perf_counter() - start) * 1000
        result = {'ms': round(at, 1), **memory(pid)}
        break
mark_file = os.environ.get('FIRST_PROMPT_MARK_FILE')
while result is not None and mark_file and time.perf_counter() < deadline + 20:
    with open(mark_file) as f:
        ready = [l for l in f.read().splitlines() if l.startswith('ready ')]
    if ready:
        result['readyMs'] = round(float(ready[0].split()[1]) - start_epoch, 1)
        now = memory(pid)
        result['readyRss'] = now['VmRSS']
        result['readyCpuMs'] = now['cpuMs']
        break
    # Keep the pseudo-terminal drained so the process never blocks on a full buffer.
    if select.select([fd], [], [], 0.005)[0]:
        try:
            os.read(fd, 65536)
        except OSError:
            break
# FIRST_PROMPT_SIGNAL=USR2 lets a profiled process exit by itself (and write its profile).
stop = os.environ.get('FIRST_PROMPT_SIGNAL')
if stop:
    os.kill(pid, getattr(signal, 'SIG' + stop))
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
else:
    os.kill(pid, signal.SIGKILL)
os.waitpid(pid, 0)
if result is None:
    sys.stderr.write('never saw %r; the screen showed:\n%s\n' % (needle, ESC.sub(b'', seen).decode('utf8', 'replace')[-2000:]))
    sys.exit(1)
print(json.dumps(result))
