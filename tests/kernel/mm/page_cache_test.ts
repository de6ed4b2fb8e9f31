import assert from "node:assert/strict";
import { PhysicalMemory } from "../../../src/machine/memory.ts";
import { Frames } from "../../../src/kernel/mm/frames.ts";
import { AddressSpace } from "../../../src/kernel/mm/address_space.ts";
import { type Backing, Prot, Region } from "../../../src/kernel/mm/region.ts";
import { Pte, readPte } from "../../../src/kernel/mm/page_table.ts";
import { UserMemory } from "../../../src/kernel/mm/uaccess.ts";

/** A 3-page file whose version can be bumped. */
function file(): Backing & { version: number; data: Uint8Array } {
  const data = new Uint8Array(3 * 4096).map((_, i) => i % 251);
  return {
    data,
    version: 1,
    size: data.length,
    readAt(pos, dst) {
      const n = Math.max(0, Math.min(dst.length, data.length - pos));
      dst.set(data.subarray(pos, pos + n));
      return n;
    },
    cacheKey() {
      return `v${this.version}`;
    },
  };
}

function mapText(fr: Frames, f: Backing, prot = Prot.Read): AddressSpace {
  const as = AddressSpace.create(fr)!;
  const r = new Region(0x8048000, 0x804b000, prot);
  r.file = f;
  r.fileOffset = 0;
  r.fileEnd = 0x804b000;
  as.insert(r);
  return as;
}

Deno.test("two address spaces mapping the same file page share one cached frame", () => {
  const fr = new Frames(new PhysicalMemory(8 << 20));
  const f = file();
  const a = mapText(fr, f), b = mapText(fr, f);
  assert.equal(new UserMemory(a).read32(0x8049000), new UserMemory(b).read32(0x8049000));
  const fa = readPte(fr, a.pd, 0x8049000) >>> 12;
  assert.equal(readPte(fr, b.pd, 0x8049000) >>> 12, fa);
  assert.equal(fr.buddy.refcount(fa), 3);
  assert.equal(fr.pageCache.hits, 1);
  a.destroy();
  b.destroy();
  assert.equal(fr.pageCache.frames(), 1);
  assert.equal(fr.pageCache.shrink(), 1);
  assert.equal(fr.buddy.freeFrames, fr.buddy.frames - 256);
  fr.buddy.check();
});

Deno.test("a write to a cached page of a writable private mapping copies it", () => {
  const fr = new Frames(new PhysicalMemory(8 << 20));
  const f = file();
  const as = mapText(fr, f, Prot.Read | Prot.Write);
  const um = new UserMemory(as);
  const before = um.read32(0x8048000);
  const cached = readPte(fr, as.pd, 0x8048000) >>> 12;
  assert.equal(readPte(fr, as.pd, 0x8048000) & Pte.W, 0);
  assert.equal(um.write32(0x8048000, 12345), 0);
  assert.notEqual(readPte(fr, as.pd, 0x8048000) >>> 12, cached);
  const other = new UserMemory(mapText(fr, f));
  assert.equal(other.read32(0x8048000), before);
  as.check();
});

Deno.test("a new file version is read afresh instead of served from the cache", () => {
  const fr = new Frames(new PhysicalMemory(8 << 20));
  const f = file();
  assert.equal(new UserMemory(mapText(fr, f)).read32(0x8048000)! & 0xff, 0);
  f.data[0] = 99;
  f.version++;
  assert.equal(new UserMemory(mapText(fr, f)).read32(0x8048000)! & 0xff, 99);
});
