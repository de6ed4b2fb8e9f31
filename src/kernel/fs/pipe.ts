/**
 * Pipes: a 64 KiB ring buffer in guest RAM (kmalloc) shared by a read end and a write
 * end, each an open file description.
 *
 * Contract: read blocks while the pipe is empty and a writer exists, returns 0 (EOF)
 * when empty with no writers; write blocks while full and returns a short count when
 * only part fits, -EPIPE with no readers (the syscall layer then raises SIGPIPE).
 * Writes of at most PIPE_BUF (4096) bytes are atomic. O_NONBLOCK turns blocking into
 * -EAGAIN. Closing the last end of either side wakes the other side.
 */
import { Errno } from "../../abi/errno.ts";
import type { Frames } from "../mm/frames.ts";
import { BLOCK, type Sleeper, WaitQueue } from "../proc/wait_queue.ts";
import { type FileOps, OFlag, OpenFile, PollBit } from "./file.ts";
import { Inode, Mode } from "./inode.ts";

export const PIPE_SIZE = 65536;
export const PIPE_BUF = 4096;

export class Pipe extends Inode {
  readonly fr: Frames;
  readonly buf: number;
  head = 0;
  count = 0;
  readers = 0;
  writers = 0;
  readonly queue = new WaitQueue();

  private constructor(fr: Frames, buf: number) {
    super(Mode.FIFO | 0o600);
    this.fr = fr;
    this.buf = buf;
  }

  /** A new pipe, or null when no memory is left for its buffer. */
  static create(fr: Frames): Pipe | null {
    const buf = fr.slab.kmalloc(PIPE_SIZE);
    return buf < 0 ? null : new Pipe(fr, buf);
  }

  get size(): number {
    return this.count;
  }

  /** The two ends: [read, write]. */
  ends(flags: number): [OpenFile, OpenFile] {
    const extra = flags & OFlag.NONBLOCK;
    this.readers++;
    this.writers++;
    return [
      new OpenFile(this, READ_END, OFlag.RDONLY | extra),
      new OpenFile(this, WRITE_END, OFlag.WRONLY | extra),
    ];
  }

  take(dst: Uint8Array): number {
    const n = Math.min(dst.length, this.count);
    const mem = this.fr.mem.u8;
    for (let i = 0; i < n;) {
      const at = (this.head + i) % PIPE_SIZE;
      const k = Math.min(n - i, PIPE_SIZE - at);
      dst.set(mem.subarray(this.buf + at, this.buf + at + k), i);
      i += k;
    }
    this.head = (this.head + n) % PIPE_SIZE;
    this.count -= n;
    return n;
  }

  put(src: Uint8Array): number {
    const n = Math.min(src.length, PIPE_SIZE - this.count);
    const mem = this.fr.mem.u8;
    for (let i = 0; i < n;) {
      const at = (this.head + this.count + i) % PIPE_SIZE;
      const k = Math.min(n - i, PIPE_SIZE - at);
      mem.set(src.subarray(i, i + k), this.buf + at);
      i += k;
    }
    this.count += n;
    return n;
  }

  /** Called when both ends are gone. */
  free(): void {
    this.fr.slab.kfree(this.buf);
  }
}

function wait(f: OpenFile, p: Pipe, who: Sleeper): number {
  if (f.flags & OFlag.NONBLOCK) return -Errno.EAGAIN;
  return who.sleepOn(p.queue);
}

function closeEnd(p: Pipe): void {
  p.queue.wakeAll();
  if (p.readers === 0 && p.writers === 0) p.free();
}

const READ_END: FileOps = {
  read(f, dst, who) {
    const p = f.inode as Pipe;
    if (dst.length === 0) return 0;
    if (p.count === 0) return p.writers === 0 ? 0 : wait(f, p, who);
    const n = p.take(dst);
    p.queue.wakeAll();
    return n;
  },
  write() {
    return -Errno.EBADF;
  },
  poll(f, who) {
    const p = f.inode as Pipe;
    const r = (p.count > 0 ? PollBit.IN : 0) | (p.writers === 0 ? PollBit.HUP : 0);
    if (r === 0 && who) p.queue.add(who);
    return r;
  },
  close(f) {
    const p = f.inode as Pipe;
    p.readers--;
    closeEnd(p);
  },
  seekable: false,
};

const WRITE_END: FileOps = {
  read() {
    return -Errno.EBADF;
  },
  write(f, src, who) {
    const p = f.inode as Pipe;
    if (p.readers === 0) return -Errno.EPIPE;
    if (src.length === 0) return 0;
    const room = PIPE_SIZE - p.count;
    if (room === 0 || (src.length <= PIPE_BUF && room < src.length)) return wait(f, p, who);
    const n = p.put(src);
    p.queue.wakeAll();
    return n;
  },
  poll(f, who) {
    const p = f.inode as Pipe;
    if (p.readers === 0) return PollBit.ERR;
    const r = PIPE_SIZE - p.count >= PIPE_BUF ? PollBit.OUT : 0;
    if (r === 0 && who) p.queue.add(who);
    return r;
  },
  close(f) {
    const p = f.inode as Pipe;
    p.writers--;
    closeEnd(p);
  },
  seekable: false,
};

/** BLOCK re-exported for callers that test results. */
export { BLOCK };
