/**
 * Cpu.run: the trap seam. Programs are byte strings assembled once with GNU as (the
 * source is in each test); the golden-vector suite covers instruction semantics.
 */
import assert from "node:assert/strict";
import { PTE_P, PTE_U, TestMachine, USER_RW } from "./_machine.ts";
import { TrapKind, Vector } from "../../../src/machine/trap.ts";
import { Reg, Seg } from "../../../src/machine/cpu/regs.ts";
import { CpuState } from "../../../src/machine/cpu/cpu.ts";
import { SegmentTable } from "../../../src/machine/cpu/segments.ts";

const CODE = 0x08048000;

function machineWith(hex: string): TestMachine {
  const m = new TestMachine();
  m.code(CODE, hex);
  m.cpu.eip = CODE;
  return m;
}

Deno.test("run() stops at int 0x80 with a Syscall trap and eip after it", () => {
  // mov $5,%eax; add $3,%eax; int $0x80
  const m = machineWith("b80500000083c003cd80");
  const t = m.cpu.run(100);
  assert.equal(t.kind, TrapKind.Syscall);
  assert.equal(t.vector, 0x80);
  assert.equal(m.cpu.regs[Reg.EAX], 8);
  assert.equal(m.cpu.eip, CODE + 10);
  assert.equal(t.executed, 3);
});

Deno.test("run() returns a Budget trap after exactly budget instructions", () => {
  const m = machineWith("ebfe"); // 1: jmp 1b
  const t = m.cpu.run(1000);
  assert.equal(t.kind, TrapKind.Budget);
  assert.equal(t.executed, 1000);
  assert.equal(m.cpu.eip, CODE);
});

Deno.test("a read of an unmapped page is #PF with error 4 and CR2, eip unchanged", () => {
  const m = machineWith("a100000050"); // mov 0x50000000,%eax
  const t = m.cpu.run(10);
  assert.equal(t.kind, TrapKind.Fault);
  assert.equal(t.vector, Vector.PF);
  assert.equal(t.errorCode, 4);
  assert.equal(t.cr2, 0x50000000);
  assert.equal(t.eip, CODE);
  assert.equal(m.cpu.eip, CODE);
});

Deno.test("a write to a read-only user page is #PF with error 7", () => {
  const m = machineWith("c7050000002001000000"); // movl $1, 0x20000000
  m.map(0x20000000, PTE_P | PTE_U);
  const t = m.cpu.run(10);
  assert.equal(t.vector, Vector.PF);
  assert.equal(t.errorCode, 7);
  assert.equal(t.cr2, 0x20000000);
});

Deno.test("user access to a supervisor page is a protection #PF (error 5)", () => {
  const m = machineWith("a1001000c0"); // mov 0xc0001000,%eax
  m.map(0xc0001000, PTE_P | 2);
  const t = m.cpu.run(10);
  assert.equal(t.vector, Vector.PF);
  assert.equal(t.errorCode, 5);
  assert.equal(t.cr2, 0xc0001000 | 0);
});

Deno.test("div by zero is #DE at the div, registers kept", () => {
  const m = machineWith("31c9f7f1"); // xor %ecx,%ecx; div %ecx
  m.cpu.regs[Reg.EAX] = 77;
  const t = m.cpu.run(10);
  assert.equal(t.kind, TrapKind.Fault);
  assert.equal(t.vector, Vector.DE);
  assert.equal(m.cpu.eip, CODE + 2);
  assert.equal(m.cpu.regs[Reg.EAX], 77);
});

Deno.test("ud2 is #UD; hlt is #GP(0); int $0x21 is #GP with the IDT error code", () => {
  for (
    const [hex, vector, code] of [["0f0b", Vector.UD, 0], ["f4", Vector.GP, 0], [
      "cd21",
      Vector.GP,
      0x10a,
    ]] as const
  ) {
    const m = machineWith(hex);
    const t = m.cpu.run(10);
    assert.equal(t.vector, vector, hex);
    assert.equal(t.errorCode, code, hex);
    assert.equal(m.cpu.eip, CODE, hex);
  }
});

Deno.test("int3 is a #BP trap with eip after the instruction", () => {
  const m = machineWith("cc90");
  const t = m.cpu.run(10);
  assert.equal(t.kind, TrapKind.Fault);
  assert.equal(t.vector, Vector.BP);
  assert.equal(t.eip, CODE);
  assert.equal(m.cpu.eip, CODE + 1);
});

Deno.test("x87 arithmetic raises #NM while no FPU is emulated", () => {
  const m = machineWith("d9e8"); // fld1
  assert.equal(m.cpu.run(10).vector, Vector.NM);
});

Deno.test("rep movsb faulting mid-way keeps the completed iterations", () => {
  const m = machineWith("f3a4"); // rep movsb
  m.map(0x20000000);
  m.map(0x30000000);
  const r = m.cpu.regs;
  r[Reg.ESI] = 0x20000ff0;
  r[Reg.EDI] = 0x30000000;
  r[Reg.ECX] = 0x20; // the source runs off its page after 16 bytes
  m.mem.u8.fill(0xab, m.phys(0x20000ff0), m.phys(0x20000ff0) + 16);
  const t = m.cpu.run(10);
  assert.equal(t.vector, Vector.PF);
  assert.equal(t.cr2, 0x20001000);
  assert.equal(r[Reg.ECX], 0x10);
  assert.equal(r[Reg.ESI], 0x20001000);
  assert.equal(r[Reg.EDI], 0x30000010);
  assert.equal(m.cpu.eip, CODE);
  assert.equal(m.mem.u8[m.phys(0x3000000f)], 0xab);
});

