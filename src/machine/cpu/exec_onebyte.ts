/**
 * Executes one-byte opcodes (and prefixes) of the i386 instruction set.
 *
 * `execOneByte(c, op)` is entered with the first byte of an instruction already fetched;
 * prefixes record their effect in the decode state and re-enter with the next byte.
 * Which opcodes exist, take ModRM or immediates is fixed by the opcode table
 * (opcodes.ts); the semantics live here, one case per opcode or opcode group.
 * Every case follows the fault invariant of fault.ts: all checks that can fault come
 * before the first committed register, flag or memory write.
 */
import { AluOp, sext, trunc } from "./alu.ts";
import type { CpuCore } from "./cpu_core.ts";
import { raise } from "./fault.ts";
import { Flag, Reg, Seg, USER_WRITABLE_FLAGS } from "./regs.ts";
import { execTwoByte } from "./exec_twobyte.ts";
import { execString } from "./exec_string.ts";
import { execGroup3 } from "./exec_muldiv.ts";
import { aaa, aad, aam, aas, daa, das } from "./exec_bcd.ts";
import { checkLock } from "./lock.ts";
import { execX87 } from "./exec_x87.ts";
import { TrapKind, Vector } from "../trap.ts";

/** Executes the instruction whose first byte is `op`. */
export function execOneByte(c: CpuCore, op: number): void {
  if (op < 0x40 && (op & 7) < 6) return aluForm(c, op);
  switch (op) {
    case 0x0f:
      return execTwoByte(c, c.fetch8());
    case 0x26:
    case 0x2e:
    case 0x36:
    case 0x3e:
    case 0x64:
    case 0x65:
    case 0x66:
    case 0x67:
    case 0xf0:
    case 0xf2:
    case 0xf3:
      return execPrefixed(c, op);
    case 0x06:
      return pushSeg(c, Seg.ES);
    case 0x0e:
      return pushSeg(c, Seg.CS);
    case 0x16:
      return pushSeg(c, Seg.SS);
    case 0x1e:
      return pushSeg(c, Seg.DS);
    case 0x07:
      return popSeg(c, Seg.ES);
    case 0x17:
      return popSeg(c, Seg.SS);
    case 0x1f:
      return popSeg(c, Seg.DS);
    case 0x27:
      return daa(c);
    case 0x2f:
      return das(c);
    case 0x37:
      return aaa(c);
    case 0x3f:
      return aas(c);
    case 0x40:
    case 0x41:
    case 0x42:
    case 0x43:
    case 0x44:
    case 0x45:
    case 0x46:
    case 0x47:
      if (c.o16) c.setReg(16, op & 7, c.inc(16, c.getReg(16, op & 7)));
      else c.regs[op & 7] = c.inc32(c.regs[op & 7]);
      return;
    case 0x48:
    case 0x49:
    case 0x4a:
    case 0x4b:
    case 0x4c:
    case 0x4d:
    case 0x4e:
    case 0x4f:
      if (c.o16) c.setReg(16, op & 7, c.dec(16, c.getReg(16, op & 7)));
      else c.regs[op & 7] = c.dec32(c.regs[op & 7]);
      return;
    case 0x50:
    case 0x51:
    case 0x52:
    case 0x53:
    case 0x54:
    case 0x55:
    case 0x56:
    case 0x57:
      if (c.o16) c.push16(c.regs[op & 7]);
      else c.push32(c.regs[op & 7]);
      return;
    case 0x58:
    case 0x59:
    case 0x5a:
    case 0x5b:
    case 0x5c:
    case 0x5d:
    case 0x5e:
    case 0x5f:
      if (c.o16) c.setReg(16, op & 7, c.pop16());
      else c.regs[op & 7] = c.pop32();
      return;
    case 0x60:
      return pusha(c);
    case 0x61:
      return popa(c);
    case 0x62:
      return bound(c);
    case 0x68:
      c.pushV(c.fetchImmV());
      return;
    case 0x69:
    case 0x6b: {
      const s = c.vsize();
      c.decodeModrm();
      const a = c.readE(s);
      const b = op === 0x69 ? c.fetchImmV() : c.fetch8s();
      c.writeG(s, imul2(c, s, a, b));
      return;
    }
    case 0x6a:
      c.pushV(c.fetch8s());
      return;
    case 0x6c:
    case 0x6d:
    case 0x6e:
    case 0x6f:
    case 0xe4:
    case 0xe5:
    case 0xe6:
    case 0xe7:
    case 0xec:
    case 0xed:
    case 0xee:
    case 0xef:
    case 0xf4:
    case 0xfa:
    case 0xfb:
      return raise(Vector.GP, 0);
    case 0x70:
    case 0x71:
    case 0x72:
    case 0x73:
    case 0x74:
    case 0x75:
    case 0x76:
    case 0x77:
    case 0x78:
    case 0x79:
    case 0x7a:
    case 0x7b:
    case 0x7c:
    case 0x7d:
    case 0x7e:
    case 0x7f: {
      const rel = c.fetch8s();
      if (c.condition(op & 15)) c.jumpTo(c.eip + rel);
      return;
    }
    case 0x80:
    case 0x82:
      return group1(c, 8, -1);
    case 0x81:
      return group1(c, c.vsize(), 0);
    case 0x83:
      return group1(c, c.vsize(), 1);
    case 0x84:
      return testEG(c, 8);
    case 0x85:
      if (!c.o16) {
        const m = c.fetch8();
        const a = m >= 0xc0 ? c.regs[m & 7] : c.mmu.read32(c.modrmEa(m));
        c.alu32(AluOp.And, a, c.regs[(m >> 3) & 7]);
        return;
      }
      return testEG(c, 16);
    case 0x86:
    case 0x87: {
      const s = op === 0x86 ? 8 : c.vsize();
      c.decodeModrm();
      c.checkWriteE(s);
      const a = c.readE(s);
      const b = c.readG(s);
      c.writeE(s, b);
      c.writeG(s, a);
      return;
    }
    case 0x88:
      c.decodeModrm();
      c.writeE(8, c.readG(8));
      return;
    case 0x89:
      if (c.o16) {
        c.decodeModrm();
        c.writeE(16, c.readG(16));
        return;
      }
      return movStore32(c);
    case 0x8a:
      c.decodeModrm();
      c.writeG(8, c.readE(8));
      return;
    case 0x8b:
      if (c.o16) {
        c.decodeModrm();
        c.writeG(16, c.readE(16));
        return;
      }
      return movLoad32(c);
    case 0x8c:
      return movFromSeg(c);
    case 0x8d:
      return lea(c);
    case 0x8e: {
      c.decodeModrm();
      c.loadSegmentChecked(c.regField(), c.readE(16));
      return;
    }
    case 0x8f:
      return popEv(c);
    case 0x90:
      return;
    case 0x91:
    case 0x92:
    case 0x93:
    case 0x94:
    case 0x95:
    case 0x96:
    case 0x97: {
      const s = c.vsize();
      const a = c.getReg(s, Reg.EAX);
      c.setReg(s, Reg.EAX, c.getReg(s, op & 7));
      c.setReg(s, op & 7, a);
      return;
    }
    case 0x98:
      if (c.o16) c.setReg(16, Reg.EAX, sext(8, c.regs[Reg.EAX]));
      else c.regs[Reg.EAX] = sext(16, c.regs[Reg.EAX]);
      return;
    case 0x99:
      if (c.o16) c.setReg(16, Reg.EDX, (c.regs[Reg.EAX] << 16) >> 31);
      else c.regs[Reg.EDX] = c.regs[Reg.EAX] >> 31;
      return;
    case 0x9b:
      return;
    case 0x9c: {
      const f = c.getEflags() & ~(Flag.VM | Flag.RF);
      c.pushV(f);
      return;
    }
    case 0x9d: {
      const v = c.popV();
      c.writeFlags(v, c.o16 ? USER_WRITABLE_FLAGS & 0xffff : USER_WRITABLE_FLAGS);
      return;
    }
    case 0x9e:
      c.writeFlags(c.getReg(8, 4), Flag.SF | Flag.ZF | Flag.AF | Flag.PF | Flag.CF);
      return;
    case 0x9f:
      c.setReg(8, 4, (c.getEflags() & 0xd5) | Flag.FIXED);
      return;
    case 0xa0:
    case 0xa1:
    case 0xa2:
    case 0xa3:
      return movMoffs(c, op);
    case 0xa4:
    case 0xa5:
    case 0xa6:
    case 0xa7:
    case 0xaa:
    case 0xab:
    case 0xac:
    case 0xad:
    case 0xae:
    case 0xaf:
      return execString(c, op);
    case 0xa8:
      c.alu(AluOp.And, 8, c.getReg(8, Reg.EAX), c.fetch8());
      return;
    case 0xa9: {
      const s = c.vsize();
      c.alu(AluOp.And, s, c.getReg(s, Reg.EAX), c.fetchImm(s));
      return;
    }
    case 0xb0:
    case 0xb1:
    case 0xb2:
    case 0xb3:
    case 0xb4:
    case 0xb5:
    case 0xb6:
    case 0xb7:
      c.setReg(8, op & 7, c.fetch8());
      return;
    case 0xb8:
    case 0xb9:
    case 0xba:
    case 0xbb:
    case 0xbc:
    case 0xbd:
    case 0xbe:
    case 0xbf:
      if (c.o16) c.setReg(16, op & 7, c.fetch16());
      else c.regs[op & 7] = c.fetch32();
      return;
    case 0xc0:
    case 0xc1:
    case 0xd0:
    case 0xd1:
    case 0xd2:
    case 0xd3:
      return group2(c, op);
    case 0xc2:
    case 0xc3: {
      const n = op === 0xc2 ? c.fetch16() : 0;
      const target = c.popV();
      c.regs[Reg.ESP] = (c.regs[Reg.ESP] + n) | 0;
      c.jumpTo(target);
      return;
    }
    case 0xc6:
    case 0xc7: {
      const s = op === 0xc6 ? 8 : c.vsize();
      c.decodeModrm();
      if (c.regField() !== 0) raise(Vector.UD);
      c.writeE(s, c.fetchImm(s));
      return;
    }
    case 0xc8:
      return enter(c);
    case 0xc9:
      return leave(c);
    case 0xcc:
      c.stopAfter(TrapKind.Fault, Vector.BP);
      return;
    case 0xcd:
      return intN(c, c.fetch8());
    case 0xce:
      if (c.of()) c.stopAfter(TrapKind.Fault, Vector.OF);
      return;
    case 0xd4:
      return aam(c, c.fetch8());
    case 0xd5:
      return aad(c, c.fetch8());
    case 0xd7: {
      const base = c.a16
        ? (c.regs[Reg.EBX] + (c.regs[Reg.EAX] & 0xff)) & 0xffff
        : c.regs[Reg.EBX] + (c.regs[Reg.EAX] & 0xff);
      c.setReg(8, Reg.EAX, c.mmu.read8((base + c.segBase) | 0));
      return;
    }
    case 0xd8:
    case 0xd9:
    case 0xda:
    case 0xdb:
    case 0xdc:
    case 0xdd:
    case 0xde:
    case 0xdf:
      return execX87(c, op);
    case 0xe0:
    case 0xe1:
    case 0xe2:
      return loop(c, op);
    case 0xe3: {
      const rel = c.fetch8s();
      const count = c.a16 ? c.regs[Reg.ECX] & 0xffff : c.regs[Reg.ECX];
      if (count === 0) c.jumpTo(c.eip + rel);
      return;
    }
    case 0xe8: {
      const rel = c.o16 ? sext(16, c.fetch16()) : c.fetch32();
      const next = c.eip;
      c.pushV(next);
      c.jumpTo(next + rel);
      return;
    }
    case 0xe9: {
      const rel = c.o16 ? sext(16, c.fetch16()) : c.fetch32();
      c.jumpTo(c.eip + rel);
      return;
    }
    case 0xeb: {
      const rel = c.fetch8s();
      c.jumpTo(c.eip + rel);
      return;
    }
    case 0xf1:
      c.stopAfter(TrapKind.Fault, Vector.DB);
      return;
    case 0xf5:
      c.materialize();
      c.flags ^= Flag.CF;
      return;
    case 0xf6:
    case 0xf7:
      return execGroup3(c, op === 0xf6 ? 8 : c.vsize());
    case 0xf8:
      c.setFlag(Flag.CF, false);
      return;
    case 0xf9:
      c.setFlag(Flag.CF, true);
      return;
    case 0xfc:
      c.flags &= ~Flag.DF;
      return;
    case 0xfd:
      c.flags |= Flag.DF;
      return;
    case 0xfe:
      return group4(c);
    case 0xff:
      return group5(c);
    default:
      return raise(Vector.UD);
  }
}

