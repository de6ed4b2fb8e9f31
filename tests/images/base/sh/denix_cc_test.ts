/**
 * The shell's C sources go through denix's own compiler: every file
 * compiles to assembly against denix's libc headers without a diagnostic,
 * and GNU as (when installed) accepts the assembly.
 */
import assert from "node:assert/strict";
import { compile } from "../../../../src/toolchain/cc/mod.ts";
import { run, shSources } from "./_build.ts";

const LIBC_INCLUDE = new URL("../../../../src/toolchain/libc/include/", import.meta.url).pathname;

async function hasGnuAs(): Promise<boolean> {
  try {
    return (await run("as", ["--32", "--version"])).code === 0;
  } catch {
    return false;
  }
}
const gnuAs = await hasGnuAs();

for (const file of shSources()) {
  const name = file.slice(file.lastIndexOf("/") + 1);
  Deno.test(`denix cc compiles sh/${name} to assembly GNU as accepts`, async () => {
    const r = compile(Deno.readTextFileSync(file), {
      fileName: file,
      systemDirs: [LIBC_INCLUDE],
      defines: { _POSIX_C_SOURCE: "200809L" },
    });
    assert.deepEqual(r.diagnostics.map((d) => JSON.stringify(d)), []);
    assert.ok(r.ok);
    if (!gnuAs) return;
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/a.s`, r.asm);
      const as = await run("as", ["--32", "-o", `${dir}/a.o`, `${dir}/a.s`]);
      assert.equal(as.stderr, "");
      assert.equal(as.code, 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
