/**
 * The opcode table is the single source of truth: every row the CPU executes consumes
 * exactly the bytes the table-driven decoder says, `priv` rows raise #GP(0), `ud` rows
 * #UD, and every opcode the table does not define raises #UD (x87 escapes: #NM).
 */
import assert from "node:assert/strict";
import { TestMachine } from "./_machine.ts";
import { type OpcodeRow, OPCODES } from "../../../src/machine/cpu/opcodes.ts";
import { decodeShape } from "../../../src/machine/cpu/decode.ts";
import { Reg } from "../../../src/machine/cpu/regs.ts";
import { TrapKind, Vector } from "../../../src/machine/trap.ts";

const CODE = 0x08048000;
const DATA = 0x20000000;
const STACK = 0x7fff0000;

const TRANSFERS = /^(j|call|ret|loop|int|into|iret|lret|lcall|ljmp)/;

function isTransfer(row: OpcodeRow): boolean {
  return TRANSFERS.test(row.names[0]) || row.operands.some((o) => o === "Jb" || o === "Jz");
}

function loadsSegment(row: OpcodeRow): boolean {
  return row.operands[0] === "Sw" ||
    (row.names[0] === "pop" && ["ES", "SS", "DS", "FS", "GS"].includes(row.operands[0]));
}

/** Encodes one instance of `row`: memory operand at DATA+0x100 or a register, imm bytes 01. */
function encode(row: OpcodeRow, regForm: boolean): number[] {
  const bytes: number[] = [];
  if (row.attrs.has("o16")) bytes.push(0x66);
  const op = [...row.bytes];
  bytes.push(...op);
  if (row.modrm !== -1) {
    const reg = row.modrm >= 0 ? row.modrm : 1;
    if (regForm) bytes.push(0xc0 | (reg << 3) | 1);
    else bytes.push((reg << 3) | 5, 0x00, 0x01, 0x00, 0x20);
  }
  for (const imm of row.imms) {
    if (imm === "mo") {
      bytes.push(0x00, 0x01, 0x00, 0x20);
      continue;
    }
    const n = imm === "ib" || imm === "cb" ? 1 : imm === "iw" ? 2 : 4;
    for (let i = 0; i < n; i++) bytes.push(1);
  }
  return bytes;
}

function machine(): TestMachine {
  const m = new TestMachine();
  m.map(CODE);
  m.map(DATA);
  m.map(STACK);
  return m;
}

function runOnce(m: TestMachine, bytes: number[]) {
  const pa = m.phys(CODE);
  m.mem.u8.fill(0x90, pa, pa + 64);
  m.mem.load(pa, Uint8Array.from(bytes));
  m.mem.u8.fill(1, m.phys(DATA), m.phys(DATA) + 0x1000);
  const r = m.cpu.regs;
  r.fill(1);
  r[Reg.ESP] = STACK + 0x800;
  r[Reg.EBP] = STACK + 0x900;
  r[Reg.ESI] = DATA + 0x200;
  r[Reg.EDI] = DATA + 0x300;
  r[Reg.EBX] = DATA + 0x400;
  r[Reg.EDX] = 0;
  m.cpu.setEflags(0);
  m.cpu.eip = CODE;
  return m.cpu.run(1);
}

Deno.test("every executable table row consumes exactly the table-decoded length", () => {
  const m = machine();
  const failures: string[] = [];
  for (const row of OPCODES) {
    if (isTransfer(row) || loadsSegment(row) || row.names[0] === "bound") continue;
    for (const regForm of [false, true]) {
      const memOnly = row.operands.some((o) => o === "M" || o === "Mq");
      if (regForm && (row.modrm === -1 || memOnly)) continue;
      const bytes = encode(row, regForm);
      const shape = decodeShape((i) => bytes[i] ?? 0x90);
      const t = runOnce(m, bytes);
      const undef = row.attrs.has("ud") || row.names[0] === "ud2";
      const expect = row.attrs.has("priv") ? Vector.GP : undef ? Vector.UD : -1;
      if (expect >= 0) {
        if (t.kind !== TrapKind.Fault || t.vector !== expect) {
          failures.push(`${row.text}: no fault`);
        }
        continue;
      }
      if (t.kind !== TrapKind.Budget) {
        failures.push(`${row.text} (${regForm ? "reg" : "mem"}): trap ${t.kind}/${t.vector}`);
      } else if (m.cpu.eip - CODE !== shape.length) {
        failures.push(
          `${row.text}: executed ${m.cpu.eip - CODE} bytes, table says ${shape.length}`,
        );
      }
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("opcodes the table does not define raise #UD (x87 escapes #NM)", () => {
  const m = machine();
  const failures: string[] = [];
  const prefixes = new Set([
    0x0f,
    0x26,
    0x2e,
    0x36,
    0x3e,
    0x64,
    0x65,
    0x66,
    0x67,
    0xf0,
    0xf2,
    0xf3,
  ]);
  for (let op = 0; op < 512; op++) {
    if (op < 256 && prefixes.has(op)) continue;
    const bytes = op < 256 ? [op, 0x05, 0, 1, 0, 0x20] : [0x0f, op & 0xff, 0x05, 0, 1, 0, 0x20];
    const shape = decodeShape((i) => bytes[i] ?? 0);
    if (shape.length !== -1) continue;
    const t = runOnce(m, bytes);
    const expect = op >= 0xd8 && op <= 0xdf ? Vector.NM : Vector.UD;
    if (t.kind !== TrapKind.Fault || t.vector !== expect) {
      failures.push(`${op.toString(16)}: ${t.kind}/${t.vector}`);
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("decodeShape() follows prefixes, SIB, displacement and immediates", () => {
  const shape = decodeShape((i) => [0x66, 0x81, 0x44, 0x24, 0x08, 0x34, 0x12][i] ?? 0);
  assert.deepEqual(shape, { prefixes: 1, opcode: 0x81, modrm: 0x44, length: 7 });
  const f6 = decodeShape((i) => [0xf6, 0xd8][i] ?? 0); // neg %al: F6 /3 has no immediate
  assert.equal(f6.length, 2);
  const test = decodeShape((i) => [0xf6, 0xc0, 0x7f][i] ?? 0); // test $0x7f,%al: F6 /0 ib
  assert.equal(test.length, 3);
});
