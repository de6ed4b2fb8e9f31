/**
 * Link test: the fixture C library (tests/fixtures/as/c) compiled by gcc -S, assembled
 * by us into ELF objects, linked by gcc -m32 -static with a gcc-built main, run
 * natively; its output must equal the same program built entirely by gcc (static at
 * -O0/-O2, and position-independent with COMDAT pc-thunks linked -pie). Also links
 * a hand-written `_start` program assembled by us with `ld -m elf_i386` and checks its
 * exit status. Skips without gcc -m32.
 */

import assert from "node:assert/strict";
import { assemble, writeElfObject } from "../../../src/toolchain/as/mod.ts";
import { hasGcc32, run } from "./_host.ts";

/** True if gcc can link 32-bit PIE executables (needs the dynamic i386 libc). */
const hasPie: boolean = hasGcc32 && (() => {
  try {
    const dir = Deno.makeTempDirSync();
    Deno.writeTextFileSync(`${dir}/t.c`, "int main(void){return 0;}\n");
    const r = new Deno.Command("gcc", {
      args: ["-m32", "-fpie", "-pie", "-o", `${dir}/t`, `${dir}/t.c`],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    const ok = r.success && new Deno.Command(`${dir}/t`).outputSync().success;
    Deno.removeSync(dir, { recursive: true });
    return ok;
  } catch {
    return false;
  }
})();

const C_DIR = new URL("../../fixtures/as/c/", import.meta.url).pathname;
const LIB = ["strings", "qsort", "format", "switch", "structs", "misc", "float"];

/** Builds main + our objects of the fixture library; `pie` selects -fpie + -pie linking. */
async function buildWithOurAs(dir: string, opt: string, pie: boolean): Promise<string> {
  const objs: string[] = [];
  const model = pie ? "-fpie" : "-fno-pie";
  for (const f of LIB) {
    const s = `${dir}/${f}${opt}${model}.s`;
    await run("gcc", ["-m32", model, opt, "-S", "-o", s, `${C_DIR}${f}.c`]);
    const obj = assemble(await Deno.readTextFile(s), { fileName: s });
    const o = `${dir}/${f}${opt}${model}.o`;
    await Deno.writeFile(o, writeElfObject(obj));
    objs.push(o);
  }
  const exe = `${dir}/ours${opt}${model}`;
  const link = pie ? ["-fpie", "-pie"] : ["-static", "-fno-pie"];
  await run("gcc", ["-m32", ...link, "-o", exe, `${C_DIR}main.c`, ...objs]);
  return run(exe, []);
}

Deno.test({
  name: "objects from assemble() link with gcc and run like gcc's own build",
  ignore: !hasGcc32,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const ref = `${dir}/ref`;
      const srcs = LIB.map((f) => `${C_DIR}${f}.c`);
      await run("gcc", ["-m32", "-static", "-O2", "-o", ref, `${C_DIR}main.c`, ...srcs]);
      const want = await run(ref, []);
      assert.match(want, /qsort sorted=1/);
      for (const opt of ["-O0", "-O2"]) {
        assert.equal(await buildWithOurAs(dir, opt, false), want, `${opt} static`);
      }
      if (hasPie) assert.equal(await buildWithOurAs(dir, "-O2", true), want, "-O2 -fpie -pie");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

const START = `
# Hand-written program: sums a table, writes a message, exits with the sum.
        .equ SYS_WRITE, 4
        .equ SYS_EXIT, 1
        .section .rodata
msg:    .ascii "hello from denix as\\n"
        .equ MSGLEN, . - msg
        .data
        .p2align 2
table:  .long 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        .equ N, (. - table) / 4
        .bss
        .lcomm scratch, 64
        .text
        .globl _start
_start: xorl %eax, %eax
        movl $N, %ecx
        movl $table, %esi
1:      addl -4(%esi,%ecx,4), %eax
        loop 1b
        movl %eax, scratch
        movl $SYS_WRITE, %eax
        movl $1, %ebx
        movl $msg, %ecx
        movl $MSGLEN, %edx
        int $0x80
        movl scratch, %ebx
        movl $SYS_EXIT, %eax
        int $0x80
`;

Deno.test({
  name: "a hand-written _start program assembled by us links with ld and runs",
  ignore: !hasGcc32,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeFile(`${dir}/s.o`, writeElfObject(assemble(START, { fileName: "s.s" })));
      await run("ld", ["-m", "elf_i386", "-o", `${dir}/s`, `${dir}/s.o`]);
      const r = await new Deno.Command(`${dir}/s`, { stdout: "piped" }).output();
      assert.equal(new TextDecoder().decode(r.stdout), "hello from denix as\n");
      assert.equal(r.code, 55);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
