/**
 * The CPU's architectural state and the helpers every instruction uses: instruction
 * fetch, prefix state, ModRM/SIB effective addresses, register and memory operands of
 * 8/16/32 bits, and the stack.
 *
 * Contract:
 * - All memory accesses are CPL 3 accesses through the MMU (paging checks, A/D bits);
 *   a failing access raises through fault.ts and unwinds to `Cpu.run`.
 * - `regs` holds EAX..EDI as int32 in ModRM order; `eip` is an int32 linear address.
 * - Decode state (`o16`, `a16`, `segBase`, `rep`, `modrm`, `ea`) describes the
 *   instruction being executed and is reset by `beginInstruction`.
 * - `ea` already includes the segment base of an FS/GS override (DS/ES/SS/CS are flat).
 * - Fields are public for the executor modules (exec_*.ts), not for the kernel: the
 *   kernel uses the API of `Cpu` (cpu.ts).
 */
import { Alu } from "./alu.ts";
import { raise } from "./fault.ts";
import { Mmu } from "./mmu.ts";
import { Reg, Seg } from "./regs.ts";
import { SegmentTable } from "./segments.ts";
import type { PhysicalMemory } from "../memory.ts";
import { Vector } from "../trap.ts";

/** Longest legal instruction (SDM vol. 2, 2.3.11). */
const MAX_INSN_LENGTH = 15;

export class CpuCore extends Alu {
  readonly mem: PhysicalMemory;
  readonly mmu: Mmu;
  readonly u8: Uint8Array;
  /** General registers EAX..EDI (int32), ModRM order. */
  readonly regs: Int32Array = new Int32Array(8);
  /** Instruction pointer (int32 linear address). */
  eip = 0;
  /** Segment selectors ES CS SS DS FS GS (Seg order). */
  readonly sregs: Uint16Array = new Uint16Array(6);
  /** Segment bases, Seg order (only FS/GS are ever non-zero). */
  readonly segBases: Int32Array = new Int32Array(6);
  /** Descriptors user code may load; the kernel swaps this per process. */
  segments: SegmentTable = new SegmentTable();
  /** x87 control, status and tag words (see exec_x87.ts). */
  fpuControl = 0x037f;
  fpuStatus = 0;
  fpuTag = 0xffff;
  /** Time-stamp counter: instructions retired since reset (rdtsc reads it). */
  tsc = 0;

  // ---- per-instruction decode state ----
  /** EIP of the first byte of the current instruction. */
  start = 0;
  /** Operand-size prefix (66) seen: 16-bit operands. */
  o16 = false;
  /** Address-size prefix (67) seen: 16-bit addressing. */
  a16 = false;
  /** Segment base from an FS/GS override, else 0. */
  segBase = 0;
  /** Repeat prefix: 0, 0xF2 (repne) or 0xF3 (rep/repe). */
  rep = 0;
  /** Some prefix changed the decode state (so the next instruction must reset it). */
  prefixed = false;
  /** The segment override is CS (writes through it are #GP(0)). */
  csOverride = false;
  /** Lock prefix seen. */
  lock = false;
  /** The ModRM byte of the current instruction. */
  modrm = 0;
  /** Effective address of a memory ModRM operand. */
  ea = 0;
  /**
   * Set by an instruction that completes and then leaves `run` (a TrapKind: int 0x80 ->
   * Syscall, int3/into/int1 -> Fault with `stopVector`); 0 while running.
   */
  stopKind = 0;
  stopVector = 0;

  // ---- instruction fetch cache: one code page's translation, valid within one run ----
  fetchPage = -1;
  fetchBase = 0;

  constructor(mem: PhysicalMemory, mmu?: Mmu) {
    super();
    this.mem = mem;
    this.u8 = mem.u8;
    this.mmu = mmu ?? new Mmu(mem);
  }

  /** Resets the decode state at an instruction boundary. */
  beginInstruction(): void {
    this.start = this.eip;
    if (!this.prefixed) return;
    this.prefixed = false;
    this.csOverride = false;
    this.o16 = false;
    this.a16 = false;
    this.segBase = 0;
    this.rep = 0;
    this.lock = false;
  }

  /** Ends the run after this instruction completes (traps: eip already advanced). */
  stopAfter(kind: number, vector: number): void {
    this.stopKind = kind;
    this.stopVector = vector;
  }

  // ---- fetch ----

  /** Translates the code page of `eip` (user read) and caches it. */
  refillFetch(eip: number): void {
    if (((eip - this.start) | 0) >= MAX_INSN_LENGTH) raise(Vector.GP, 0);
    const pa = this.mmu.translateRead(eip);
    this.fetchPage = eip >>> 12;
    this.fetchBase = pa - (eip & 0xfff);
  }

