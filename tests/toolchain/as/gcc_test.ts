/**
 * gcc -S output of real C files (tests/fixtures/as/c: string functions, qsort, a
 * printf-like formatter, switch statements, structs), at -O0, -O2 and -Os, static and
 * position-independent (-fpie, -fPIC: GOT/PLT/GOTOFF relocations, COMDAT thunks), assembled
 * by us and by GNU as: every code and data section (.text*, .data, .rodata*, .bss)
 * must have equal bytes and equal relocations, and the symbol tables (name, binding,
 * type, visibility, section, value, size; file/section symbols aside) must be equal.
 * Skips without gcc -m32.
 */

import assert from "node:assert/strict";
import { assemble } from "../../../src/toolchain/as/mod.ts";
import { writeElfObject } from "../../../src/toolchain/as/mod.ts";
import { readElf, type ReadSection, readSymbols } from "./_elf_read.ts";
import { hasGcc32, run } from "./_host.ts";

const C_DIR = new URL("../../fixtures/as/c/", import.meta.url).pathname;
const FILES = ["strings", "qsort", "format", "switch", "structs", "misc", "float"];
const OPTS = ["-O0", "-O2", "-Os"];
/** Code models: static (what denix's toolchain targets) and position-independent. */
const MODELS = ["-fno-pie", "-fpie", "-fPIC"];

/** Sections GNU as fills that we do not (CFI, notes, .comment) are left out. */
function compared(name: string): boolean {
  return /^\.(text|data|rodata|bss)/.test(name);
}

function describe(s: ReadSection | undefined): string {
  if (!s) return "<missing>";
  const hex = Array.from(s.bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex}\n    relocs ${JSON.stringify(s.relocs)}`;
}

async function compare(dir: string, file: string, opt: string, model: string): Promise<string[]> {
  const base = `${dir}/${file}${opt}${model}`;
  await run("gcc", ["-m32", model, opt, "-S", "-o", `${base}.s`, `${C_DIR}${file}.c`]);
  await run("as", ["--32", "-o", `${base}.gnu.o`, `${base}.s`]);
  const src = await Deno.readTextFile(`${base}.s`);
  const ourElf = writeElfObject(assemble(src, { fileName: `${file}${opt}.s` }));
  const gnuElf = await Deno.readFile(`${base}.gnu.o`);
  const [ours, gnu] = [readElf(ourElf), readElf(gnuElf)];
  const bad: string[] = [];
  for (const name of new Set([...gnu.keys(), ...ours.keys()])) {
    if (!compared(name)) continue;
    const [g, o] = [describe(gnu.get(name)), describe(ours.get(name))];
    if (g !== o) bad.push(`${file}${opt}${model} ${name}:\n  gnu  ${g}\n  ours ${o}`);
  }
  // Order of local symbols follows GNU's internal conversion order; compare as sets.
  const [gs, os] = [readSymbols(gnuElf).sort(), readSymbols(ourElf).sort()];
  if (gs.join("\n") !== os.join("\n")) {
    bad.push(`${file}${opt}${model} symbols:\n  gnu  ${gs.join(", ")}\n  ours ${os.join(", ")}`);
  }
  return bad;
}

Deno.test({
  name: "assemble() output equals GNU as on gcc -S of real C files",
  ignore: !hasGcc32,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const jobs = FILES.flatMap((f) =>
        OPTS.flatMap((o) => MODELS.map((m) => compare(dir, f, o, m)))
      );
      const bad = (await Promise.all(jobs)).flat();
      assert.equal(bad.length, 0, bad.join("\n"));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
