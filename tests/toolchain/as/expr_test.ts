/**
 * Expressions as GNU as evaluates them: precedence (| & ^ bind tighter than + -),
 * comparisons yielding -1, label differences folding to constants, `.`.
 */

import assert from "node:assert/strict";
import { assembleFlat } from "../../../src/toolchain/as/mod.ts";

function value(expr: string): number {
  const img = assembleFlat(`.long ${expr}`);
  return new DataView(img.bytes.buffer).getInt32(0, true);
}

const CASES: [string, number][] = [
  ["1 + 2 * 3", 7],
  ["(1 + 2) * 3", 9],
  ["1 + 6 | 1", 8],
  ["2 * 3 & 2", 2],
  ["-7 / 2", -3],
  ["-7 % 3", -1],
  ["1 << 4 >> 2", 4],
  ["~0", -1],
  ["!0 + !7", 1],
  ["3 > 2", -1],
  ["3 < 2", 0],
  ["2 == 2", -1],
  ["1 && 0 || 1", 1],
  ["0x10 ^ 0x11", 1],
  ["5 ! 1", 5 | ~1],
];

for (const [e, want] of CASES) {
  Deno.test(`expressions: ${e} = ${want}`, () => assert.equal(value(e), want));
}

Deno.test("expressions: label differences and '.' resolve after layout", () => {
  const img = assembleFlat("a: .long b - a, . - a\n jmp c\n .fill 200, 1, 0\nc: b:", {
    origin: 0x100,
  });
  const dv = new DataView(img.bytes.buffer);
  assert.equal(dv.getUint32(0, true), 213, "b - a spans a relaxed (near) jmp");
  assert.equal(dv.getUint32(4, true), 4);
});

Deno.test("expressions: equates may refer forward and to labels", () => {
  const img = assembleFlat(".long X\n.equ X, Y + 1\n.equ Y, here\nhere:", { origin: 0x40 });
  assert.equal(new DataView(img.bytes.buffer).getUint32(0, true), 0x45);
});
