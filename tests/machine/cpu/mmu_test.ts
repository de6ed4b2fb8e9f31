/**
 * Mmu: page walks over real page directories/tables built in PhysicalMemory, #PF error
 * codes and CR2, Accessed/Dirty bits, TLB staleness and invalidation, page-straddling
 * accesses (CR2 checked against native Linux), 4 MiB pages and the kernel's `walk`.
 */
import assert from "node:assert/strict";
import { PhysicalMemory } from "../../../src/machine/memory.ts";
import { Mmu } from "../../../src/machine/cpu/mmu.ts";
import { FAULT } from "../../../src/machine/cpu/fault.ts";
import { PfError, Vector } from "../../../src/machine/trap.ts";

const P = 1, W = 2, U = 4, A = 32, D = 64, PS = 128;
const URW = P | W | U;
const URO = P | U;
const SUP = P | W;

/** A RAM + MMU with one page directory and a bump allocator for tables and frames. */
class Space {
  readonly mem: PhysicalMemory;
  readonly mmu: Mmu;
  readonly pd = 0x1000;
  private nextTable = 0x2000;
  private nextFrame = 0x10_0000;

  constructor(size = 8 << 20) {
    this.mem = new PhysicalMemory(size);
    this.mmu = new Mmu(this.mem);
    this.mmu.loadCr3(this.pd);
  }

  frame(): number {
    const f = this.nextFrame;
    this.nextFrame += 0x1000;
    return f;
  }

  /** Physical address of the PDE for `va`. */
  pdeAt(va: number): number {
    return this.pd + (va >>> 22) * 4;
  }

  /** Physical address of the PTE for `va` (its table must exist). */
  pteAt(va: number): number {
    return (this.mem.read32(this.pdeAt(va)) & ~0xfff) + ((va >>> 12) & 0x3ff) * 4;
  }

  pde(va: number): number {
    return this.mem.read32(this.pdeAt(va));
  }

  pte(va: number): number {
    return this.mem.read32(this.pteAt(va));
  }

  /** Maps the page of `va` to `pa` with PTE `flags`; a new table gets `pdeFlags`. */
  map(va: number, flags = URW, pa = this.frame(), pdeFlags = URW): number {
    if ((this.pde(va) & P) === 0) {
      this.mem.write32(this.pdeAt(va), this.nextTable | pdeFlags);
      this.nextTable += 0x1000;
    }
    this.mem.write32(this.pteAt(va), (pa & ~0xfff) | flags);
    return pa;
  }

  setPte(va: number, value: number): void {
    this.mem.write32(this.pteAt(va), value);
  }
}

interface PageFault {
  errorCode: number;
  cr2: number;
}

/** Runs `fn`, which must raise #PF, and returns its error code and CR2. */
function pageFault(fn: () => unknown): PageFault {
  try {
    fn();
  } catch (e) {
    if (e !== FAULT) throw e;
    assert.equal(FAULT.vector, Vector.PF);
    return { errorCode: FAULT.errorCode, cr2: FAULT.cr2 };
  }
  assert.fail("expected a #PF");
}

// ---- translation and values ----

Deno.test("translateRead follows CR3, the PDE and the PTE and keeps the page offset", () => {
  const s = new Space();
  const pa = s.map(0xbfff_f000);
  assert.equal(s.mmu.translateRead(0xbfff_f123 | 0), pa + 0x123);
  assert.equal(s.mmu.translateRead(0xbfff_f123), pa + 0x123);
  assert.equal(s.mmu.translateWrite(0xbfff_fffc | 0), pa + 0xffc);
  assert.equal(s.mmu.cr3, s.pd);
});

