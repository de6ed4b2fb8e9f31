/**
 * Every tool and library file compiles with denix's own C compiler against
 * denix's libc headers and assembles with denix's assembler. Files that
 * need libc functions not yet in denix's libc are listed with the missing
 * name: the test fails if any file fails for another reason, and says when
 * a listed file starts compiling (libc is being extended in parallel).
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { compile } from "../../../../src/toolchain/cc/mod.ts";
import { assemble, writeElfObject } from "../../../../src/toolchain/as/mod.ts";
import { BIN_SRC, LIB_SRC } from "./_harness.ts";

const LIBC_INCLUDE = new URL("../../../../src/toolchain/libc/include", import.meta.url).pathname;

/** Files waiting for a libc API (POSIX functions the tools use), by the missing name. */
const NEEDS_LIBC: Record<string, string> = {};

function sources(): string[] {
  const list: string[] = [];
  for (const [dir, tag] of [[BIN_SRC, "bin"], [LIB_SRC, "lib"]]) {
    for (const e of Deno.readDirSync(dir)) if (e.name.endsWith(".c")) list.push(`${tag}/${e.name}`);
  }
  return list.sort();
}

Deno.test("every tool compiles with denix cc and assembles with denix as", () => {
  const failures: Record<string, string> = {};
  for (const rel of sources()) {
    const path = (rel.startsWith("bin/") ? BIN_SRC : LIB_SRC) + rel.slice(4);
    const r = compile(Deno.readTextFileSync(path), {
      fileName: path,
      includeDirs: [LIB_SRC],
      systemDirs: [LIBC_INCLUDE],
      defines: {},
      preprocessOnly: false,
      optimize: 1,
    });
    if (!r.ok) {
      failures[rel] = r.diagnostics.map((d) => d.text).join("\n");
      continue;
    }
    try {
      ok(writeElfObject(assemble(r.asm, { fileName: rel })).length > 0);
    } catch (e) {
      failures[rel] = `denix as: ${e}`;
    }
  }
  const unexpected = Object.entries(failures)
    .filter(([f, msg]) => !(f in NEEDS_LIBC && msg.includes(NEEDS_LIBC[f])));
  deepStrictEqual(unexpected, [], "files that denix cc/as rejected");
  const ready = Object.keys(NEEDS_LIBC).filter((f) => !(f in failures));
  if (ready.length) console.log(`now compiling with denix libc (shorten NEEDS_LIBC): ${ready}`);
});