/**
 * Consumes a run of prefix bytes starting with `first`, recording their effect (the
 * last segment override wins), validates a lock prefix against the opcode table, then
 * executes the opcode. More than 14 prefix bytes make the instruction too long: #GP(0).
 */
function execPrefixed(c: CpuCore, first: number): void {
  c.prefixed = true;
  let b = first;
  for (;;) {
    switch (b) {
      case 0x26:
      case 0x36:
      case 0x3e:
        c.segBase = 0;
        c.csOverride = false;
        break;
      case 0x2e:
        c.segBase = 0;
        c.csOverride = true;
        break;
      case 0x64:
        c.segBase = c.segBases[Seg.FS];
        c.csOverride = false;
        break;
      case 0x65:
        c.segBase = c.segBases[Seg.GS];
        c.csOverride = false;
        break;
      case 0x66:
        c.o16 = true;
        break;
      case 0x67:
        c.a16 = true;
        break;
      case 0xf0:
        c.lock = true;
        break;
      case 0xf2:
      case 0xf3:
        c.rep = b;
        break;
      default:
        if (c.lock) checkLock(c, b);
        return execOneByte(c, b);
    }
    if (((c.eip - c.start) | 0) >= 14) raise(Vector.GP, 0);
    b = c.fetch8();
  }
}

