/**
 * Per-mnemonic knowledge the generic instance builder (generic.ts) cannot derive from
 * the opcode row: which registers an instruction uses implicitly (so they are never
 * picked as address registers), meaningful immediates (shift counts, int 3, enter
 * levels), edge-case operand values (divide overflow, bsf of 0, cmpxchg outcomes,
 * string counts and direction), stack and branch targets inside the mapped pages, and
 * the per-instance flag mask.
 */
import { ALU_SPECIALS } from "./specials_alu.ts";
import { FLOW_SPECIALS } from "./specials_flow.ts";
import type { Special } from "./special.ts";
import { DATA_WIN } from "./layout.ts";

export type { Special } from "./special.ts";

/**
 * mov to/from a segment register with a reg field naming no segment register (6, 7) or,
 * for loads, CS (1): #UD on every i386. Valid selectors are not recorded (the host's
 * are not denix's).
 */
export function badSegment(load: boolean): Special {
  return { expect: 6, regField: (b) => b.rng.pick(load ? [1, 6, 7] : [6, 7]) };
}

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

const anywhere: Special = {
  target: (b) => (b.rng.chance(0.3) ? b.rng.i32() & ~0xfff : DATA_WIN + b.rng.range(0, 0x1f0)),
};

const lea: Special = { regUd: 0.05, target: anywhere.target! };

/** The specials, keyed by canonical mnemonic. */
export const SPECIALS: Record<string, Special> = {
  ...ALU_SPECIALS,
  ...FLOW_SPECIALS,
  bound,
  lea,
  nop: anywhere,
  prefetchw: anywhere,
  prefetchnta: anywhere,
  prefetcht0: anywhere,
  prefetcht1: anywhere,
  prefetcht2: anywhere,
  int: { imm: () => 3 },
  bswap: { no66: true },
};
