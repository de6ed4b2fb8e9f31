/**
 * Instruction forms outside the generic row matcher: direct branches (relaxable
 * jmp/jcc, call rel32, loop/jecxz rel8, callw/jmpw rel16) and string instructions
 * written with their implicit operands.
 */

import { pushLE } from "./bytes.ts";
import type { Expr } from "./expr.ts";
import type { Encoded, InsnInput } from "./insn.ts";
import type { Reading } from "./mnemonics.ts";
import { SEG_PREFIX } from "./modrm.ts";

/** `callw`/`jmpw` to a label: 0x66 + rel16, never relaxed. */
function near16(insn: InsnInput, r: Reading, target: Expr): Encoded {
  const row = r.rows.find((x) => x.operands[0] === "Jz")!;
  const bytes = [0x66, ...insn.prefixes, ...row.bytes];
  const fields = [{ size: 2, expr: target, pcrel: true, offset: bytes.length } as const];
  pushLE(bytes, 0, 2);
  return { kind: "fixed", bytes, fields };
}

/**
 * String instructions written with their implicit operands (`rep stosl %eax,%es:(%edi)`,
 * `movsb %ds:(%esi),%es:(%edi)`): drop the operands, take the size from a register
 * operand and keep a source segment override as an explicit prefix.
 */
export function stringForm(insn: InsnInput, rs: readonly Reading[]): InsnInput | null {
  const isString = rs.some((r) =>
    r.rows.some((row) => !row.operands.length && STRING_OPS.has(row.opcode))
  );
  if (!isString) return null;
  let suffix = "";
  const prefixes = [...insn.prefixes];
  for (const op of insn.ops) {
    if (op.kind === "reg" && op.reg.cls !== "seg") {
      suffix = { r8: "b", r16: "w", r32: "l" }[op.reg.cls as "r8"];
    } else if (op.kind === "mem") {
      const m = op.mem;
      const idx = m.base?.num;
      if (m.index || m.disp || (idx !== 6 && idx !== 7)) return null;
      if (m.seg && idx === 6 && m.seg.num !== 3) prefixes.unshift(SEG_PREFIX[m.seg.num]);
    } else return null;
  }
  const known = rs.some((r) =>
    r.suffix !== null || /[bwl]$/.test(insn.mnemonic) && r.name !== insn.mnemonic
  );
  const mnemonic = known || !suffix ? insn.mnemonic : insn.mnemonic + suffix;
  return { ...insn, mnemonic, ops: [], prefixes };
}

const STRING_OPS = new Set([
  0x6c,
  0x6d,
  0x6e,
  0x6f,
  0xa4,
  0xa5,
  0xa6,
  0xa7,
  0xaa,
  0xab,
  0xac,
  0xad,
  0xae,
  0xaf,
]);

/** Direct jmp/jcc/call/loop to an expression; null if `insn` is not one. */
export function encodeBranch(insn: InsnInput, rs: readonly Reading[]): Encoded | null {
  const op = insn.ops[0];
  if (insn.ops.length !== 1 || op.kind !== "mem" || op.indirect) return null;
  const m = op.mem;
  if (m.base || m.index || m.seg || !m.disp) return null;
  const w = rs.find((r) => r.suffix === 16 && r.rows.some((x) => x.operands[0] === "Jz"));
  if (w) return near16(insn, w, m.disp);
  const rows = rs.flatMap((r) => r.suffix === 8 || r.suffix === 16 ? [] : r.rows);
  const short = rows.find((r) => r.operands[0] === "Jb");
  const near = rows.find((r) => r.operands[0] === "Jz");
  if (!short && !near) return null;
  const pre = insn.prefixes.filter((b) => b !== 0x67);
  if (short && near) {
    return {
      kind: "branch",
      short: [...pre, ...short.bytes],
      near: [...pre, ...near.bytes],
      target: m.disp,
    };
  }
  const row = (near ?? short)!;
  const a16 = row.attrs.has("a16") ? [0x67] : [];
  const bytes = [...a16, ...pre, ...row.bytes];
  const size = near ? 4 : 1;
  const fields = [{ size, expr: m.disp, pcrel: true, offset: bytes.length } as const];
  pushLE(bytes, 0, size);
  return { kind: "fixed", bytes, fields };
}