Deno.test("reads are little-endian: read8/read16 unsigned, read32 signed int32", () => {
  const s = new Space();
  const pa = s.map(0x0804_8000);
  s.mem.load(pa, new Uint8Array([0xef, 0xbe, 0xad, 0xde, 0x80, 0xff]));
  assert.equal(s.mmu.read8(0x0804_8000), 0xef);
  assert.equal(s.mmu.read8(0x0804_8005), 0xff);
  assert.equal(s.mmu.read16(0x0804_8000), 0xbeef);
  assert.equal(s.mmu.read16(0x0804_8004), 0xff80);
  assert.equal(s.mmu.read32(0x0804_8000), 0xdeadbeef | 0);
  assert.equal(s.mmu.read32(0x0804_8001), 0x80deadbe | 0);
  assert.equal(s.mmu.read32(0x0804_8002), 0xff80dead | 0);
});

Deno.test("writes store the low bytes little-endian at any alignment", () => {
  const s = new Space();
  const pa = s.map(0x0804_8000);
  s.mmu.write32(0x0804_8000, 0xdeadbeef);
  s.mmu.write32(0x0804_8005, -2);
  s.mmu.write16(0x0804_800a, 0x12345);
  s.mmu.write8(0x0804_800c, 0x1ff);
  assert.deepEqual(
    [...s.mem.view(pa, 13)],
    [0xef, 0xbe, 0xad, 0xde, 0, 0xfe, 0xff, 0xff, 0xff, 0, 0x45, 0x23, 0xff],
  );
  assert.equal(s.mmu.read32(0x0804_8005), -2);
});

// ---- faults: error code and CR2 ----

Deno.test("a missing PDE is #PF with P=0: error 4 on read, 6 on write, CR2 = va", () => {
  const s = new Space();
  assert.deepEqual(pageFault(() => s.mmu.read32(0x5000_0010)), { errorCode: 4, cr2: 0x5000_0010 });
  assert.deepEqual(pageFault(() => s.mmu.write8(0x5000_0011, 1)), {
    errorCode: 6,
    cr2: 0x5000_0011,
  });
  assert.deepEqual(pageFault(() => s.mmu.translateRead(0xc000_0000)), {
    errorCode: 4,
    cr2: 0xc000_0000 | 0,
  });
});

Deno.test("a missing PTE under a present PDE is #PF with P=0", () => {
  const s = new Space();
  s.map(0x0804_8000);
  assert.deepEqual(pageFault(() => s.mmu.read16(0x0804_9002)), { errorCode: 4, cr2: 0x0804_9002 });
  assert.deepEqual(pageFault(() => s.mmu.write16(0x0804_9002, 0)), {
    errorCode: 6,
    cr2: 0x0804_9002,
  });
});

Deno.test("a user write to a read-only PTE is a protection #PF (error 7)", () => {
  const s = new Space();
  s.map(0x0804_8000, URO);
  assert.equal(s.mmu.read32(0x0804_8000), 0);
  assert.deepEqual(pageFault(() => s.mmu.write32(0x0804_8004, 1)), {
    errorCode: 7,
    cr2: 0x0804_8004,
  });
  assert.deepEqual(pageFault(() => s.mmu.translateWrite(0x0804_8fff)), {
    errorCode: 7,
    cr2: 0x0804_8fff,
  });
});

Deno.test("R/W must be set at both levels: a read-only PDE makes a writable PTE read-only", () => {
  const s = new Space();
  s.map(0x0804_8000, URW, s.frame(), URO);
  assert.equal(s.mmu.read8(0x0804_8000), 0);
  assert.equal(pageFault(() => s.mmu.write8(0x0804_8000, 1)).errorCode, 7);
});

Deno.test("U/S must be set at both levels: supervisor PTE or PDE gives error 5 / 7", () => {
  const s = new Space();
  s.map(0xc000_0000, SUP);
  s.map(0x0040_0000, URW, s.frame(), SUP);
  assert.deepEqual(pageFault(() => s.mmu.read8(0xc000_0000)), {
    errorCode: 5,
    cr2: 0xc000_0000 | 0,
  });
  assert.equal(pageFault(() => s.mmu.write8(0xc000_0000, 0)).errorCode, 7);
  assert.equal(pageFault(() => s.mmu.read32(0x0040_0000)).errorCode, 5);
});

