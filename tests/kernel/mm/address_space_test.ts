import assert from "node:assert/strict";
import { PhysicalMemory } from "../../../src/machine/memory.ts";
import { Frames } from "../../../src/kernel/mm/frames.ts";
import { AddressSpace, FaultResult } from "../../../src/kernel/mm/address_space.ts";
import { Prot, Region } from "../../../src/kernel/mm/region.ts";
import { Pte, readPte } from "../../../src/kernel/mm/page_table.ts";
import { UserMemory } from "../../../src/kernel/mm/uaccess.ts";

function setup(mib = 16) {
  const fr = new Frames(new PhysicalMemory(mib << 20));
  const as = AddressSpace.create(fr)!;
  return { fr, as };
}

Deno.test("touching a 64 MiB anonymous region maps frames lazily", () => {
  const { fr, as } = setup(128);
  as.insert(new Region(0x1000_0000, 0x1400_0000, Prot.Read | Prot.Write));
  const free0 = fr.buddy.freeFrames;
  assert.equal(as.residentPages(), 0);
  const um = new UserMemory(as);
  assert.equal(um.write32(0x1000_0000, 7), 0);
  assert.equal(um.write32(0x13ff_fffc, 9), 0);
  assert.equal(as.residentPages(), 2);
  // two data frames plus two page tables
  assert.equal(free0 - fr.buddy.freeFrames, 4);
  as.check();
  fr.buddy.check();
});

Deno.test("fork shares frames read-only until one side writes", () => {
  const { fr, as } = setup();
  as.insert(new Region(0x8000, 0xa000, Prot.Read | Prot.Write));
  const um = new UserMemory(as);
  um.write32(0x8000, 1);
  um.write32(0x9000, 2);
  const child = as.fork()!;
  const cm = new UserMemory(child);
  const f = readPte(fr, as.pd, 0x8000) >>> 12;
  assert.equal(readPte(fr, child.pd, 0x8000) >>> 12, f);
  assert.equal(fr.buddy.refcount(f), 2);
  assert.equal(readPte(fr, as.pd, 0x8000) & Pte.W, 0);
  cm.write32(0x8000, 100);
  assert.notEqual(readPte(fr, child.pd, 0x8000) >>> 12, f);
  assert.equal(fr.buddy.refcount(f), 1);
  assert.equal(um.read32(0x8000), 1);
  assert.equal(cm.read32(0x8000), 100);
  // the last owner writes in place
  um.write32(0x8000, 5);
  assert.equal(readPte(fr, as.pd, 0x8000) >>> 12, f);
  as.check();
  child.check();
  const free = fr.buddy.freeFrames;
  child.destroy();
  assert.ok(fr.buddy.freeFrames > free);
  as.destroy();
  fr.buddy.check();
  assert.equal(fr.buddy.freeFrames, fr.buddy.frames - 256);
});

Deno.test("faults outside regions, writes to read-only regions and kernel addresses fail", () => {
  const { as } = setup();
  as.insert(new Region(0x8000, 0x9000, Prot.Read));
  assert.equal(as.fault(0x20000, false), FaultResult.MapErr);
  assert.equal(as.fault(0x8000, true), FaultResult.AccErr);
  const um = new UserMemory(as);
  assert.equal(um.write32(0x8000, 1), -14);
  assert.equal(um.read32(0xc000_0000), null);
  assert.equal(um.copyIn(0x8ffe, new Uint8Array(4)), -14);
  assert.equal(um.copyInString(0x8000), "");
});

Deno.test("a grows-down stack extends on faults below it, up to the limit", () => {
  const { as } = setup();
  const r = new Region(0xbfff_0000, 0xc000_0000, Prot.Read | Prot.Write);
  r.growsDown = true;
  as.insert(r);
  assert.equal(as.fault(0xbffe_0000, true), FaultResult.Ok);
  assert.equal(r.start, 0xbffe_0000);
  assert.equal(as.fault(0xbf00_0000, true), FaultResult.MapErr);
});

Deno.test("munmap and mprotect split regions and update PTEs", () => {
  const { fr, as } = setup();
  as.insert(new Region(0x10000, 0x20000, Prot.Read | Prot.Write));
  const um = new UserMemory(as);
  for (let va = 0x10000; va < 0x20000; va += 0x1000) um.write32(va, va);
  as.unmap(0x14000, 0x16000);
  assert.equal(as.regions.length, 2);
  assert.equal(readPte(fr, as.pd, 0x14000), 0);
  assert.ok(as.protect(0x18000, 0x19000, Prot.Read));
  assert.equal(readPte(fr, as.pd, 0x18000) & Pte.W, 0);
  assert.equal(um.write32(0x18000, 1), -14);
  assert.ok(as.protect(0x1a000, 0x1b000, Prot.None));
  assert.equal(um.read32(0x1a000), null);
  assert.ok(as.protect(0x1a000, 0x1b000, Prot.Read));
  assert.equal(um.read32(0x1a000), 0x1a000);
  assert.ok(!as.protect(0x13000, 0x15000, Prot.Read));
  as.check();
});
