/**
 * Flat binaries: `assembleFlat` resolves everything at a load address. Oracle: the same
 * source assembled by GNU as and linked by `ld -m elf_i386 --oformat binary` with the
 * sections placed the same way (text, data, rodata, then bss at the end). Plus unit
 * checks of the symbol map and of absolute branch targets.
 */

import assert from "node:assert/strict";
import { assembleFlat } from "../../../src/toolchain/as/mod.ts";
import { hasGcc32, run } from "./_host.ts";

const WORKLOAD = new URL("../../bench/workloads/cpu_mix.s", import.meta.url).pathname;

const MIXED = `
        .text
        .globl start
start:  movl $msg, %esi
        movl table+8, %eax
        call func
        jmp *jumps(,%eax,4)
func:   leal end - start(%esi), %ecx
        ret
1:      jmp 1b
        .data
        .p2align 3
table:  .long 1, 2, 3, start, msg, end
jumps:  .long 1b, func, start
        .section .rodata
msg:    .asciz "flat"
        .p2align 2
        .long . - msg, table
        .bss
        .lcomm buffer, 100
end:
        .text
        movl $buffer, %edi
        movl $end, %ecx
`;

async function gnuFlat(src: string, origin: number): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.s`, src);
    await run("as", ["--32", "-o", `${dir}/a.o`, `${dir}/a.s`]);
    const script = `SECTIONS { . = ${origin}; .text : { *(.text) } .data : { *(.data) } ` +
      `.rodata : { *(.rodata) } .bss : { *(.bss) } /DISCARD/ : { *(.note*) *(.comment) } }`;
    await Deno.writeTextFile(`${dir}/l.ld`, script);
    await run("ld", [
      "-m",
      "elf_i386",
      "-T",
      `${dir}/l.ld`,
      "--oformat",
      "binary",
      "-o",
      `${dir}/a.bin`,
      `${dir}/a.o`,
    ]);
    return await Deno.readFile(`${dir}/a.bin`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

for (
  const [name, get] of [["the CPU benchmark workload", () => Deno.readTextFile(WORKLOAD)], [
    "a program with text, data, rodata and bss",
    () => Promise.resolve(MIXED),
  ]] as const
) {
  Deno.test({
    name: `assembleFlat() equals GNU as + ld --oformat binary for ${name}`,
    ignore: !hasGcc32,
    async fn() {
      const src = await get();
      const ours = assembleFlat(src, { origin: 0x8048000 }).bytes;
      const gnu = await gnuFlat(src, 0x8048000);
      assert.ok(gnu.length > 0);
      assert.deepEqual(ours.subarray(0, gnu.length), gnu);
      assert.ok(ours.subarray(gnu.length).every((b) => b === 0), "only zero bss after GNU's bytes");
    },
  });
}

Deno.test("assembleFlat() places code at the origin and reports symbol addresses", () => {
  const img = assembleFlat("start: jmp next\n .equ K, next + 4\nnext: ret\n.data\nv: .long K", {
    origin: 0x1000,
  });
  assert.equal(img.origin, 0x1000);
  assert.deepEqual([...img.bytes.subarray(0, 3)], [0xeb, 0x00, 0xc3]);
  assert.equal(img.symbols.get("start"), 0x1000);
  assert.equal(img.symbols.get("next"), 0x1002);
  assert.equal(img.symbols.get("K"), 0x1006);
  assert.equal(img.symbols.get("v"), 0x1003, ".data follows .text (alignment 1)");
  assert.deepEqual([...img.bytes.subarray(3, 7)], [0x06, 0x10, 0, 0]);
});

Deno.test("assembleFlat() resolves branches to absolute addresses", () => {
  const img = assembleFlat("call 0x2000\njmp 0x1000", { origin: 0x1000 });
  assert.deepEqual([...img.bytes], [0xe8, 0xfb, 0x0f, 0, 0, 0xe9, 0xf6, 0xff, 0xff, 0xff]);
});

Deno.test("assembleFlat() defaults the origin to 0", () => {
  const img = assembleFlat("movl $here, %eax\nhere:");
  assert.deepEqual([...img.bytes], [0xb8, 5, 0, 0, 0]);
});