  fetch8(): number {
    const eip = this.eip;
    if (eip >>> 12 !== this.fetchPage) this.refillFetch(eip);
    this.eip = (eip + 1) | 0;
    return this.u8[this.fetchBase + (eip & 0xfff)];
  }

  fetch8s(): number {
    return (this.fetch8() << 24) >> 24;
  }

  fetch16(): number {
    const eip = this.eip;
    if (eip >>> 12 === this.fetchPage && (eip & 0xfff) <= 0xffe) {
      const p = this.fetchBase + (eip & 0xfff);
      this.eip = (eip + 2) | 0;
      return this.u8[p] | (this.u8[p + 1] << 8);
    }
    const lo = this.fetch8();
    return lo | (this.fetch8() << 8);
  }

  fetch32(): number {
    const eip = this.eip;
    if (eip >>> 12 === this.fetchPage && (eip & 0xfff) <= 0xffc) {
      const p = this.fetchBase + (eip & 0xfff);
      const m = this.u8;
      this.eip = (eip + 4) | 0;
      return m[p] | (m[p + 1] << 8) | (m[p + 2] << 16) | (m[p + 3] << 24);
    }
    const b0 = this.fetch8(), b1 = this.fetch8(), b2 = this.fetch8();
    return b0 | (b1 << 8) | (b2 << 16) | (this.fetch8() << 24);
  }

  /** Fetches an immediate of the operand size (16/32). */
  fetchImmV(): number {
    return this.o16 ? this.fetch16() : this.fetch32();
  }

  /** Fetches an immediate of `size` bits (8/16/32), zero-extended for 8/16. */
  fetchImm(size: number): number {
    return size === 32 ? this.fetch32() : size === 16 ? this.fetch16() : this.fetch8();
  }

  // ---- ModRM ----

  /** Reads the ModRM byte and, for memory forms, computes `ea`. */
  decodeModrm(): void {
    const m = this.fetch8();
    this.modrm = m;
    if (m < 0xc0) this.ea = this.a16 ? this.ea16(m) : this.ea32(m);
  }

  /**
   * For fast paths that fetched ModRM byte `m` (< 0xC0) themselves: records it and
   * returns the effective address.
   */
  modrmEa(m: number): number {
    this.modrm = m;
    const a = this.a16 ? this.ea16(m) : this.ea32(m);
    this.ea = a;
    return a;
  }

  /** True when the ModRM r/m operand is a register. */
  isRegForm(): boolean {
    return this.modrm >= 0xc0;
  }

  /** The ModRM reg field. */
  regField(): number {
    return (this.modrm >> 3) & 7;
  }

  ea32(m: number): number {
    const mod = m >> 6;
    const rm = m & 7;
    let a: number;
    if (rm === 4) a = this.sib(mod);
    else if (rm === 5 && mod === 0) return (this.fetch32() + this.segBase) | 0;
    else a = this.regs[rm];
    if (mod === 1) a += this.fetch8s();
    else if (mod === 2) a += this.fetch32();
    return (a + this.segBase) | 0;
  }

  private sib(mod: number): number {
    const s = this.fetch8();
    const index = (s >> 3) & 7;
    const base = s & 7;
    let a = index === 4 ? 0 : this.regs[index] << (s >> 6);
    if (base === 5 && mod === 0) a += this.fetch32();
    else a += this.regs[base];
    return a;
  }

  /** 16-bit addressing (67 prefix): bx+si, bx+di, bp+si, bp+di, si, di, bp/disp16, bx. */
  ea16(m: number): number {
    const mod = m >> 6;
    const rm = m & 7;
    const r = this.regs;
    let a: number;
    switch (rm) {
      case 0:
        a = r[Reg.EBX] + r[Reg.ESI];
        break;
      case 1:
        a = r[Reg.EBX] + r[Reg.EDI];
        break;
      case 2:
        a = r[Reg.EBP] + r[Reg.ESI];
        break;
      case 3:
        a = r[Reg.EBP] + r[Reg.EDI];
        break;
      case 4:
        a = r[Reg.ESI];
        break;
      case 5:
        a = r[Reg.EDI];
        break;
      case 6:
        a = mod === 0 ? this.fetch16() : r[Reg.EBP];
        break;
      default:
        a = r[Reg.EBX];
    }
    if (mod === 1) a += this.fetch8s();
    else if (mod === 2) a += this.fetch16();
    return ((a & 0xffff) + this.segBase) | 0;
  }

  // ---- registers ----

