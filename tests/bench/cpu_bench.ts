/**
 * CPU benchmark: a CPU-bound guest workload (CRC-32 over 4 MiB, 4 rounds, then a sieve
 * below 4,000,000; workloads/cpu_mix.s) assembled by denix's assembler and run on the
 * emulated CPU, interpreted and with the block compiler, reported as guest MIPS; when
 * gcc -m32 is present the same source runs natively and the ratio is reported too.
 */
import { assembleFlat } from "../../src/toolchain/as/mod.ts";
import { runFlat } from "./_flat_machine.ts";

const ORIGIN = 0x08048000;
const SOURCE = new URL("./workloads/cpu_mix.s", import.meta.url);

/** One benchmark figure. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

async function nativeSeconds(source: string): Promise<number | null> {
  const dir = await Deno.makeTempDir();
  try {
    const exe = `${dir}/cpu_mix`;
    const build = await new Deno.Command("gcc", {
      args: ["-m32", "-nostdlib", "-static", "-Wl,--build-id=none", source, "-o", exe],
      stderr: "null",
    }).output().catch(() => null);
    if (!build?.success) return null;
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await new Deno.Command(exe).output();
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    return best;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs the CPU benchmark; returns its figures. */
export async function benchCpu(): Promise<BenchFigure[]> {
  const path = SOURCE.pathname;
  const image = assembleFlat(await Deno.readTextFile(path), { fileName: path, origin: ORIGIN });
  const figures: BenchFigure[] = [];
  let run = runFlat(image.bytes, ORIGIN, { jit: true });
  for (const jit of [false, true]) {
    runFlat(image.bytes, ORIGIN, { jit }); // warm-up: lets V8 optimize the emulator
    run = runFlat(image.bytes, ORIGIN, { jit });
    const name = jit ? "cpu: guest speed (block compiler)" : "cpu: guest speed (interpreter)";
    figures.push({ name, value: run.instructions / run.seconds / 1e6, unit: "MIPS" });
  }
  figures.unshift({ name: "cpu: guest instructions", value: run.instructions, unit: "instr" });
  const native = await nativeSeconds(path);
  if (native !== null) {
    figures.push(
      { name: "cpu: native speed", value: run.instructions / native / 1e6, unit: "MIPS" },
      {
        name: "cpu: emulated (compiled) / native",
        value: native / run.seconds,
        unit: "x",
        note: `native ${(native * 1000).toFixed(1)} ms, guest ${
          (run.seconds * 1000).toFixed(0)
        } ms`,
      },
    );
  } else {
    figures.push({ name: "cpu: native speed", value: NaN, unit: "", note: "gcc -m32 not found" });
  }
  return figures;
}
