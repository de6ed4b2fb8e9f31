/**
 * `deno task bench`: runs every benchmark and prints one line per figure.
 * Benchmarks are measurements, never pass/fail tests.
 */
import { benchCpu, type BenchFigure } from "./cpu_bench.ts";
import { benchMkimage } from "./mkimage_bench.ts";
import { benchKernel } from "./kernel_bench.ts";
import { benchToolchain } from "./toolchain_bench.ts";

/** Adapts a benchmark that reports a name -> value record. */
function figures(prefix: string, run: () => Promise<Record<string, number>>) {
  return async (): Promise<BenchFigure[]> =>
    Object.entries(await run()).map(([k, v]) => ({ name: `${prefix}: ${k}`, value: v, unit: "" }));
}

const BENCHES: [string, () => Promise<BenchFigure[]>][] = [
  ["cpu", benchCpu],
  ["toolchain", benchToolchain],
  ["kernel", figures("kernel", benchKernel)],
  ["mkimage", figures("mkimage", benchMkimage)],
];

function show(f: BenchFigure): string {
  const v = Number.isNaN(f.value)
    ? "n/a"
    : Math.abs(f.value) >= 1000
    ? Math.round(f.value).toLocaleString("en-US")
    : f.value.toFixed(f.value < 1 ? 4 : 1);
  return `${f.name.padEnd(34)} ${v.padStart(14)} ${f.unit.padEnd(6)} ${f.note ?? ""}`.trimEnd();
}

const only = Deno.args[0];
for (const [name, bench] of BENCHES) {
  if (only && only !== name) continue;
  for (const f of await bench()) console.log(show(f));
}
