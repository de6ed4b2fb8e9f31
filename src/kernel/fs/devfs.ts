/**
 * devfs: character devices as inodes. Each device node carries its FileOps; `open`
 * hands them to the open file description. The standard set is null, zero, full,
 * console and tty (the last two are the host terminal streams, see TerminalPort).
 */
import { Errno } from "../../abi/errno.ts";
import type { FileOps } from "./file.ts";
import { PollBit } from "./file.ts";
import { Inode, Mode } from "./inode.ts";
import type { Tmpfs } from "./tmpfs.ts";

/** A character device node. */
export class DevNode extends Inode {
  readonly ops: FileOps;

  constructor(major: number, minor: number, ops: FileOps, perm = 0o666) {
    super(Mode.CHR | perm);
    this.rdev = (major << 8) | minor;
    this.ops = ops;
  }

  get size(): number {
    return 0;
  }

  override open(): FileOps {
    return this.ops;
  }
}

const NULL_OPS: FileOps = {
  read: () => 0,
  write: (_f, src) => src.length,
  poll: () => PollBit.IN | PollBit.OUT,
  seekable: true,
};

const ZERO_OPS: FileOps = {
  read: (_f, dst) => {
    dst.fill(0);
    return dst.length;
  },
  write: (_f, src) => src.length,
  poll: () => PollBit.IN | PollBit.OUT,
  seekable: true,
};

const FULL_OPS: FileOps = { ...ZERO_OPS, write: () => -Errno.ENOSPC };

/** Populates a devfs directory (a tmpfs root) with the standard nodes. */
export function populateDevfs(fs: Tmpfs, console: FileOps): void {
  const d = fs.root;
  d.addNode("null", new DevNode(1, 3, NULL_OPS));
  d.addNode("zero", new DevNode(1, 5, ZERO_OPS));
  d.addNode("full", new DevNode(1, 7, FULL_OPS));
  d.addNode("tty", new DevNode(5, 0, console));
  d.addNode("console", new DevNode(5, 1, console, 0o600));
}
