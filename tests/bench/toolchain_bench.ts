/**
 * Toolchain benchmark: how fast denix cc + as compile the whole of denix libc (source
 * lines per second, warm), and how fast programs built by `denix cc` (denix libc, denix
 * ld) run natively compared with the same sources built by gcc -m32 -O0 and -O2.
 */
import { ccMain } from "../../src/toolchain/cc/mod.ts";
import { buildObject } from "../../src/toolchain/cc/link.ts";
import { libcPath, readLibcFile, SOURCES } from "../../src/toolchain/libc/mod.ts";
import type { BenchFigure } from "./cpu_bench.ts";

const PROGRAMS = new URL("../fixtures/cc/bench/", import.meta.url).pathname;

function libcCompileSpeed(): BenchFigure[] {
  const lines = SOURCES.reduce((n, s) => n + readLibcFile(s).split("\n").length, 0);
  for (const s of SOURCES) buildObject(libcPath(s)); // warm-up
  const t0 = performance.now();
  for (const s of SOURCES) buildObject(libcPath(s));
  const seconds = (performance.now() - t0) / 1000;
  return [
    { name: "toolchain: libc source lines", value: lines, unit: "lines" },
    { name: "toolchain: cc+as speed on libc", value: lines / seconds, unit: "lines/s" },
  ];
}

async function bestSeconds(exe: string): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = await new Deno.Command(exe, { stdout: "null" }).output();
    if (!r.success) throw new Error(`${exe} failed`);
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

async function gccBuild(src: string, out: string, opt: string): Promise<boolean> {
  const r = await new Deno.Command("gcc", {
    args: ["-m32", "-static", opt, "-w", src, "-o", out],
    stderr: "null",
  }).output().catch(() => null);
  return r?.success ?? false;
}

async function programSpeed(): Promise<BenchFigure[]> {
  const dir = await Deno.makeTempDir({ prefix: "denix-toolchain-bench-" });
  const figures: BenchFigure[] = [];
  const quiet = console.error;
  try {
    for (const e of Deno.readDirSync(PROGRAMS)) {
      if (!e.name.endsWith(".c")) continue;
      const name = e.name.replace(/\.c$/, "");
      const src = `${PROGRAMS}${e.name}`;
      console.error = () => {};
      const ok = await ccMain([src, "-o", `${dir}/${name}.denix`]).finally(() => {
        console.error = quiet;
      });
      if (ok !== 0) continue;
      const denix = await bestSeconds(`${dir}/${name}.denix`);
      figures.push({ name: `toolchain: ${name} (denix cc)`, value: denix * 1000, unit: "ms" });
      for (const opt of ["-O0", "-O2"]) {
        if (!(await gccBuild(src, `${dir}/${name}${opt}`, opt))) continue;
        const gcc = await bestSeconds(`${dir}/${name}${opt}`);
        figures.push({
          name: `toolchain: ${name} denix cc / gcc ${opt}`,
          value: denix / gcc,
          unit: "x",
          note: `gcc ${opt} ${(gcc * 1000).toFixed(0)} ms (time ratio, lower is faster)`,
        });
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  return figures;
}

/** Runs the toolchain benchmark. */
export async function benchToolchain(): Promise<BenchFigure[]> {
  return [...libcCompileSpeed(), ...await programSpeed()];
}
