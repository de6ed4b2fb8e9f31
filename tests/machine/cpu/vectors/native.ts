/**
 * Runs instances on the host CPU through harness.c and turns the raw results into
 * fixture records (format.ts).
 *
 * The harness is compiled with `gcc -m32 -static -O1` into a temporary directory; its
 * input and output are fixed-size records (IN_SIZE / OUT_SIZE bytes, layout in
 * harness.c). `toRecord` interprets the signal: an int3 from the filler means the
 * instruction completed (final EIP = signal EIP - 1), an int3 inside the instruction
 * is its own #BP trap, anything else is the exception vector from TRAPNO.
 */
import type { Instance } from "./builder.ts";
import { ALL_FLAGS } from "./flag_masks.ts";
import { NO_FAULT, type Patch, type VectorRecord } from "./format.ts";
import { CODE_BASE, fillWindows, WIN_SIZE, windowAddress, windowIndex } from "./layout.ts";

const IN_SIZE = 16 + 8 + 32 + 4 + 2 * WIN_SIZE;
const OUT_SIZE = 32 + 28 + 2 * WIN_SIZE;
const SIGTRAP = 5;
const RF = 0x10000;
/** Vectors after which EIP points past the instruction (traps, not faults). */
const TRAPS = new Set([1, 3, 4]);

/** The raw result of one instance on the host. */
export interface NativeResult {
  regs: Int32Array;
  eflags: number;
  eip: number;
  trapno: number;
  err: number;
  cr2: number;
  signo: number;
  flags: number;
  win: Uint8Array;
}

/** The initial 2*WIN_SIZE window image of an instance. */
export function initialWindows(inst: { seed: number; patches: Patch[] }): Uint8Array {
  const w = new Uint8Array(2 * WIN_SIZE);
  fillWindows(inst.seed, w);
  for (const p of inst.patches) {
    p.bytes.forEach((v, k) => {
      const i = windowIndex(p.addr + k);
      if (i < 0) throw new Error(`patch outside the windows at ${p.addr.toString(16)}`);
      w[i] = v;
    });
  }
  return w;
}

function encodeInput(insts: readonly Instance[]): Uint8Array {
  const buf = new Uint8Array(insts.length * IN_SIZE);
  const dv = new DataView(buf.buffer);
  insts.forEach((inst, n) => {
    const o = n * IN_SIZE;
    if (inst.code.length > 16) throw new Error("instruction longer than 16 bytes");
    buf.set(inst.code, o);
    dv.setUint32(o + 16, inst.code.length, true);
    dv.setUint32(o + 20, inst.offset, true);
    for (let i = 0; i < 8; i++) dv.setInt32(o + 24 + 4 * i, inst.regs[i], true);
    dv.setUint32(o + 56, inst.eflags, true);
    buf.set(initialWindows(inst), o + 60);
  });
  return buf;
}

function decodeOutput(buf: Uint8Array, n: number): NativeResult[] {
  if (buf.length !== n * OUT_SIZE) throw new Error(`harness wrote ${buf.length} bytes`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: NativeResult[] = [];
  for (let k = 0; k < n; k++) {
    const o = k * OUT_SIZE;
    const u = (i: number) => dv.getUint32(o + 32 + 4 * i, true);
    const regs = new Int32Array(8);
    for (let i = 0; i < 8; i++) regs[i] = dv.getInt32(o + 4 * i, true);
    out.push({
      regs,
      eflags: u(0),
      eip: u(1),
      trapno: u(2),
      err: u(3),
      cr2: u(4),
      signo: u(5),
      flags: u(6),
      win: buf.slice(o + 60, o + 60 + 2 * WIN_SIZE),
    });
  }
  return out;
}

/** Compiles the harness; returns its path. */
export async function compileHarness(dir: string): Promise<string> {
  const src = new URL("./harness.c", import.meta.url).pathname;
  const exe = `${dir}/harness`;
  const args = ["-m32", "-static", "-O1", "-fno-stack-protector", "-Wall", "-o", exe, src];
  const r = await new Deno.Command("gcc", { args }).output();
  if (!r.success) throw new Error(`gcc failed: ${new TextDecoder().decode(r.stderr)}`);
  return exe;
}

/** Runs all instances natively in one harness process. */
export async function runNative(exe: string, dir: string, insts: readonly Instance[]) {
  const inPath = `${dir}/in.bin`;
  const outPath = `${dir}/out.bin`;
  await Deno.writeFile(inPath, encodeInput(insts));
  const r = await new Deno.Command(exe, { args: [inPath, outPath] }).output();
  if (!r.success) {
    throw new Error(`harness failed (${r.code}): ${new TextDecoder().decode(r.stderr)}`);
  }
  return decodeOutput(await Deno.readFile(outPath), insts.length);
}

/** True for instructions that may leave EIP anywhere (jumps, calls, returns, loops). */
function branches(inst: Instance): boolean {
  const r = inst.row;
  return r.imms.includes("cb") || r.imms.includes("cz") || r.attrs.has("indirect") ||
    r.names[0] === "ret";
}

function diffRuns(before: Uint8Array, after: Uint8Array): Patch[] {
  const runs: Patch[] = [];
  let i = 0;
  while (i < before.length) {
    if (before[i] === after[i]) {
      i++;
      continue;
    }
    const s = i;
    while (
      i < before.length && before[i] !== after[i] && i - s < 255 && (i === s || i !== WIN_SIZE)
    ) {
      i++;
    }
    runs.push({ addr: windowAddress(s), bytes: after.slice(s, i) });
  }
  return runs;
}

/** Converts a host result into a record, or returns the reason to drop the instance. */
export function toRecord(inst: Instance, res: NativeResult): VectorRecord | string {
  if (res.flags !== 0) return `touched memory outside the windows (${res.flags})`;
  const start = CODE_BASE + inst.offset;
  let vector = res.trapno;
  let eip = res.eip;
  if (res.signo === SIGTRAP && res.trapno === 3) {
    const k = eip - 1 - start;
    if (k >= 0 && k < inst.code.length) vector = 3;
    else {
      vector = NO_FAULT;
      eip -= 1;
    }
  } else if (res.signo === SIGTRAP && res.trapno !== 1) return `SIGTRAP with trapno ${res.trapno}`;
  if (inst.expect !== NO_FAULT && vector !== inst.expect) {
    return `host gives ${
      vector === NO_FAULT ? "no fault" : `vector ${vector}`
    }, row promises ${inst.expect}`;
  }
  const fault = vector !== NO_FAULT && !TRAPS.has(vector);
  if (fault && eip !== start) {
    return `fault ${vector} at ${eip.toString(16)} not at the instruction`;
  }
  const next = start + inst.code.length;
  if (!fault && !branches(inst) && eip !== next) {
    return `ended at ${eip.toString(16)}, not after it`;
  }
  const init = initialWindows(inst);
  return {
    row: inst.row.text,
    code: inst.code,
    offset: inst.offset,
    regs: inst.regs,
    eflags: inst.eflags,
    seed: inst.seed,
    patches: inst.patches,
    mask: fault ? ALL_FLAGS : inst.mask,
    vector,
    errorCode: vector === NO_FAULT ? 0 : res.err,
    cr2: vector === 14 ? res.cr2 : 0,
    finalRegs: res.regs,
    finalEflags: res.eflags & ~RF,
    finalEip: eip,
    diffs: diffRuns(init, res.win),
  };
}
