/**
 * The 64-bit division runtime (src/toolchain/cc/runtime/divdi3.c), compiled
 * by denix cc, replaces libgcc's helpers: a division-heavy program linked
 * against it must match the gcc -O0 build (which uses libgcc).
 */
import assert from "node:assert/strict";
import { compile } from "../../../src/toolchain/cc/mod.ts";
import { FIXTURES, hasGcc32, NO_GCC, run } from "./_host.ts";

const RUNTIME = new URL("../../../src/toolchain/cc/runtime/divdi3.c", import.meta.url).pathname;

function toAsm(path: string): string {
  const r = compile(Deno.readTextFileSync(path), {
    fileName: path,
    includeDirs: [`${FIXTURES}include`],
  });
  assert.ok(r.ok, r.diagnostics.map((d) => d.text).join("\n"));
  return r.asm;
}

Deno.test({
  name: `runtime __divdi3/__udivdi3/__moddi3/__umoddi3 compiled by denix cc match libgcc${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "denix-cc-rt-" });
    try {
      const prog = `${FIXTURES}runtime/divmod.c`;
      await Deno.writeTextFile(`${dir}/rt.s`, toAsm(RUNTIME));
      await Deno.writeTextFile(`${dir}/p.s`, toAsm(prog));
      const a = await run("gcc", [
        "-m32",
        "-static",
        `${dir}/p.s`,
        `${dir}/rt.s`,
        "-o",
        `${dir}/ours`,
      ]);
      assert.equal(a.code, 0, a.stderr);
      const nm = await run("nm", [`${dir}/ours`]);
      const b = await run("gcc", [
        "-m32",
        "-static",
        "-w",
        "-I",
        `${FIXTURES}include`,
        prog,
        "-o",
        `${dir}/ref`,
      ]);
      assert.equal(b.code, 0, b.stderr);
      const [x, y] = await Promise.all([run(`${dir}/ours`, []), run(`${dir}/ref`, [])]);
      assert.equal(x.stdout, y.stdout);
      assert.equal(x.code, y.code);
      assert.match(nm.stdout, /T __udivdi3/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