Deno.test("a frame or page table beyond the end of RAM counts as not present", () => {
  const s = new Space(4 << 20);
  s.map(0x0804_8000, URW, 4 << 20);
  assert.deepEqual(pageFault(() => s.mmu.read8(0x0804_8000)), { errorCode: 4, cr2: 0x0804_8000 });
  s.map(0x0804_9000, URW, 0xfffff000);
  assert.equal(pageFault(() => s.mmu.write8(0x0804_9000, 0)).errorCode, 6);
  s.mem.write32(s.pdeAt(0x1000_0000), 0x8000_0000 | URW);
  assert.equal(pageFault(() => s.mmu.read8(0x1000_0000)).errorCode, 4);
});

// ---- Accessed and Dirty ----

Deno.test("a read sets Accessed in the PDE and PTE but not Dirty", () => {
  const s = new Space();
  s.map(0x0804_8000);
  s.mmu.read8(0x0804_8000);
  assert.equal(s.pde(0x0804_8000) & (A | D), A);
  assert.equal(s.pte(0x0804_8000) & (A | D), A);
});

Deno.test("a write sets Accessed and Dirty in the PTE, Accessed only in the PDE", () => {
  const s = new Space();
  s.map(0x0804_8000);
  s.mmu.write8(0x0804_8000, 1);
  assert.equal(s.pde(0x0804_8000) & (A | D), A);
  assert.equal(s.pte(0x0804_8000) & (A | D), A | D);
});

Deno.test("the first write to a clean page walks again and sets Dirty after a read", () => {
  const s = new Space();
  s.map(0x0804_8000);
  s.mmu.read32(0x0804_8000);
  assert.equal(s.mmu.tlbRead[0x08048] >= 0, true);
  assert.equal(s.mmu.tlbWrite[0x08048], -1);
  s.mmu.write32(0x0804_8000, 5);
  assert.equal(s.pte(0x0804_8000) & D, D);
  assert.equal(s.mmu.tlbWrite[0x08048], s.mmu.tlbRead[0x08048]);
});

Deno.test("a read of a writable page that is already Dirty also fills the write TLB", () => {
  const s = new Space();
  const pa = s.map(0x0804_8000, URW | D);
  s.mmu.read8(0x0804_8000);
  assert.equal(s.mmu.tlbWrite[0x08048], pa);
  const ro = s.map(0x0804_9000, URO | D);
  s.mmu.read8(0x0804_9000);
  assert.equal(s.mmu.tlbRead[0x08049], ro);
  assert.equal(s.mmu.tlbWrite[0x08049], -1);
});

Deno.test("a failed walk changes no Accessed or Dirty bit", () => {
  const s = new Space();
  s.map(0x0804_8000, URO);
  s.map(0xc000_0000, SUP);
  pageFault(() => s.mmu.write8(0x0804_8000, 1));
  pageFault(() => s.mmu.read8(0xc000_0000));
  assert.equal(s.pde(0x0804_8000) & (A | D), 0);
  assert.equal(s.pte(0x0804_8000) & (A | D), 0);
  assert.equal(s.pte(0xc000_0000) & (A | D), 0);
});

// ---- the TLB: stale until invalidated ----

Deno.test("a remapped PTE is not seen until invlpg (stale TLB is architectural)", () => {
  const s = new Space();
  const old = s.map(0x0804_8000);
  const other = s.frame();
  s.mem.write32(old, 111);
  s.mem.write32(other, 222);
  assert.equal(s.mmu.read32(0x0804_8000), 111);
  s.setPte(0x0804_8000, other | URW);
  assert.equal(s.mmu.read32(0x0804_8000), 111);
  const g = s.mmu.generation;
  s.mmu.invlpg(0x0804_8abc);
  assert.equal(s.mmu.generation, g + 1);
  assert.equal(s.mmu.read32(0x0804_8000), 222);
});

