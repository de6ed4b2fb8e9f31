import assert from "node:assert/strict";
import { PhysicalMemory } from "../../../src/machine/memory.ts";
import { Frames } from "../../../src/kernel/mm/frames.ts";
import { Pipe, PIPE_SIZE } from "../../../src/kernel/fs/pipe.ts";
import { BLOCK, type Sleeper, type WaitQueue } from "../../../src/kernel/proc/wait_queue.ts";

class FakeSleeper implements Sleeper {
  woken = 0;
  sleepOn(q: WaitQueue): number {
    q.add(this);
    return BLOCK;
  }
  wake(): void {
    this.woken++;
  }
}

Deno.test("a pipe buffers in guest RAM, blocks when empty or full and wakes the other side", () => {
  const fr = new Frames(new PhysicalMemory(8 << 20));
  const free0 = fr.buddy.freeFrames;
  const pipe = Pipe.create(fr)!;
  const [r, w] = pipe.ends(0);
  const reader = new FakeSleeper();
  const writer = new FakeSleeper();
  assert.equal(r.ops.read(r, new Uint8Array(10), reader), BLOCK);
  assert.equal(w.ops.write(w, new TextEncoder().encode("hello"), writer), 5);
  assert.equal(reader.woken, 1);
  const buf = new Uint8Array(10);
  assert.equal(r.ops.read(r, buf, reader), 5);
  assert.equal(new TextDecoder().decode(buf.subarray(0, 5)), "hello");
  assert.equal(w.ops.write(w, new Uint8Array(PIPE_SIZE + 100), writer), PIPE_SIZE);
  assert.equal(w.ops.write(w, new Uint8Array(1), writer), BLOCK);
  r.ops.read(r, new Uint8Array(100), reader);
  assert.equal(writer.woken, 1);
  w.release();
  r.ops.read(r, new Uint8Array(PIPE_SIZE), reader);
  assert.equal(r.ops.read(r, buf, reader), 0);
  r.release();
  assert.equal(fr.buddy.freeFrames, free0);
});

Deno.test("writing to a pipe without readers fails with EPIPE", () => {
  const fr = new Frames(new PhysicalMemory(8 << 20));
  const [r, w] = Pipe.create(fr)!.ends(0);
  r.release();
  assert.equal(w.ops.write(w, new Uint8Array(1), new FakeSleeper()), -32);
});