Deno.test("an instruction straddling into an unmapped page faults at the page, eip at its start", () => {
  const m = new TestMachine();
  m.code(CODE + 0xffd, "b8785634"); // first 3 bytes of mov $0x12345678,%eax; the rest unmapped
  m.cpu.eip = CODE + 0xffd;
  const t = m.cpu.run(10);
  assert.equal(t.vector, Vector.PF);
  assert.equal(t.cr2, CODE + 0x1000);
  assert.equal(t.errorCode, 4);
  assert.equal(m.cpu.eip, CODE + 0xffd);
});

Deno.test("an instruction straddling two mapped pages executes", () => {
  const m = new TestMachine();
  m.code(CODE + 0xffd, "b87856");
  m.code(CODE + 0x1000, "3412cd80");
  m.cpu.eip = CODE + 0xffd;
  const t = m.cpu.run(10);
  assert.equal(t.kind, TrapKind.Syscall);
  assert.equal(m.cpu.regs[Reg.EAX], 0x12345678);
});

Deno.test("a TLS descriptor gives %gs a base; loading a bad selector is #GP(sel)", () => {
  const m = machineWith("b8330000008ee865a110000000cd80"); // mov $0x33,%eax; mov %eax,%gs; mov %gs:0x10,%eax
  m.map(0x40000000);
  m.mem.write32(m.phys(0x40000010), 0x5eed);
  m.cpu.segments.setTls(6, { base: 0x40000000, limit: 0xfffff, flags: 0 });
  const t = m.cpu.run(10);
  assert.equal(t.kind, TrapKind.Syscall);
  assert.equal(m.cpu.sregs[Seg.GS], 0x33);
  assert.equal(m.cpu.regs[Reg.EAX], 0x5eed);

  const bad = machineWith("b83b0000008ee8"); // mov $0x3b,%eax; mov %eax,%gs (entry 7 empty)
  const t2 = bad.cpu.run(10);
  assert.equal(t2.vector, Vector.GP);
  assert.equal(t2.errorCode, 0x38);
});

Deno.test("requestInterrupt makes the next run return an Interrupt trap first", () => {
  const m = machineWith("ebfe");
  m.cpu.requestInterrupt(Vector.TIMER);
  const t = m.cpu.run(10);
  assert.equal(t.kind, TrapKind.Interrupt);
  assert.equal(t.vector, Vector.TIMER);
  assert.equal(t.executed, 0);
  assert.equal(m.cpu.run(5).kind, TrapKind.Budget);
});

Deno.test("the stack works across calls (call/ret with user pages)", () => {
  // call f; int $0x80; f: mov $42,%eax; ret
  const m = machineWith("e802000000cd80b82a000000c3");
  m.map(0x7fff0000, USER_RW);
  m.cpu.regs[Reg.ESP] = 0x7fff1000;
  const t = m.cpu.run(10);
  assert.equal(t.kind, TrapKind.Syscall);
  assert.equal(m.cpu.regs[Reg.EAX], 42);
  assert.equal(m.cpu.regs[Reg.ESP], 0x7fff1000);
});

Deno.test("x87 control instructions keep the control and status words (fninit/fldcw/fnstcw/fnstsw)", () => {
  // fninit; fnstcw D; movw $0x27f,D; fldcw D; fnstcw D+2; fnstsw %ax; fnclex; fnstsw D+4; int $0x80
  const m = machineWith(
    "dbe3d93d0000002066c705000000207f02d92d00000020d93d02000020dfe0dbe2dd3d04000020cd80",
  );
  m.map(0x20000000);
  m.cpu.regs[Reg.EAX] = -1;
  const t = m.cpu.run(20);
  assert.equal(t.kind, TrapKind.Syscall);
  const d = m.phys(0x20000000);
  assert.equal(m.mem.read16(d + 2), 0x27f);
  assert.equal(m.mem.read16(d + 4), 0);
  assert.equal(m.cpu.regs[Reg.EAX], 0xffff0000 | 0);
});

Deno.test("saveState/restoreState round-trip registers, flags, segments and TLS table", () => {
  const m = machineWith("ebfe");
  const cpu = m.cpu;
  cpu.regs.set([1, 2, 3, 4, 5, 6, 7, 8]);
  cpu.setEflags(0x8d5 | 0x400);
  cpu.segments.setTls(6, { base: 0x1234000, limit: 0xfffff, flags: 0x51 });
  assert.ok(cpu.loadSegment(Seg.GS, 0x33));
  const saved = new CpuState();
  cpu.saveState(saved);
  cpu.regs.fill(0);
  cpu.setEflags(0);
  cpu.segments = new SegmentTable();
  cpu.loadSegment(Seg.GS, 0);
  cpu.eip = 0;
  cpu.restoreState(saved);
  assert.deepEqual([...cpu.regs], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(cpu.getEflags(), 0x8d5 | 0x400 | 0x202);
  assert.equal(cpu.segBases[Seg.GS], 0x1234000);
  assert.equal(cpu.segments.getTls(6)?.base, 0x1234000);
  assert.equal(cpu.eip, CODE);
});