Deno.test("a cleared Present bit is not seen until flushTlb", () => {
  const s = new Space();
  s.map(0x0804_8000);
  s.map(0x0804_9000);
  s.mmu.write8(0x0804_8000, 7);
  s.mmu.read8(0x0804_9000);
  s.setPte(0x0804_8000, 0);
  s.setPte(0x0804_9000, 0);
  assert.equal(s.mmu.read8(0x0804_8000), 7);
  s.mmu.write8(0x0804_8000, 8);
  s.mmu.invlpg(0x0805_0000); // another page: no effect here
  assert.equal(s.mmu.read8(0x0804_9000), 0);
  const g = s.mmu.generation;
  s.mmu.flushTlb();
  assert.equal(s.mmu.generation, g + 1);
  assert.equal(pageFault(() => s.mmu.read8(0x0804_8000)).errorCode, 4);
  assert.equal(pageFault(() => s.mmu.read8(0x0804_9000)).errorCode, 4);
});

Deno.test("a Dirty bit cleared without invlpg stays clear while writes hit the TLB", () => {
  const s = new Space();
  s.map(0x0804_8000);
  s.mmu.write8(0x0804_8000, 1);
  s.setPte(0x0804_8000, s.pte(0x0804_8000) & ~D);
  s.mmu.write8(0x0804_8001, 2);
  assert.equal(s.pte(0x0804_8000) & D, 0);
  s.mmu.invlpg(0x0804_8000);
  s.mmu.write8(0x0804_8002, 3);
  assert.equal(s.pte(0x0804_8000) & D, D);
});

Deno.test("loadCr3 switches address spaces and flushes, even reloading the same CR3", () => {
  const s = new Space();
  const a = s.map(0x0804_8000);
  s.mem.write32(a, 1);
  assert.equal(s.mmu.read32(0x0804_8000), 1);
  // A second directory at 0x20000 sharing nothing: va -> another frame.
  const pd2 = 0x2_0000, pt2 = 0x2_1000, b = s.frame();
  s.mem.write32(pd2 + (0x0804_8000 >>> 22) * 4, pt2 | URW);
  s.mem.write32(pt2 + 0x48 * 4, b | URW);
  s.mem.write32(b, 2);
  s.mmu.loadCr3(pd2 | 0x18); // PWT/PCD bits are ignored
  assert.equal(s.mmu.cr3, pd2);
  assert.equal(s.mmu.read32(0x0804_8000), 2);
  s.mmu.loadCr3(s.pd);
  assert.equal(s.mmu.read32(0x0804_8000), 1);
  s.setPte(0x0804_8000, 0);
  const g = s.mmu.generation;
  s.mmu.loadCr3(s.pd);
  assert.equal(s.mmu.generation > g, true);
  assert.equal(pageFault(() => s.mmu.read32(0x0804_8000)).errorCode, 4);
});

Deno.test("loadCr3 beyond RAM is a RangeError (a kernel bug, not a guest fault)", () => {
  const s = new Space(1 << 20);
  assert.throws(() => s.mmu.loadCr3(1 << 20), RangeError);
});

Deno.test("a page fault drops the page's stale TLB entry, as on hardware", () => {
  const s = new Space();
  s.map(0x0804_8000, URO);
  s.mmu.read8(0x0804_8000);
  assert.equal(pageFault(() => s.mmu.write8(0x0804_8000, 9)).errorCode, 7);
  assert.equal(s.mmu.tlbRead[0x08048], -1);
  // The kernel makes the page writable (copy-on-write done) and retries, no invlpg.
  s.setPte(0x0804_8000, s.pte(0x0804_8000) | W);
  s.mmu.write8(0x0804_8000, 9);
  assert.equal(s.mmu.read8(0x0804_8000), 9);
});

