/**
 * The libc module's file lists: SOURCES names every translation unit on disk,
 * embedded.ts is in sync with the files, and every public header is self-contained (compiles on its own with denix
 * cc, and with gcc -m32 when present).
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { compile } from "../../../src/toolchain/cc/mod.ts";
import { CRT0, INCLUDE_DIR, LIBC_DIR, SOURCES } from "../../../src/toolchain/libc/mod.ts";
import { CFLAGS, hasGcc32, run } from "./_build.ts";
import { renderEmbedded } from "../../../src/toolchain/libc/gen_embedded.ts";

function walk(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(`${dir}/${rel}`)) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...walk(dir, path));
    else out.push(path);
  }
  return out.sort();
}

const HEADERS = walk(INCLUDE_DIR).filter((h) => h.endsWith(".h"));

Deno.test("SOURCES lists every C and assembly file of the library except crt0", () => {
  const onDisk = walk(LIBC_DIR, "src").filter((f) => /\.(c|s)$/.test(f) && f !== CRT0);
  deepStrictEqual([...SOURCES].sort(), onDisk);
});

Deno.test("every public header compiles on its own with denix cc", () => {
  for (const h of HEADERS) {
    const r = compile(`#include <${h}>\n#include <${h}>\nint main(void) { return 0; }\n`, {
      fileName: `only_${h.replace(/\//g, "_")}.c`,
      systemDirs: [INCLUDE_DIR],
    });
    ok(r.ok, `${h}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  }
});

Deno.test({
  name: "every public header compiles on its own with gcc -m32",
  ignore: !hasGcc32,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      for (const h of HEADERS) {
        await Deno.writeTextFile(`${dir}/t.c`, `#include <${h}>\n#include <${h}>\nint x;\n`);
        const r = await run("gcc", [...CFLAGS, "-Werror", "-fsyntax-only", `${dir}/t.c`]);
        ok(r.code === 0, `${h}: ${r.stderr}`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("embedded.ts holds the current text of every header and source", () => {
  const onDisk = Deno.readTextFileSync(`${LIBC_DIR}/embedded.ts`);
  ok(
    onDisk === renderEmbedded(),
    "embedded.ts is stale: run deno run -A src/toolchain/libc/gen_embedded.ts",
  );
});
