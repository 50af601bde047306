/**
 * The sed machine: pattern and hold space, the cycle, ranges, the append queue, and GNU's output
 * rule for a last line without a newline (it stays without one, and anything printed after it
 * first supplies the missing newline).
 */
import type { Address, Command, ReplPart, SedRegex } from './parse.js';

export interface Input {
  /** Shown by F and in messages. */
  name: string;
  text: string;
}

export interface MachineIO {
  write(text: string): void;
  readFile(path: string): string | undefined;
  writeFile(path: string, text: string): void;
}

export interface MachineOptions {
  quiet: boolean;
  /** -s / -i: each input is its own stream ($ is the last line of each file, numbering goes on). */
  separate: boolean;
  nullData: boolean;
  lineLength: number;
  debug?: boolean;
}

interface Line {
  text: string;
  newline: boolean;
}

/** Reads lines across the inputs of one stream, knowing when the current one is the last. */
class LineSource {
  private lines: Line[] = [];
  private idx = 0;
  constructor(texts: string[], sep: string) {
    for (const t of texts) {
      if (t === '') continue;
      const parts = t.split(sep);
      const terminated = t.endsWith(sep);
      if (terminated) parts.pop();
      parts.forEach((p, i) => this.lines.push({ text: p, newline: i < parts.length - 1 || terminated }));
    }
  }
  next(): Line | undefined {
    return this.lines[this.idx++];
  }
  isLast(): boolean {
    return this.idx >= this.lines.length;
  }
}

export class SedMachine {
  private hold = '';
  lineNo = 0;
  private lastRegex: RegExp | null = null;
  private readonly wfiles = new Map<string, string>();
  private missingNewline = false;
  private quitCode: number | undefined;
  private out: MachineIO;

  constructor(
    private readonly cmds: Command[],
    private readonly opts: MachineOptions,
    io: MachineIO,
  ) {
    this.out = io;
    for (const c of cmds) {
      if (c.name === 'w' || c.name === 'W') this.wfiles.set(c.text!, '');
      if (c.wfile) this.wfiles.set(c.wfile, '');
    }
  }

  get quit(): number | undefined {
    return this.quitCode;
  }

  /** Writes to the current output stream, supplying a newline the last line lacked. */
  private emit(text: string, newline: boolean): void {
    let s = '';
    if (this.missingNewline) s += this.opts.nullData ? '\0' : '\n';
    s += text;
    if (newline) s += this.opts.nullData ? '\0' : '\n';
    this.missingNewline = !newline;
    this.out.write(s);
  }

  private writeTo(file: string, text: string): void {
    if (file === '/dev/stdout') return this.emit(text, true);
    if (file === '/dev/stderr') {
      this.out.writeFile('/dev/stderr', `${text}\n`);
      return;
    }
    this.wfiles.set(file, (this.wfiles.get(file) ?? '') + text + '\n');
  }

  /** w files are written at the end (and truncated even if nothing was written). */
  flushFiles(): void {
    for (const [file, text] of this.wfiles) {
      if (file !== '/dev/stdout' && file !== '/dev/stderr') this.out.writeFile(file, text);
    }
  }

