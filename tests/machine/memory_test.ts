/**
 * PhysicalMemory: size rounding and limits, zero fill, little-endian helpers at any
 * alignment, sign conventions, and views sharing one buffer.
 */
import assert from "node:assert/strict";
import { PhysicalMemory } from "../../src/machine/memory.ts";

Deno.test("the size is rounded up to whole 4 KiB frames and RAM starts zeroed", () => {
  const m = new PhysicalMemory(10_000);
  assert.equal(m.size, 12_288);
  assert.equal(m.frames, 3);
  assert.equal(m.buffer.byteLength, 12_288);
  assert.equal(m.u8.every((b) => b === 0), true);
});

Deno.test("sizes that are not positive integers up to 3 GiB are a RangeError", () => {
  for (const bad of [0, -4096, 1.5, NaN, 0xc000_1000]) {
    assert.throws(() => new PhysicalMemory(bad), RangeError, `size ${bad}`);
  }
});

Deno.test("read16 and read32 are little-endian; read32 is signed, read8/read16 are not", () => {
  const m = new PhysicalMemory(4096);
  m.load(0x10, new Uint8Array([0x78, 0x56, 0x34, 0x12, 0xff, 0xff, 0xff, 0xff]));
  assert.equal(m.read8(0x14), 0xff);
  assert.equal(m.read16(0x10), 0x5678);
  assert.equal(m.read16(0x14), 0xffff);
  assert.equal(m.read32(0x10), 0x12345678);
  assert.equal(m.read32(0x14), -1);
  assert.equal(m.read32(0x12), 0xffff1234 | 0);
  assert.equal(m.read32(0x11), 0xff123456 | 0);
});

Deno.test("writes keep the low bits and work at every alignment", () => {
  const m = new PhysicalMemory(4096);
  for (let a = 0x100; a < 0x104; a++) {
    m.write32(a, 0x8badf00d);
    assert.equal(m.read32(a) >>> 0, 0x8badf00d, `write32 at ${a}`);
    m.write16(a + 0x10, 0x1beef);
    assert.equal(m.read16(a + 0x10), 0xbeef, `write16 at ${a}`);
  }
  m.write8(0x200, 0x1ff);
  m.write8(0x201, -1);
  assert.deepEqual([...m.view(0x200, 2)], [0xff, 0xff]);
  m.write32(0x204, -2);
  assert.deepEqual([...m.view(0x204, 4)], [0xfe, 0xff, 0xff, 0xff]);
});

Deno.test("the typed views share one buffer: u8, u16, i32 and u32 agree", () => {
  const m = new PhysicalMemory(4096);
  m.write32(8, 0xfffe_0001);
  assert.equal(m.u16[4], 0x0001);
  assert.equal(m.u16[5], 0xfffe);
  assert.equal(m.i32[2], 0xfffe_0001 | 0);
  assert.equal(m.u32[2], 0xfffe_0001);
  assert.equal(m.u8[11], 0xff);
});

Deno.test("view returns a live window onto RAM, load copies bytes in", () => {
  const m = new PhysicalMemory(8192);
  m.load(4094, new Uint8Array([1, 2, 3, 4]));
  const v = m.view(4094, 4);
  assert.deepEqual([...v], [1, 2, 3, 4]);
  v[0] = 9;
  assert.equal(m.read8(4094), 9);
  assert.equal(m.read32(4094), 0x04030209);
});
