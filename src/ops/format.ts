/**
 * Output helpers the Go tools share: olekukonko/tablewriter v0.0.5 as etcdctl and etcdutl use it
 * (`-w table`), go-humanize's byte sizes, Go's time.Duration String, and zap's timestamp layouts.
 */

/** tablewriter's default cell width before a cell is word-wrapped (MaxColWidth). */
const MAX_COL_WIDTH = 30;

/**
 * A bordered table as tablewriter renders it: headers upper-cased and centred, cells right-aligned
 * (`SetAlignment(ALIGN_RIGHT)`), long cells wrapped on spaces.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map(titleHeader);
  const wrapped = rows.map((row) => row.map((cell) => wrapCell(cell)));
  const widths = head.map((h, i) => Math.max(h.length, ...wrapped.map((r) => Math.max(0, ...(r[i] ?? ['']).map((l) => l.length)))));
  const line = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  let out = line + '|' + head.map((h, i) => ` ${center(h, widths[i]!)} `).join('|') + '|\n' + line;
  for (const row of wrapped) {
    const height = Math.max(1, ...row.map((c) => c.length));
    for (let l = 0; l < height; l++) out += '|' + widths.map((w, i) => ` ${(row[i]?.[l] ?? '').padStart(w)} `).join('|') + '|\n';
  }
  return out + line;
}

/** tablewriter.Title: underscores become spaces, then upper case. */
function titleHeader(h: string): string {
  const t = h.replace(/_/g, ' ').trim().toUpperCase();
  return t === '' && h.length > 0 ? ' ' : t;
}

function center(s: string, width: number): string {
  const gap = width - s.length;
  if (gap <= 0) return s;
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + s + ' '.repeat(gap - left);
}

/** Greedy word wrap at 30 columns; a word longer than that widens the column instead. */
function wrapCell(cell: string): string[] {
  if (cell.length <= MAX_COL_WIDTH) return [cell];
  const words = cell.replace(/\n/g, ' ').split(' ');
  const limit = Math.max(MAX_COL_WIDTH, ...words.map((w) => w.length));
  const lines: string[] = [];
  let current = '';
  for (const w of words) {
    if (current === '') current = w;
    else if (current.length + 1 + w.length <= limit) current += ' ' + w;
    else {
      lines.push(current);
      current = w;
    }
  }
  lines.push(current);
  return lines;
}

/** go-humanize Bytes (SI units): "5.6 MB", "123 kB", "9 B". */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / Math.pow(1000, e)) * 10 + 0.5) / 10;
  return val < 10 ? `${val.toFixed(1)} ${sizes[e]}` : `${val.toFixed(0)} ${sizes[e]}`;
}

/** Go's time.Duration.String for durations under a minute: "8.217466ms", "1.5s", "750µs". */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const trim = (v: string) => v.replace(/\.?0+$/, '');
  if (ns < 1_000) return `${ns}ns`;
  if (ns < 1_000_000) return `${trim((ns / 1_000).toFixed(3))}µs`;
  if (ns < 1_000_000_000) return `${trim((ns / 1_000_000).toFixed(6))}ms`;
  return `${trim((ns / 1_000_000_000).toFixed(9))}s`;
}

/** Go layout "2006-01-02T15:04:05.000000Z0700" in UTC (etcd's zap JSON timestamps). */
export function zapMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** zapcore.RFC3339TimeEncoder in UTC (etcdutl's console logger). */
export function zapRfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** klog's header: "I0101 09:00:00.000000    4242 file.go:12] ". */
export function klogPrefix(level: 'I' | 'W' | 'E' | 'F', ms: number, pid: number, location: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}`;
  return `${level}${stamp} ${String(pid).padStart(7)} ${location}] `;
}

/**
 * Go's text/tabwriter as `tabwriter.NewWriter(w, minwidth, tabwidth, padding, ' ', 0)`: cells are
 * padded to the widest cell of their column plus padding; the last cell of a line is not padded.
 */
export function goTabwrite(lines: readonly (readonly string[])[], minWidth: number, padding: number): string {
  const widths: number[] = [];
  for (const cells of lines) cells.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, Math.max(minWidth, c.length + padding))));
  return lines.map((cells) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!) : c)).join('') + '\n').join('');
}
