/**
 * Linker unit tests on objects from denix's assembler (no gcc needed): layout and
 * program headers, linker-defined symbols, COMMON/weak rules, COMDAT, GOT and TLS
 * relocation values, entry and strip options. Programs also run natively when the
 * host executes i386 binaries.
 */

import assert from "node:assert/strict";
import { assemble, type ObjectFile, writeElfObject } from "../../../src/toolchain/as/mod.ts";
import { link, type LinkInput, type LinkOptions } from "../../../src/toolchain/ld/mod.ts";
import { readExe, signed } from "./_exe.ts";
import { canRunI386, hasBinutils, runExe, sh, withTempDir } from "./_host.ts";

/** An in-memory input assembled from `src`. */
export function obj(name: string, src: string): LinkInput {
  return { name, object: assemble(src, { fileName: name }) };
}

/** Code that exits with the low byte of %ebx. */
const EXIT = "movl $1, %eax\n int $0x80\n";

/** Runs `exe` natively if possible; returns its exit status, or null when it cannot run. */
async function exitStatus(exe: Uint8Array): Promise<number | null> {
  if (!canRunI386) return null;
  return await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/a.out`, exe, { mode: 0o755 });
    return (await runExe(`${dir}/a.out`)).code;
  });
}

function build(inputs: LinkInput[], opts: LinkOptions = {}) {
  const bytes = link(inputs, opts);
  return { bytes, exe: readExe(bytes) };
}

const PROGRAM = obj(
  "p.o",
  `.section .rodata
msg: .ascii "hi"
.data
.p2align 2
val: .long 40
.bss
.lcomm buf, 5000
.text
.globl _start
_start: movl val, %ebx
  addl $2, %ebx
  movl %ebx, buf+4996
  movl buf+4996, %ebx
  ${EXIT}`,
);

Deno.test("link() writes ET_EXEC i386 with page-congruent R+X and R+W PT_LOADs and GNU_STACK", async () => {
  const { bytes, exe } = build([PROGRAM]);
  assert.equal(exe.type, 2);
  assert.equal(exe.machine, 3);
  assert.equal(exe.entry, exe.symbols.get("_start")!.value);
  const [text, data, stack] = exe.phdrs;
  assert.deepEqual([text.type, text.offset, text.vaddr, text.flags], [1, 0, 0x08048000, 5]);
  assert.deepEqual([data.type, data.flags, stack.type, stack.flags], [1, 6, 0x6474e551, 6]);
  for (const p of [text, data]) assert.equal(p.offset % 4096, p.vaddr % 4096);
  assert.ok(data.vaddr >= text.vaddr + text.memsz);
  assert.ok(data.memsz > data.filesz, "bss extends the data segment in memory");
  const bss = exe.section(".bss")!;
  assert.equal(bss.type, 8);
  assert.ok(bss.addr + bss.size <= data.vaddr + data.memsz);
  assert.ok(exe.section(".text")!.addr >= text.vaddr + 52 + 32 * exe.phdrs.length);
  const code = await exitStatus(bytes);
  if (code !== null) assert.equal(code, 42);
});

Deno.test("linker-defined symbols mark text, data, bss ends and the init array bounds", () => {
  const user = obj(
    "u.o",
    `.text
.globl user
user: movl $_etext, %eax
  movl $_edata, %eax
  movl $__bss_start, %eax
  movl $_end, %eax
  movl $__init_array_start, %eax
  movl $__init_array_end, %eax
  movl $__executable_start, %eax
  ret
.section .init_array,"aw"
.long user, user
`,
  );
  const { exe } = build([PROGRAM, user]);
  const s = (n: string) => exe.symbols.get(n)!.value;
  const text = exe.section(".text")!, data = exe.section(".data")!, bss = exe.section(".bss")!;
  const init = exe.section(".init_array")!;
  assert.equal(s("_etext"), text.addr + text.size);
  assert.equal(s("_edata"), data.addr + data.size);
  assert.equal(s("__bss_start"), s("_edata"));
  assert.equal(s("_end"), Math.ceil((bss.addr + bss.size) / 4) * 4);
  assert.equal(s("__init_array_start"), init.addr);
  assert.equal(s("__init_array_end") - s("__init_array_start"), 8);
  assert.equal(init.type, 14);
  assert.equal(s("__executable_start"), 0x08048000);
});

Deno.test("COMMON symbols merge to the largest size and alignment in .bss", () => {
  const a = obj("a.o", `.comm shared, 10, 4\n.globl _start\n_start: movl $shared, %eax\n ret\n`);
  const b = obj("b.o", `.comm shared, 100, 32\n`);
  const c = obj("c.o", `.comm shared, 50, 8\n`);
  const { exe } = build([a, b, c]);
  const sym = exe.symbols.get("shared")!;
  assert.equal(sym.size, 100);
  assert.equal(sym.value % 32, 0);
  const bss = exe.section(".bss")!;
  assert.ok(sym.value >= bss.addr && sym.value + 100 <= bss.addr + bss.size);
});

Deno.test("a strong definition beats weak and common ones; undefined weak symbols are 0", async () => {
  const a = obj(
    "a.o",
    `.weak value
.data
value: .long 1
.text
.weak nothing
.globl _start
_start: movl value, %ebx
  addl $nothing, %ebx
  ${EXIT}`,
  );
  const b = obj("b.o", `.data\n.globl value\nvalue: .long 9\n`);
  const c = obj("c.o", `.comm value, 4, 4\n`);
  const { bytes, exe } = build([a, c, b]);
  assert.equal(exe.word(exe.symbols.get("value")!.value), 9);
  assert.equal(exe.symbols.get("nothing")!.shndx, 0);
  const code = await exitStatus(bytes);
  if (code !== null) assert.equal(code, 9);
});

Deno.test("COMDAT groups with the same signature are kept once", () => {
  const group = (name: string, v: number) =>
    obj(
      name,
      `.section .text.helper,"axG",@progbits,helper,comdat
.globl helper
helper: movl $${v}, %eax
  ret
.text
.globl ${name === "a.o" ? "_start" : "other"}
${name === "a.o" ? "_start" : "other"}: call helper
  ret
`,
    );
  const { exe } = build([group("a.o", 1), group("b.o", 2)]);
  const helper = exe.symbols.get("helper")!.value;
  assert.equal(exe.word(helper) & 0xff, 0xb8);
  assert.equal(exe.word(helper + 1), 1, "the first group wins");
  assert.equal(exe.section(".text")!.size, 6 + 6 + 6, "one copy of helper");
});

Deno.test("GOT relocations: GOT32X with and without a base register, GOTOFF and GOTPC", () => {
  const src = obj(
    "g.o",
    `.data
.globl var
var: .long 77
.text
.globl _start
_start: call 1f
1: popl %ebx
  addl $_GLOBAL_OFFSET_TABLE_+(.-1b), %ebx
gotpc_end:
  movl var@GOT(%ebx), %eax
  movl var@GOT, %ecx
  leal var@GOTOFF(%ebx), %edx
  ret
`,
  );
  const { exe } = build([src]);
  const got = exe.symbols.get("_GLOBAL_OFFSET_TABLE_")!.value;
  const start = exe.symbols.get("_start")!.value;
  const v = exe.symbols.get("var")!.value;
  assert.equal(got, exe.section(".got")!.addr);
  // addl $imm32, %ebx = 81 c3 imm32 at start+6; GOTPC value = GOT + A - P.
  assert.equal((start + 5 + signed(exe.word(start + 8))) >>> 0, got, "GOTPC: %ebx = 1b + field");
  const withBase = signed(exe.word(start + 14));
  assert.equal(exe.word(got + withBase), v, "GOT entry holds the address");
  assert.equal(exe.word(exe.word(start + 20)), v, "baseless GOT32X is the absolute entry address");
  assert.equal((got + signed(exe.word(start + 26))) >>> 0, v);
});

Deno.test("TLS relocations give thread-pointer offsets like GNU ld's (LE, LE_32, IE, IE_32, GOTIE, LDO)", async () => {
  const src = obj(
    "t.o",
    `.section .tdata,"awT",@progbits
.p2align 4
a: .long 7
.section .tbss,"awT",@nobits
.p2align 3
b: .zero 12
.data
le: .long b@NTPOFF
le32: .long b@TPOFF
dtp: .long b@DTPOFF
.text
.globl _start
_start: movl b@INDNTPOFF, %eax
  movl b@GOTTPOFF(%ebx), %eax
  movl b@GOTNTPOFF(%ebx), %eax
  ret
`,
  );
  const { exe } = build([src]);
  const tls = exe.phdrs.find((p) => p.type === 7)!;
  assert.deepEqual([tls.filesz, tls.memsz, tls.align], [4, 20, 16]);
  const w = (n: string) => signed(exe.word(exe.symbols.get(n)!.value));
  assert.equal(w("le"), -24);
  assert.equal(w("le32"), 24);
  assert.equal(w("dtp"), 8);
  const start = exe.symbols.get("_start")!.value, got = exe.section(".got")!.addr;
  assert.equal(signed(exe.word(exe.word(start + 1))), -24, "R_386_TLS_IE");
  assert.equal(signed(exe.word(got + signed(exe.word(start + 7)))), 24, "R_386_TLS_IE_32");
  assert.equal(signed(exe.word(got + signed(exe.word(start + 13)))), -24, "R_386_TLS_GOTIE");
  assert.equal(exe.symbols.get("b")!.value, 8, "TLS symbol values are segment offsets");
  if (!hasBinutils) return;
  const gnu = await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/t.o`, writeElfObject((src as { object: ObjectFile }).object));
    await sh("ld", ["-m", "elf_i386", "-static", "-o", `${dir}/t`, `${dir}/t.o`]);
    return readExe(await Deno.readFile(`${dir}/t`));
  });
  const g = (n: string) => signed(gnu.word(gnu.symbols.get(n)!.value));
  assert.deepEqual([w("le"), w("le32"), w("dtp")], [g("le"), g("le32"), g("dtp")]);
  const gtls = gnu.phdrs.find((p) => p.type === 7)!;
  assert.deepEqual([tls.filesz, tls.memsz, tls.align], [gtls.filesz, gtls.memsz, gtls.align]);
});

