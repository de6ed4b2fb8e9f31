/**
 * Generated-code speed of denix cc versus gcc -m32 -O0 and -O2 on the
 * benchmark programs in tests/fixtures/cc/bench/ (best of 5 runs each), and
 * the compiler's own throughput. Not a test: run it by hand with
 *   deno run -A tests/toolchain/cc/bench.ts
 */
import { compile } from "../../../src/toolchain/cc/mod.ts";
import { FIXTURES, hasGcc32, NO_GCC, run } from "./_host.ts";

if (!hasGcc32) {
  console.log(`skipped: ${NO_GCC}`);
  Deno.exit(0);
}
const INC = `${FIXTURES}include`;
const dir = await Deno.makeTempDir({ prefix: "denix-cc-bench-" });

async function best(exe: string): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await run(exe, []);
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

for (const e of Deno.readDirSync(`${FIXTURES}bench`)) {
  if (!e.name.endsWith(".c")) continue;
  const path = `${FIXTURES}bench/${e.name}`;
  const src = Deno.readTextFileSync(path);
  const t0 = performance.now();
  const r = compile(src, { fileName: path, includeDirs: [INC] });
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.text).join("\n"));
  await Deno.writeTextFile(`${dir}/ours.s`, r.asm);
  await run("gcc", ["-m32", "-static", `${dir}/ours.s`, "-o", `${dir}/ours`]);
  for (const o of ["-O0", "-O2"]) {
    await run("gcc", ["-m32", "-static", o, "-w", "-I", INC, path, "-o", `${dir}/gcc${o}`]);
  }
  const [ours, o0, o2] = [
    await best(`${dir}/ours`),
    await best(`${dir}/gcc-O0`),
    await best(`${dir}/gcc-O2`),
  ];
  console.log(
    `${e.name}: denix cc ${ours.toFixed(0)} ms, gcc -O0 ${o0.toFixed(0)} ms, gcc -O2 ${
      o2.toFixed(0)
    } ms ` +
      `(ours/O0 ${(ours / o0).toFixed(2)}x, ours/O2 ${(ours / o2).toFixed(2)}x); compiled in ${
        ms.toFixed(0)
      } ms`,
  );
}
await Deno.remove(dir, { recursive: true });