Deno.test("flushTlb still clears every entry after more pages were filled than it tracks", () => {
  const s = new Space(8 << 20);
  s.mmu.setPse(true);
  // 20 large PDEs, all aliasing the 4 MiB at physical 4 MiB: 20480 distinct pages.
  for (let i = 0; i < 20; i++) s.mem.write32(s.pd + (64 + i) * 4, (4 << 20) | PS | URW | D);
  const first = 64 << 10;
  for (let vpn = first; vpn < first + 20 * 1024; vpn++) s.mmu.read8(vpn << 12);
  assert.equal(s.mmu.tlbRead[first + 20 * 1024 - 1], (4 << 20) + 0x3ff000);
  s.mmu.flushTlb();
  assert.equal(s.mmu.tlbRead.every((x) => x === -1), true);
  assert.equal(s.mmu.tlbWrite.every((x) => x === -1), true);
  s.mmu.read8(first << 12);
  s.mmu.flushTlb();
  assert.equal(s.mmu.tlbRead[first], -1);
});

// ---- accesses straddling two pages ----

Deno.test("reads and writes straddling two pages use both frames", () => {
  const s = new Space();
  const lo = s.map(0x0804_8000);
  const hi = s.map(0x0804_9000, URW, s.frame() + 0x3000); // not contiguous with lo
  s.mmu.write32(0x0804_8ffe, 0x44332211);
  assert.equal(s.mem.read16(lo + 0xffe), 0x2211);
  assert.equal(s.mem.read16(hi), 0x4433);
  assert.equal(s.mmu.read32(0x0804_8ffe), 0x44332211);
  assert.equal(s.mmu.read32(0x0804_8ffd), 0x33221100);
  assert.equal(s.mmu.read32(0x0804_8fff), 0x00443322);
  s.mmu.write16(0x0804_8fff, 0xbbaa);
  assert.equal(s.mmu.read16(0x0804_8fff), 0xbbaa);
  assert.equal(s.mem.read8(lo + 0xfff), 0xaa);
  assert.equal(s.mem.read8(hi), 0xbb);
  s.mmu.write32(0x0804_8fff, -1);
  assert.equal(s.mmu.read32(0x0804_8fff), -1);
});

Deno.test("an access wrapping from 0xfffff000 to page 0 straddles the 4 GiB boundary", () => {
  const s = new Space();
  s.map(0xffff_f000);
  s.map(0);
  s.mmu.write32(0xffff_fffe | 0, 0x0d0c0b0a);
  assert.equal(s.mmu.read32(0xffff_fffe | 0), 0x0d0c0b0a);
  assert.equal(s.mmu.read16(0), 0x0d0c);
  s.setPte(0, 0);
  s.mmu.flushTlb();
  assert.deepEqual(pageFault(() => s.mmu.read32(0xffff_fffd | 0)), { errorCode: 4, cr2: 0 });
});

Deno.test("a straddling fault on the second page reports CR2 = that page's first byte", () => {
  const s = new Space();
  s.map(0x0804_8000);
  assert.deepEqual(pageFault(() => s.mmu.read32(0x0804_8ffe)), { errorCode: 4, cr2: 0x0804_9000 });
  assert.deepEqual(pageFault(() => s.mmu.read16(0x0804_8fff)), { errorCode: 4, cr2: 0x0804_9000 });
  s.map(0x0804_9000, URO);
  assert.deepEqual(pageFault(() => s.mmu.write32(0x0804_8ffd, 1)), {
    errorCode: 7,
    cr2: 0x0804_9000,
  });
});

Deno.test("a straddling write that faults on either page writes no byte", () => {
  const s = new Space();
  const lo = s.map(0x0804_8000);
  const hi = s.map(0x0804_9000, URO);
  s.mem.view(lo + 0xff0, 16).fill(0x11);
  pageFault(() => s.mmu.write32(0x0804_8ffe, 0));
  pageFault(() => s.mmu.write16(0x0804_8fff, 0));
  pageFault(() => s.mmu.checkWrite(0x0804_8ffc, 8));
  assert.deepEqual([...s.mem.view(lo + 0xff0, 16)], new Array(16).fill(0x11));
  assert.equal(s.mem.read32(hi), 0);
  // First page read-only, second writable: CR2 is the access itself.
  const t = new Space();
  t.map(0x0804_8000, URO);
  const hi2 = t.map(0x0804_9000);
  assert.deepEqual(pageFault(() => t.mmu.write32(0x0804_8ffe, -1)), {
    errorCode: 7,
    cr2: 0x0804_8ffe,
  });
  assert.equal(t.mem.read16(hi2), 0);
});