Deno.test("init_array pieces are ordered by priority, .ctors.N as 65535-N, unnumbered last", () => {
  const src = obj(
    "i.o",
    `.globl _start
_start: ret
.section .init_array,"aw"
.long 4
.section .init_array.00300,"aw"
.long 3
.section .ctors.65434,"aw"
.long 1
.section .init_array.00200,"aw"
.long 2
.section .ctors,"aw"
.long 5
`,
  );
  const { exe } = build([src]);
  const init = exe.section(".init_array")!;
  const words = Array.from({ length: init.size / 4 }, (_, i) => exe.word(init.addr + 4 * i));
  assert.deepEqual(words, [1, 2, 3, 4, 5]);
});

Deno.test("-e selects the entry symbol, strip drops .symtab, a missing entry warns", () => {
  const src = obj("e.o", `.globl _start, other\n_start: ret\nother: nop\n ret\n`);
  const { exe } = build([src], { entry: "other" });
  assert.equal(exe.entry, exe.symbols.get("other")!.value);
  const stripped = build([src], { strip: true }).exe;
  assert.equal(stripped.section(".symtab"), undefined);
  assert.equal(stripped.section(".strtab"), undefined);
  const warnings: string[] = [];
  const none = build([obj("n.o", `.globl main\nmain: ret\n`)], {
    onWarning: (m) => warnings.push(m),
  });
  assert.match(warnings[0], /cannot find entry symbol _start; defaulting to 0x0804/);
  assert.equal(none.exe.entry, none.exe.section(".text")!.addr);
});

