import assert from "node:assert/strict";
import { hostStreamOps, Ioctl, type TerminalPort } from "../../../src/kernel/fs/terminal.ts";
import { OFlag, OpenFile } from "../../../src/kernel/fs/file.ts";
import { DevNode } from "../../../src/kernel/fs/devfs.ts";
import { BLOCK, type Sleeper, WaitQueue } from "../../../src/kernel/proc/wait_queue.ts";

function port(tty: boolean, input: string[]): TerminalPort & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    queue: new WaitQueue(),
    read(dst) {
      const next = input.shift();
      if (next === undefined) return -1;
      const b = new TextEncoder().encode(next);
      dst.set(b.subarray(0, dst.length));
      return Math.min(b.length, dst.length);
    },
    available: () => (input.length ? input[0].length : -1),
    inputPending: () => true,
    write: (_s, b) => (out.push(new TextDecoder().decode(b)), b.length),
    isTerminal: () => tty,
    windowSize: () => ({ rows: 40, cols: 132 }),
  };
}

const sleeper: Sleeper = { sleepOn: () => BLOCK, wake: () => {} };

function open(p: TerminalPort, stream: 0 | 1 | 2, flags = 0) {
  const ops = hostStreamOps(p, stream);
  return new OpenFile(new DevNode(136, stream, ops), ops, flags);
}

Deno.test("terminal streams answer TCGETS and TIOCGWINSZ only when the host stream is a tty", () => {
  const replies: Uint8Array[] = [];
  const copyOut = (_va: number, b: Uint8Array) => (replies.push(b.slice()), 0);
  const tty = open(port(true, []), 1);
  assert.equal(tty.ops.ioctl!(tty, Ioctl.TCGETS, 0x1000, copyOut), 0);
  assert.equal(replies[0].length, 36);
  assert.equal(tty.ops.ioctl!(tty, Ioctl.TIOCGWINSZ, 0x1000, copyOut), 0);
  assert.deepEqual([...replies[1].subarray(0, 4)], [40, 0, 132, 0]);
  const pipe = open(port(false, []), 1);
  assert.equal(pipe.ops.ioctl!(pipe, Ioctl.TCGETS, 0x1000, copyOut), -25);
});

Deno.test("stdin reads what the host delivered, blocks when nothing is there, EAGAIN with O_NONBLOCK", () => {
  const p = port(false, ["abc"]);
  const f = open(p, 0);
  const buf = new Uint8Array(8);
  assert.equal(f.ops.read(f, buf, sleeper), 3);
  assert.equal(f.ops.read(f, buf, sleeper), BLOCK);
  const nb = open(p, 0, OFlag.NONBLOCK);
  assert.equal(nb.ops.read(nb, buf, sleeper), -11);
  const out = open(p, 1);
  assert.equal(out.ops.write(out, new TextEncoder().encode("hi"), sleeper), 2);
  assert.deepEqual(p.out, ["hi"]);
  assert.equal(out.ops.read(out, buf, sleeper), -9);
});
