/**
 * The generator's own pieces: address solving lands every random ModRM/SIB form on its
 * target (checked by an independent effective-address computation), flag masks follow
 * the SDM examples, and the fixture format round-trips.
 */
import assert from "node:assert/strict";
import { emitRm, memForm32 } from "./encode.ts";
import { flagMask } from "./flag_masks.ts";
import { decodeVectors, encodeVectors, type VectorRecord } from "./format.ts";
import { Rng } from "./prng.ts";

/** Effective address of ModRM bytes `b` (32-bit addressing) with registers `regs`. */
function effectiveAddress(b: number[], regs: Int32Array): number {
  const mod = b[0] >> 6, rm = b[0] & 7;
  let i = 1;
  let ea = 0;
  let noBase = mod === 0 && rm === 5;
  if (rm === 4) {
    const sib = b[i++];
    const index = (sib >> 3) & 7, base = sib & 7;
    if (index !== 4) ea += regs[index] << (sib >> 6);
    noBase = mod === 0 && base === 5;
    if (!noBase) ea += regs[base];
  } else if (!noBase) ea += regs[rm];
  const le = (k: number) => b.slice(i, i + k).reduce((a, x, j) => a | (x << (8 * j)), 0);
  if (mod === 1) ea += (le(1) << 24) >> 24;
  else if (mod === 2 || noBase) ea += le(4);
  return ea | 0;
}

Deno.test("memForm32() reaches the target address with every addressing form", () => {
  const rng = new Rng(1);
  const seen = new Set<string>();
  for (let n = 0; n < 20000; n++) {
    const target = 0x20000f00 + rng.below(0x200);
    const reserved = new Set(n % 3 === 0 ? [4] : []);
    const f = memForm32(rng, target, reserved);
    const regs = new Int32Array(8).map(() => rng.i32());
    for (const [r, v] of f.assign) regs[r] = v;
    const bytes: number[] = [];
    emitRm(f, rng.below(8), bytes);
    assert.equal(effectiveAddress(bytes, regs) >>> 0, target, `form ${bytes}`);
    seen.add(`${f.mod}/${f.rm}/${f.sib >= 0 ? f.sib & 0xc7 : "-"}`);
    for (const [r] of f.assign) assert.ok(!reserved.has(r), "reserved register used");
  }
  assert.ok(seen.size > 100, `only ${seen.size} distinct forms`);
});

Deno.test("flagMask() drops exactly the flags the SDM leaves undefined", () => {
  const CF = 1, AF = 0x10, OF = 0x800, ALL = 0xcd5;
  assert.equal(flagMask("add"), ALL);
  assert.equal(flagMask("and"), ALL & ~AF);
  assert.equal(flagMask("shl", 0), ALL);
  assert.equal(flagMask("shl", 1), ALL & ~AF);
  assert.equal(flagMask("shl", 33), ALL & ~AF); // masked count 1
  assert.equal(flagMask("shr", 9, 8), ALL & ~(AF | OF | CF));
  assert.equal(flagMask("sar", 9, 8), ALL & ~(AF | OF));
  assert.equal(flagMask("rcl", 2), ALL & ~OF);
  assert.equal(flagMask("rol", 32), ALL);
  assert.equal(flagMask("div") & ALL, 0x400);
});

Deno.test("encodeVectors() and decodeVectors() round-trip records", () => {
  const rec: VectorRecord = {
    row: "01 /r | add | Ev,Gv | lock",
    code: Uint8Array.of(0x01, 0xd8),
    offset: 0x800,
    regs: Int32Array.of(1, 2, 3, 4, 5, 6, 7, -8),
    eflags: 0x202,
    seed: 99,
    patches: [{ addr: 0x20000fff, bytes: Uint8Array.of(1, 2, 3) }],
    mask: 0xcd5,
    vector: 255,
    errorCode: 0,
    cr2: 0,
    finalRegs: Int32Array.of(5, 2, 3, 4, 5, 6, 7, -8),
    finalEflags: 0x206,
    finalEip: 0x10000802,
    diffs: [{ addr: 0x30000ffc, bytes: Uint8Array.of(9) }],
  };
  const [back] = decodeVectors(encodeVectors([rec]));
  assert.deepEqual(back, rec);
});
