/**
 * Generates the instruction corpus fixture (run by hand; needs GNU `as`):
 *
 *     deno run --allow-all tests/toolchain/as/gen_corpus.ts
 *
 * Enumerates every row of the shared opcode table (and the assembler's interim x87
 * rows, src/toolchain/as/x87.ts) with every operand form (registers,
 * many addressing modes, segment overrides, 16-bit addressing, edge immediates,
 * symbols), plus branch-relaxation, prefix, expression and directive lines. Each line
 * goes into its own section `.cN` of one source file, assembled by `as --32`; lines GNU
 * rejects or warns about are dropped and the rest re-assembled. The fixture
 * `tests/fixtures/as/corpus.json.gz` records, per line, GNU's bytes and relocations;
 * corpus_test.ts checks ours against it without needing GNU tools.
 */

import { gzipSync } from "node:zlib";
import { type OpcodeRow, OPCODES, parseRow } from "../../../src/machine/cpu/opcodes.ts";
import { X87_ROWS } from "../../../src/toolchain/as/x87.ts";
import { readElf } from "./_elf_read.ts";

const R8 = ["%al", "%cl", "%dl", "%bl", "%ah", "%ch", "%dh", "%bh"];
const R16 = ["%ax", "%cx", "%dx", "%bx", "%sp", "%bp", "%si", "%di"];
const R32 = ["%eax", "%ecx", "%edx", "%ebx", "%esp", "%ebp", "%esi", "%edi"];
const SEGS = ["%es", "%cs", "%ss", "%ds", "%fs", "%gs"];
const MEMS = [
  "(%eax)",
  "(%esp)",
  "(%ebp)",
  "0(%ebx)",
  "4(%ebp)",
  "-4(%esp)",
  "0x7f(%esi)",
  "0x80(%edi)",
  "-0x80(%ecx)",
  "-0x81(%edx)",
  "0x12345678(%eax)",
  "(%eax,%ebx)",
  "(%ebp,%esi,2)",
  "8(%esp,%edi,4)",
  "-8(%eax,%ecx,8)",
  "(,%edx,4)",
  "0x10(,%ebx,1)",
  "(%esp,%ebp)",
  "0x1234",
  "foo",
  "foo+4(%eax)",
  "foo(,%esi,4)",
  "%fs:(%eax)",
  "%gs:0x10",
  "%ss:(%ebp)",
  "%ds:(%ebp)",
  "%es:-4(%ebp,%ecx,2)",
  "%cs:foo",
  "(%bx,%si)",
  "4(%bp)",
  "0x1234(%di)",
  "(%bx)",
  "K(%eax)",
  "(K*2+1)(%ebx)",
  "-K(%ebp)",
];
const FEW_MEMS = [
  "(%eax)",
  "-4(%ebp)",
  "0x12345678(%esp,%esi,8)",
  "foo",
  "%gs:0x10(%ebx)",
  "(%bx,%di)",
];
const IB = ["$0", "$1", "$0x7f", "$0xff", "$-1", "$-128", "$K"];
const IW = ["$0", "$0x1234", "$0xffff", "$-1", "$K"];
const IZ = [
  "$0",
  "$1",
  "$0x7f",
  "$0x80",
  "$-128",
  "$-129",
  "$0x12345678",
  "$-1",
  "$foo",
  "$foo+8",
  "$K",
  "$K*K",
];
const FEW_IMM = ["$1", "$0x7f", "$-1", "$0x1234", "$foo"];

function regsOf(sz: number): string[] {
  return sz === 8 ? R8 : sz === 16 ? R16 : R32;
}

