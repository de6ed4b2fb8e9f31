/**
 * Golden CPU vector generator. Run by hand after changing the opcode table or this
 * folder:  deno run -A tests/machine/cpu/vectors/generate.ts
 *
 * Builds the instances (cases.ts) with a fixed seed, checks their encodings against GNU
 * objdump (all but the few objdump cannot judge), runs all of them on the host CPU in
 * one harness process (native.ts, harness.c), and writes
 * tests/fixtures/cpu/vectors-<group>.bin.gz
 * (format.ts). Needs gcc -m32 (gcc-multilib) and objdump; reruns give identical files.
 */
import { gzipSync } from "node:zlib";
import type { Instance } from "./builder.ts";
import { buildAll, groupOf } from "./cases.ts";
import { encodeVectors, type VectorRecord } from "./format.ts";
import { compileHarness, runNative, toRecord } from "./native.ts";
import { checkEncodings } from "./objdump_check.ts";
import { Rng } from "./prng.ts";

const SEED = 0x0de71c5;
const FIXTURES = new URL("../../../fixtures/cpu/", import.meta.url).pathname;

function tally(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function isRegForm(inst: Instance): boolean {
  const r = inst.row;
  let i = 0;
  while (
    [0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65].includes(inst.code[i])
  ) i++;
  return inst.code[i + r.bytes.length] >= 0xc0;
}

async function selfCheck(insts: Instance[], dir: string): Promise<void> {
  // Rows that decode only by denix's rules (ud), #UD register forms of memory-only rows,
  // and the hint NOPs 0F 1A/1B (objdump decodes them as MPX, which ignores 67) are not
  // objdump material.
  const mpx = (inst: Instance) => inst.row.opcode === 0x11a || inst.row.opcode === 0x11b;
  const sample = insts.filter((inst) =>
    !inst.row.attrs.has("ud") && !mpx(inst) &&
    !(inst.row.operands.some((o) => o[0] === "M") && isRegForm(inst))
  );
  const errors = await checkEncodings(sample, dir);
  console.log(`objdump self-check: ${sample.length} instances, ${errors.length} disagreements`);
  for (const e of errors.slice(0, 40)) console.log("  " + e);
  if (errors.length) throw new Error("encoder self-check failed");
}

/** Lists the rows with few or no records (their instances were all dropped). */
function reportCoverage(insts: Instance[], groups: Map<string, VectorRecord[]>): void {
  const perRow = new Map<string, number>();
  for (const i of insts) perRow.set(i.row.text, 0);
  for (const recs of groups.values()) for (const r of recs) tally(perRow, r.row);
  const thin = [...perRow].filter(([, n]) => n < 5);
  console.log(`${perRow.size} rows generated; rows with fewer than 5 records:`);
  for (const [row, n] of thin) console.log(`  ${n}  ${row}`);
}

async function writeGroups(records: Map<string, VectorRecord[]>): Promise<void> {
  await Deno.mkdir(FIXTURES, { recursive: true });
  let total = 0;
  for (const [group, recs] of [...records].sort()) {
    const gz = gzipSync(encodeVectors(recs), { level: 9 });
    await Deno.writeFile(`${FIXTURES}vectors-${group}.bin.gz`, gz);
    total += gz.length;
    console.log(`vectors-${group}.bin.gz: ${recs.length} records, ${gz.length} bytes`);
  }
  console.log(`total fixture size: ${total} bytes`);
}

async function main(): Promise<void> {
  const { instances, skipped } = buildAll(new Rng(SEED), SEED);
  console.log(`${instances.length} instances; skipped rows:`);
  for (const s of skipped) console.log("  " + s);
  const dir = await Deno.makeTempDir({ prefix: "denix-vectors-" });
  try {
    await selfCheck(instances, dir);
    const exe = await compileHarness(dir);
    const results = await runNative(exe, dir, instances);
    const groups = new Map<string, VectorRecord[]>();
    const dropped = new Map<string, number>();
    const vectors = new Map<string, number>();
    instances.forEach((inst, i) => {
      const rec = toRecord(inst, results[i]);
      if (typeof rec === "string") return tally(dropped, `${inst.row.text}: ${rec}`);
      tally(vectors, rec.vector === 255 ? "none" : `#${rec.vector}`);
      const g = groupOf(inst.row);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push(rec);
    });
    console.log("dropped instances:");
    for (const [k, n] of dropped) console.log(`  ${n} x ${k}`);
    console.log("outcomes:", Object.fromEntries(vectors));
    reportCoverage(instances, groups);
    await writeGroups(groups);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) await main();