Deno.test("checkWrite faults unless every byte is user-writable and sets Dirty on both pages", () => {
  const s = new Space();
  s.map(0x0804_8000);
  s.map(0x0804_9000);
  s.mmu.checkWrite(0x0804_8ffc, 8);
  assert.equal(s.pte(0x0804_8000) & (A | D), A | D);
  assert.equal(s.pte(0x0804_9000) & (A | D), A | D);
  s.mmu.checkWrite(0x0804_8ff8, 8); // ends exactly at the boundary: one page
  s.map(0x0804_a000, URO);
  assert.deepEqual(pageFault(() => s.mmu.checkWrite(0x0804_9ffd, 4)), {
    errorCode: 7,
    cr2: 0x0804_a000,
  });
  assert.deepEqual(pageFault(() => s.mmu.checkWrite(0x0804_a000, 1)), {
    errorCode: 7,
    cr2: 0x0804_a000,
  });
});

// ---- 4 MiB pages (CR4.PSE) ----

Deno.test("with PSE a PDE with PS=1 maps a 4 MiB page and gets Accessed and Dirty", () => {
  const s = new Space(16 << 20);
  s.mmu.setPse(true);
  const va = 0x0840_0000;
  s.mem.write32(s.pdeAt(va), (8 << 20) | PS | URW);
  assert.equal(s.mmu.translateRead(va + 0x12_3456), (8 << 20) + 0x12_3456);
  assert.equal(s.pde(va) & (A | D), A);
  s.mmu.write32(va + 0x3f_fffc, 0x1234);
  assert.equal(s.mem.read32((8 << 20) + 0x3f_fffc), 0x1234);
  assert.equal(s.pde(va) & (A | D), A | D);
});

Deno.test("without PSE the PS bit is ignored and the PDE points to a page table", () => {
  const s = new Space();
  const va = 0x0840_0000, table = 0x40_0000, pa = s.frame();
  s.mem.write32(s.pdeAt(va), table | PS | URW);
  s.mem.write32(table, pa | URW);
  assert.equal(s.mmu.translateRead(va + 5), pa + 5);
  s.mmu.setPse(true);
  assert.equal(s.mmu.translateRead(va + 5), table + 5);
});

Deno.test("4 MiB pages: protection, reserved bits 13-21 and frames beyond RAM", () => {
  const s = new Space(8 << 20);
  s.mmu.setPse(true);
  s.mem.write32(s.pdeAt(0x0040_0000), (4 << 20) | PS | URO);
  s.mem.write32(s.pdeAt(0x0080_0000), (4 << 20) | PS | SUP);
  s.mem.write32(s.pdeAt(0x00c0_0000), (4 << 20) | (1 << 13) | PS | URW);
  s.mem.write32(s.pdeAt(0x0100_0000), (8 << 20) | PS | URW);
  assert.equal(s.mmu.read8(0x0040_0000), 0);
  assert.deepEqual(pageFault(() => s.mmu.write8(0x0040_0010, 0)), {
    errorCode: 7,
    cr2: 0x0040_0010,
  });
  assert.equal(pageFault(() => s.mmu.read8(0x0080_0000)).errorCode, 5);
  const rsvd = PfError.Reserved | PfError.Present | PfError.User;
  assert.equal(pageFault(() => s.mmu.read8(0x00c0_0000)).errorCode, rsvd);
  assert.equal(pageFault(() => s.mmu.write8(0x00c0_0000, 0)).errorCode, rsvd | PfError.Write);
  assert.equal(pageFault(() => s.mmu.read8(0x0100_0000)).errorCode, 4);
  assert.equal(s.pde(0x00c0_0000) & A, 0);
});

