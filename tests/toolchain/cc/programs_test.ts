/**
 * Oracle test: every C program in tests/fixtures/cc/ (and bench/) is compiled
 * by denix cc to assembly (at -O1 and at -O0, i.e. with and without register
 * allocation), assembled and linked by `gcc -m32 -static` (interim, glibc for
 * printf), run natively, and must print the same stdout and exit with the
 * same status as the program built by `gcc -m32 -static -O0`.
 */
import assert from "node:assert/strict";
import { compile } from "../../../src/toolchain/cc/mod.ts";
import { FIXTURES, hasGcc32, NO_GCC, run } from "./_host.ts";

const cFiles = (sub: string) =>
  [...Deno.readDirSync(`${FIXTURES}${sub}`)]
    .filter((e) => e.isFile && e.name.endsWith(".c"))
    .map((e) => `${sub}${e.name}`);
const programs = [...cFiles(""), ...cFiles("bench/")].sort();
const INCLUDE = `${FIXTURES}include`;

type Outputs = { ours: string; oursO0: string; gcc: string };

async function buildAndRun(name: string, dir: string): Promise<Outputs> {
  const path = `${FIXTURES}${name}`;
  const src = Deno.readTextFileSync(path);
  const base = `${dir}/${name.replace(/\.c$/, "").replace("/", "_")}`;
  for (const o of [1, 0] as const) {
    const r = compile(src, { fileName: path, includeDirs: [INCLUDE], optimize: o });
    assert.ok(r.ok, r.diagnostics.map((d) => d.text).join("\n"));
    await Deno.writeTextFile(`${base}.O${o}.s`, r.asm);
  }
  const builds = await Promise.all([
    run("gcc", ["-m32", "-static", `${base}.O1.s`, "-o", `${base}.ours`]),
    run("gcc", ["-m32", "-static", `${base}.O0.s`, "-o", `${base}.oursO0`]),
    run("gcc", ["-m32", "-static", "-O0", "-w", "-I", INCLUDE, path, "-o", `${base}.gcc`]),
  ]);
  for (const b of builds) assert.equal(b.code, 0, `build failed:\n${b.stderr}`);
  const [x, z, y] = await Promise.all(
    ["ours", "oursO0", "gcc"].map((k) => run(`${base}.${k}`, [])),
  );
  const show = (r: { stdout: string; code: number }) => `${r.stdout}\n[exit ${r.code}]`;
  return { ours: show(x), oursO0: show(z), gcc: show(y) };
}

Deno.test({
  name: `denix cc programs print and exit exactly like gcc -O0 builds${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  async fn(t) {
    const dir = await Deno.makeTempDir({ prefix: "denix-cc-test-" });
    try {
      const results = await Promise.all(
        programs.map(async (p) => [p, await buildAndRun(p, dir)] as const),
      );
      for (const [p, r] of results) {
        await t.step(`${p} matches the gcc build (denix cc -O1 and -O0)`, () => {
          assert.equal(r.ours, r.gcc);
          assert.equal(r.oursO0, r.gcc);
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
