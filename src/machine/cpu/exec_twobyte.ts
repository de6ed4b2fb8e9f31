/**
 * Executes two-byte opcodes (0F xx). Entered after the 0F escape with the second byte.
 * Same contract as exec_onebyte.ts.
 */
import { AluOp, sext } from "./alu.ts";
import type { CpuCore } from "./cpu_core.ts";
import { raise } from "./fault.ts";
import { Flag, Reg, Seg } from "./regs.ts";
import { imul2 } from "./exec_onebyte.ts";
import { cpuid } from "./cpuid.ts";
import { Vector } from "../trap.ts";

export function execTwoByte(c: CpuCore, op: number): void {
  if (op >= 0x40 && op <= 0x4f) return cmov(c, op & 15);
  if (op >= 0x80 && op <= 0x8f) return jccNear(c, op & 15);
  if (op >= 0x90 && op <= 0x9f) return setcc(c, op & 15);
  if (op >= 0xc8) return bswap(c, op & 7);
  switch (op) {
    case 0x00:
    case 0x01:
    case 0x06:
    case 0x08:
    case 0x09:
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
    case 0x30:
    case 0x32:
    case 0x33:
      return raise(Vector.GP, 0);
    case 0x0b:
      return raise(Vector.UD);
    case 0x0d:
    case 0x18:
    case 0x19:
    case 0x1a:
    case 0x1b:
    case 0x1c:
    case 0x1d:
    case 0x1e:
    case 0x1f:
      // Prefetch hints and multi-byte NOPs: decode the operand, access nothing.
      c.decodeModrm();
      return;
    case 0x31: {
      const t = c.tsc;
      c.regs[Reg.EAX] = t % 4294967296;
      c.regs[Reg.EDX] = Math.floor(t / 4294967296);
      return;
    }
    case 0xa0:
      return pushSeg2(c, Seg.FS);
    case 0xa1:
      return popSeg2(c, Seg.FS);
    case 0xa8:
      return pushSeg2(c, Seg.GS);
    case 0xa9:
      return popSeg2(c, Seg.GS);
    case 0xa2:
      return cpuid(c);
    case 0xa3:
      return bitString(c, 0);
    case 0xab:
      return bitString(c, 1);
    case 0xb3:
      return bitString(c, 2);
    case 0xbb:
      return bitString(c, 3);
    case 0xa4:
    case 0xa5:
    case 0xac:
    case 0xad:
      return doubleShift(c, op);
    case 0xaf: {
      const s = c.vsize();
      c.decodeModrm();
      c.writeG(s, imul2(c, s, c.readG(s), c.readE(s)));
      return;
    }
    case 0xb0:
    case 0xb1:
      return cmpxchg(c, op === 0xb0 ? 8 : c.vsize());
    case 0xb6:
    case 0xb7:
    case 0xbe:
    case 0xbf: {
      const from = op & 1 ? 16 : 8;
      c.decodeModrm();
      const v = c.readE(from);
      c.writeG(c.vsize(), op >= 0xbe ? sext(from, v) : v);
      return;
    }
    case 0xba:
      return group8(c);
    case 0xbc:
    case 0xbd: {
      const s = c.vsize();
      c.decodeModrm();
      const i = c.bitScan(s, c.readE(s), op === 0xbd);
      if (i >= 0) c.writeG(s, i);
      return;
    }
    case 0xc0:
    case 0xc1: {
      const s = op === 0xc0 ? 8 : c.vsize();
      c.decodeModrm();
      c.checkWriteE(s);
      const d = c.readE(s);
      const sum = c.alu(AluOp.Add, s, d, c.readG(s));
      c.writeG(s, d);
      c.writeE(s, sum);
      return;
    }
    case 0xc7:
      return cmpxchg8b(c);
    default:
      return raise(Vector.UD);
  }
}

function cmov(c: CpuCore, cc: number): void {
  const s = c.vsize();
  c.decodeModrm();
  const v = c.readE(s);
  if (c.condition(cc)) c.writeG(s, v);
}

function jccNear(c: CpuCore, cc: number): void {
  const rel = c.o16 ? sext(16, c.fetch16()) : c.fetch32();
  if (c.condition(cc)) c.jumpTo(c.eip + rel);
}