/** mov r/m32, r32 (89 without prefixes). */
export function movStore32(c: CpuCore): void {
  const m = c.fetch8();
  const v = c.regs[(m >> 3) & 7];
  if (m >= 0xc0) c.regs[m & 7] = v;
  else {
    c.modrmEa(m);
    c.checkEaWrite();
    c.mmu.write32(c.ea, v);
  }
}

/** mov r32, r/m32 (8B without prefixes). */
export function movLoad32(c: CpuCore): void {
  const m = c.fetch8();
  c.regs[(m >> 3) & 7] = m >= 0xc0 ? c.regs[m & 7] : c.mmu.read32(c.modrmEa(m));
}

/** ALU op r/m32, r32 (form 1 without 66): small so V8 inlines the whole path. */
function aluStore32(c: CpuCore, kind: number): void {
  const m = c.fetch8();
  const regs = c.regs;
  if (m >= 0xc0) {
    const r = c.alu32(kind, regs[m & 7], regs[(m >> 3) & 7]);
    if (kind !== AluOp.Cmp) regs[m & 7] = r;
    return;
  }
  const a = c.modrmEa(m);
  if (kind !== AluOp.Cmp) c.checkWriteE(32);
  const r = c.alu32(kind, c.mmu.read32(a), regs[(m >> 3) & 7]);
  if (kind !== AluOp.Cmp) c.mmu.write32(a, r);
}