function choices(spec: string, sz: number, few: boolean): string[] {
  const mems = few ? FEW_MEMS : MEMS;
  const regs = (n: number) => (few ? regsOf(n).slice(1, 3) : regsOf(n));
  switch (spec) {
    case "Eb":
      return [...regs(8), ...mems];
    case "Ew":
      return [...regs(16), ...mems];
    case "Ed":
      return [...regs(32), ...mems];
    case "Ev":
      return [...regs(sz), ...mems];
    case "M":
    case "Mq":
      return mems;
    case "Gb":
    case "Zb":
      return few ? ["%cl", "%bh"] : R8;
    case "Gw":
      return few ? ["%cx", "%di"] : R16;
    case "Gv":
    case "Zv":
      return few ? regsOf(sz).slice(1, 3).concat(regsOf(sz)[7]) : regsOf(sz);
    case "Sw":
      return SEGS;
    case "Ib":
      return few ? FEW_IMM.slice(0, 3) : IB;
    case "Iw":
      return few ? ["$0x1234"] : IW;
    case "Iz":
    case "Ibs":
      return few ? FEW_IMM : IZ;
    case "1":
      return ["$1"];
    case "AL":
      return ["%al"];
    case "AX":
      return ["%ax"];
    case "eAX":
      return [regsOf(sz)[0]];
    case "CL":
      return ["%cl"];
    case "DX":
      return ["%dx"];
    case "Ob":
    case "Ov":
      return ["0x1234", "foo", "%fs:0x10", "%es:foo+4", "K"];
    case "ST":
      return ["%st", "%st(0)"];
    case "STi":
      return ["%st(0)", "%st(1)", "%st(7)"];
  }
  if (["ES", "CS", "SS", "DS", "FS", "GS"].includes(spec)) return ["%" + spec.toLowerCase()];
  return [];
}

function sizes(row: OpcodeRow): (number | null)[] {
  const v = ["Ev", "Gv", "Zv", "eAX", "Iz", "Ov", "Ibs"];
  const b = ["Eb", "Gb", "Zb", "AL", "Ob"];
  if (row.attrs.has("nosuffix")) return [null];
  if (row.operands.some((s) => v.includes(s))) return [16, 32];
  if (row.operands.some((s) => b.includes(s))) return [8];
  return [16, 32];
}

function product(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((acc, l) => acc.flatMap((a) => l.map((x) => [...a, x])), [[]]);
}

function rowLines(row: OpcodeRow): string[] {
  if (row.attrs.has("alias") || row.operands.some((s) => s[0] === "J")) return [];
  const out: string[] = [];
  for (const sz of sizes(row)) {
    const hasE = row.operands.some((s) => /^(E[bwdv]|Mq?)$/.test(s));
    const lists = row.operands.map((s) => choices(s, sz ?? 32, hasE && !/^(E[bwdv]|Mq?)$/.test(s)));
    const many = lists.length >= 3;
    for (const combo of product(many ? lists.map((l) => l.slice(0, 4)) : lists)) {
      const att = [...combo].reverse();
      if (row.operands.length === 2 && row.operands.every((s) => s[0] === "I")) att.reverse();
      for (const name of row.names.slice(0, 2)) {
        const suffix = sz === null
          ? ""
          : ({ 8: "b", 16: "w", 32: "l" } as Record<number, string>)[sz];
        out.push(`${name}${suffix} ${att.join(", ")}`.trim());
        if (suffix && combo.some((o) => o.startsWith("%") && !o.includes(":"))) {
          out.push(`${name} ${att.join(", ")}`.trim());
        }
      }
    }
  }
  return out;
}

function branchLines(): string[] {
  const names = new Set<string>();
  for (const r of OPCODES) {
    if (r.operands[0] === "Jb" || r.operands[0] === "Jz") {
      r.names.forEach((n) => names.add(n));
    }
  }
  const out: string[] = [];
  for (const n of names) {
    const near = OPCODES.some((r) => r.names.includes(n) && r.operands[0] === "Jz");
    out.push(
      `${n} 1f; 1:`,
      `1: ${n} 1b`,
      `${n} 2f; .fill 127,1,0x90; 2:`,
      `3: .fill 126,1,0x90; ${n} 3b`,
    );
    if (near) {
      out.push(
        `${n} 2f; .fill 128,1,0x90; 2:`,
        `3: .fill 127,1,0x90; ${n} 3b`,
        `${n} foo`,
        `${n} foo+4`,
      );
      out.push(`${n} 4f; .fill 120,1,0x90; ${n} 4f; .fill 10,1,0x90; 4:`);
    }
  }
  return out;
}