function setcc(c: CpuCore, cc: number): void {
  c.decodeModrm();
  c.writeE(8, c.condition(cc) ? 1 : 0);
}

function bswap(c: CpuCore, r: number): void {
  const v = c.regs[r];
  if (c.o16) {
    // Undefined in the SDM; Intel and AMD parts clear the low word.
    c.regs[r] = v & ~0xffff;
    return;
  }
  c.regs[r] = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

function pushSeg2(c: CpuCore, seg: number): void {
  const sel = c.sregs[seg];
  if (c.o16) {
    c.push16(sel);
    return;
  }
  const sp = (c.regs[Reg.ESP] - 4) | 0;
  c.mmu.write16(sp, sel);
  c.regs[Reg.ESP] = sp;
}

function popSeg2(c: CpuCore, seg: number): void {
  const sp = c.regs[Reg.ESP];
  const v = c.o16 ? c.mmu.read16(sp) : c.mmu.read32(sp);
  c.loadSegmentChecked(seg, v);
  c.regs[Reg.ESP] = (sp + (c.o16 ? 2 : 4)) | 0;
}

/** bt/bts/btr/btc r/m, reg: a memory operand is a bit string addressed by a signed offset. */
function bitString(c: CpuCore, kind: number): void {
  const s = c.vsize();
  c.decodeModrm();
  const off = sext(s, c.readG(s));
  if (c.isRegForm()) {
    const r = c.modrm & 7;
    const v = c.bitTest(kind, s, c.getReg(s, r), off);
    if (kind !== 0) c.setReg(s, r, v);
    return;
  }
  const a = (c.ea + (off >> (s === 32 ? 5 : 4)) * (s >> 3)) | 0;
  if (kind !== 0) c.mmu.checkWrite(a, s >> 3);
  const v = c.readMem(s, a);
  const r = c.bitTest(kind, s, v, off);
  if (kind !== 0) c.writeMem(s, a, r);
}

/** 0F BA /4../7: bt family with an immediate bit number (taken modulo the operand size). */
function group8(c: CpuCore): void {
  const s = c.vsize();
  c.decodeModrm();
  const kind = c.regField() - 4;
  if (kind < 0) raise(Vector.UD);
  const bit = c.fetch8();
  if (kind !== 0) c.checkWriteE(s);
  const r = c.bitTest(kind, s, c.readE(s), bit);
  if (kind !== 0) c.writeE(s, r);
}

function doubleShift(c: CpuCore, op: number): void {
  const s = c.vsize();
  c.decodeModrm();
  const count = (op & 1) === 0 ? c.fetch8() : c.regs[Reg.ECX] & 0xff;
  c.checkWriteE(s);
  const d = c.readE(s);
  const src = c.readG(s);
  const r = op < 0xa8 ? c.shld(s, d, src, count) : c.shrd(s, d, src, count);
  if ((count & 31) !== 0) c.writeE(s, r);
}

function cmpxchg(c: CpuCore, s: number): void {
  c.decodeModrm();
  c.checkWriteE(s);
  const d = c.readE(s);
  const acc = c.getReg(s, Reg.EAX);
  c.alu(AluOp.Cmp, s, acc, d);
  if (acc === d) {
    c.writeE(s, c.readG(s));
  } else {
    c.writeE(s, d);
    c.setReg(s, Reg.EAX, d);
  }
}

function cmpxchg8b(c: CpuCore): void {
  c.decodeModrm();
  if (c.regField() !== 1 || c.isRegForm()) raise(Vector.UD);
  const a = c.ea;
  c.mmu.checkWrite(a, 8);
  const lo = c.mmu.read32(a);
  const hi = c.mmu.read32((a + 4) | 0);
  const r = c.regs;
  c.materialize();
  if (lo === r[Reg.EAX] && hi === r[Reg.EDX]) {
    c.mmu.write32(a, r[Reg.EBX]);
    c.mmu.write32((a + 4) | 0, r[Reg.ECX]);
    c.flags |= Flag.ZF;
  } else {
    c.mmu.write32(a, lo);
    c.mmu.write32((a + 4) | 0, hi);
    r[Reg.EAX] = lo;
    r[Reg.EDX] = hi;
    c.flags &= ~Flag.ZF;
  }
}
