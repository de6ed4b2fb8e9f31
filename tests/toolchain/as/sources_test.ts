/**
 * Hand-written sources (tests/fixtures/as/s: branch relaxation, directives and
 * expressions) and the CPU benchmark workload, assembled by us and by GNU as: every
 * section's bytes and relocations and the symbol tables must be equal. Skips without
 * GNU as.
 */

import assert from "node:assert/strict";
import { assemble, writeElfObject } from "../../../src/toolchain/as/mod.ts";
import { readElf, readSymbols } from "./_elf_read.ts";
import { hasTool, run } from "./_host.ts";

const S_DIR = new URL("../../fixtures/as/s/", import.meta.url).pathname;
const SOURCES = [
  `${S_DIR}relax.s`,
  `${S_DIR}directives.s`,
  `${S_DIR}macros.s`,
  new URL("../../bench/workloads/cpu_mix.s", import.meta.url).pathname,
];

/** GNU-only sections (CFI output, .comment from .ident is compared too). */
function compared(name: string): boolean {
  return name !== ".eh_frame" && name !== ".rel.eh_frame" && !name.startsWith(".rel") &&
    name !== ".symtab" && name !== ".strtab" && name !== ".shstrtab";
}

function show(s: { bytes: Uint8Array; relocs: unknown } | undefined): string {
  if (!s) return "<missing>";
  const hex = Array.from(s.bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex} relocs ${JSON.stringify(s.relocs)}`;
}

for (const path of SOURCES) {
  const name = path.split("/").pop()!;
  Deno.test({
    name: `assemble() equals GNU as on ${name}`,
    ignore: !hasTool("as"),
    async fn() {
      const dir = await Deno.makeTempDir();
      try {
        await run("as", ["--32", "-o", `${dir}/g.o`, path]);
        const gnuElf = await Deno.readFile(`${dir}/g.o`);
        const ourElf = writeElfObject(assemble(await Deno.readTextFile(path), { fileName: name }));
        const [gnu, ours] = [readElf(gnuElf), readElf(ourElf)];
        for (const sec of new Set([...gnu.keys(), ...ours.keys()])) {
          if (!compared(sec)) continue;
          assert.equal(show(ours.get(sec)), show(gnu.get(sec)), `section ${sec}`);
        }
        assert.deepEqual(readSymbols(ourElf), readSymbols(gnuElf));
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
