/**
 * Specials for instructions that use the stack, branch, or walk memory implicitly:
 * ESP inside the stack window, branch/call/return targets inside the code page (never
 * inside the instruction itself), loop counts, string pointers/counts/direction with
 * mostly-equal compare data, xlat tables, enter/leave frames.
 */
import { type Builder, sizeMask } from "./builder.ts";
import { CODE_BASE, DATA_WIN, STACK_WIN } from "./layout.ts";
import type { Special } from "./special.ts";

function stackEsp(b: Builder): number {
  const esp = STACK_WIN + 0x100 + (b.rng.range(-0x18, 0x1c) << 2);
  return b.rng.chance(0.1) ? esp + b.rng.range(1, 3) : esp;
}

/** A code-page target outside the current instruction bytes. */
function codeTarget(b: Builder, extra = 0): number {
  for (;;) {
    const t = b.rng.chance(0.5) ? b.offset + b.rng.range(-0x80, 0x80) : b.rng.range(0x10, 0xff0);
    if (t < b.offset || t >= b.offset + b.bytes.length + extra) return CODE_BASE + t;
  }
}

const stack: Special = {
  reserved: [4],
  setup(b) {
    b.lockReg(4, stackEsp(b));
  },
};

const popf: Special = {
  reserved: [4],
  setup(b) {
    const esp = stackEsp(b);
    b.lockReg(4, esp);
    const r = b.rng;
    let v = (r.i32() & 0x8d5) | 0x2 | (r.i32() & 0x3200); // status, IF, IOPL
    if (r.chance(0.3)) v |= 0x400;
    if (r.chance(0.3)) v |= 0x200000;
    b.setMem(esp, 32, v);
  },
};

const call: Special = {
  no66: true,
  reserved: [4],
  setup(b, bits) {
    if (b.eReg === 4) return false; // call *%esp would run the (non-executable) stack
    b.lockReg(4, stackEsp(b));
    if (b.row.operands[0] === "Ev") b.setE(bits, codeTarget(b));
    return true;
  },
};

const ret: Special = {
  no66: true,
  reserved: [4],
  imm: (b) => (b.rng.chance(0.3) ? b.rng.pick([0, 4, 8, 0xfffc]) : b.rng.below(0x10000)),
  setup(b) {
    const esp = stackEsp(b);
    b.lockReg(4, esp);
    b.setMem(esp, 32, codeTarget(b));
  },
};

const jmp: Special = {
  no66: true,
  setup(b, bits) {
    if (b.row.operands[0] === "Ev") b.setE(bits, codeTarget(b));
  },
};

const loop: Special = {
  no66: true,
  a16: true,
  reserved: [1],
  setup(b) {
    const r = b.rng;
    const c = r.chance(0.7) ? r.pick([0, 1, 2, 0x10000, 0x10001, -1]) : r.i32();
    b.setReg(32, 1, c);
  },
};

/** Sets ESI/EDI/ECX for a string instruction with element size `bits`. */
function stringSetup(b: Builder, bits: number): void {
  const r = b.rng;
  b.flag(0x400, r.chance(0.5)); // DF: both directions equally
  const n = r.chance(0.3) ? r.pick([0, 1]) : r.range(2, 8);
  const rep = b.bytes.some((x) => x === 0xf3 || x === 0xf2);
  let c = rep ? n : r.i32();
  if (rep && b.a16 && r.chance(0.5)) c = n | (r.i32() & 0xffff0000);
  b.lockReg(1, c);
  const si = DATA_WIN + r.range(0x40, 0x1c0);
  const di = DATA_WIN + r.range(0x40, 0x1c0);
  b.lockReg(6, si);
  b.lockReg(7, di);
  const name = b.row.names[0];
  const bytes = bits >> 3;
  if (name.startsWith("cmps") || name.startsWith("scas")) {
    // Make the compared elements mostly equal so repe/repne stop at different places.
    const acc = b.getReg(bits, 0);
    const k = r.range(0, 8);
    for (let i = 0; i < 8; i++) {
      const step = (b.eflags & 0x400 ? -i : i) * bytes;
      const v = name.startsWith("cmps") ? r.i32() : acc;
      const same = r.chance(0.85) && i !== k;
      const w = same ? v : r.i32();
      if (name.startsWith("cmps")) b.setMem(si + step, bits, v);
      b.setMem(di + step, bits, w & sizeMask(bits));
    }
  }
}

function bitsOfString(b: Builder): number {
  const n = b.row.names[0];
  return n.endsWith("b") ? 8 : b.o16 ? 16 : 32;
}

const string: Special = {
  a16: true,
  reserved: [1, 6, 7],
  setup(b) {
    stringSetup(b, bitsOfString(b));
  },
};

const xlat: Special = {
  a16: true,
  reserved: [3],
  setup(b) {
    b.lockReg(3, DATA_WIN + b.rng.range(0, 0x100));
  },
};

const enter: Special = {
  reserved: [4, 5],
  imm(b, kind) {
    const r = b.rng;
    if (kind === "iw") return r.chance(0.5) ? r.pick([0, 4, 8, 0x10, 0xfffc]) : r.below(0x10000);
    return r.chance(0.6) ? r.pick([0, 1, 2, 3]) : r.pick([4, 8, 16, 30, 31, 32, 33, 255]);
  },
  setup(b) {
    b.lockReg(4, stackEsp(b));
    b.lockReg(5, STACK_WIN + b.rng.range(0x80, 0x1fc));
  },
};

const leave: Special = {
  reserved: [5],
  setup(b) {
    b.lockReg(5, STACK_WIN + b.rng.range(0, 0x1fc));
  },
};

/** Stack, control-flow and string specials, keyed by canonical mnemonic. */
export const FLOW_SPECIALS: Record<string, Special> = {
  push: stack,
  pop: stack,
  pusha: stack,
  popa: stack,
  pushf: stack,
  popf,
  enter,
  leave,
  call,
  ret,
  jmp,
  loop,
  loope: loop,
  loopne: loop,
  jecxz: loop,
  jcxz: loop,
  movsb: string,
  movs: string,
  cmpsb: string,
  cmps: string,
  stosb: string,
  stos: string,
  lodsb: string,
  lods: string,
  scasb: string,
  scas: string,
  insb: string,
  ins: string,
  outsb: string,
  outs: string,
  xlat,
};