Deno.test("invlpg anywhere in a 4 MiB page drops all of its cached 4 KiB entries", () => {
  const s = new Space(16 << 20);
  s.mmu.setPse(true);
  const va = 0x0840_0000;
  s.mem.write32(s.pdeAt(va), (4 << 20) | PS | URW);
  s.mem.write32(4 << 20, 1);
  s.mem.write32((4 << 20) + 0x20_0000, 2);
  assert.equal(s.mmu.read32(va), 1);
  assert.equal(s.mmu.read32(va + 0x20_0000), 2);
  s.mem.write32(s.pdeAt(va), (8 << 20) | PS | URW);
  s.mmu.invlpg(va + 0x1000);
  assert.equal(s.mmu.read32(va), 0);
  assert.equal(s.mmu.read32(va + 0x20_0000), 0);
});

Deno.test("setPse flushes the TLB and bumps the generation", () => {
  const s = new Space();
  s.map(0x0804_8000);
  s.mmu.read8(0x0804_8000);
  const g = s.mmu.generation;
  s.mmu.setPse(true);
  assert.equal(s.mmu.generation, g + 1);
  assert.equal(s.mmu.tlbRead[0x08048], -1);
});

// ---- walk: the kernel's non-throwing translation ----

Deno.test("walk lets supervisor accesses reach supervisor pages and refuses user ones", () => {
  const s = new Space();
  const pa = s.map(0xc000_0000, SUP);
  assert.equal(s.mmu.walk(0xc000_0010 | 0, 0), pa + 0x10);
  assert.equal(s.mmu.walk(0xc000_0010 | 0, PfError.Write), pa + 0x10);
  assert.equal(s.mmu.walk(0xc000_0010 | 0, PfError.User), -1);
  assert.equal(s.mmu.lastError, PfError.Present | PfError.User);
  assert.equal(s.mmu.walk(0xc000_0010 | 0, PfError.User | PfError.Write), -1);
  assert.equal(s.mmu.lastError, 7);
});

Deno.test("walk with CR0.WP=1 refuses supervisor writes to read-only pages (error 3)", () => {
  const s = new Space();
  const pa = s.map(0x0804_8000, URO);
  assert.equal(s.mmu.walk(0x0804_8000, 0), pa);
  assert.equal(s.mmu.walk(0x0804_8000, PfError.Write), -1);
  assert.equal(s.mmu.lastError, 3);
});

Deno.test("walk reports not-present error codes with the access bits and P=0", () => {
  const s = new Space();
  assert.equal(s.mmu.walk(0x1234_5678, 0), -1);
  assert.equal(s.mmu.lastError, 0);
  assert.equal(s.mmu.walk(0x1234_5678, PfError.Write), -1);
  assert.equal(s.mmu.lastError, 2);
  assert.equal(s.mmu.walk(0x1234_5678, PfError.User | PfError.Write), -1);
  assert.equal(s.mmu.lastError, 6);
});

Deno.test("walk sets A and D only on success and neither reads nor fills the TLB", () => {
  const s = new Space();
  const pa = s.map(0x0804_8000, URO);
  assert.equal(s.mmu.walk(0x0804_8000, PfError.User | PfError.Write), -1);
  assert.equal(s.pte(0x0804_8000) & (A | D), 0);
  assert.equal(s.mmu.walk(0x0804_8000, PfError.User), pa);
  assert.equal(s.pte(0x0804_8000) & (A | D), A);
  assert.equal(s.mmu.tlbRead[0x08048], -1);
  s.setPte(0x0804_8000, pa | URW);
  assert.equal(s.mmu.walk(0x0804_8004, PfError.User | PfError.Write), pa + 4);
  assert.equal(s.pte(0x0804_8000) & (A | D), A | D);
  assert.equal(s.pde(0x0804_8000) & (A | D), A);
  assert.equal(s.mmu.tlbWrite[0x08048], -1);
  // It walks the tables, not the TLB: a stale TLB entry does not fool it.
  s.mmu.read8(0x0804_8000);
  s.setPte(0x0804_8000, 0);
  assert.equal(s.mmu.walk(0x0804_8000, PfError.User), -1);
  assert.equal(s.mmu.read8(0x0804_8000), 0);
});

