/**
 * Specials for arithmetic and bit instructions: shift/rotate counts and their flag
 * masks, divide operands (valid quotients, divide by zero, quotient overflow), bsf/bsr
 * of 0 and powers of two, bit offsets that stay inside the data window, cmpxchg and
 * cmpxchg8b with both outcomes, aam/aad bases.
 */
import { type Builder, sizeMask } from "./builder.ts";
import { flagMask } from "./flag_masks.ts";
import { DATA_WIN } from "./layout.ts";
import type { Special } from "./special.ts";

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

const aam: Special = {
  imm: (b) => b.rng.pick([0, 10, 10, 16, 1, 255, b.rng.below(256)]),
};

/** Arithmetic and bit specials, keyed by canonical mnemonic. */
export const ALU_SPECIALS: Record<string, Special> = {
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
  bt: bitTest,
  bts: bitTest,
  btr: bitTest,
  btc: bitTest,
  bsf: bitScan,
  bsr: bitScan,
  cmpxchg,
  cmpxchg8b,
  aam,
};
