/**
 * The block compiler: turns a run of i386 instructions into the body of one JavaScript
 * function, so a hot loop runs without fetch, decode or dispatch.
 *
 * Contract:
 * - `compileBlock(code, eip)` reads instruction bytes `code[0..]` (one code page from
 *   the block start) for the block at linear address `eip` and returns the block's
 *   source, its instruction addresses and byte length, or null when the first
 *   instruction is not compilable. A block ends after a control transfer, before an
 *   instruction it does not compile (the interpreter runs that one), before an
 *   instruction that would cross the page, or after MAX_INSNS instructions.
 * - Semantics are the interpreter's: the generated code calls the same CpuCore/Alu/Mmu
 *   helpers in the same order (operands read and faults raised before results are
 *   committed), with decoding done at compile time. Only unprefixed instructions with
 *   32-bit operand and address size are compiled.
 * - The generated function is `(c: CpuCore) => number`. It sets `c.start` before every
 *   instruction that can fault, so the run loop can rewind EIP and count retired
 *   instructions, sets `c.eip` to the next instruction or branch target, and returns
 *   the number of instructions it retired: all of them, or fewer when a store rewrote
 *   the block's own code (the rest is then fetched again).
 *
 * Example: `1: dec %ecx; jnz 1b` at 0x1000 compiles to
 *   const r = c.regs, m = c.mmu; let a = 0, v = 0;
 *   r[1] = c.dec32(r[1]);
 *   c.eip = c.condition(5) ? 4096 : 4099;
 *   return 2;
 */

/** At most this many instructions per block. */
export const MAX_INSNS = 32;

/** A compiled (not yet instantiated) block. */
export interface BlockCode {
  /** Body of `function (c)`. */
  source: string;
  /** Linear address of each instruction, in order. */
  eips: number[];
  /** Bytes covered, from the block start. */
  length: number;
}

/** A ModRM operand decoded at compile time. */
interface Operand {
  /** Register number for register forms, else -1. */
  reg: number;
  /** JavaScript expression of the effective address (memory forms). */
  ea: string;
  /** The ModRM reg field. */
  field: number;
  /** Bytes of ModRM + SIB + displacement. */
  length: number;
}

const SIZE_MASK: Record<number, string> = { 8: "c.getReg(8, %)", 16: "(r[%] & 0xffff)" };

