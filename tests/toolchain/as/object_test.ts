/**
 * The object model (object.ts) and its ELF form: relocation addends in place, symbol
 * fields, commons, COMDAT groups; the ELF is accepted by readelf without warnings.
 */

import assert from "node:assert/strict";
import { assemble, RelocType, writeElfObject } from "../../../src/toolchain/as/mod.ts";
import { hasTool, run } from "./_host.ts";

const SRC = `
        .text
        .globl f
        .type f, @function
f:      call ext
        movl $local_data + 4, %eax
        movl $ext + 8, %ecx
        jmp f
        ret
        .size f, . - f
        .data
local_data: .long 1
        .long f, ext - .
        .comm shared, 16, 8
        .weak maybe
        .section .text.g, "axG", @progbits, g, comdat
        .globl g
        .hidden g
g:      ret
`;

Deno.test("assemble() keeps REL addends in the bytes and in Reloc.addend", () => {
  const obj = assemble(SRC, { fileName: "o.s" });
  const text = obj.sections.find((s) => s.name === ".text")!;
  const sym = (i: number) => obj.symbols[i];
  const rel = text.relocs.map((r) => [r.offset, r.type, sym(r.symbol).name, r.addend]);
  assert.deepEqual(rel, [
    [1, RelocType.R_386_PC32, "ext", -4],
    [6, RelocType.R_386_32, ".data", 4],
    [11, RelocType.R_386_32, "ext", 8],
  ]);
  const dv = new DataView(text.bytes.buffer);
  assert.equal(dv.getInt32(1, true), -4);
  assert.equal(dv.getInt32(6, true), 4);
  assert.deepEqual([...text.bytes.subarray(15, 18)], [0xeb, 0xef, 0xc3], "jmp f resolved short");
  const data = obj.sections.find((s) => s.name === ".data")!;
  assert.deepEqual(data.relocs.map((r) => [r.offset, r.type, sym(r.symbol).name, r.addend]), [
    [4, RelocType.R_386_32, "f", 0],
    [8, RelocType.R_386_PC32, "ext", 0],
  ]);
});

Deno.test("assemble() describes symbols: binding, type, size, commons, weak, hidden", () => {
  const obj = assemble(SRC);
  const by = new Map(obj.symbols.map((s) => [s.name, s]));
  assert.deepEqual(by.get("f"), {
    name: "f",
    section: 0,
    value: 0,
    size: 18,
    binding: "global",
    type: "func",
    visibility: "default",
  });
  assert.equal(by.get("local_data")!.binding, "local");
  assert.deepEqual(
    [by.get("shared")!.section, by.get("shared")!.value, by.get("shared")!.size],
    ["common", 8, 16],
  );
  assert.deepEqual([by.get("maybe")!.binding, by.get("maybe")!.section], ["weak", "undef"]);
  assert.deepEqual([by.get("ext")!.binding, by.get("ext")!.section], ["global", "undef"]);
  assert.equal(by.get("g")!.visibility, "hidden");
  const locals = obj.symbols.findIndex((s) => s.binding !== "local");
  assert.ok(obj.symbols.slice(locals).every((s) => s.binding !== "local"), "locals first");
});

Deno.test("assemble() records COMDAT groups on sections", () => {
  const obj = assemble(SRC);
  assert.equal(obj.sections.find((s) => s.name === ".text.g")!.group, "g");
  assert.equal(obj.sections.find((s) => s.name === ".text")!.group, null);
});

Deno.test({
  name: "writeElfObject() output passes readelf -a without warnings",
  ignore: !hasTool("readelf"),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeFile(`${dir}/o.o`, writeElfObject(assemble(SRC, { fileName: "o.s" })));
      const out = await run("readelf", ["-a", "-W", `${dir}/o.o`]);
      assert.doesNotMatch(out, /warning|error/i);
      assert.match(out, /COMDAT group section \[\s*1\] `\.group' \[g\] contains 1 sections/);
      assert.match(out, /R_386_PC32\s+00000000\s+ext/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