const EXTRA = [
  "lock addl $1,(%eax)",
  "lock; incl (%eax)",
  "lock cmpxchgl %ecx,(%edx)",
  "lock xaddl %eax,4(%ebx)",
  "rep movsb",
  "rep movsl",
  "rep stosb",
  "rep stosl",
  "repne scasb",
  "repz cmpsl",
  "repe cmpsb",
  "rep stosl %eax,%es:(%edi)",
  "movsb %ds:(%esi),%es:(%edi)",
  "movsl %fs:(%esi),%es:(%edi)",
  "lodsl",
  "lods %ds:(%esi),%al",
  "scasw",
  "stos %ax,%es:(%edi)",
  "rep; movsw",
  "data16 nop",
  "addr16 nop",
  "movl %eax,%gs:0x10",
  "movw %ax,%gs",
  "movl %gs:0x14,%eax",
  "movw %ds,%ax",
  "movl %ds,%eax",
  "call *%eax",
  "call *(%eax)",
  "call *foo",
  "jmp *%ebx",
  "jmp *(%ebx)",
  "jmp *.L1(,%eax,4); .L1:",
  "jmp *foo(,%eax,4)",
  "calll *%eax",
  "jmpl *8(%esp)",
  "call foo",
  "call 1f; 1:",
  "imul $3,%eax",
  "imul $300,%ecx",
  "imull $-2,(%eax),%edx",
  "imulw $3,%ax",
  "shld %cl,%ebx,%eax",
  "shrd $4,%edx,(%eax)",
  "enter $16,$0",
  "enter $0x1234,$3",
  "leave",
  "ret",
  "ret $4",
  "retl",
  "lret",
  "int $0x80",
  "int3",
  "into",
  "hlt",
  "nop",
  "pause",
  "ud2",
  "cpuid",
  "rdtsc",
  "cwtl",
  "cltd",
  "cbtw",
  "cwtd",
  "cwde",
  "cdq",
  "cbw",
  "cwd",
  "movsbl %al,%ecx",
  "movsbw (%eax),%dx",
  "movswl %ax,%ebx",
  "movzbl (%eax),%eax",
  "movzwl 2(%esp),%ecx",
  "movzbw %bl,%ax",
  "movzb %al,%eax",
  "movsw %ax,%ecx",
  "movl $(1+2)*3,%eax",
  "movl $1<<4,%eax",
  "movl $~0,%eax",
  "movl $-(5),%eax",
  "movl $(0x10|0x3),%eax",
  "movl $'a,%eax",
  "movb $'\\n,%al",
  "movl $0x10-0x20,%eax",
  "movl $7/2,%eax",
  "movl $7%3,%eax",
  "movl $-7>>1,%eax",
  "movl $0xf0&0x3c,%eax",
  "movl $0xf0^0xff,%eax",
  "movl $(3>2),%eax",
  "movl $.Lb-.La,%eax; .La: nop; .Lb:",
  ".La2: nop; .Lb2: movl $.Lb2-.La2,%eax",
  "movl $2f-1f,%eax; 1: nop; nop; 2:",
  "addl $.Lq-.Lp,%eax; .Lp: .Lq:",
  "movl .Lx,%eax; .Lx: .long 5",
  "movl $.Ly,%eax; .Ly:",
  "pushl $.Lz; .Lz:",
  ".long .+4",
  ".byte 1,2,3,-1,255",
  ".word 0x1234,-1",
  ".short 7",
  ".value 9",
  ".long 0x12345678,foo,foo+4,-1",
  ".int 3",
  ".quad 0x123456789a",
  ".quad -1",
  '.ascii "ab\\n\\t\\\\\\"\\101\\x41"',
  '.asciz "hi"',
  '.string "x","y"',
  ".space 5",
  ".space 3,0x41",
  ".skip 2",
  ".zero 4",
  ".fill 3,2,0x1234",
  "nop; .align 8",
  "nop; .p2align 4",
  "nop; .p2align 4,,10",
  "nop; .p2align 4,,5",
  "nop; .balign 16",
  "nop; .align 4,0xcc",
  "nop; .p2align 3,0",
  ".sleb128 -1,100,-300",
  ".uleb128 300,0",
  ".long 1f-.; nop; 1:",
  ".equ Q, 12; movl Q(%ebp),%eax",
  ".set R, 4*4; addl $R,%esp",
  "S = 3; movl $S,%eax",
  "movl $K, K(%ebp)",
  "movl foo@GOT(%ebx),%eax",
  "call *foo@GOT(%ebx)",
  "jmp *foo@GOT(%ecx)",
  "pushl foo@GOT(%ebx)",
  "addl foo@GOT(%ebx),%eax",
  "testl %eax,foo@GOT(%ebx)",
  "movw foo@GOT(%ebx),%ax",
  "movl foo@GOT,%eax",
  "leal .Lg@GOTOFF(%ebx),%eax; .Lg:",
  "movl foo@GOTOFF(%ebx,%eax,4),%eax",
  "call foo@PLT",
  "jmp foo@PLT",
  "je foo@PLT",
  "addl $_GLOBAL_OFFSET_TABLE_,%ebx",
  "addl $_GLOBAL_OFFSET_TABLE_,%eax",
  "movl $_GLOBAL_OFFSET_TABLE_+4,%ecx",
  ".long foo@GOTOFF",
  ".long foo@GOT",
  ".long foo@PLT",
  "movl %gs:foo@ntpoff,%eax",
  "movl foo@gotntpoff(%ebx),%eax",
  "movl foo@indntpoff,%eax",
  "leal foo@tlsgd(,%ebx,1),%eax",
  "leal foo@tlsldm(%ebx),%eax",
  "movl foo@dtpoff(%eax),%edx",
  "movl $foo@tpoff,%eax",
  "movl foo@gottpoff(%ebx),%eax",
  "nop; .org 8",
  "nop; .org 4,0xcc",
  ".byte 1; .org .+3; .byte 2",
  ...Array.from({ length: 15 }, (_, i) => `.fill ${i + 1},1,0xc3; .p2align 4`),
  ...Array.from({ length: 15 }, (_, i) => `.fill ${i + 1},1,0xc3; .p2align 5`),
  "xchg %eax,%eax",
  "xchg %ax,%ax",
  "xchg %ebx,%eax",
  "xchg %eax,%ebx",
  "xchgl %ecx,(%eax)",
  "xchg (%eax),%ecx",
  "test %eax,%ebx",
  "testl (%eax),%ebx",
  "testb %al,(%ecx)",
  "testb (%ecx),%al",
  "inc %eax",
  "incw %ax",
  "dec %cl",
  "push %eax",
  "pushw %ax",
  "pop %ebp",
  "pushl (%eax)",
  "push $1",
  "push $0x1000",
  "pushw $1",
  "pushl $foo",
  "pusha",
  "popa",
  "pushal",
  "popal",
  "pushaw",
  "pushf",
  "popf",
  "pushfl",
  "pushfw",
  "push %fs",
  "pushw %fs",
  "pop %gs",
  "pushl %ds",
  "shl %eax",
  "shlb (%ecx)",
  "sarl $1,(%eax)",
  "sar $2,%edx",
  "rcl %cl,%bl",
  "sal %eax",
  "sall $3,%ebx",
  "nopw 0x0(%eax,%eax,1)",
  "nopl 0x0(%eax)",
  "fnstsw %ax",
  "fldcw (%esp)",
  "fnstcw 2(%esp)",
  "fninit",
  "movl %eax,0x1234",
  "movb foo,%al",
  "movw 0x10,%ax",
  "movl %eax,%fs:foo",
  "mov %al,K",
  "leal -1(%eax,%ebx),%ecx",
  "lea 0x10(,%eax,8),%edx",
  "lea foo(%ebx),%esi",
  "lea (%esi),%esi",
  "bswap %eax",
  "bswap %edi",
  "cmpxchg8b (%esi)",
  "lock cmpxchg8b 4(%esi)",
  "setne %al",
  "sete (%eax)",
  "setb %cl",
  "setnae %dl",
  "cmovel %eax,%ebx",
  "cmovnz (%eax),%ecx",
  "cmovlw %ax,%bx",
  "cmovl %eax,%edx",
  "btl $3,(%eax)",
  "btsl %eax,(%ebx)",
  "bt %ecx,%edx",
  "btrw $15,%ax",
  "bsfl %eax,%ebx",
  "bsr (%ecx),%edx",
  "in $0x60,%al",
  "inb %dx,%al",
  "inl %dx,%eax",
  "outb %al,$0x80",
  "out %ax,%dx",
  "insb",
  "outsl",
  "loop 1f; 1:",
  "jecxz 1f; 1:",
  "jcxz 1f; 1:",
  "loopne 1b; 1:",
  "aam $10",
  "aad $10",
  "aam",
  "aad",
  "xlat",
  "xlatb",
  "sahf",
  "lahf",
  "cmc",
  "clc",
  "stc",
  "cld",
  "std",
  "cli",
  "sti",
  "int1",
  "iret",
  "MOVL %EAX,%EBX",
  "Movl $1, -8(%EBP)",
  "addl $1, %eax # comment",
  "/* c */ subl %eax, %eax",
  "andl $-16,%esp",
  "orb $0x80,(%eax)",
  "xorw $0x8000,%cx",
  "adcl $0,%edx",
  "sbbl %eax,%eax",
  "negl %eax",
  "notb (%eax)",
  "mull %ecx",
  "imull %ecx",
  "divl 4(%esp)",
  "idivb %bl",
  "imull %eax,%edx",
  "fstcw %fs:(%eax)",
  "fstp %st(0)",
  "fucomip %st(1), %st",
  "fxch %st(1)",
  "fld %st",
  "fadd %st(2)",
  "fsubp %st(2)",
  "fcomi %st(3)",
  "fldt (%esp)",
  "fstpt 4(%ecx)",
  "fildll (%esp)",
  "fistpll 4(%esp)",
  "testl $0x10000,%eax",
  "testw $1,%cx",
  "cmpb $0x41,(%ebx,%esi)",
  "cmpl $0,-8(%ebp)",
];

