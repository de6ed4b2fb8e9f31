import assert from "node:assert/strict";
import { BuddyAllocator } from "../../../src/kernel/mm/buddy.ts";

Deno.test("buddy allocator hands out aligned blocks and merges them back", () => {
  const b = new BuddyAllocator(4096, 256);
  assert.equal(b.freeFrames, 4096 - 256);
  const blocks: [number, number][] = [];
  for (let i = 0; i < 200; i++) {
    const order = i % 5;
    const f = b.alloc(order);
    assert.ok(f >= 256);
    assert.equal(f % (1 << order), 0);
    blocks.push([f, order]);
  }
  b.check();
  for (const [f, o] of blocks) b.free(f, o);
  b.check();
  assert.equal(b.freeFrames, 4096 - 256);
  assert.equal(b.alloc(10) % 1024, 0);
});

Deno.test("buddy allocator returns -1 when memory is exhausted", () => {
  const b = new BuddyAllocator(300, 256);
  const got = [];
  for (let f = b.alloc(0); f >= 0; f = b.alloc(0)) got.push(f);
  assert.equal(got.length, 44);
  assert.equal(new Set(got).size, 44);
  b.check();
});

Deno.test("frame refcounts free a frame only at the last put", () => {
  const b = new BuddyAllocator(1024, 256);
  const f = b.alloc(0);
  b.get(f);
  assert.equal(b.refcount(f), 2);
  assert.equal(b.put(f), 1);
  const before = b.freeFrames;
  assert.equal(b.put(f), 0);
  assert.equal(b.freeFrames, before + 1);
  assert.throws(() => b.put(f));
  b.check();
});
