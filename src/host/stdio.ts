/**
 * The host's standard streams as the kernel's TerminalPort (see
 * src/kernel/fs/terminal.ts): guest writes go to Deno.stdout / Deno.stderr
 * synchronously; guest reads are served from a buffer that one outstanding async
 * `Deno.stdin.read` fills on demand. When bytes (or end of input) arrive, sleepers on
 * `queue` are woken and `onInput` nudges the kernel's idle loop.
 *
 * Note: a read still pending when the guest exits keeps the host event loop alive;
 * the CLI ends with Deno.exit, which is how main.ts already terminates.
 */
import { WaitQueue } from "../kernel/proc/wait_queue.ts";
import type { TerminalPort } from "../kernel/fs/terminal.ts";

const CHUNK = 65536;
const EPIPE = 32;
const EIO = 5;

/** Where reads come from and writes go (the real Deno streams by default). */
export interface HostStreams {
  stdin: { read(b: Uint8Array): Promise<number | null>; isTerminal(): boolean };
  stdout: { writeSync(b: Uint8Array): number; isTerminal(): boolean };
  stderr: { writeSync(b: Uint8Array): number; isTerminal(): boolean };
}

export class HostStdio implements TerminalPort {
  readonly queue = new WaitQueue();
  /** Called when input arrives (the kernel sets it to its `kick`). */
  onInput: () => void = () => {};
  private readonly streams: HostStreams;
  private pending: Uint8Array = new Uint8Array(0);
  private eof = false;
  private reading = false;

  constructor(streams: HostStreams = Deno) {
    this.streams = streams;
  }

  read(dst: Uint8Array): number {
    if (this.pending.length > 0) {
      const n = Math.min(dst.length, this.pending.length);
      dst.set(this.pending.subarray(0, n));
      this.pending = this.pending.subarray(n);
      return n;
    }
    if (this.eof) return 0;
    this.startRead();
    return -1;
  }

  available(): number {
    if (this.pending.length > 0) return this.pending.length;
    if (this.eof) return 0;
    this.startRead();
    return -1;
  }

  inputPending(): boolean {
    return this.reading;
  }

  write(stream: 1 | 2, bytes: Uint8Array): number {
    const out = stream === 1 ? this.streams.stdout : this.streams.stderr;
    try {
      for (let done = 0; done < bytes.length;) done += out.writeSync(bytes.subarray(done));
      return bytes.length;
    } catch (e) {
      // A closed pipe is EPIPE for the guest (which then gets SIGPIPE, as on Linux).
      return e instanceof Deno.errors.BrokenPipe ? -EPIPE : -EIO;
    }
  }

  isTerminal(stream: 0 | 1 | 2): boolean {
    const s = [this.streams.stdin, this.streams.stdout, this.streams.stderr][stream];
    try {
      return s.isTerminal();
    } catch {
      return false;
    }
  }

  windowSize(): { rows: number; cols: number } {
    try {
      const { rows, columns } = Deno.consoleSize();
      return { rows, cols: columns };
    } catch {
      return { rows: 24, cols: 80 };
    }
  }

  private startRead(): void {
    if (this.reading) return;
    this.reading = true;
    const buf = new Uint8Array(CHUNK);
    this.streams.stdin.read(buf).then(
      (n) => this.arrived(n === null ? null : buf.subarray(0, n)),
      () => this.arrived(null),
    );
  }

  private arrived(bytes: Uint8Array | null): void {
    this.reading = false;
    if (bytes === null) this.eof = true;
    else this.pending = bytes;
    this.queue.wakeAll();
    this.onInput();
  }
}
