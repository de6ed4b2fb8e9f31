/**
 * Oracle test: every C program in tests/fixtures/cc/ is compiled by denix cc
 * to assembly, assembled and linked by `gcc -m32 -static` (interim, glibc for
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

async function buildAndRun(name: string, dir: string): Promise<{ ours: string; gcc: string }> {
  const path = `${FIXTURES}${name}`;
  const r = compile(Deno.readTextFileSync(path), { fileName: path, includeDirs: [INCLUDE] });
  assert.ok(r.ok, r.diagnostics.map((d) => d.text).join("\n"));
  const base = `${dir}/${name.replace(/\.c$/, "").replace("/", "_")}`;
  await Deno.writeTextFile(`${base}.s`, r.asm);
  const [a, b] = await Promise.all([
    run("gcc", ["-m32", "-static", `${base}.s`, "-o", `${base}.ours`]),
    run("gcc", ["-m32", "-static", "-O0", "-w", "-I", INCLUDE, path, "-o", `${base}.gcc`]),
  ]);
  assert.equal(a.code, 0, `assembling our output failed:\n${a.stderr}`);
  assert.equal(b.code, 0, `gcc failed:\n${b.stderr}`);
  const [x, y] = await Promise.all([run(`${base}.ours`, []), run(`${base}.gcc`, [])]);
  return { ours: `${x.stdout}\n[exit ${x.code}]`, gcc: `${y.stdout}\n[exit ${y.code}]` };
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
        await t.step(`${p} matches the gcc build`, () => assert.equal(r.ours, r.gcc));
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
