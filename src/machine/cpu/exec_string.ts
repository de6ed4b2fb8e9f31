/**
 * String instructions: movs, cmps, stos, lods, scas, with rep/repe/repne.
 *
 * Source operands use DS:ESI (segment override applies), destinations ES:EDI (flat, no
 * override). DF selects the direction. Under a 67 prefix SI/DI/CX are used.
 * A repeated instruction commits ESI/EDI/ECX after every iteration, so a fault in
 * iteration k leaves k-1 iterations done and EIP at the instruction, as on hardware.
 * To keep the machine preemptible a repeated instruction runs at most
 * `MAX_ITERATIONS` iterations per step and then restarts itself (EIP unchanged).
 */
import { AluOp } from "./alu.ts";
import type { CpuCore } from "./cpu_core.ts";
import { Flag, Reg } from "./regs.ts";

const MAX_ITERATIONS = 65536;

const enum Kind {
  Movs = 0,
  Cmps = 1,
  Stos = 2,
  Lods = 3,
  Scas = 4,
}

function kindOf(op: number): Kind {
  switch (op & 0xfe) {
    case 0xa4:
      return Kind.Movs;
    case 0xa6:
      return Kind.Cmps;
    case 0xaa:
      return Kind.Stos;
    case 0xac:
      return Kind.Lods;
    default:
      return Kind.Scas;
  }
}

export function execString(c: CpuCore, op: number): void {
  const size = (op & 1) === 0 ? 8 : c.vsize();
  const kind = kindOf(op);
  if (c.rep === 0) {
    iteration(c, kind, size);
    return;
  }
  const r = c.regs;
  const mask = c.a16 ? 0xffff : -1;
  const compares = kind === Kind.Cmps || kind === Kind.Scas;
  // repe (F3) continues while ZF=1, repne (F2) while ZF=0; only for cmps/scas.
  const wantZf = c.rep === 0xf3 ? 1 : 0;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    const count = r[Reg.ECX] & mask;
    if (count === 0) return;
    iteration(c, kind, size);
    setCount(c, count - 1);
    if (compares && c.zf() !== wantZf) return;
  }
  if ((r[Reg.ECX] & mask) !== 0) c.eip = c.start;
}

function setCount(c: CpuCore, v: number): void {
  if (c.a16) c.setReg(16, Reg.ECX, v);
  else c.regs[Reg.ECX] = v;
}

/** One iteration; registers are updated only after its memory accesses succeed. */
function iteration(c: CpuCore, kind: Kind, size: number): void {
  const r = c.regs;
  const step = (c.flags & Flag.DF) !== 0 ? -(size >> 3) : size >> 3;
  const a16 = c.a16;
  const si = a16 ? r[Reg.ESI] & 0xffff : r[Reg.ESI];
  const di = a16 ? r[Reg.EDI] & 0xffff : r[Reg.EDI];
  const src = (si + c.segBase) | 0;
  switch (kind) {
    case Kind.Movs:
      c.writeMem(size, di, c.readMem(size, src));
      advance(c, Reg.ESI, si + step);
      advance(c, Reg.EDI, di + step);
      return;
    case Kind.Cmps: {
      const a = c.readMem(size, src);
      const b = c.readMem(size, di);
      c.alu(AluOp.Cmp, size, a, b);
      advance(c, Reg.ESI, si + step);
      advance(c, Reg.EDI, di + step);
      return;
    }
    case Kind.Stos:
      c.writeMem(size, di, c.getReg(size, Reg.EAX));
      advance(c, Reg.EDI, di + step);
      return;
    case Kind.Lods:
      c.setReg(size, Reg.EAX, c.readMem(size, src));
      advance(c, Reg.ESI, si + step);
      return;
    default: {
      const b = c.readMem(size, di);
      c.alu(AluOp.Cmp, size, c.getReg(size, Reg.EAX), b);
      advance(c, Reg.EDI, di + step);
    }
  }
}

function advance(c: CpuCore, reg: number, v: number): void {
  if (c.a16) c.setReg(16, reg, v);
  else c.regs[reg] = v;
}