class Reader {
  constructor(readonly code: Uint8Array, public pos: number) {}
  u8(): number {
    if (this.pos >= this.code.length) throw END;
    return this.code[this.pos++];
  }
  s8(): number {
    return (this.u8() << 24) >> 24;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  s32(): number {
    return this.u8() | (this.u8() << 8) | (this.u8() << 16) | (this.u8() << 24);
  }
}

/** Thrown when an instruction runs past the available bytes (the page end). */
const END = { end: true };

/** Decodes a 32-bit ModRM operand into a register number or an address expression. */
function modrm(rd: Reader): Operand {
  const start = rd.pos;
  const m = rd.u8();
  const mod = m >> 6, rm = m & 7, field = (m >> 3) & 7;
  if (mod === 3) return { reg: rm, ea: "", field, length: 1 };
  const terms: string[] = [];
  let disp = 0;
  if (rm === 4) {
    const sib = rd.u8();
    const index = (sib >> 3) & 7, base = sib & 7, scale = sib >> 6;
    if (index !== 4) terms.push(scale ? `(r[${index}] << ${scale})` : `r[${index}]`);
    if (base === 5 && mod === 0) disp = rd.s32();
    else terms.push(`r[${base}]`);
  } else if (rm === 5 && mod === 0) {
    disp = rd.s32();
  } else terms.push(`r[${rm}]`);
  if (mod === 1) disp = rd.s8();
  else if (mod === 2) disp = rd.s32();
  return { reg: -1, ea: address(terms, disp), field, length: rd.pos - start };
}

/** `r[b] + (r[i] << s) + disp`, truncated to 32 bits, as a JavaScript expression. */
function address(terms: string[], disp: number): string {
  if (terms.length === 0) return String(disp | 0);
  if (disp === 0 && terms.length === 1) return terms[0];
  if (disp !== 0) terms.push(String(disp));
  return `((${terms.join(" + ")}) | 0)`;
}

/** Source reading the r/m operand of `size` bits (register or memory at `a`). */
function readE(o: Operand, size: number): string {
  if (o.reg >= 0) return size === 32 ? `r[${o.reg}]` : SIZE_MASK[size].replace("%", String(o.reg));
  return size === 32 ? `m.read32(${o.ea})` : size === 16 ? `m.read16(${o.ea})` : `m.read8(${o.ea})`;
}

/**
 * One emitted instruction: its source, whether it can fault, whether it ends the block,
 * and, for instructions that write memory, the JavaScript expression of the address
 * written ("a", or "r[4]" for pushes), used to leave the block if it rewrote itself.
 */
type Emit = { src: string; faults: boolean; ends: boolean; writes: string | null };

function emitAlu(op: number, rd: Reader): Emit | null {
  const kind = op >> 3;
  const write = kind !== 7;
  switch (op & 7) {
    case 0: {
      const o = modrm(rd);
      const g = `c.getReg(8, ${o.field})`;
      if (o.reg >= 0) {
        const call = `c.alu8(${kind}, c.getReg(8, ${o.reg}), ${g})`;
        return plain(write ? `c.setReg(8, ${o.reg}, ${call});` : `${call};`);
      }
      return (write ? store : mem)(
        `a = ${o.ea};` + (write ? ` m.checkWrite(a, 1);` : "") +
          ` v = c.alu8(${kind}, m.read8(a), ${g});` + (write ? ` m.write8(a, v);` : ""),
      );
    }
    case 1: {
      const o = modrm(rd);
      if (o.reg >= 0) {
        const call = `c.alu32(${kind}, r[${o.reg}], r[${o.field}])`;
        return plain(write ? `r[${o.reg}] = ${call};` : `${call};`);
      }
      return (write ? store : mem)(
        `a = ${o.ea};` + (write ? ` m.checkWrite(a, 4);` : "") +
          ` v = c.alu32(${kind}, m.read32(a), r[${o.field}]);` + (write ? ` m.write32(a, v);` : ""),
      );
    }
    case 2: {
      const o = modrm(rd);
      const call = `c.alu8(${kind}, c.getReg(8, ${o.field}), ${readE(o, 8)})`;
      return other(o, write ? `c.setReg(8, ${o.field}, ${call});` : `${call};`);
    }
    case 3: {
      const o = modrm(rd);
      const call = `c.alu32(${kind}, r[${o.field}], ${readE(o, 32)})`;
      return other(o, write ? `r[${o.field}] = ${call};` : `${call};`);
    }
    case 4: {
      const call = `c.alu8(${kind}, r[0] & 0xff, ${rd.u8()})`;
      return plain(write ? `c.setReg(8, 0, ${call});` : `${call};`);
    }
    case 5: {
      const call = `c.alu32(${kind}, r[0], ${rd.s32()})`;
      return plain(write ? `r[0] = ${call};` : `${call};`);
    }
    default:
      return null;
  }
}

function plain(src: string): Emit {
  return { src, faults: false, ends: false, writes: null };
}

/** A memory access that only reads. */
function mem(src: string): Emit {
  return { src, faults: true, ends: false, writes: null };
}

/** A memory write to the address held in `a`. */
function store(src: string): Emit {
  return { src, faults: true, ends: false, writes: "a" };
}

/** A push: writes at the new ESP. */
function push(src: string): Emit {
  return { src, faults: true, ends: false, writes: "r[4]" };
}

function other(o: Operand, src: string): Emit {
  return o.reg >= 0 ? plain(src) : mem(src);
}

function branch(src: string, faults = false): Emit {
  return { src, faults, ends: true, writes: null };
}

/** Group 1 (81, 83): ALU op r/m32, imm. */
function emitGroup1(op: number, rd: Reader): Emit {
  const o = modrm(rd);
  const imm = op === 0x81 ? rd.s32() : rd.s8();
  const kind = o.field;
  if (o.reg >= 0) {
    const call = `c.alu32(${kind}, r[${o.reg}], ${imm})`;
    return plain(kind === 7 ? `${call};` : `r[${o.reg}] = ${call};`);
  }
  if (kind === 7) return mem(`c.alu32(7, m.read32(${o.ea}), ${imm});`);
  return mem(
    `a = ${o.ea}; m.checkWrite(a, 4); m.write32(a, c.alu32(${kind}, m.read32(a), ${imm}));`,
  );
}

/** Group 2 with 32-bit operands (C1, D1, D3). */
function emitShift(op: number, rd: Reader): Emit {
  const o = modrm(rd);
  const count = op === 0xc1 ? String(rd.u8()) : op === 0xd1 ? "1" : "(r[1] & 0xff)";
  if (o.reg >= 0) return plain(`r[${o.reg}] = c.shift(${o.field}, 32, r[${o.reg}], ${count});`);
  return store(
    `a = ${o.ea}; m.checkWrite(a, 4); v = m.read32(a); ` +
      `{ const w = c.shift(${o.field}, 32, v, ${count}); if (w !== v) m.write32(a, w); }`,
  );
}

/** Two-byte opcodes (after 0F). */
function emitTwoByte(rd: Reader, next: () => number): Emit | null {
  const op = rd.u8();
  if (op >= 0x80 && op <= 0x8f) {
    const rel = rd.s32();
    const n = next();
    return branch(`c.eip = c.condition(${op & 15}) ? ${(n + rel) | 0} : ${n};`);
  }
  if (op >= 0x40 && op <= 0x4f) {
    const o = modrm(rd);
    return other(o, `v = ${readE(o, 32)}; if (c.condition(${op & 15})) r[${o.field}] = v;`);
  }
  if (op >= 0x90 && op <= 0x9f) {
    const o = modrm(rd);
    const val = `c.condition(${op & 15}) ? 1 : 0`;
    if (o.reg >= 0) return plain(`c.setReg(8, ${o.reg}, ${val});`);
    return store(`a = ${o.ea}; m.write8(a, ${val});`);
  }
  switch (op) {
    case 0xb6:
    case 0xb7:
    case 0xbe:
    case 0xbf: {
      const o = modrm(rd);
      const from = op & 1 ? 16 : 8;
      const v = readE(o, from);
      const ext = op < 0xbe ? v : from === 8 ? `((${v}) << 24) >> 24` : `((${v}) << 16) >> 16`;
      return other(o, `r[${o.field}] = ${ext};`);
    }
    case 0xaf: {
      const o = modrm(rd);
      return other(o, `r[${o.field}] = c.imul32(r[${o.field}], ${readE(o, 32)});`);
    }
    default:
      return null;
  }
}

/**
 * Emits the instruction at `rd.pos` (linear address `eip`), or returns null if it is
 * not compiled. `next()` gives the linear address of the following instruction.
 */
function emitInsn(rd: Reader, next: () => number): Emit | null {
  const op = rd.u8();
  if (op < 0x40 && (op & 7) < 6) return emitAlu(op, rd);
  if (op >= 0x40 && op <= 0x47) return plain(`r[${op & 7}] = c.inc32(r[${op & 7}]);`);
  if (op >= 0x48 && op <= 0x4f) return plain(`r[${op & 7}] = c.dec32(r[${op & 7}]);`);
  if (op >= 0x50 && op <= 0x57) return push(`c.push32(r[${op & 7}]);`);
  if (op >= 0x58 && op <= 0x5f) return mem(`r[${op & 7}] = c.pop32();`);
  if (op >= 0x70 && op <= 0x7f) {
    const rel = rd.s8();
    const n = next();
    return branch(`c.eip = c.condition(${op & 15}) ? ${(n + rel) | 0} : ${n};`);
  }
  if (op >= 0xb8 && op <= 0xbf) return plain(`r[${op & 7}] = ${rd.s32()};`);
  if (op >= 0xb0 && op <= 0xb7) return plain(`c.setReg(8, ${op & 7}, ${rd.u8()});`);
  switch (op) {
    case 0x0f:
      return emitTwoByte(rd, next);
    case 0x81:
    case 0x83:
      return emitGroup1(op, rd);
    case 0x84:
    case 0x85: {
      const o = modrm(rd);
      return other(
        o,
        op === 0x85
          ? `c.alu32(4, ${readE(o, 32)}, r[${o.field}]);`
          : `c.alu8(4, ${readE(o, 8)}, c.getReg(8, ${o.field}));`,
      );
    }
    case 0x69:
    case 0x6b: {
      const o = modrm(rd);
      const imm = op === 0x69 ? rd.s32() : rd.s8();
      return other(o, `r[${o.field}] = c.imul32(${readE(o, 32)}, ${imm});`);
    }
    case 0x68:
      return push(`c.push32(${rd.s32()});`);
    case 0x6a:
      return push(`c.push32(${rd.s8()});`);
    case 0x87: {
      const o = modrm(rd);
      if (o.reg < 0) return null;
      return plain(`v = r[${o.reg}]; r[${o.reg}] = r[${o.field}]; r[${o.field}] = v;`);
    }
    case 0x88: {
      const o = modrm(rd);
      const g = `c.getReg(8, ${o.field})`;
      return o.reg >= 0
        ? plain(`c.setReg(8, ${o.reg}, ${g});`)
        : store(`a = ${o.ea}; m.write8(a, ${g});`);
    }
    case 0x89: {
      const o = modrm(rd);
      return o.reg >= 0
        ? plain(`r[${o.reg}] = r[${o.field}];`)
        : store(`a = ${o.ea}; m.write32(a, r[${o.field}]);`);
    }
    case 0x8a: {
      const o = modrm(rd);
      return other(o, `c.setReg(8, ${o.field}, ${readE(o, 8)});`);
    }
    case 0x8b: {
      const o = modrm(rd);
      return other(o, `r[${o.field}] = ${readE(o, 32)};`);
    }
    case 0x8d: {
      const o = modrm(rd);
      return o.reg >= 0 ? null : plain(`r[${o.field}] = ${o.ea};`);
    }
    case 0x90:
      return plain("");
    case 0x98:
      return plain(`r[0] = (r[0] << 16) >> 16;`);
    case 0x99:
      return plain(`r[2] = r[0] >> 31;`);
    case 0xa8:
      return plain(`c.alu8(4, r[0] & 0xff, ${rd.u8()});`);
    case 0xa9:
      return plain(`c.alu32(4, r[0], ${rd.s32()});`);
    case 0xc1:
    case 0xd1:
    case 0xd3:
      return emitShift(op, rd);
    case 0xc3:
      return branch(`c.eip = c.pop32();`, true);
    case 0xc2: {
      const n = rd.u16();
      return branch(`v = c.pop32(); r[4] = (r[4] + ${n}) | 0; c.eip = v;`, true);
    }
    case 0xf7: {
      const o = modrm(rd);
      switch (o.field) {
        case 0:
          return other(o, `c.alu32(4, ${readE(o, 32)}, ${rd.s32()});`);
        case 2:
          if (o.reg >= 0) return plain(`r[${o.reg}] = ~r[${o.reg}];`);
          return store(`a = ${o.ea}; m.checkWrite(a, 4); m.write32(a, ~m.read32(a));`);
        case 3:
          if (o.reg >= 0) return plain(`r[${o.reg}] = c.neg(32, r[${o.reg}]);`);
          return store(`a = ${o.ea}; m.checkWrite(a, 4); m.write32(a, c.neg(32, m.read32(a)));`);
        default:
          return null;
      }
    }
    case 0xc6:
    case 0xc7: {
      const o = modrm(rd);
      if (o.field !== 0) return null;
      const imm = op === 0xc6 ? rd.u8() : rd.s32();
      if (o.reg >= 0) {
        return plain(op === 0xc6 ? `c.setReg(8, ${o.reg}, ${imm});` : `r[${o.reg}] = ${imm};`);
      }
      return store(
        op === 0xc6 ? `a = ${o.ea}; m.write8(a, ${imm});` : `a = ${o.ea}; m.write32(a, ${imm});`,
      );
    }
    case 0xc9:
      return mem(`v = m.read32(r[5]); r[4] = (r[5] + 4) | 0; r[5] = v;`);
    case 0xe8: {
      const rel = rd.s32();
      const n = next();
      return branch(`c.push32(${n}); c.eip = ${(n + rel) | 0};`, true);
    }
    case 0xe9: {
      const rel = rd.s32();
      return branch(`c.eip = ${(next() + rel) | 0};`);
    }
    case 0xeb: {
      const rel = rd.s8();
      return branch(`c.eip = ${(next() + rel) | 0};`);
    }
    case 0xff: {
      const o = modrm(rd);
      switch (o.field) {
        case 0:
        case 1: {
          const f = o.field === 0 ? "inc32" : "dec32";
          if (o.reg >= 0) return plain(`r[${o.reg}] = c.${f}(r[${o.reg}]);`);
          return store(`a = ${o.ea}; m.checkWrite(a, 4); m.write32(a, c.${f}(m.read32(a)));`);
        }
        case 2:
          return branch(`v = ${readE(o, 32)}; c.push32(${next()}); c.eip = v;`, true);
        case 4:
          return branch(`c.eip = ${readE(o, 32)};`, o.reg < 0);
        case 6:
          return push(`c.push32(${readE(o, 32)});`);
        default:
          return null;
      }
    }
    default:
      return null;
  }
}

/**
 * Compiles the block at linear `eip` whose bytes start at `code[0]` (and end with the
 * code page). Returns null if not even the first instruction compiles.
 */
export function compileBlock(code: Uint8Array, eip: number): BlockCode | null {
  const emits: Emit[] = [];
  const eips: number[] = [];
  const rd = new Reader(code, 0);
  while (eips.length < MAX_INSNS) {
    const at = rd.pos;
    let e: Emit | null;
    try {
      e = emitInsn(rd, () => (eip + rd.pos) | 0);
    } catch (x) {
      if (x !== END) throw x;
      e = null;
    }
    if (e === null) {
      rd.pos = at;
      break;
    }
    eips.push((eip + at) | 0);
    emits.push(e);
    if (e.ends) break;
  }
  if (eips.length === 0) return null;
  const length = rd.pos;
  const lines = ["const r = c.regs, m = c.mmu; let a = 0, v = 0;"];
  emits.forEach((e, k) => {
    lines.push(e.faults ? `c.start = ${eips[k]}; ${e.src}` : e.src);
    const last = k === emits.length - 1;
    if (e.writes !== null && !last) {
      lines.push(selfWriteGuard(e.writes, eip, length, eips[k + 1], k + 1));
    }
  });
  const last = emits[emits.length - 1];
  if (!last.ends) lines.push(`c.eip = ${(eip + length) | 0};`);
  lines.push(`return ${eips.length};`);
  return { source: lines.join("\n"), eips, length };
}

/**
 * After a store inside a block: if it wrote (up to 4 bytes at `addr`) into this block's
 * own bytes [start, start+length), leave the block before the rewritten instructions,
 * like a CPU snooping its pipeline, so they are fetched again. Aliases of the code page
 * at another linear address are not detected here (the entry check catches them next time).
 */
function selfWriteGuard(addr: string, start: number, length: number, next: number, done: number) {
  return `if (((${addr} - ${start} + 3) >>> 0) < ${
    length + 3
  }) { c.eip = ${next}; return ${done}; }`;
}
