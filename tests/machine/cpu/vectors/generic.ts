/**
 * Builds one random instance of an opcode row: prefixes (66, 67, segment overrides,
 * lock, rep/repne where meaningful), opcode bytes (+r register), ModRM with a register
 * or any 32-bit (or 16-bit with 67) memory form aimed at the data window, immediates,
 * and edge-case operand values; then applies the row's special hooks (specials.ts).
 * Returns null when the instance must be dropped (e.g. shrd with an undefined count).
 */
import type { OpcodeRow } from "../../../../src/machine/cpu/opcodes.ts";
import { Builder } from "./builder.ts";
import { emitRm, memForm16, memForm32, regForm } from "./encode.ts";
import { flagMask } from "./flag_masks.ts";
import { DATA_WIN } from "./layout.ts";
import type { Rng } from "./prng.ts";
import { badSegment, type Special, SPECIALS } from "./specials.ts";

const SEGMENT_PREFIXES = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];
const STRING_OPCODES = new Set([
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

/** Bits of an operand spec (Eb, Gv, Iz, AL, eAX, Mq, ...) at operand size 16/32. */
export function operandBits(spec: string, o16: boolean): number {
  if (spec === "AL" || spec === "CL") return 8;
  if (spec === "AX" || spec === "DX") return 16;
  if (spec === "eAX") return o16 ? 16 : 32;
  const last = spec[spec.length - 1];
  if (spec === "Ibs") return o16 ? 16 : 32;
  if (last === "b") return 8;
  if (last === "w") return 16;
  if (last === "d") return 32;
  if (last === "q") return 64;
  return o16 ? 16 : 32;
}

/** The special hooks of a row (string instructions are told apart from movsx by opcode). */
export function specialFor(row: OpcodeRow): Special {
  const name = row.names[0];
  if (row.opcode === 0x8c || row.opcode === 0x8e) return badSegment(row.opcode === 0x8e);
  if (row.opcode >= 0x100 && (name === "movsb" || name === "movsw")) return {};
  return SPECIALS[name] ?? {};
}

function isBranch(row: OpcodeRow): boolean {
  return row.operands.some((o) => o === "Jb" || o === "Jz") || row.attrs.has("indirect");
}

function mainBits(row: OpcodeRow, o16: boolean): number {
  const op = row.operands.find((o) => /^[EGZO]|^M$|^AL$|^AX$|^eAX$/.test(o));
  if (STRING_OPCODES.has(row.opcode)) return row.names[0].endsWith("b") ? 8 : o16 ? 16 : 32;
  return op ? operandBits(op === "M" ? "Mv" : op, o16) : o16 ? 16 : 32;
}

interface Shape {
  hasModrm: boolean;
  mem: boolean;
  sp: Special;
}

function choosePrefixes(b: Builder, row: OpcodeRow, s: Shape): void {
  const r = b.rng;
  const pre: number[] = [];
  const hasV = row.operands.some((o) => /v$|z$|^eAX$|^Ibs$/.test(o)) ||
    STRING_OPCODES.has(row.opcode);
  const stackish = ["pusha", "popa", "pushf", "popf", "leave", "enter"].includes(row.names[0]);
  if (row.attrs.has("o16")) b.o16 = true;
  else if (!row.attrs.has("o32") && (hasV || stackish) && !s.sp.no66 && !isBranch(row)) {
    b.o16 = r.chance(0.25);
  }
  if (b.o16) pre.push(0x66);
  const a16ok = s.mem || s.sp.a16 === true || row.attrs.has("a16");
  b.a16 = row.attrs.has("a16") || (a16ok && !row.attrs.has("a32") && r.chance(0.05));
  if (b.a16) pre.push(0x67);
  if ((s.mem || STRING_OPCODES.has(row.opcode) || row.names[0] === "xlat") && r.chance(0.12)) {
    pre.push(r.pick(SEGMENT_PREFIXES));
  }
  if (row.attrs.has("lock") && s.mem && r.chance(0.25)) pre.push(0xf0);
  else if (s.hasModrm && r.chance(0.01)) pre.push(0xf0); // #UD: not lockable here
  if (row.attrs.has("rep")) {
    if (r.chance(0.6)) pre.push(0xf3);
    else if (r.chance(0.1)) pre.push(0xf2);
  } else if (row.attrs.has("repcc")) {
    const k = r.below(10);
    if (k < 4) pre.push(0xf3);
    else if (k < 8) pre.push(0xf2);
  }
  for (let i = pre.length - 1; i > 0; i--) {
    const j = r.below(i + 1);
    [pre[i], pre[j]] = [pre[j], pre[i]];
  }
  b.bytes.push(...pre);
}

function chooseShape(row: OpcodeRow, rng: Rng): Shape {
  const sp = specialFor(row);
  const hasModrm = row.modrm !== -1;
  const memOnly = row.operands.some((o) => o === "M" || o === "Mq") || row.attrs.has("memonly");
  let mem = false;
  if (hasModrm) {
    if (memOnly) {
      mem = !rng.chance(sp.regUd ?? (row.attrs.has("ud") && row.opcode === 0xff ? 0.5 : 0));
    } else if (!row.attrs.has("nomem") && !row.operands.some((o) => o === "Cd" || o === "Dd")) {
      mem = rng.chance(0.45); // mov to/from CRn/DRn ignores mod: always a register form
    }
  }
  return { hasModrm, mem, sp };
}

function defaultTarget(b: Builder, bits: number): number {
  const r = b.rng;
  if (r.chance(0.2)) return DATA_WIN + 0x100 - r.range(1, Math.max(1, bits >> 3)); // straddle
  return DATA_WIN + r.range(0x40, 0x1b8);
}

function emitModrm(b: Builder, row: OpcodeRow, s: Shape, bits: number): void {
  const r = b.rng;
  b.reg = row.modrm >= 0 ? row.modrm : s.sp.regField?.(b) ?? r.below(8);
  if (!s.mem) {
    b.eReg = r.below(8);
    emitRm(regForm(b.eReg), b.reg, b.bytes);
    return;
  }
  if (b.a16) {
    const f = memForm16(r);
    emitRm(f, b.reg, b.bytes);
    // 16-bit forms are not aimed (they fault below 64 KiB, except lea/nop): ea stays -1.
    return;
  }
  const target = (s.sp.target ?? defaultTarget)(b, bits);
  const reserved = new Set(s.sp.reserved ?? []);
  const f = memForm32(r, target, reserved);
  for (const [reg, v] of f.assign) b.lockReg(reg, v);
  emitRm(f, b.reg, b.bytes);
  b.ea = target | 0;
}

function immDefault(b: Builder, kind: string, bits: number): number {
  const r = b.rng;
  switch (kind) {
    case "ib":
      return b.value(8);
    case "iw":
      return b.value(16);
    case "iz":
      return b.value(b.o16 ? 16 : 32);
    case "mo":
      return b.a16 ? r.below(0x10000) : DATA_WIN + r.range(0x40, 0x1fc - (bits >> 3));
    default:
      throw new Error(`no default for ${kind}`);
  }
}

function branchRel(b: Builder, size: number): number {
  const r = b.rng;
  const end = b.offset + b.bytes.length + size;
  const len = end - b.offset;
  for (;;) {
    const rel = size === 1 ? r.range(-128, 127) : r.range(-0x700, 0x700);
    const t = end + rel;
    if ((rel >= 0 || rel < -len) && t >= 0 && t < 0xff0) return rel;
  }
}

function emitImms(b: Builder, row: OpcodeRow, s: Shape, bits: number): void {
  row.imms.forEach((kind, i) => {
    let size = kind === "ib" || kind === "cb" ? 1 : kind === "iw" ? 2 : 4;
    if ((kind === "iz" || kind === "cz") && b.o16) size = 2;
    if (kind === "mo" && b.a16) size = 2;
    let v: number;
    if (kind === "cb" || kind === "cz") v = branchRel(b, size);
    else v = s.sp.imm?.(b, kind, i) ?? immDefault(b, kind, bits);
    for (let k = 0; k < size; k++) b.bytes.push((v >>> (8 * k)) & 0xff);
  });
}

function setOperands(b: Builder, row: OpcodeRow, bits: number, plusReg: number): void {
  for (const o of row.operands) {
    const ob = operandBits(o, b.o16);
    if (o[0] === "E") b.setE(ob, b.value(ob));
    else if (o[0] === "G") b.setReg(ob, b.reg, b.value(ob));
    else if (o[0] === "Z") b.setReg(ob, plusReg, b.value(ob));
    else if (o === "AL" || o === "AX" || o === "eAX") b.setReg(ob, 0, b.value(ob));
    else if (o === "Ob" || o === "Ov") {
      const imm = b.bytes.slice(b.bytes.length - (b.a16 ? 2 : 4));
      const addr = imm.reduce((a, x, k) => a | (x << (8 * k)), 0);
      if (!b.a16) b.setMem(addr, bits, b.value(bits));
    }
  }
}

/** Builds one instance of `row`, or null to drop it. */
export function buildInstance(row: OpcodeRow, rng: Rng): Builder | null {
  const b = new Builder(row, rng);
  if (rng.chance(0.2)) b.offset = rng.range(0x100, 0xf00);
  const s = chooseShape(row, rng);
  choosePrefixes(b, row, s);
  const bits = mainBits(row, b.o16);
  b.bytes.push(...row.bytes);
  let plusReg = 0;
  if (row.plusReg) {
    plusReg = rng.below(8);
    b.bytes[b.bytes.length - 1] += plusReg;
  }
  if (s.hasModrm) emitModrm(b, row, s, bits);
  emitImms(b, row, s, bits);
  setOperands(b, row, bits, plusReg);
  b.mask = flagMask(row.names[0]);
  if (s.sp.setup?.(b, bits) === false) return null;
  if (row.attrs.has("priv")) b.expect = 13;
  if (row.attrs.has("ud") || s.sp.expect === 6) b.expect = 6;
  return b;
}
