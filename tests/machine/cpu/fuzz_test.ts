/**
 * Random machine code never crashes the host: every run of random bytes ends in a
 * trap (budget, syscall or fault), with the interpreter and with the block compiler,
 * and the two agree on the final state of each program.
 */
import assert from "node:assert/strict";
import { TestMachine } from "./_machine.ts";
import { BlockCache } from "../../../src/machine/cpu/jit/block_cache.ts";
import { Reg } from "../../../src/machine/cpu/regs.ts";

const CODE = 0x08048000;
const DATA = 0x10000000;

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** Runs one random program; returns a fingerprint of the final state. */
function runProgram(seed: number, jit: BlockCache | null): string {
  const next = rng(seed);
  const m = new TestMachine(4 << 20);
  m.cpu.jit = jit;
  const code = m.map(CODE);
  for (let i = 0; i < 4096; i++) m.mem.u8[code + i] = next() & 0xff;
  m.map(DATA);
  m.map(DATA + 0x1000);
  for (let r = 0; r < 8; r++) m.cpu.regs[r] = next() % 3 === 0 ? DATA + (next() & 0x1fff) : next();
  m.cpu.regs[Reg.ESP] = DATA + 0x1800;
  m.cpu.eip = CODE + (next() & 0xff);
  const kinds: number[] = [];
  for (let run = 0; run < 8; run++) {
    const t = m.cpu.run(200);
    kinds.push(t.kind, t.vector, t.executed);
    if (t.kind !== 4) m.cpu.eip = CODE + (next() & 0xfff); // leave the trap, keep going
  }
  return `${kinds.join(",")}|${[...m.cpu.regs].join(",")}|${m.cpu.getEflags()}`;
}

Deno.test("random code only ever traps, and compiled and interpreted runs agree", () => {
  for (let seed = 1; seed <= 400; seed++) {
    const interpreted = runProgram(seed, null);
    const compiled = runProgram(seed, new BlockCache(0));
    assert.equal(compiled, interpreted, `seed ${seed}`);
  }
});