  /** Register `r` of `size` bits (8: AL CL DL BL AH CH DH BH; 16/32 zero/int32). */
  getReg(size: number, r: number): number {
    if (size === 32) return this.regs[r];
    if (size === 16) return this.regs[r] & 0xffff;
    return r < 4 ? this.regs[r] & 0xff : (this.regs[r - 4] >> 8) & 0xff;
  }

  setReg(size: number, r: number, v: number): void {
    const regs = this.regs;
    if (size === 32) regs[r] = v;
    else if (size === 16) regs[r] = (regs[r] & ~0xffff) | (v & 0xffff);
    else if (r < 4) regs[r] = (regs[r] & ~0xff) | (v & 0xff);
    else regs[r - 4] = (regs[r - 4] & ~0xff00) | ((v & 0xff) << 8);
  }

  // ---- memory ----

  readMem(size: number, a: number): number {
    if (size === 32) return this.mmu.read32(a);
    return size === 16 ? this.mmu.read16(a) : this.mmu.read8(a);
  }

  writeMem(size: number, a: number, v: number): void {
    if (size === 32) this.mmu.write32(a, v);
    else if (size === 16) this.mmu.write16(a, v);
    else this.mmu.write8(a, v);
  }

  /** The r/m operand (register or memory) of `size` bits. */
  readE(size: number): number {
    return this.modrm >= 0xc0 ? this.getReg(size, this.modrm & 7) : this.readMem(size, this.ea);
  }

  writeE(size: number, v: number): void {
    if (this.modrm >= 0xc0) this.setReg(size, this.modrm & 7, v);
    else {
      if (this.csOverride) raise(Vector.GP, 0);
      this.writeMem(size, this.ea, v);
    }
  }

  /** Before a read-modify-write of the r/m operand: fault now if it is not writable. */
  checkWriteE(size: number): void {
    if (this.modrm >= 0xc0) return;
    if (this.csOverride) raise(Vector.GP, 0);
    this.mmu.checkWrite(this.ea, size >> 3);
  }

  /**
   * Before writing memory addressed by ModRM/moffs: a CS override makes the destination
   * the (execute/read-only) code segment, and writing it is #GP(0).
   */
  checkEaWrite(): void {
    if (this.csOverride) raise(Vector.GP, 0);
  }

  /** The reg-field register operand. */
  readG(size: number): number {
    return this.getReg(size, (this.modrm >> 3) & 7);
  }

  writeG(size: number, v: number): void {
    this.setReg(size, (this.modrm >> 3) & 7, v);
  }

  /** Operand size of the current instruction for `v` operands: 16 or 32. */
  vsize(): number {
    return this.o16 ? 16 : 32;
  }

  // ---- stack (SS is flat, 32-bit stack pointer) ----

  push32(v: number): void {
    const sp = (this.regs[Reg.ESP] - 4) | 0;
    this.mmu.write32(sp, v);
    this.regs[Reg.ESP] = sp;
  }

  push16(v: number): void {
    const sp = (this.regs[Reg.ESP] - 2) | 0;
    this.mmu.write16(sp, v);
    this.regs[Reg.ESP] = sp;
  }

  pushV(v: number): void {
    if (this.o16) this.push16(v);
    else this.push32(v);
  }

  pop32(): number {
    const sp = this.regs[Reg.ESP];
    const v = this.mmu.read32(sp);
    this.regs[Reg.ESP] = (sp + 4) | 0;
    return v;
  }

  pop16(): number {
    const sp = this.regs[Reg.ESP];
    const v = this.mmu.read16(sp);
    this.regs[Reg.ESP] = (sp + 2) | 0;
    return v;
  }

  popV(): number {
    return this.o16 ? this.pop16() : this.pop32();
  }

  // ---- control transfer ----

  /** Jumps to `target`, truncated to 16 bits under an operand-size prefix. */
  jumpTo(target: number): void {
    this.eip = this.o16 ? target & 0xffff : target | 0;
  }

  // ---- segments ----

  /**
   * Loads segment register `seg` with `selector` as mov/pop do at CPL 3. Raises
   * #GP(selector) for selectors user code may not load, #UD for CS.
   */
  loadSegmentChecked(seg: number, selector: number): void {
    selector &= 0xffff;
    if (seg === Seg.CS || seg > Seg.GS) raise(Vector.UD);
    const base = this.segments.lookup(selector);
    if (base === -1 || (seg === Seg.SS && (selector & 0xfffc) === 0)) {
      raise(Vector.GP, selector & 0xfffc);
    }
    this.sregs[seg] = selector;
    this.segBases[seg] = base;
  }
}