/** ALU op r32, r/m32 (form 3 without 66). */
function aluLoad32(c: CpuCore, kind: number): void {
  const m = c.fetch8();
  const regs = c.regs;
  const src = m >= 0xc0 ? regs[m & 7] : c.mmu.read32(c.modrmEa(m));
  const r = c.alu32(kind, regs[(m >> 3) & 7], src);
  if (kind !== AluOp.Cmp) regs[(m >> 3) & 7] = r;
}

/** Opcodes 00-3F with low 3 bits 0..5: the eight ALU operations in six forms. */
export function aluForm(c: CpuCore, op: number): void {
  const kind = op >> 3;
  const write = kind !== AluOp.Cmp;
  switch (op & 7) {
    case 0: {
      c.decodeModrm();
      if (c.modrm >= 0xc0) {
        const m = c.modrm;
        const r = c.alu8(kind, c.getReg(8, m & 7), c.getReg(8, (m >> 3) & 7));
        if (write) c.setReg(8, m & 7, r);
        return;
      }
      if (write) c.checkWriteE(8);
      const r = c.alu8(kind, c.readE(8), c.readG(8));
      if (write) c.writeE(8, r);
      return;
    }
    case 1: {
      if (!c.o16) return aluStore32(c, kind);
      const s = c.vsize();
      c.decodeModrm();
      if (write) c.checkWriteE(s);
      const r = c.alu(kind, s, c.readE(s), c.readG(s));
      if (write) c.writeE(s, r);
      return;
    }
    case 2: {
      c.decodeModrm();
      const r = c.alu8(kind, c.readG(8), c.readE(8));
      if (write) c.writeG(8, r);
      return;
    }
    case 3: {
      if (!c.o16) return aluLoad32(c, kind);
      const s = c.vsize();
      c.decodeModrm();
      const r = c.alu(kind, s, c.readG(s), c.readE(s));
      if (write) c.writeG(s, r);
      return;
    }
    case 4: {
      const r = c.alu8(kind, c.getReg(8, Reg.EAX), c.fetch8());
      if (write) c.setReg(8, Reg.EAX, r);
      return;
    }
    default: {
      const s = c.vsize();
      const r = c.alu(kind, s, c.getReg(s, Reg.EAX), c.fetchImm(s));
      if (write) c.setReg(s, Reg.EAX, r);
    }
  }
}

