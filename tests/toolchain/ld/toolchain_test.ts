/**
 * The whole denix toolchain: the basic fixture program compiled by denix cc,
 * assembled by denix as and linked by denix ld (only the tiny crt, which uses
 * top-level asm, comes from gcc) behaves like the same sources built by gcc + GNU ld.
 */

import assert from "node:assert/strict";
import { compile as ccCompile } from "../../../src/toolchain/cc/mod.ts";
import { assemble } from "../../../src/toolchain/as/mod.ts";
import { link, type LinkInput } from "../../../src/toolchain/ld/mod.ts";
import {
  canRunI386,
  compile,
  FIXTURES,
  hasBinutils,
  hasGcc32,
  requires,
  runExe,
  sh,
  withTempDir,
} from "./_host.ts";

const ready = requires("ld whole-toolchain test", {
  "no gcc -m32 (for the crt and the oracle)": hasGcc32,
  "no GNU binutils": hasBinutils,
  "host cannot run i386 executables": canRunI386,
});

/** denix cc + denix as: an in-memory object for fixture `name`.c. */
function denixObject(name: string): LinkInput {
  const path = `${FIXTURES}${name}.c`;
  const r = ccCompile(Deno.readTextFileSync(path), { fileName: path });
  assert.ok(r.ok, `denix cc failed on ${name}.c: ${JSON.stringify(r.diagnostics)}`);
  return { name: `${name}.o`, object: assemble(r.asm, { fileName: `${name}.s` }) };
}

Deno.test({
  name: "a program built by denix cc, as and ld runs like gcc + GNU ld's build",
  ignore: !ready,
  async fn() {
    await withTempDir(async (dir) => {
      const crt = await compile(dir, "crt", "-fno-pic");
      const files = ["basic_main", "basic_util"];
      const gccObjs = await Promise.all(files.map((f) => compile(dir, f, "-fno-pic")));
      await sh("ld", ["-m", "elf_i386", "-static", "-o", `${dir}/gnu`, crt, ...gccObjs]);
      const inputs = [
        { name: "crt.o", bytes: await Deno.readFile(crt) },
        ...files.map(denixObject),
      ];
      await Deno.writeFile(`${dir}/ours`, link(inputs), { mode: 0o755 });
      const got = await runExe(`${dir}/ours`);
      assert.deepEqual(got, await runExe(`${dir}/gnu`));
      assert.equal(got.code, 42);
    });
  },
});
