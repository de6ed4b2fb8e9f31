/**
 * Instruction encoder: mnemonic + AT&T operands → bytes, fields to patch, or a
 * relaxable branch.
 *
 * Every opcode-table row whose name, suffix, operand count and operand kinds fit is a
 * candidate at each operand size it allows. Without a suffix, register operands fix
 * the size; if candidates still disagree and an operand is memory or immediate, the
 * size is ambiguous (an error, except push/pop/call/jmp-like instructions, which default
 * to 32 bits as GNU as does). Among candidates of the chosen size the shortest
 * encoding wins, then a sign-extended imm8 row, then table order; this reproduces
 * GNU as's choices (`addl $1,%eax` → 83 c0 01, `addl $300,%eax` → 05 2c 01 00 00,
 * `movl %eax,0x10` → a3 10 00 00 00, `xchg %ebx,%eax` → 93).
 * Prefix order matches GNU as: segment, 0x67, 0x66, lock/rep.
 */

import type { OpcodeRow } from "../../machine/cpu/opcodes.ts";
import { LineError, type SrcLoc } from "./errors.ts";
import type { Expr } from "./expr.ts";
import { type Reading, readings, type Size } from "./mnemonics.ts";
import { pushLE, truncation } from "./bytes.ts";
import { encodeBranch, stringForm } from "./encode_forms.ts";
import type { Encoded, InsnInput, PlacedField } from "./insn.ts";
import { defaultSeg, type Early, memRm, regRm, type RmBytes, SEG_PREFIX } from "./modrm.ts";
import type { MemRef, Operand } from "./operand.ts";
import { fits, inRange, isRmSpec } from "./operand_match.ts";

interface Cand {
  readonly row: OpcodeRow;
  readonly sz: Size;
  readonly ops: readonly Operand[];
  readonly suffixed: boolean;
}

const V_SPECS = ["Ev", "Gv", "Zv", "eAX", "Iz", "Ov", "Ibs"];
const B_SPECS = ["Eb", "Gb", "Zb", "AL", "Ob"];
const DEFAULT32 = new Set([
  "push",
  "pop",
  "call",
  "jmp",
  "ret",
  "lret",
  "enter",
  "iret",
  "pusha",
  "popa",
  "pushf",
  "popf",
  "leave",
]);
const SHIFTS = new Set(["rol", "ror", "rcl", "rcr", "shl", "sal", "shr", "sar"]);
const COMMUTATIVE = new Set(["test", "xchg"]);
/** Far pointer forms the table lists without operands: not encodable from AT&T here. */
const FAR_DIRECT = new Set([0x9a, 0xea]);

/** Encodes one instruction; throws LineError when no encoding fits. */
export function encodeInsn(insn: InsnInput, early: Early): Encoded {
  const rs = readings(insn.mnemonic);
  if (!rs.length) throw new LineError(`unknown instruction '${insn.mnemonic}'`, insn.loc);
  const branch = encodeBranch(insn, rs);
  if (branch) return branch;
  const cands: Cand[] = [];
  for (const r of rs) {
    for (const ops of intelOrders(r.name, insn.ops)) collect(r, ops, early, cands);
  }
  if (!cands.length && insn.ops.length) {
    const str = stringForm(insn, rs);
    if (str) return encodeInsn(str, early);
  }
  if (!cands.length) {
    throw new LineError(`operand type mismatch for '${insn.mnemonic}'`, insn.loc);
  }
  const sz = chooseSize(cands, insn);
  return best(cands.filter((c) => c.sz === sz), insn, early);
}

/** AT&T operands → Intel order(s), after implicit-operand expansion. */
function intelOrders(name: string, att: readonly Operand[]): Operand[][] {
  let ops = [...att];
  const one: Operand = { kind: "imm", expr: { op: "num", v: 1 } };
  if (SHIFTS.has(name) && ops.length === 1) ops = [one, ops[0]];
  if ((name === "aam" || name === "aad") && !ops.length) {
    ops = [{ kind: "imm", expr: { op: "num", v: 10 } }];
  }
  if (name === "imul" && ops.length === 2 && ops[0].kind === "imm") ops = [ops[0], ops[1], ops[1]];
  const twoImm = ops.length === 2 && ops.every((o) => o.kind === "imm");
  const intel = twoImm ? ops : ops.reverse();
  return COMMUTATIVE.has(name) && intel.length === 2 ? [intel, [intel[1], intel[0]]] : [intel];
}

function sizesOf(row: OpcodeRow, suffix: Size | null): Size[] {
  const a = row.attrs;
  if (a.has("nosuffix") && suffix !== null) return [];
  let sizes: Size[];
  if (a.has("o16")) sizes = [16];
  else if (a.has("o32")) sizes = [32];
  else if (row.operands.some((s) => V_SPECS.includes(s))) sizes = [16, 32];
  else if (row.operands.some((s) => B_SPECS.includes(s))) sizes = [8];
  else if (a.has("nosuffix")) sizes = [32];
  else sizes = [16, 32];
  return suffix === null ? sizes : sizes.filter((s) => s === suffix);
}