function testEG(c: CpuCore, s: number): void {
  c.decodeModrm();
  c.alu(AluOp.And, s, c.readE(s), c.readG(s));
}

/** 80-83: ALU op r/m, imm. `immKind`: -1 imm8, 0 full-size imm, 1 sign-extended imm8. */
export function group1(c: CpuCore, s: number, immKind: number): void {
  if (s === 32) return group1Dword(c, immKind);
  c.decodeModrm();
  const imm = immKind < 0 ? c.fetch8() : immKind === 0 ? c.fetchImm(s) : trunc(s, c.fetch8s());
  const kind = c.regField();
  if (kind === AluOp.Cmp) {
    c.alu(kind, s, c.readE(s), imm);
    return;
  }
  c.checkWriteE(s);
  c.writeE(s, c.alu(kind, s, c.readE(s), imm));
}

/** group1 with 32-bit operands: the common case, without size dispatch. */
function group1Dword(c: CpuCore, immKind: number): void {
  const m = c.fetch8();
  const kind = (m >> 3) & 7;
  if (m >= 0xc0) {
    const imm = immKind === 0 ? c.fetch32() : c.fetch8s();
    const r = c.alu32(kind, c.regs[m & 7], imm);
    if (kind !== AluOp.Cmp) c.regs[m & 7] = r;
    return;
  }
  const a = c.modrmEa(m);
  const imm = immKind === 0 ? c.fetch32() : c.fetch8s();
  if (kind === AluOp.Cmp) {
    c.alu32(kind, c.mmu.read32(a), imm);
    return;
  }
  c.checkWriteE(32);
  c.mmu.write32(a, c.alu32(kind, c.mmu.read32(a), imm));
}

/** C0 C1 D0-D3: shifts and rotates by imm8, 1 or CL. */
export function group2(c: CpuCore, op: number): void {
  if ((op & 1) === 1 && !c.o16) {
    const m = c.fetch8();
    if (m >= 0xc0) {
      const count = op === 0xc1 ? c.fetch8() : op === 0xd1 ? 1 : c.regs[Reg.ECX] & 0xff;
      c.regs[m & 7] = c.shift((m >> 3) & 7, 32, c.regs[m & 7], count);
      return;
    }
    c.modrmEa(m);
  } else c.decodeModrm();
  const s = (op & 1) === 0 ? 8 : c.vsize();
  const count = op <= 0xc1 ? c.fetch8() : op <= 0xd1 ? 1 : c.regs[Reg.ECX] & 0xff;
  c.checkWriteE(s);
  const v = c.readE(s);
  const r = c.shift(c.regField(), s, v, count);
  if (r !== v) c.writeE(s, r);
}

/** FE: inc/dec r/m8. */
function group4(c: CpuCore): void {
  c.decodeModrm();
  const reg = c.regField();
  if (reg > 1) raise(Vector.UD);
  c.checkWriteE(8);
  const v = c.readE(8);
  c.writeE(8, reg === 0 ? c.inc(8, v) : c.dec(8, v));
}

