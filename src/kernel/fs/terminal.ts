/**
 * Host stream files: the kernel side of stdin/stdout/stderr connected to the host
 * (`denix exec`). The host side implements `TerminalPort` (src/host/stdio.ts).
 *
 * Contract: reads return what the host has buffered, 0 at end of input, or sleep on
 * `port.queue` until the host delivers bytes (the host wakes the queue). Writes go
 * straight to the host stream. ioctl answers TCGETS/TIOCGWINSZ only when the host
 * stream is a terminal (else -ENOTTY, as isatty expects).
 */
import { Errno } from "../../abi/errno.ts";
import { TERMIOS, WINSIZE } from "../../abi/layouts.ts";
import type { WaitQueue } from "../proc/wait_queue.ts";
import { type FileOps, OFlag, PollBit } from "./file.ts";

/** The host's side of the standard streams. */
export interface TerminalPort {
  /** Woken when input arrives or ends. */
  readonly queue: WaitQueue;
  /** Copies buffered input into dst: count, 0 at EOF, -1 when none yet (a read is started). */
  read(dst: Uint8Array): number;
  /** Buffered byte count, 0 at EOF, -1 when none yet (a read is started). */
  available(): number;
  /** Is a host read outstanding (input may still arrive and wake sleepers)? */
  inputPending(): boolean;
  /** Writes to host stream 1 (stdout) or 2 (stderr): the count, or -EPIPE / -EIO. */
  write(stream: 1 | 2, bytes: Uint8Array): number;
  /** Is host stream 0/1/2 a terminal? */
  isTerminal(stream: 0 | 1 | 2): boolean;
  /** Terminal size, when known. */
  windowSize(): { rows: number; cols: number };
}

/** ioctl requests the terminal answers. */
export const enum Ioctl {
  TCGETS = 0x5401,
  TCSETS = 0x5402,
  TCSETSW = 0x5403,
  TCSETSF = 0x5404,
  TIOCGPGRP = 0x540f,
  TIOCSPGRP = 0x5410,
  TIOCGWINSZ = 0x5413,
  FIONREAD = 0x541b,
}

/** termios a cooked Linux terminal reports (ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD, ISIG|ICANON|ECHO...). */
function cookedTermios(): Uint8Array {
  const b = new Uint8Array(TERMIOS.SIZE);
  const v = new DataView(b.buffer);
  v.setUint32(TERMIOS.iflag, 0o2400, true);
  v.setUint32(TERMIOS.oflag, 0o5, true);
  v.setUint32(TERMIOS.cflag, 0o277, true);
  v.setUint32(TERMIOS.lflag, 0o105073, true);
  b.set([3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0], TERMIOS.cc);
  return b;
}

/** FileOps for one host stream (0 = stdin, 1 = stdout, 2 = stderr). */
export function hostStreamOps(port: TerminalPort, stream: 0 | 1 | 2): FileOps {
  return {
    read(f, dst, who) {
      if (stream !== 0) return -Errno.EBADF;
      if (dst.length === 0) return 0;
      const n = port.read(dst);
      if (n >= 0) return n;
      return f.flags & OFlag.NONBLOCK ? -Errno.EAGAIN : who.sleepOn(port.queue);
    },
    write(_f, src) {
      if (stream === 0) return -Errno.EBADF;
      return port.write(stream, src);
    },
    poll(_f, who) {
      if (stream !== 0) return PollBit.OUT;
      const n = port.available();
      if (n < 0 && who) port.queue.add(who);
      return n < 0 ? 0 : PollBit.IN;
    },
    ioctl(_f, req, arg, copyOut) {
      if (!port.isTerminal(stream)) return -Errno.ENOTTY;
      switch (req) {
        case Ioctl.TCGETS:
          return copyOut(arg, cookedTermios());
        case Ioctl.TCSETS:
        case Ioctl.TCSETSW:
        case Ioctl.TCSETSF:
          return 0;
        case Ioctl.TIOCGWINSZ: {
          const w = new Uint8Array(WINSIZE.SIZE);
          const v = new DataView(w.buffer);
          const s = port.windowSize();
          v.setUint16(WINSIZE.row, s.rows, true);
          v.setUint16(WINSIZE.col, s.cols, true);
          return copyOut(arg, w);
        }
        default:
          return -Errno.ENOTTY;
      }
    },
    seekable: false,
    tty: port.isTerminal(stream),
  };
}
