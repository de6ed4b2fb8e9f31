/**
 * Generated-code speed of denix cc versus gcc -m32 -O0 and -O2 on the
 * benchmark programs in tests/fixtures/cc/bench/: retired instructions and
 * cycles from `perf stat` when available (deterministic, unlike wall time on
 * a shared machine), and best-of-5 wall time; plus the compiler's own speed. Not a test: run it by hand with
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

interface Cost {
  ms: number;
  /** Retired user-mode instructions and cycles (perf stat), when perf works here. */
  insns?: number;
  cycles?: number;
}

async function perfStat(exe: string): Promise<{ insns: number; cycles: number } | undefined> {
  try {
    const r = await run("perf", ["stat", "-x,", "-e", "instructions:u,cycles:u", exe]);
    const num = (ev: string) =>
      Number(r.stderr.split("\n").find((l) => l.includes(ev))?.split(",")[0]);
    const [insns, cycles] = [num("instructions"), num("cycles")];
    return Number.isFinite(insns) && Number.isFinite(cycles) ? { insns, cycles } : undefined;
  } catch {
    return undefined;
  }
}

async function best(exe: string): Promise<Cost> {
  let ms = Infinity, cycles = Infinity, insns: number | undefined;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await run(exe, []);
    ms = Math.min(ms, performance.now() - t);
    const p = await perfStat(exe);
    if (p) insns = p.insns, cycles = Math.min(cycles, p.cycles);
  }
  return insns === undefined ? { ms } : { ms, insns, cycles };
}

const fmt = (c: Cost) =>
  c.insns === undefined
    ? `${c.ms.toFixed(0)} ms`
    : `${(c.insns / 1e6).toFixed(0)}M insns ${(c.cycles! / 1e6).toFixed(0)}M cycles ${
      c.ms.toFixed(0)
    } ms`;
const ratio = (a: Cost, b: Cost) =>
  a.cycles && b.cycles ? (a.cycles / b.cycles).toFixed(2) : (a.ms / b.ms).toFixed(2);

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
  console.log(`${e.name} (compiled by denix cc in ${ms.toFixed(0)} ms)`);
  console.log(`  denix cc: ${fmt(ours)}\n  gcc -O0:  ${fmt(o0)}\n  gcc -O2:  ${fmt(o2)}`);
  console.log(
    `  denix/O0 ${ratio(ours, o0)}x, denix/O2 ${
      ratio(ours, o2)
    }x (cycles when perf works, else wall time)`,
  );
}
await Deno.remove(dir, { recursive: true });