/** FF: inc, dec, call, jmp, push r/m (far forms are not supported: #UD). */
function group5(c: CpuCore): void {
  c.decodeModrm();
  const s = c.vsize();
  switch (c.regField()) {
    case 0:
    case 1: {
      c.checkWriteE(s);
      const v = c.readE(s);
      c.writeE(s, c.regField() === 0 ? c.inc(s, v) : c.dec(s, v));
      return;
    }
    case 2: {
      const target = c.readE(s);
      c.pushV(c.eip);
      c.jumpTo(target);
      return;
    }
    case 4:
      c.jumpTo(c.readE(s));
      return;
    case 6:
      c.pushV(c.readE(s));
      return;
    default:
      raise(Vector.UD);
  }
}

/** imul r, r/m, imm and imul r, r/m: truncated signed product, CF=OF on overflow. */
export function imul2(c: CpuCore, s: number, a: number, b: number): number {
  if (s === 16) {
    const p = sext(16, a) * sext(16, b);
    const r = p & 0xffff;
    c.mulFlags(16, r, p !== sext(16, r));
    return r;
  }
  return c.imul32(a, b);
}

/** push of a segment register (one-byte 06/0E/16/1E and 0F A0/A8). */
export function pushSeg(c: CpuCore, seg: number): void {
  const sel = c.sregs[seg];
  if (c.o16) {
    c.push16(sel);
    return;
  }
  // 32-bit push of a segment register writes 16 bits and moves ESP by 4 (recent Intel/AMD).
  const sp = (c.regs[Reg.ESP] - 4) | 0;
  c.mmu.write16(sp, sel);
  c.regs[Reg.ESP] = sp;
}

/** pop into a segment register (07/17/1F and 0F A1/A9). */
export function popSeg(c: CpuCore, seg: number): void {
  const sp = c.regs[Reg.ESP];
  const v = c.o16 ? c.mmu.read16(sp) : c.mmu.read32(sp);
  c.loadSegmentChecked(seg, v);
  c.regs[Reg.ESP] = (sp + (c.o16 ? 2 : 4)) | 0;
}

function movFromSeg(c: CpuCore): void {
  c.decodeModrm();
  const seg = c.regField();
  if (seg > Seg.GS) raise(Vector.UD);
  const sel = c.sregs[seg];
  if (c.isRegForm()) c.setReg(c.o16 ? 16 : 32, c.modrm & 7, sel);
  else {
    c.checkEaWrite();
    c.mmu.write16(c.ea, sel);
  }
}

export function lea(c: CpuCore): void {
  c.segBase = 0;
  c.decodeModrm();
  if (c.isRegForm()) raise(Vector.UD);
  if (c.o16) c.writeG(16, c.ea);
  else c.regs[(c.modrm >> 3) & 7] = c.ea;
}

/** 8F /0: pop r/m; a memory operand's address uses ESP after the pop (SDM POP). */
function popEv(c: CpuCore): void {
  const s = c.vsize();
  const sp = c.regs[Reg.ESP];
  const v = c.readMem(s, sp);
  const after = (sp + (s >> 3)) | 0;
  c.regs[Reg.ESP] = after;
  try {
    c.decodeModrm();
    if (c.regField() !== 0) raise(Vector.UD);
    if (c.isRegForm()) {
      c.setReg(s, c.modrm & 7, v);
      return;
    }
    c.regs[Reg.ESP] = sp;
    c.checkEaWrite();
    c.writeMem(s, c.ea, v);
    c.regs[Reg.ESP] = after;
  } catch (e) {
    c.regs[Reg.ESP] = sp;
    throw e;
  }
}

function pusha(c: CpuCore): void {
  const r = c.regs;
  const size = c.o16 ? 2 : 4;
  const sp0 = r[Reg.ESP];
  let sp = sp0;
  for (let i = 0; i < 8; i++) {
    sp = (sp - size) | 0;
    const v = i === Reg.ESP ? sp0 : r[i];
    if (size === 2) c.mmu.write16(sp, v);
    else c.mmu.write32(sp, v);
  }
  r[Reg.ESP] = sp;
}

