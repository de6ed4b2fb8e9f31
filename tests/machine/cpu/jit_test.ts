/**
 * The block compiler (src/machine/cpu/jit): the same programs give the same machine
 * state with and without it; it sees code that changes under it; faults and budgets
 * inside compiled blocks are exact. (Instruction semantics are covered by running the
 * golden vectors through it: vectors_test.ts.)
 */
import assert from "node:assert/strict";
import { TestMachine } from "./_machine.ts";
import { BlockCache } from "../../../src/machine/cpu/jit/block_cache.ts";
import { Reg } from "../../../src/machine/cpu/regs.ts";
import { TrapKind, Vector } from "../../../src/machine/trap.ts";
import { assembleFlat } from "../../../src/toolchain/as/mod.ts";

const CODE = 0x08048000;

function machine(hex: string, jit: BlockCache | null): TestMachine {
  const m = new TestMachine();
  m.cpu.jit = jit;
  m.code(CODE, hex);
  m.cpu.eip = CODE;
  return m;
}

/** Runs to the first non-budget trap. */
function runToTrap(m: TestMachine, budget = 1000) {
  for (let i = 0; i < 100000; i++) {
    const t = m.cpu.run(budget);
    if (t.kind !== TrapKind.Budget) return t;
  }
  throw new Error("program did not stop");
}

Deno.test("a compiled loop leaves the same registers and flags as the interpreter", () => {
  // movl $0,%eax; 1: addl $1,%eax; cmpl $100,%eax; jne 1b; int $0x80
  const hex = "b80000000083c00183f86475f8cd80";
  const jit = new BlockCache(1);
  const a = machine(hex, jit), b = machine(hex, null);
  assert.equal(runToTrap(a).kind, TrapKind.Syscall);
  assert.equal(runToTrap(b).kind, TrapKind.Syscall);
  assert.deepEqual([...a.cpu.regs], [...b.cpu.regs]);
  assert.equal(a.cpu.getEflags(), b.cpu.getEflags());
  assert.equal(a.cpu.regs[Reg.EAX], 100);
  assert.ok(jit.compiled > 0, "the loop was compiled");
});

Deno.test("code the guest rewrites is recompiled (self-modifying code)", () => {
  // mov $1000,%ecx; 1: addl $5,%eax; dec %ecx; jnz 1b; cmp $5000,%eax; jne 2f;
  // movb $7, 0x08048007 (the addl immediate); mov $1000,%ecx; jmp 1b; 2: int $0x80
  const hex = "b9e803000083c0054975fa3d88130000750ec6050780040807b9e8030000ebe5cd80";
  const m = machine(hex, new BlockCache(2));
  assert.equal(runToTrap(m).kind, TrapKind.Syscall);
  assert.equal(m.cpu.regs[Reg.EAX], 5000 + 7000);
});

Deno.test("code the kernel replaces in a frame is recompiled", () => {
  const jit = new BlockCache(1);
  const m = machine("b80000000083c00183f86475f8cd80", jit);
  runToTrap(m);
  // Same frame, new program: movl $0,%eax; 1: addl $2,%eax; cmpl $100,%eax; jne 1b; int $0x80
  m.mem.load(m.phys(CODE), Uint8Array.from([0xb8, 0, 0, 0, 0, 0x83, 0xc0, 2]));
  m.cpu.eip = CODE;
  runToTrap(m);
  assert.equal(m.cpu.regs[Reg.EAX], 100);
  assert.ok(jit.compiled >= 2);
});

Deno.test("a fault inside a compiled block rewinds to the faulting instruction and counts the retired ones", () => {
  // 1: incl %eax; incl %eax; movl (%ebx),%ecx; jmp 1b   with %ebx unmapped
  const jit = new BlockCache(0);
  const m = machine("40408b0bebfa", jit);
  m.cpu.regs[Reg.EBX] = 0x50000000;
  const t = m.cpu.run(100);
  assert.equal(t.kind, TrapKind.Fault);
  assert.equal(t.vector, Vector.PF);
  assert.equal(t.cr2, 0x50000000);
  assert.equal(t.executed, 2);
  assert.equal(m.cpu.eip, CODE + 2);
  assert.equal(m.cpu.regs[Reg.EAX], 2);
  assert.equal(jit.compiled, 1);
});

Deno.test("a budget smaller than a block is honoured exactly", () => {
  const m = machine("40408b0bebfa", new BlockCache(0));
  m.map(0x50000000);
  m.cpu.regs[Reg.EBX] = 0x50000000;
  let total = 0;
  for (const budget of [1, 2, 3, 5, 7, 100]) {
    const t = m.cpu.run(budget);
    assert.equal(t.kind, TrapKind.Budget);
    assert.equal(t.executed, budget);
    total += budget;
  }
  // The loop is inc, inc, mov, jmp: two increments per four instructions.
  assert.equal(m.cpu.regs[Reg.EAX], 2 * Math.floor(total / 4) + Math.min(total % 4, 2));
});

Deno.test("the CPU benchmark workload computes the same result compiled and interpreted", () => {
  // A scaled-down cpu_mix: CRC over 64 KiB and a sieve below 100,000.
  const src = Deno.readTextFileSync(new URL("../../bench/workloads/cpu_mix.s", import.meta.url))
    .replace(".equ BUFSZ, 0x400000", ".equ BUFSZ, 0x10000")
    .replace(".equ N, 4000000", ".equ N, 100000")
    .replace(".equ ROUNDS, 4", ".equ ROUNDS, 1");
  const image = assembleFlat(src, { origin: CODE }).bytes;
  const results = [new BlockCache(8), null].map((jit) => {
    const m = new TestMachine(24 << 20);
    m.cpu.jit = jit;
    for (let off = 0; off < image.length; off += 0x1000) m.map(CODE + off);
    m.mem.load(m.phys(CODE), image);
    m.map(0x7fff0000);
    m.cpu.regs[Reg.ESP] = 0x7fff1000;
    m.cpu.eip = CODE;
    for (;;) {
      const t = runToTrap(m, 1_000_000);
      assert.equal(t.kind, TrapKind.Syscall);
      const r = m.cpu.regs;
      if (r[Reg.EAX] === 1) return r[Reg.EBX];
      for (let a = 0; a < r[Reg.ECX]; a += 0x1000) m.map(r[Reg.EBX] + a);
      r[Reg.EAX] = r[Reg.EBX];
    }
  });
  assert.equal(results[0], results[1]);
});