function usable(row: OpcodeRow, ops: readonly Operand[]): boolean {
  if (row.operands.length !== ops.length) return false;
  if (row.operands.some((s) => s[0] === "J" || s === "Cd")) return false;
  if (FAR_DIRECT.has(row.opcode) && !row.operands.length) return false;
  const wantsIndirect = row.attrs.has("indirect");
  return ops.every((o) => o.kind === "imm" || o.indirect === wantsIndirect);
}

function collect(r: Reading, ops: Operand[], early: Early, out: Cand[]): void {
  for (const row of r.rows) {
    if (!usable(row, ops)) continue;
    if (isWordRow(row)) {
      const sz = wordRowSize(row, ops, r.suffix);
      if (sz) out.push({ row, sz, ops, suffixed: r.suffix !== null });
      continue;
    }
    for (const sz of sizesOf(row, r.suffix)) {
      if (row.operands.every((s, i) => fits(s, ops[i], sz, early))) {
        out.push({ row, sz, ops, suffixed: r.suffix !== null });
      }
    }
  }
}

/** Rows with a 16-bit r/m and no operand-size operand: mov Sreg, sldt, lldt, smsw, ... */
function isWordRow(row: OpcodeRow): boolean {
  return row.operands.includes("Ew") && !row.operands.some((s) => V_SPECS.includes(s));
}

/**
 * Size of a word row: the general operand decides (r16 → 16, r32 → 32); memory is
 * 32 (no prefix, whatever the suffix), as GNU as encodes `movw %es,(%eax)` → 8c 00.
 */
function wordRowSize(row: OpcodeRow, ops: readonly Operand[], suffix: Size | null): Size | null {
  if (row.attrs.has("nosuffix") && suffix !== null) return null;
  const i = row.operands.findIndex(isRmSpec);
  const s = row.operands.findIndex((s) => s === "Sw");
  const e = ops[i];
  if (s >= 0 && (ops[s].kind !== "reg" || !fits("Sw", ops[s], 32, () => null))) return null;
  if (suffix === 8) return null;
  if (e.kind === "mem") return 32;
  if (e.kind !== "reg" || (e.reg.cls !== "r16" && e.reg.cls !== "r32")) return null;
  const sz: Size = e.reg.cls === "r16" ? 16 : 32;
  return suffix !== null && suffix !== sz ? null : sz;
}

function chooseSize(cands: readonly Cand[], insn: InsnInput): Size {
  const sizes = new Set(cands.map((c) => c.sz));
  if (sizes.size === 1) return cands[0].sz;
  const unsized = insn.ops.some((o) => o.kind !== "reg");
  const name = readings(insn.mnemonic)[0].name;
  if (unsized && !cands.some((c) => c.suffixed) && !DEFAULT32.has(name)) {
    throw new LineError(
      `ambiguous operand size for '${insn.mnemonic}' (add a b/w/l suffix)`,
      insn.loc,
    );
  }
  return sizes.has(32) ? 32 : sizes.has(16) ? 16 : 8;
}

/** Encodes every candidate, keeps the best; only the chosen one's warnings are reported. */
function best(cands: readonly Cand[], insn: InsnInput, early: Early): Encoded {
  let pick: { kind: "fixed"; bytes: number[]; fields: PlacedField[] } | null = null;
  let pickIbs = false;
  let pickWarnings: string[] = [];
  for (const c of cands) {
    const warnings: string[] = [];
    const enc = encodeCand(c, { ...insn, warn: (m) => warnings.push(m) }, early);
    const ibs = c.row.operands.includes("Ibs");
    const better = !pick || enc.bytes.length < pick.bytes.length ||
      (enc.bytes.length === pick.bytes.length && ibs && !pickIbs);
    if (better) [pick, pickIbs, pickWarnings] = [enc, ibs, warnings];
  }
  pickWarnings.forEach(insn.warn);
  return pick!;
}

interface Parts {
  seg: number | null;
  addr16: boolean;
  body: number[];
  fields: PlacedField[];
  /** The ModRM byte, and the index in `fields` of a symbolic displacement. */
  modrm: number;
  dispField: number;
}

function encodeCand(c: Cand, insn: InsnInput, early: Early) {
  const { row, ops } = c;
  const p: Parts = {
    seg: null,
    addr16: false,
    body: [...row.bytes],
    fields: [],
    modrm: -1,
    dispField: -1,
  };
  const z = row.operands.findIndex((s) => /^(Z[bv]|STi)$/.test(s));
  if (z >= 0) p.body[p.body.length - 1] += regOf(ops[z]);
  if (row.modrm !== -1) addModrm(c, p, early, insn.loc);
  addImmediates(c, p, early, insn);
  const prefixes = prefixBytes(c, p, insn);
  const gotx = p.dispField >= 0 && gotRelaxable(c, p, prefixes);
  const fields = p.fields.map((f, i) => ({
    ...f,
    offset: f.offset + prefixes.length,
    gotx: gotx && i === p.dispField,
  }));
  // A wait-prefixed x87 form (9B D9 /7 fstcw) keeps 9B ahead of other prefixes.
  const wait = row.bytes[0] === 0x9b && prefixes.length ? p.body.splice(0, 1) : [];
  return { kind: "fixed" as const, bytes: [...wait, ...prefixes, ...p.body], fields };
}

