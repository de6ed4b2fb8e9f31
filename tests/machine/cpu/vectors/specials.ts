/**
 * Per-mnemonic knowledge the generic instance builder (generic.ts) cannot derive from
 * the opcode row: which registers an instruction uses implicitly (so they are never
 * picked as address registers), meaningful immediates (shift counts, int 3, enter
 * levels), edge-case operand values (divide overflow, bsf of 0, cmpxchg outcomes,
 * string counts and direction), stack and branch targets inside the mapped pages, and
 * the per-instance flag mask.
 */
import { type Builder, sizeMask } from "./builder.ts";
import { flagMask } from "./flag_masks.ts";
import { CODE_BASE, DATA_WIN, STACK_WIN } from "./layout.ts";

/** Hooks for one mnemonic; every member is optional. */
export interface Special {
  /** The 66 prefix is not recorded for this mnemonic (branches: EIP truncation). */
  no66?: boolean;
  /** The 67 prefix is meaningful without a ModRM memory operand (strings, loop). */
  a16?: boolean;
  /** Registers the hook sets: never used as ModRM base/index. */
  reserved?: number[];
  /** The value of immediate number `i` of kind `kind`, or undefined for the default. */
  imm?: (b: Builder, kind: string, i: number) => number | undefined;
  /** Effective address for the memory form (default: inside the data window). */
  target?: (b: Builder, bits: number) => number;
  /** Final adjustments after generic operand values; return false to drop the instance. */
  setup?: (b: Builder, bits: number) => boolean | void;
  /** Probability of choosing the register form for memory-only rows (#UD expected). */
  regUd?: number;
  /** The ModRM reg field for `/r` rows (default: random). */
  regField?: (b: Builder) => number;
  /** The only outcome to record (6: keep the instance only if the host raises #UD). */
  expect?: number;
}

/**
 * mov to/from a segment register with a reg field naming no segment register (6, 7) or,
 * for loads, CS (1): #UD on every i386. Valid selectors are not recorded (the host's
 * are not denix's).
 */
export function badSegment(load: boolean): Special {
  return { expect: 6, regField: (b) => b.rng.pick(load ? [1, 6, 7] : [6, 7]) };
}

/** Shift and rotate counts worth testing (raw, before masking to 5 bits). */
export const COUNTS = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 255];

function count(b: Builder): number {
  return b.rng.chance(0.8) ? b.rng.pick(COUNTS) : b.rng.below(256);
}

function shiftCount(b: Builder): number {
  const r = b.row;
  if (r.operands.includes("1")) return 1;
  if (r.operands.includes("CL")) return b.getReg(8, 1);
  return b.bytes[b.bytes.length - 1];
}

const shift: Special = {
  reserved: [1],
  imm: (b, kind) => (kind === "ib" ? count(b) : undefined),
  setup(b, bits) {
    if (b.row.operands.includes("CL")) b.setReg(8, 1, count(b));
    b.mask = flagMask(b.row.names[0], shiftCount(b), bits);
  },
};

const double: Special = {
  ...shift,
  setup(b, bits) {
    if (b.row.operands.includes("CL")) b.setReg(8, 1, count(b));
    const c = shiftCount(b);
    if (bits === 16 && (c & 31) > 16) return false; // result and flags undefined
    b.mask = flagMask(b.row.names[0], c, bits);
    return true;
  },
};

/** Sets the accumulator operand(s) of mul/div: AL/AX (8), DX:AX (16), EDX:EAX (32). */
function setDividend(b: Builder, bits: number, hi: bigint, lo: bigint): void {
  if (bits === 8) b.setReg(16, 0, Number(((hi << 8n) | lo) & 0xffffn));
  else {
    b.setReg(bits, 0, Number(lo));
    b.setReg(bits, 2, Number(hi));
  }
}

