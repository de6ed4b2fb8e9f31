/**
 * ABI interoperability with gcc -m32: a library and a caller (tests/fixtures/cc/abi/)
 * exchanging chars, shorts, long longs, floats, doubles, long doubles, small/mid/big
 * structs by value and as results, varargs, va_list, callbacks, _Bool and data
 * symbols. Built as denix-lib + gcc-main and gcc-lib + denix-main, both must
 * behave exactly like the all-gcc build.
 */
import assert from "node:assert/strict";
import { compile } from "../../../src/toolchain/cc/mod.ts";
import { FIXTURES, hasGcc32, NO_GCC, run } from "./_host.ts";

const DIR = `${FIXTURES}abi/`;
const INC = `${FIXTURES}include`;

Deno.test({
  name: `objects from denix cc and gcc call each other in both directions${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "denix-cc-abi-" });
    try {
      for (const name of ["lib", "main"]) {
        const r = compile(Deno.readTextFileSync(`${DIR}${name}.c`), {
          fileName: `${DIR}${name}.c`,
          includeDirs: [INC],
        });
        assert.ok(r.ok, r.diagnostics.map((d) => d.text).join("\n"));
        await Deno.writeTextFile(`${tmp}/${name}.s`, r.asm);
        const g = await run("gcc", [
          "-m32",
          "-c",
          "-w",
          "-I",
          INC,
          `${DIR}${name}.c`,
          "-o",
          `${tmp}/${name}_gcc.o`,
        ]);
        assert.equal(g.code, 0, g.stderr);
      }
      const builds: Record<string, string[]> = {
        ours_lib: [`${tmp}/lib.s`, `${tmp}/main_gcc.o`],
        ours_main: [`${tmp}/lib_gcc.o`, `${tmp}/main.s`],
        gcc: [`${tmp}/lib_gcc.o`, `${tmp}/main_gcc.o`],
      };
      const out: Record<string, string> = {};
      for (const [name, inputs] of Object.entries(builds)) {
        const l = await run("gcc", ["-m32", "-static", ...inputs, "-o", `${tmp}/${name}`]);
        assert.equal(l.code, 0, l.stderr);
        const x = await run(`${tmp}/${name}`, []);
        out[name] = `${x.stdout}[exit ${x.code}]`;
      }
      assert.equal(out.ours_lib, out.gcc);
      assert.equal(out.ours_main, out.gcc);
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