/**
 * GNU as marks `sym@GOT` displacements R_386_GOT32X (linker-relaxable) in call/jmp
 * through memory, mov load, test and the reg-destination ALU ops, without 0x66, when
 * the operand is disp32(base) or bare disp32.
 */
function gotRelaxable(c: Cand, p: Parts, prefixes: readonly number[]): boolean {
  const b = c.row.bytes;
  const mod = p.modrm >> 6;
  const rm = p.modrm & 7;
  if (prefixes.includes(0x66) || b.length !== 1 || !(mod === 2 || (mod === 0 && rm === 5))) {
    return false;
  }
  const op = b[0];
  if (c.ops.length === 1) return op === 0xff && (c.row.modrm === 2 || c.row.modrm === 4);
  return c.ops.length === 2 && (op === 0x8b || op === 0x85 || (op & ~0x38) === 0x03);
}

function regOf(op: Operand): number {
  return op.kind === "reg" ? op.reg.num : 0;
}

function addModrm(c: Cand, p: Parts, early: Early, loc: SrcLoc): void {
  const { row, ops } = c;
  const rmIdx = row.operands.findIndex(isRmSpec);
  const regIdx = row.operands.findIndex((s) => /^(G[bwv]|Sw)$/.test(s));
  const regField = row.modrm >= 0 ? row.modrm : regOf(ops[regIdx]);
  const rmOp = ops[rmIdx];
  let rm: RmBytes;
  if (rmOp.kind === "reg") rm = regRm(regField, rmOp.reg.num);
  else if (rmOp.kind === "mem") {
    rm = memRm(regField, rmOp.mem, early, loc);
    noteSeg(p, rmOp.mem, defaultSeg(rmOp.mem));
  } else throw new LineError("immediate where r/m expected", loc);
  p.addr16 ||= rm.addr16;
  p.modrm = rm.bytes[0];
  p.body.push(...rm.bytes);
  if (rm.disp) {
    p.dispField = p.fields.length;
    p.fields.push({ ...rm.disp, offset: p.body.length });
  }
  const d = rm.disp?.size ?? rm.dispConst?.size ?? 0;
  pushLE(p.body, rm.dispConst?.value ?? 0, d);
}

function noteSeg(p: Parts, m: MemRef, dflt: number): void {
  if (m.seg && m.seg.num !== dflt) p.seg = m.seg.num;
}

function addImmediates(c: Cand, p: Parts, early: Early, insn: InsnInput): void {
  const { row, ops } = c;
  const idx = row.operands.map((s, i) => (s[0] === "I" || s[0] === "O" ? i : -1))
    .filter((i) => i >= 0);
  row.imms.forEach((kind, n) => {
    const op = ops[idx[n]];
    const spec = row.operands[idx[n]];
    if (op.kind === "mem") {
      noteSeg(p, op.mem, 3);
      pushField(p, { size: 4, e: op.mem.disp!, sx: false }, early, insn);
    } else if (op.kind === "imm") {
      const size = kind === "iz" ? (c.sz === 16 ? 2 : 4) : kind === "iw" ? 2 : 1;
      pushField(p, { size, e: op.expr, sx: spec === "Ibs" }, early, insn);
    }
  });
}

function pushField(
  p: Parts,
  f: { size: 1 | 2 | 4; e: Expr; sx: boolean },
  early: Early,
  insn: InsnInput,
) {
  const v = early(f.e);
  if (v === null) {
    p.fields.push({ size: f.size, expr: f.e, pcrel: false, offset: p.body.length });
    pushLE(p.body, 0, f.size);
    return;
  }
  if (!f.sx && !inRange(v, f.size * 8)) insn.warn(truncation(v, f.size));
  pushLE(p.body, v, f.size);
}

function prefixBytes(c: Cand, p: Parts, insn: InsnInput): number[] {
  const out: number[] = [];
  const explicit = insn.prefixes;
  if (p.seg !== null) out.push(SEG_PREFIX[p.seg]);
  if (p.addr16 || explicit.includes(0x67)) out.push(0x67);
  if (wants66(c) || explicit.includes(0x66)) out.push(0x66);
  out.push(...explicit.filter((b) => b !== 0x66 && b !== 0x67));
  return out;
}

/** Word rows whose r/m is a destination: a 16-bit register there takes 0x66. */
const WORD_STORES = new Set(["mov", "sldt", "str", "smsw"]);

function wants66(c: Cand): boolean {
  if (!isWordRow(c.row)) return c.sz === 16;
  const e = c.ops[c.row.operands.findIndex(isRmSpec)];
  const store = c.row.opcode === 0x8c || (WORD_STORES.has(c.row.names[0]) && c.row.opcode !== 0x8e);
  return store && e.kind === "reg" && e.reg.cls === "r16";
}