// ---- native oracle: CR2 of straddling accesses on the host ----

const ORACLE_SRC = new URL("./native/straddle_fault.c", import.meta.url).pathname;

/** Compiles the oracle with gcc -m32 -static to a temp file; null when impossible here. */
function buildOracle(): string | null {
  let out = "";
  try {
    out = Deno.makeTempFileSync({ prefix: "denix_straddle_fault_" });
    const gcc = new Deno.Command("gcc", {
      args: ["-m32", "-static", "-O1", "-o", out, ORACLE_SRC],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    if (gcc.success && new Deno.Command(out, { args: ["r", "4", "4", "2"] }).outputSync().success) {
      return out;
    }
  } catch {
    // gcc missing or the host cannot run i386 binaries: skip below.
  }
  if (out !== "") Deno.removeSync(out);
  return null;
}

const oracle = buildOracle();

/** One access: r (read), w (write), m (read-modify-write) of `size` bytes. */
type Kind = "r" | "w" | "m";

/** Does the access of `kind`/`size` at `va` on the MMU, as the CPU would issue it. */
function mmuAccess(mmu: Mmu, kind: Kind, size: number, va: number): void {
  if (kind === "m") {
    mmu.checkWrite(va, 4);
    mmu.write32(va, mmu.read32(va) + 1);
  } else if (size === 2) {
    if (kind === "r") mmu.read16(va);
    else mmu.write16(va, 0xa5a5);
  } else if (kind === "r") {
    for (let i = 0; i < size; i += 4) mmu.read32(va + i); // 8 bytes: two dword reads
  } else {
    mmu.checkWrite(va, size); // cmpxchg8b-style: all bytes checked before any write
    for (let i = 0; i < size; i += 4) mmu.write32(va + i, 0xa5a5a5a5);
  }
}

/** The same experiment as straddle_fault.c on the MMU: "addr=.. other=.." or "nofault". */
function mmuOutcome(kind: Kind, size: number, offset: number, guard: number): string {
  const s = new Space();
  const base = 0x4000_0000;
  const frames = [s.map(base, guard === 1 ? 0 : URW), s.map(base + 0x1000, guard === 2 ? 0 : URW)];
  for (const f of frames) s.mem.view(f, 0x1000).fill(0x11);
  const va = base + 0x1000 - offset;
  try {
    mmuAccess(s.mmu, kind, size, va);
    return "nofault";
  } catch (e) {
    if (e !== FAULT) throw e;
    const other = guard === 1 ? s.mem.read8(frames[1]) : s.mem.read8(frames[0] + 0x1000 - offset);
    return `addr=${(FAULT.cr2 - base) >>> 0} other=${other}`;
  }
}

Deno.test({
  name: "straddling faults give the same CR2 and no partial write as native Linux",
  ignore: oracle === null,
  fn() {
    const cases: [Kind, number, number, number][] = [];
    for (const guard of [1, 2]) {
      for (const offset of [1, 2, 3, 4]) {
        cases.push(["r", 2, offset, guard], ["w", 2, offset, guard]);
        cases.push(["r", 4, offset, guard], ["w", 4, offset, guard], ["m", 4, offset, guard]);
      }
      for (const offset of [1, 4, 7, 8]) {
        cases.push(["r", 8, offset, guard], ["w", 8, offset, guard]);
      }
    }
    try {
      for (const [kind, size, offset, guard] of cases) {
        const args = [kind, String(size), String(offset), String(guard)];
        const run = new Deno.Command(oracle!, { args }).outputSync();
        const native = new TextDecoder().decode(run.stdout).trim();
        assert.match(native, /^(nofault|addr=\d+ other=17)$/);
        assert.equal(mmuOutcome(kind, size, offset, guard), native, `case ${args.join(" ")}`);
      }
    } finally {
      Deno.removeSync(oracle!);
    }
  },
});

if (oracle === null) console.log("mmu_test: native oracle test skipped: no gcc -m32 -static");