Deno.test("16- and 8-bit relocations are applied within range", () => {
  const a = obj("a.o", `.globl _start\n_start: ret\n.data\n.word small\n.byte tiny\n.byte neg\n`);
  const b = obj(
    "b.o",
    `.globl small, tiny, neg\n.set small, 0xfff0\n.set tiny, 0xff\n.set neg, -128\n`,
  );
  const { exe } = build([a, b]);
  assert.equal(exe.word(exe.section(".data")!.addr), 0x80fffff0);
});

Deno.test("orphan sections keep their names, are placed by flags and get __start_/__stop_ symbols", () => {
  const a = obj(
    "o.o",
    `.globl _start
_start: movl $__start_my_table, %eax
  movl $__stop_my_table, %ecx
  ret
.section my_table,"aw"
.long 1, 2
.section my_code,"ax"
nop
.section my_ro,"a"
.byte 7
`,
  );
  const b = obj("p.o", `.section my_table,"aw"\n.long 3\n`);
  const { exe } = build([a, b]);
  const table = exe.section("my_table")!;
  assert.equal(table.size, 12, "pieces from both objects merged");
  assert.equal(exe.symbols.get("__start_my_table")!.value, table.addr);
  assert.equal(exe.symbols.get("__stop_my_table")!.value, table.addr + 12);
  const [text, data] = exe.phdrs;
  const inside = (s: { addr: number }, p: typeof text) =>
    s.addr >= p.vaddr && s.addr < p.vaddr + p.memsz;
  assert.ok(inside(exe.section("my_code")!, text) && (exe.section("my_code")!.flags & 4) !== 0);
  assert.ok(inside(exe.section("my_ro")!, text));
  assert.ok(inside(table, data));
});
