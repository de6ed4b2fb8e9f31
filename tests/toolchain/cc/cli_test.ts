/**
 * The `denix cc` driver: -E, -S, -c (through denix's own assembler) and the
 * interim gcc link, plus usage errors.
 */
import assert from "node:assert/strict";
import { ccMain } from "../../../src/toolchain/cc/mod.ts";
import { FIXTURES, hasGcc32, NO_GCC, run } from "./_host.ts";

const INC = `${FIXTURES}include`;
/** Every top-level fixture program. */
const PROGRAMS = [...Deno.readDirSync(FIXTURES)].filter((e) => e.isFile && e.name.endsWith(".c"))
  .map((e) => e.name);

async function silenced<T>(f: () => Promise<T>): Promise<T> {
  const err = console.error;
  console.error = () => {};
  try {
    return await f();
  } finally {
    console.error = err;
  }
}

Deno.test("ccMain -E writes preprocessed source and -S writes assembly", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/t.c`, "#define N 40\nint main(void) { return N + 2; }\n");
    assert.equal(await ccMain(["-E", `${dir}/t.c`, "-o", `${dir}/t.i`, "-DUNUSED=1"]), 0);
    assert.match(await Deno.readTextFile(`${dir}/t.i`), /int main\(void\) \{ return 40 \+ 2; \}/);
    assert.equal(await ccMain(["-S", `${dir}/t.c`, "-o", `${dir}/t.s`]), 0);
    const asm = await Deno.readTextFile(`${dir}/t.s`);
    assert.match(asm, /\.globl main/);
    assert.match(asm, /movl \$42, %eax/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ccMain reports compile errors and bad usage with status 1", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/bad.c`, "int main(void) { return }\n");
    assert.equal(await silenced(() => ccMain(["-S", `${dir}/bad.c`, "-o", `${dir}/bad.s`])), 1);
    assert.equal(await silenced(() => ccMain(["--bogus", "x.c"])), 1);
    assert.equal(await silenced(() => ccMain([])), 1);
    assert.equal(await silenced(() => ccMain([`${dir}/missing.c`, "-S"])), 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: `ccMain -c objects from denix's assembler link and run like gcc builds${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Promise.all(PROGRAMS.map(async (name) => {
        const base = `${dir}/${name.replace(/\.c$/, "")}`;
        assert.equal(
          await ccMain(["-c", "-I", INC, `${FIXTURES}${name}`, "-o", `${base}.o`]),
          0,
          name,
        );
        const link = await run("gcc", ["-m32", "-static", `${base}.o`, "-o", `${base}.ours`]);
        assert.equal(link.code, 0, link.stderr);
        const ref = await run("gcc", [
          "-m32",
          "-static",
          "-w",
          "-I",
          INC,
          `${FIXTURES}${name}`,
          "-o",
          `${base}.ref`,
        ]);
        assert.equal(ref.code, 0, ref.stderr);
        const [x, y] = await Promise.all([run(`${base}.ours`, []), run(`${base}.ref`, [])]);
        assert.equal(`${x.stdout}[${x.code}]`, `${y.stdout}[${y.code}]`, name);
      }));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: `ccMain links through the interim gcc -m32 -static step${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      assert.equal(await ccMain(["-I", INC, `${FIXTURES}control.c`, "-o", `${dir}/prog`]), 0);
      const r = await run(`${dir}/prog`, []);
      assert.equal(r.code, 4);
      assert.match(r.stdout, /^9\n/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