async function gnu(lines: string[]): Promise<{ obj: Uint8Array | null; bad: Set<number> }> {
  const src = lines.map((l, i) => `.section .c${i},"ax",@progbits\n${l}\n`).join("");
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/c.s`, PRELUDE + src);
  const r = await new Deno.Command("as", { args: ["--32", "-o", `${dir}/c.o`, `${dir}/c.s`] })
    .output();
  const err = new TextDecoder().decode(r.stderr);
  const bad = new Set<number>();
  const pre = PRELUDE.split("\n").length - 1;
  for (const m of err.matchAll(/c\.s:(\d+): (Error|Warning)/g)) {
    bad.add(Math.floor((Number(m[1]) - pre - 1) / 2));
  }
  const obj = r.success && !bad.size ? await Deno.readFile(`${dir}/c.o`) : null;
  await Deno.remove(dir, { recursive: true });
  return { obj, bad };
}

/** Shared at the top of the corpus source: an absolute symbol K defined before use. */
export const PRELUDE = ".equ K, 0x20\n";

async function main(): Promise<void> {
  const rows = [...OPCODES, ...X87_ROWS.map(parseRow)];
  let lines = [...new Set([...rows.flatMap(rowLines), ...branchLines(), ...EXTRA])];
  for (let round = 0; round < 20; round++) {
    const { obj, bad } = await gnu(lines);
    if (obj) return write(lines, obj);
    console.log(`round ${round}: dropping ${bad.size} lines GNU as rejects`);
    if (!bad.size) throw new Error("as failed without line errors");
    lines = lines.filter((_, i) => !bad.has(i));
  }
}

async function write(lines: string[], obj: Uint8Array): Promise<void> {
  const secs = readElf(obj);
  const records = lines.map((line, i) => {
    const s = secs.get(`.c${i}`)!;
    const hex = Array.from(s.bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [line, hex, s.relocs];
  });
  const json = JSON.stringify({ prelude: PRELUDE, records });
  const path = new URL("../../fixtures/as/corpus.json.gz", import.meta.url);
  await Deno.writeFile(path, gzipSync(new TextEncoder().encode(json), { level: 9 }));
  console.log(`wrote ${records.length} lines to ${path.pathname}`);
}

if (import.meta.main) await main();
