/**
 * Executes two-byte opcodes (0F xx). Entered after the 0F escape with the second byte.
 * Same contract as exec_onebyte.ts.
 */
import { AluOp, sext } from "./alu.ts";
import type { CpuCore } from "./cpu_core.ts";
import { raise } from "./fault.ts";
import { Flag, Reg, Seg } from "./regs.ts";
import { imul2, popSeg, pushSeg } from "./exec_onebyte.ts";
import { cpuid } from "./cpuid.ts";
import { Vector } from "../trap.ts";

/** Handler classes of two-byte opcodes; `KIND[op]` maps an opcode to its class. */
const enum K {
  UD = 0,
  GP,
  Nop,
  Rdtsc,
  Cmov,
  Jcc,
  Setcc,
  Bswap,
  PushFs,
  PopFs,
  PushGs,
  PopGs,
  Cpuid,
  Bt,
  Bts,
  Btr,
  Btc,
  Shd,
  Imul,
  Cmpxchg,
  Movzb,
  Movx,
  Group8,
  Bsx,
  Xadd,
  Cmpxchg8b,
}

/**
 * Dense dispatch (a switch on sparse opcode values compiles to a compare chain in V8;
 * one on a dense class number compiles to a jump table).
 */
const KIND: Uint8Array = (() => {
  const t = new Uint8Array(256);
  const set = (kind: K, ...ops: number[]) => ops.forEach((op) => (t[op] = kind));
  const range = (kind: K, from: number, to: number) => {
    for (let op = from; op <= to; op++) t[op] = kind;
  };
  set(K.GP, 0x00, 0x01, 0x06, 0x08, 0x09, 0x20, 0x21, 0x22, 0x23, 0x30, 0x32, 0x33);
  set(K.Nop, 0x0d);
  range(K.Nop, 0x18, 0x1f);
  set(K.Rdtsc, 0x31);
  range(K.Cmov, 0x40, 0x4f);
  range(K.Jcc, 0x80, 0x8f);
  range(K.Setcc, 0x90, 0x9f);
  range(K.Bswap, 0xc8, 0xcf);
  set(K.PushFs, 0xa0);
  set(K.PopFs, 0xa1);
  set(K.PushGs, 0xa8);
  set(K.PopGs, 0xa9);
  set(K.Cpuid, 0xa2);
  set(K.Bt, 0xa3);
  set(K.Bts, 0xab);
  set(K.Btr, 0xb3);
  set(K.Btc, 0xbb);
  set(K.Shd, 0xa4, 0xa5, 0xac, 0xad);
  set(K.Imul, 0xaf);
  set(K.Cmpxchg, 0xb0, 0xb1);
  set(K.Movzb, 0xb6);
  set(K.Movx, 0xb7, 0xbe, 0xbf);
  set(K.Group8, 0xba);
  set(K.Bsx, 0xbc, 0xbd);
  set(K.Xadd, 0xc0, 0xc1);
  set(K.Cmpxchg8b, 0xc7);
  return t;
})();

export function execTwoByte(c: CpuCore, op: number): void {
  switch (KIND[op]) {
    case K.GP:
      return raise(Vector.GP, 0);
    case K.Nop:
      // Prefetch hints and multi-byte NOPs: decode the operand, access nothing.
      c.decodeModrm();
      return;
    case K.Rdtsc: {
      const t = c.tsc;
      c.regs[Reg.EAX] = t % 4294967296;
      c.regs[Reg.EDX] = Math.floor(t / 4294967296);
      return;
    }
    case K.Cmov:
      return cmov(c, op & 15);
    case K.Jcc:
      return jccNear(c, op & 15);
    case K.Setcc:
      return setcc(c, op & 15);
    case K.Bswap:
      return bswap(c, op & 7);
    case K.PushFs:
      return pushSeg(c, Seg.FS);
    case K.PopFs:
      return popSeg(c, Seg.FS);
    case K.PushGs:
      return pushSeg(c, Seg.GS);
    case K.PopGs:
      return popSeg(c, Seg.GS);
    case K.Cpuid:
      return cpuid(c);
    case K.Bt:
      return bitString(c, 0);
    case K.Bts:
      return bitString(c, 1);
    case K.Btr:
      return bitString(c, 2);
    case K.Btc:
      return bitString(c, 3);
    case K.Shd:
      return doubleShift(c, op);
    case K.Imul: {
      const s = c.vsize();
      c.decodeModrm();
      c.writeG(s, imul2(c, s, c.readG(s), c.readE(s)));
      return;
    }
    case K.Cmpxchg:
      return cmpxchg(c, op === 0xb0 ? 8 : c.vsize());
    case K.Movzb:
      if (!c.o16) {
        const m = c.fetch8();
        c.regs[(m >> 3) & 7] = m >= 0xc0 ? c.getReg(8, m & 7) : c.mmu.read8(c.modrmEa(m));
        return;
      }
      return movx(c, op);
    case K.Movx:
      return movx(c, op);
    case K.Group8:
      return group8(c);
    case K.Bsx: {
      const s = c.vsize();
      c.decodeModrm();
      const i = c.bitScan(s, c.readE(s), op === 0xbd);
      if (i >= 0) c.writeG(s, i);
      return;
    }
    case K.Xadd: {
      const s = op === 0xc0 ? 8 : c.vsize();
      c.decodeModrm();
      c.checkWriteE(s);
      const d = c.readE(s);
      const sum = c.alu(AluOp.Add, s, d, c.readG(s));
      c.writeG(s, d);
      c.writeE(s, sum);
      return;
    }
    case K.Cmpxchg8b:
      return cmpxchg8b(c);
    default:
      return raise(Vector.UD);
  }
}

/** movzx/movsx r, r/m8 or r/m16. */
function movx(c: CpuCore, op: number): void {
  const from = op & 1 ? 16 : 8;
  c.decodeModrm();
  const v = c.readE(from);
  c.writeG(c.vsize(), op >= 0xbe ? sext(from, v) : v);
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
  const delta = (off >> (s === 32 ? 5 : 4)) * (s >> 3);
  // Under a 67 prefix the displaced address wraps at 64 KiB like any 16-bit address.
  const a = c.a16 ? (((c.ea - c.segBase + delta) & 0xffff) + c.segBase) | 0 : (c.ea + delta) | 0;
  if (kind !== 0) {
    c.checkEaWrite();
    c.mmu.checkWrite(a, s >> 3);
  }
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
  c.checkEaWrite();
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
