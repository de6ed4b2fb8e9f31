/**
 * `denix ld` command line: -o, -e, -s, -L/-l archive search, GNU ld flags accepted for
 * compatibility; exit 1 with "ld: " messages on link errors, 2 on usage errors.
 */

import assert from "node:assert/strict";
import { assemble, writeElfObject } from "../../../src/toolchain/as/mod.ts";
import { arCreate, ldMain } from "../../../src/toolchain/ld/mod.ts";
import { readExe } from "./_exe.ts";
import { withTempDir } from "./_host.ts";

const elf = (src: string) => writeElfObject(assemble(src));

/** Runs ldMain capturing console.error lines. */
async function ld(args: string[]): Promise<{ code: number; errors: string[] }> {
  const errors: string[] = [];
  const saved = console.error;
  console.error = (...a: unknown[]) => errors.push(a.join(" "));
  try {
    return { code: await ldMain(args), errors };
  } finally {
    console.error = saved;
  }
}

Deno.test("ldMain links objects and -l archives into an executable file", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/m.o`, elf(`.globl _start, alt\n_start: call foo\nalt: ret\n`));
    await Deno.mkdir(`${dir}/lib`);
    await Deno.writeFile(
      `${dir}/lib/libfoo.a`,
      arCreate([{ name: "f.o", bytes: elf(`.globl foo\nfoo: ret\n`) }]),
    );
    const out = `${dir}/prog`;
    const r = await ld([
      "-m",
      "elf_i386",
      "-static",
      "-o",
      out,
      `${dir}/m.o`,
      `-L${dir}/lib`,
      "-lfoo",
    ]);
    assert.deepEqual(r, { code: 0, errors: [] });
    const exe = readExe(await Deno.readFile(out));
    assert.ok(exe.symbols.has("foo"));
    assert.equal((await Deno.stat(out)).mode! & 0o111, 0o111, "executable mode");
    assert.equal(
      (await ld(["-e", "alt", "-s", "-o", out, `${dir}/m.o`, "-L", `${dir}/lib`, "-lfoo"])).code,
      0,
    );
    const stripped = readExe(await Deno.readFile(out));
    assert.equal(stripped.symbols.size, 0);
    assert.equal(stripped.entry, exe.symbols.get("alt")!.value);
  });
});

Deno.test("ldMain exits 1 with ld: messages on link errors", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/m.o`, elf(`.globl _start\n_start: call nowhere\n`));
    const r = await ld(["-o", `${dir}/out`, `${dir}/m.o`]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.errors, [`ld: undefined reference to \`nowhere' in ${dir}/m.o(.text+0x1)`]);
  });
});

Deno.test("ldMain exits 2 on usage errors", async () => {
  for (const args of [[], ["--bogus", "x.o"], ["-o"], ["-lmissing"], ["/nonexistent/file.o"]]) {
    const r = await ld(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.errors[0], /^ld: /);
  }
});
