/**
 * What every simulated `openssl` subcommand works with: the process context, the clock and Rng
 * from the factory, file access through the node's VirtualFS as the calling user, and OpenSSL 3.0's
 * error lines (`<thread id>:error:<code>:<library>:<function>:<reason>:<file>:<line>:<data>`).
 */
import type { ProcessContext } from '../../shell/types.js';
import type { VirtualClock } from '../../util/clock.js';
import type { Rng } from '../../util/rng.js';
import { VfsError } from '../../vfs/fs.js';
import type { KeySource } from '../key-source.js';

export interface OpensslDeps {
  clock: VirtualClock;
  rng: Rng;
  /** Draw `genrsa`/`-newkey` keys from the pool instead of generating them (deterministic runs). */
  keys?: KeySource;
}

export type ReadResult = { ok: true; content: string } | { ok: false; reason: 'ENOENT' | 'EACCES' | 'EISDIR' | 'ENOTDIR' };

const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
};

/** ERR codes of the "system library" lines, by errno. */
const SYS_CODE: Record<string, string> = { ENOENT: '80000002', EACCES: '8000000D', EISDIR: '80000015', ENOTDIR: '80000014' };

export class OpensslEnv {
  /** OpenSSL prefixes error lines with the thread id; one per process, as in the real thing. */
  readonly tid: string;

  constructor(
    readonly ctx: ProcessContext,
    readonly prog: string,
    readonly deps: OpensslDeps,
  ) {
    this.tid = `40${deps.rng.string(8, '0123456789ABCDEF')}7F0000`;
  }

  get rng(): Rng {
    return this.deps.rng;
  }

  now(): number {
    return this.deps.clock.now();
  }

  out(text: string): void {
    this.ctx.stdout.write(text);
  }

  err(line: string): void {
    this.ctx.stderr.write(line + '\n');
  }

  /** An OpenSSL error-queue line. */
  lib(code: string, library: string, func: string, reason: string, where: string, data = ''): void {
    this.err(`${this.tid}:error:${code}:${library}:${func}:${reason}:${where}:${data}`);
  }

  usage(): number {
    this.err(`${this.prog}: Use -help for summary.`);
    return 1;
  }

  strerror(reason: string): string {
    return STRERROR[reason] ?? reason;
  }

  read(path: string): ReadResult {
    const fs = this.ctx.host.fs;
    const abs = this.ctx.resolve(path);
    try {
      if (fs.isDir(abs, this.ctx.cred)) return { ok: false, reason: 'EISDIR' };
      return { ok: true, content: fs.readFile(abs, this.ctx.cred) };
    } catch (e) {
      if (e instanceof VfsError && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'ENOTDIR')) return { ok: false, reason: e.code };
      throw e;
    }
  }

  exists(path: string): boolean {
    return this.ctx.host.fs.exists(this.ctx.resolve(path), this.ctx.cred);
  }

  /** Writes a file the way OpenSSL's BIO layer does; on failure prints its three lines. */
  write(path: string | undefined, content: string, mode = 0o644): boolean {
    if (path === undefined || path === '-') {
      this.out(content);
      return true;
    }
    const failure = this.tryWrite(path, content, mode);
    if (!failure) return true;
    this.err(`Can't open "${path}" for writing, ${this.strerror(failure)}`);
    this.bioOpenFailed(path, 'w', failure);
    return false;
  }

  /** Private keys go through bio_open_owner, which reports failures on one line. */
  writePrivate(path: string | undefined, content: string): boolean {
    if (path === undefined || path === '-') {
      this.out(content);
      return true;
    }
    const failure = this.tryWrite(path, content, 0o600);
    if (!failure) return true;
    this.err(`${this.prog}: Can't open "${path}" for writing, ${this.strerror(failure)}`);
    return false;
  }

  tryWrite(path: string, content: string, mode: number): string | undefined {
    const fs = this.ctx.host.fs;
    const abs = this.ctx.resolve(path);
    try {
      const existed = fs.exists(abs, this.ctx.cred);
      fs.writeFile(abs, content, existed ? {} : { mode }, this.ctx.cred);
      return undefined;
    } catch (e) {
      if (e instanceof VfsError) return e.code === 'ENOTDIR' ? 'ENOTDIR' : e.code === 'EISDIR' ? 'EISDIR' : e.code === 'EACCES' ? 'EACCES' : 'ENOENT';
      throw e;
    }
  }

  /** BIO_new_file's two error lines after a failed fopen. */
  bioOpenFailed(path: string, mode: 'r' | 'w', reason: string): void {
    this.lib(SYS_CODE[reason] ?? SYS_CODE.ENOENT!, 'system library', 'BIO_new_file', this.strerror(reason), '../crypto/bio/bss_file.c:67', `calling fopen(${path}, ${mode})`);
    if (reason === 'ENOENT') this.lib('10000080', 'BIO routines', 'BIO_new_file', 'no such file', '../crypto/bio/bss_file.c:75');
    else this.lib('10080002', 'BIO routines', 'BIO_new_file', 'system lib', '../crypto/bio/bss_file.c:77');
  }

  /** The OSSL_STORE loader's lines when it cannot open a file. */
  storeOpenFailed(path: string, reason: string): void {
    this.lib('16000069', 'STORE routines', 'ossl_store_get0_loader_int', 'unregistered scheme', '../crypto/store/store_register.c:237', 'scheme=file');
    if (reason === 'ENOENT' || reason === 'ENOTDIR') {
      this.lib(SYS_CODE[reason]!, 'system library', 'file_open', this.strerror(reason), '../providers/implementations/storemgmt/file_store.c:266', `calling stat(${path})`);
    } else {
      this.lib(SYS_CODE[reason] ?? SYS_CODE.EACCES!, 'system library', 'BIO_new_file', this.strerror(reason), '../crypto/bio/bss_file.c:67', `calling fopen(${path}, rb)`);
      this.lib('10080002', 'BIO routines', 'BIO_new_file', 'system lib', '../crypto/bio/bss_file.c:77');
    }
  }

  storeUnsupported(): void {
    this.lib('1608010C', 'STORE routines', 'ossl_store_handle_load_result', 'unsupported', '../crypto/store/store_result.c:149');
  }

  decoderUnsupported(structure: string): void {
    this.lib('1E08010C', 'DECODER routines', 'OSSL_DECODER_from_bio', 'unsupported', '../crypto/encode_decode/decoder_lib.c:103', `No supported data to decode. ${structure}`);
  }

  pemNoStartLine(expecting: string): void {
    this.lib('0480006C', 'PEM routines', 'get_name', 'no start line', '../crypto/pem/pem_lib.c:760', `Expecting: ${expecting}`);
  }
}
