import assert from "node:assert/strict";
import { BuddyAllocator } from "../../../src/kernel/mm/buddy.ts";
import { SlabAllocator } from "../../../src/kernel/mm/slab.ts";

Deno.test("kmalloc carves slabs from buddy frames and returns them when empty", () => {
  const buddy = new BuddyAllocator(1024, 256);
  const slab = new SlabAllocator(buddy);
  const free0 = buddy.freeFrames;
  const a = Array.from({ length: 300 }, (_, i) => slab.kmalloc(20 + (i % 3) * 100));
  assert.equal(new Set(a).size, 300);
  for (const pa of a) assert.ok(pa >= 256 * 4096 && pa < 1024 * 4096);
  slab.check();
  const s32 = slab.stats().find((c) => c.size === 32)!;
  assert.equal(s32.inUse, 100);
  assert.equal(s32.slabs, 1);
  for (const pa of a) slab.kfree(pa);
  slab.check();
  assert.equal(buddy.freeFrames, free0);
  assert.equal(slab.stats().reduce((n, c) => n + c.inUse, 0), 0);
  assert.throws(() => slab.kfree(a[0]));
  buddy.check();
});

Deno.test("kmalloc of more than a page takes a buddy block", () => {
  const buddy = new BuddyAllocator(1024, 256);
  const slab = new SlabAllocator(buddy);
  const pa = slab.kmalloc(10000);
  assert.equal(pa & 0xfff, 0);
  assert.equal(buddy.freeFrames, 1024 - 256 - 4);
  slab.kfree(pa);
  assert.equal(buddy.freeFrames, 1024 - 256);
});
