/**
 * Shared pieces of the random differential tests: a deterministic PRNG and
 * "compile with denix cc and with gcc -m32 -O0, run both, outputs must be
 * equal".
 */
import assert from "node:assert/strict";
import { compile } from "../../../src/toolchain/cc/mod.ts";
import { run } from "./_host.ts";

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element of `a` using `r`. */
export function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)];
}

/** Builds `src` with denix cc and gcc -O0 in `dir`, runs both; stdout and status must match. */
export async function assertSameAsGcc(dir: string, name: string, src: string): Promise<void> {
  await Deno.writeTextFile(`${dir}/${name}.c`, src);
  const c = compile(src, { fileName: `${name}.c` });
  assert.ok(c.ok, c.diagnostics.map((d) => d.text).join("\n"));
  await Deno.writeTextFile(`${dir}/${name}.s`, c.asm);
  const [a, b] = await Promise.all([
    run("gcc", ["-m32", "-static", `${dir}/${name}.s`, "-o", `${dir}/${name}.ours`]),
    run("gcc", ["-m32", "-static", "-O0", "-w", `${dir}/${name}.c`, "-o", `${dir}/${name}.gcc`]),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const [x, y] = await Promise.all([run(`${dir}/${name}.ours`, []), run(`${dir}/${name}.gcc`, [])]);
  assert.equal(
    `${x.stdout}[exit ${x.code}]`,
    `${y.stdout}[exit ${y.code}]`,
    `${name}: see ${dir}/${name}.c`,
  );
}

/** Runs `check(dir)` in a fresh temporary directory that is removed afterwards. */
export async function inTempDir(
  prefix: string,
  check: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix });
  try {
    await check(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
