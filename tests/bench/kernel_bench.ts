/**
 * Kernel benchmarks: null syscall (getpid) latency, fork+exit+wait and
 * fork+exec+exit+wait latency, and first-touch page faults per second, each measured
 * by the same static i386 binary (tests/fixtures/kernel/bench.c) under denix, natively
 * and under qemu-i386 when installed, reported with the ratios denix/native and
 * denix/qemu (below 1 means denix is faster). Empty when gcc -m32 is missing.
 */
import { compile, HAS_GCC32, runDenix, runNative } from "../kernel/_guest.ts";

const CASES: [string, string, number][] = [
  ["getpid ns", "getpid", 300_000],
  ["fork+exit+wait ns", "fork", 200],
  ["fork+exec+exit+wait ns", "forkexec", 50],
  ["page fault ns", "fault", 8192],
];

function hasQemu(): boolean {
  try {
    return new Deno.Command("qemu-i386", { args: ["-version"], stdout: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
}

async function qemu(exe: string, args: string[]): Promise<number> {
  const r = await new Deno.Command("qemu-i386", { args: [exe, ...args], stdout: "piped" }).output();
  return Number(new TextDecoder().decode(r.stdout).trim());
}

/** Runs the kernel benchmarks; see the module doc. */
export async function benchKernel(): Promise<Record<string, number>> {
  if (!HAS_GCC32) return {};
  const exe = compile("bench");
  const withQemu = hasQemu();
  const out: Record<string, number> = {};
  for (const [label, mode, n] of CASES) {
    const args = [mode, String(n)];
    const denix = Number((await runDenix(exe, args)).stdout.trim());
    const native = Number((await runNative(exe, args)).stdout.trim());
    out[`denix ${label}`] = denix;
    out[`native ${label}`] = native;
    out[`${label} denix/native`] = denix / native;
    if (withQemu) {
      const q = await qemu(exe, args);
      out[`qemu ${label}`] = q;
      out[`${label} denix/qemu`] = denix / q;
    }
  }
  const faultNs = out["denix page fault ns"];
  out["denix page faults/s"] = faultNs > 0 ? 1e9 / faultNs : NaN;
  return out;
}

if (import.meta.main) {
  for (const [k, v] of Object.entries(await benchKernel())) console.log(k.padEnd(36), v.toFixed(2));
}