function divide(signed: boolean): Special {
  return {
    reserved: [0, 2],
    setup(b, bits) {
      const n = BigInt(bits);
      const m = (1n << n) - 1n;
      const r = b.rng;
      let d = BigInt(b.getE(bits) >>> 0) & m;
      if (r.chance(0.08)) d = 0n;
      b.setE(bits, Number(d));
      if (b.eReg === 0 || b.eReg === 2 || (bits === 8 && b.eReg === 4)) return; // divisor is in the dividend
      const rnd = () => BigInt(r.i32() >>> 0) & m;
      let hi = rnd();
      let lo = rnd();
      const mode = r.below(10);
      if (mode < 5 && d !== 0n) {
        // A valid quotient: dividend = q * d + rem, with signs for idiv.
        const sd = signed && d >> (n - 1n) ? d - (1n << n) : d;
        let q = BigInt(r.i32()) & (m >> (signed ? 1n : 0n));
        if (r.chance(0.3)) q = BigInt(r.below(4));
        if (signed && r.chance(0.5)) q = -q;
        const absd = sd < 0n ? -sd : sd;
        let rem = absd > 1n ? BigInt(r.i32() >>> 0) % absd : 0n;
        if (signed && r.chance(0.5)) rem = -rem;
        if (signed && rem !== 0n && (q * sd < 0n)) rem = -rem;
        const x = (q * sd + rem) & ((1n << (2n * n)) - 1n);
        hi = x >> n;
        lo = x & m;
      } else if (mode < 7) {
        hi = signed ? (lo >> (n - 1n) ? m : 0n) : 0n;
      } else if (mode < 8 && signed) {
        hi = m;
        lo = 1n << (n - 1n); // most negative dividend / -1 overflows
        b.setE(bits, Number(m));
      }
      setDividend(b, bits, hi, lo);
    },
  };
}

const multiply: Special = { reserved: [0, 2] };

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

const bitTest: Special = {
  imm: (b) => (b.rng.chance(0.5) ? b.rng.pick([0, 1, 7, 8, 15, 16, 31, 32, 63]) : b.rng.below(256)),
  target: (b) => DATA_WIN + b.rng.range(0x80, 0x17c),
  setup(b, bits) {
    if (b.row.operands[1] === "Gv" && b.ea !== -1 && b.eReg < 0) {
      b.setReg(bits, b.reg, b.rng.range(-512, 511) & sizeMask(bits));
    }
  },
};

const bitScan: Special = {
  setup(b, bits) {
    const r = b.rng;
    const k = r.below(4);
    if (k === 0) b.setE(bits, 0);
    else if (k === 1) b.setE(bits, 1 << r.below(bits));
  },
};

const cmpxchg: Special = {
  reserved: [0],
  setup(b, bits) {
    if (b.rng.chance(0.5)) b.setReg(bits, 0, b.getE(bits));
  },
};

const cmpxchg8b: Special = {
  no66: true,
  reserved: [0, 1, 2, 3],
  regUd: 0.05,
  setup(b) {
    if (b.ea === -1) return;
    const lo = b.rng.i32();
    const hi = b.rng.i32();
    b.setMem(b.ea, 32, lo);
    b.setMem(b.ea + 4, 32, hi);
    const outcome = b.rng.below(4); // 0, 1: equal (store); 2: low half equal; 3: random
    if (outcome < 3) b.setReg(32, 0, lo);
    if (outcome < 2) b.setReg(32, 2, hi);
  },
};

const bound: Special = {
  regUd: 0.05,
  setup(b, bits) {
    if (b.ea === -1) return;
    const r = b.rng;
    const lo = r.range(-100, 100);
    const hi = lo + r.range(-5, 100);
    b.setMem(b.ea, bits, lo);
    b.setMem(b.ea + bits / 8, bits, hi);
    b.setReg(bits, b.reg, r.chance(0.8) ? r.range(lo - 3, hi + 3) : r.i32());
  },
};

const xlat: Special = {
  a16: true,
  reserved: [3],
  setup(b) {
    b.lockReg(3, DATA_WIN + b.rng.range(0, 0x100));
  },
};

const anywhere: Special = {
  target: (b) => (b.rng.chance(0.3) ? b.rng.i32() & ~0xfff : DATA_WIN + b.rng.range(0, 0x1f0)),
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

const aam: Special = {
  imm: (b) => b.rng.pick([0, 10, 10, 16, 1, 255, b.rng.below(256)]),
};

const lea: Special = { regUd: 0.05, target: anywhere.target! };

/** The specials, keyed by canonical mnemonic. */
export const SPECIALS: Record<string, Special> = {
  rol: shift,
  ror: shift,
  rcl: shift,
  rcr: shift,
  shl: shift,
  sal: shift,
  shr: shift,
  sar: shift,
  shld: double,
  shrd: double,
  mul: multiply,
  imul: multiply,
  div: divide(false),
  idiv: divide(true),
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
  bt: bitTest,
  bts: bitTest,
  btr: bitTest,
  btc: bitTest,
  bsf: bitScan,
  bsr: bitScan,
  cmpxchg,
  cmpxchg8b,
  bound,
  xlat,
  lea,
  nop: anywhere,
  prefetchw: anywhere,
  prefetchnta: anywhere,
  prefetcht0: anywhere,
  prefetcht1: anywhere,
  prefetcht2: anywhere,
  aam,
  int: { imm: () => 3 },
  bswap: { no66: true },
};