  /** Runs one stream (all inputs, or one file with -s/-i) with the given output. */
  runStream(inputs: Input[], io: MachineIO): void {
    this.out = io;
    this.missingNewline = false;
    const src = new LineSource(
      inputs.map((i) => i.text),
      this.opts.nullData ? '\0' : '\n',
    );
    const fileName = inputs[0]?.name ?? '-';
    let line = src.next();
    let append: string[] = [];
    const flushAppend = (): void => {
      for (const a of append) {
        if (a.startsWith('\0file:')) {
          const content = a.slice(6);
          if (content === '') continue;
          if (this.missingNewline) this.out.write(this.opts.nullData ? '\0' : '\n');
          this.out.write(content);
          this.missingNewline = !content.endsWith('\n');
        } else this.emit(a, true);
      }
      append = [];
    };
    while (line !== undefined && this.quitCode === undefined) {
      this.lineNo++;
      let ps = line.text;
      let newline = line.newline;
      let tFlag = false;
      let pc = 0;
      let autoprint = !this.opts.quiet;
      let restartWithoutRead = false;
      const readNext = (): boolean => {
        const nl = src.next();
        if (!nl) return false;
        this.lineNo++;
        line = nl;
        return true;
      };
      cycle: while (pc < this.cmds.length) {
        const cmd = this.cmds[pc]!;
        const selected = this.selects(cmd, src.isLast(), ps);
        if (!selected) {
          pc = cmd.name === '{' ? cmd.jump! + 1 : pc + 1;
          continue;
        }
        pc++;
        switch (cmd.name) {
          case '{':
          case '}':
          case ':':
          case '#':
          case 'e':
          case 'v':
            break;
          case '=':
            this.emit(String(this.lineNo), true);
            break;
          case 'a':
            append.push(cmd.text!);
            break;
          case 'i':
            this.emit(cmd.text!, true);
            break;
          case 'c':
            // In a range, the text replaces the whole range: print it at the range's end only.
            if (!cmd.a2 || cmd.negate || !cmd.active) this.emit(cmd.text!, true);
            autoprint = false;
            break cycle;
          case 'd':
            autoprint = false;
            break cycle;
          case 'D': {
            const nl = ps.indexOf('\n');
            if (nl < 0) {
              autoprint = false;
              break cycle;
            }
            ps = ps.slice(nl + 1);
            autoprint = false;
            restartWithoutRead = true;
            break cycle;
          }
          case 'g':
            ps = this.hold;
            break;
          case 'G':
            ps += `\n${this.hold}`;
            break;
          case 'h':
            this.hold = ps;
            break;
          case 'H':
            this.hold += `\n${ps}`;
            break;
          case 'x':
            [ps, this.hold] = [this.hold, ps];
            break;
          case 'z':
            ps = '';
            break;
          case 'l':
            this.emit(this.escapeForL(ps, cmd.num ?? this.opts.lineLength), true);
            break;
          case 'n':
            if (src.isLast()) {
              // GNU: without a next line, n prints (unless -n) and quits without running the rest.
              if (autoprint) this.emit(ps, newline);
              autoprint = false;
              flushAppend();
              this.quitCode = this.quitCode ?? 0;
              break cycle;
            }
            if (autoprint) this.emit(ps, newline);
            flushAppend();
            readNext();
            ps = line!.text;
            newline = line!.newline;
            break;
          case 'N':
            if (src.isLast()) {
              if (autoprint) this.emit(ps, newline);
              autoprint = false;
              this.quitCode = this.quitCode ?? 0;
              break cycle;
            }
            flushAppend();
            readNext();
            ps += `\n${line!.text}`;
            newline = line!.newline;
            break;
          case 'p':
            this.emit(ps, newline);
            break;
          case 'P': {
            const nl = ps.indexOf('\n');
            this.emit(nl < 0 ? ps : ps.slice(0, nl), true);
            break;
          }
          case 'F':
            this.emit(fileName, true);
            break;
          case 'q':
            this.quitCode = cmd.num ?? 0;
            break cycle;
          case 'Q':
            this.quitCode = cmd.num ?? 0;
            autoprint = false;
            append = [];
            break cycle;
          case 'r': {
            const content = cmd.text === '/dev/stdin' ? undefined : this.out.readFile(cmd.text!);
            if (content !== undefined) append.push(`\0file:${content}`);
            break;
          }
          case 'R':
            break;
          case 'w':
            this.writeTo(cmd.text!, ps);
            break;
          case 'W': {
            const nl = ps.indexOf('\n');
            this.writeTo(cmd.text!, nl < 0 ? ps : ps.slice(0, nl));
            break;
          }
          case 'b':
            pc = cmd.jump === -1 ? this.cmds.length : cmd.jump!;
            break;
          case 't':
            if (tFlag) {
              tFlag = false;
              pc = cmd.jump === -1 ? this.cmds.length : cmd.jump!;
            }
            break;
          case 'T':
            if (!tFlag) pc = cmd.jump === -1 ? this.cmds.length : cmd.jump!;
            else tFlag = false;
            break;
          case 'y':
            ps = [...ps].map((c) => cmd.ymap!.get(c) ?? c).join('');
            break;
          case 's': {
            const r = this.substitute(cmd, ps);
            if (r !== undefined) {
              ps = r;
              tFlag = true;
              if (cmd.print) this.emit(ps, newline);
              if (cmd.wfile) this.writeTo(cmd.wfile, ps);
            }
            break;
          }
        }
      }
      if (autoprint) this.emit(ps, newline);
      flushAppend();
      if (restartWithoutRead && this.quitCode === undefined) {
        // D with a newline left: start the next cycle on what remains, without reading.
        line = { text: ps, newline };
        this.lineNo--;
        continue;
      }
      if (this.quitCode !== undefined) break;
      line = src.next();
    }
  }

  private resolveRegex(re: SedRegex): RegExp {
    if (re) {
      this.lastRegex = re;
      return re;
    }
    if (!this.lastRegex) throw new Error('no previous regular expression');
    return this.lastRegex;
  }

  private matchAddress(a: Address, last: boolean, ps: string): boolean {
    switch (a.kind) {
      case 'line':
        return this.lineNo === a.n;
      case 'last':
        return last;
      case 're': {
        const re = this.resolveRegex(a.re);
        re.lastIndex = 0;
        return re.test(ps);
      }
      case 'step':
        return a.step <= 0 ? this.lineNo === a.first : this.lineNo >= a.first && (this.lineNo - a.first) % a.step === 0;
      case 'zero':
        return false;
    }
  }