function popa(c: CpuCore): void {
  const r = c.regs;
  const size = c.o16 ? 2 : 4;
  const vals = POPA_TMP;
  let sp = r[Reg.ESP];
  for (let i = 7; i >= 0; i--) {
    vals[i] = size === 2 ? c.mmu.read16(sp) : c.mmu.read32(sp);
    sp = (sp + size) | 0;
  }
  for (let i = 0; i < 8; i++) if (i !== Reg.ESP) c.setReg(size * 8, i, vals[i]);
  r[Reg.ESP] = sp;
}
const POPA_TMP = new Int32Array(8);

function bound(c: CpuCore): void {
  const s = c.vsize();
  c.decodeModrm();
  if (c.isRegForm()) raise(Vector.UD);
  const lo = sext(s, c.readMem(s, c.ea));
  const hi = sext(s, c.readMem(s, (c.ea + (s >> 3)) | 0));
  const i = sext(s, c.readG(s));
  if (i < lo || i > hi) raise(Vector.BR);
}

function movMoffs(c: CpuCore, op: number): void {
  const a = ((c.a16 ? c.fetch16() : c.fetch32()) + c.segBase) | 0;
  const s = op & 1 ? c.vsize() : 8;
  if (op < 0xa2) c.setReg(s, Reg.EAX, c.readMem(s, a));
  else {
    c.checkEaWrite();
    c.writeMem(s, a, c.getReg(s, Reg.EAX));
  }
}

function enter(c: CpuCore): void {
  const frameSize = c.fetch16();
  const level = c.fetch8() & 31;
  const size = c.o16 ? 2 : 4;
  const r = c.regs;
  let sp = (r[Reg.ESP] - size) | 0;
  writeStack(c, size, sp, r[Reg.EBP]);
  const frame = sp;
  let bp = r[Reg.EBP];
  for (let i = 1; i < level; i++) {
    bp = (bp - size) | 0;
    const v = size === 2 ? c.mmu.read16(bp) : c.mmu.read32(bp);
    sp = (sp - size) | 0;
    writeStack(c, size, sp, v);
  }
  if (level > 0) {
    sp = (sp - size) | 0;
    writeStack(c, size, sp, frame);
  }
  // Hardware probes the final stack pointer for writability after the pushes and
  // before updating EBP/ESP (golden vectors: the pushed bytes land, registers do not).
  const final = (sp - frameSize) | 0;
  c.mmu.checkWrite(final, size);
  c.setReg(size * 8, Reg.EBP, frame);
  r[Reg.ESP] = final;
}

function writeStack(c: CpuCore, size: number, a: number, v: number): void {
  if (size === 2) c.mmu.write16(a, v);
  else c.mmu.write32(a, v);
}

function leave(c: CpuCore): void {
  const bp = c.regs[Reg.EBP];
  if (c.o16) {
    const v = c.mmu.read16(bp);
    c.regs[Reg.ESP] = (bp + 2) | 0;
    c.setReg(16, Reg.EBP, v);
  } else {
    const v = c.mmu.read32(bp);
    c.regs[Reg.ESP] = (bp + 4) | 0;
    c.regs[Reg.EBP] = v;
  }
}

/** int n: 0x80 is the system call; 3 and 4 are user-callable gates (Linux IDT); others #GP. */
function intN(c: CpuCore, n: number): void {
  if (n === 0x80) c.stopAfter(TrapKind.Syscall, 0x80);
  else if (n === 3) c.stopAfter(TrapKind.Fault, Vector.BP);
  else if (n === 4) c.stopAfter(TrapKind.Fault, Vector.OF);
  else raise(Vector.GP, (n << 3) | 2);
}

function loop(c: CpuCore, op: number): void {
  const rel = c.fetch8s();
  let count: number;
  if (c.a16) {
    count = (c.regs[Reg.ECX] - 1) & 0xffff;
    c.setReg(16, Reg.ECX, count);
  } else {
    count = (c.regs[Reg.ECX] - 1) | 0;
    c.regs[Reg.ECX] = count;
  }
  let take = count !== 0;
  if (op === 0xe0) take = take && c.zf() === 0;
  else if (op === 0xe1) take = take && c.zf() !== 0;
  if (take) c.jumpTo(c.eip + rel);
}