  /** Whether the command applies to the current line, advancing its range state. */
  private selects(cmd: Command, last: boolean, ps: string): boolean {
    return this.rangeSelects(cmd, last, ps) !== cmd.negate;
  }

  private rangeSelects(cmd: Command, last: boolean, ps: string): boolean {
    if (!cmd.a1) return true;
    if (!cmd.a2) return this.matchAddress(cmd.a1, last, ps);
    const a2 = cmd.a2;
    if (cmd.active) {
      let end = false;
      if (a2.kind === 'line') end = this.lineNo >= a2.n;
      else if (a2.kind === 'plus' || a2.kind === 'mult') end = this.lineNo >= cmd.rangeEnd!;
      else end = this.matchAddress(a2, last, ps);
      if (end) cmd.active = false;
      // A line-number end already passed (after a jump) ends the range without selecting.
      if (a2.kind === 'line' && this.lineNo > a2.n) return false;
      return true;
    }
    const starts = cmd.a1.kind === 'zero' ? this.lineNo === 1 || false : this.matchAddress(cmd.a1, last, ps);
    if (cmd.a1.kind === 'zero' && this.lineNo === 1) {
      // 0,/re/: the regex may end the range on the very first line.
      cmd.active = !this.matchAddress(a2 as Address, last, ps);
      return true;
    }
    if (!starts) return false;
    cmd.active = true;
    switch (a2.kind) {
      case 'line':
        if (a2.n <= this.lineNo) cmd.active = false;
        break;
      case 'plus':
        cmd.rangeEnd = this.lineNo + a2.n;
        if (a2.n === 0) cmd.active = false;
        break;
      case 'mult':
        cmd.rangeEnd = a2.n <= 0 ? this.lineNo : Math.ceil(this.lineNo / a2.n) * a2.n;
        if (cmd.rangeEnd <= this.lineNo) cmd.active = false;
        break;
      case 'last':
        if (last) cmd.active = false;
        break;
      default:
        break;
    }
    return true;
  }

  /** s///: returns the new pattern space, or undefined when nothing was replaced. */
  private substitute(cmd: Command, ps: string): string | undefined {
    const base = this.resolveRegex(cmd.re ?? null);
    const re = new RegExp(base.source, base.flags.includes('g') ? base.flags : `${base.flags}g`);
    let out = '';
    let pos = 0;
    let count = 0;
    let replaced = false;
    let prevEnd = -1;
    const occurrence = cmd.occurrence ?? 1;
    re.lastIndex = 0;
    while (re.lastIndex <= ps.length) {
      const m = re.exec(ps);
      if (!m) break;
      const start = m.index;
      const end = start + m[0].length;
      if (m[0] === '' ) {
        re.lastIndex = end + 1;
        // No empty match right after a previous match (GNU: "baaac" s/a*/x/g gives xbxcx).
        if (start === prevEnd) continue;
      }
      count++;
      if (count >= occurrence) {
        out += ps.slice(pos, start) + this.expand(cmd.repl!.parts, m);
        pos = end;
        replaced = true;
        if (!cmd.global) break;
      }
      prevEnd = end;
      if (m[0] !== '') re.lastIndex = end;
    }
    if (!replaced) return undefined;
    return out + ps.slice(pos);
  }

  private expand(parts: ReplPart[], m: RegExpExecArray): string {
    let out = '';
    let mode: 'U' | 'L' | '' = '';
    let once: 'u' | 'l' | '' = '';
    const add = (s: string): void => {
      if (s === '') return;
      let t = mode === 'U' ? s.toUpperCase() : mode === 'L' ? s.toLowerCase() : s;
      if (once) {
        t = (once === 'u' ? t[0]!.toUpperCase() : t[0]!.toLowerCase()) + t.slice(1);
        once = '';
      }
      out += t;
    };
    for (const p of parts) {
      if (p.kind === 'text') add(p.text);
      else if (p.kind === 'group') add(m[p.n] ?? '');
      else if (p.mode === 'u' || p.mode === 'l') once = p.mode;
      else if (p.mode === 'E') {
        mode = '';
        once = '';
      } else mode = p.mode;
    }
    return out;
  }

  /** The `l` command: C escapes, octal for other bytes, lines folded with `\`, a final `$`. */
  private escapeForL(ps: string, width: number): string {
    const escapes: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
    const pieces: string[] = [];
    for (const b of Buffer.from(ps, 'utf8')) {
      if (escapes[b]) pieces.push(escapes[b]!);
      else if (b < 32 || b >= 127) pieces.push(`\\${b.toString(8).padStart(3, '0')}`);
      else pieces.push(String.fromCharCode(b));
    }
    if (width <= 1) return pieces.join('') + '$';
    let out = '';
    let col = 0;
    for (const p of pieces) {
      if (col + p.length > width - 1) {
        out += '\\\n';
        col = 0;
      }
      out += p;
      col += p.length;
    }
    return out + '$';
  }
}
