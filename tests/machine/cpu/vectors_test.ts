/**
 * Golden CPU vectors: instruction instances recorded on the host CPU (see
 * tests/machine/cpu/vectors/README.md) replayed on denix's CPU, one instruction each.
 * Needs no compiler: the fixtures are checked in. On failure the message lists the first
 * mismatches in full and the mismatch count per opcode row and per expected outcome.
 * A last test checks that the fixtures still cover every recordable row of the table.
 */
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { OPCODES } from "../../../src/machine/cpu/opcodes.ts";
import { skipReason } from "./vectors/cases.ts";
import { decodeVectors } from "./vectors/format.ts";
import { VectorMachine } from "./vectors/replay.ts";

const FIXTURES = new URL("../../fixtures/cpu/", import.meta.url);
const GROUPS = ["alu", "bits", "control", "faults", "misc", "muldiv", "shift", "stack", "string"];
const SHOWN = 20;

function load(group: string) {
  const gz = Deno.readFileSync(new URL(`vectors-${group}.bin.gz`, FIXTURES));
  return decodeVectors(gunzipSync(gz));
}

function summary(group: string, total: number, fails: string[], byRow: Map<string, number>) {
  const rows = [...byRow].sort((a, b) => b[1] - a[1]).map(([r, n]) => `  ${n} x ${r}`);
  return `${fails.length} of ${total} ${group} vectors differ from the host CPU.\n\n` +
    `First ${Math.min(SHOWN, fails.length)}:\n${fails.slice(0, SHOWN).join("\n")}\n\n` +
    `Mismatches per row / expected outcome:\n${rows.join("\n")}`;
}

function replayAll(group: string, mode: "interpreter" | "jit"): void {
  const records = load(group);
  assert.ok(records.length > 0, "fixture is empty");
  const m = new VectorMachine(mode);
  const fails: string[] = [];
  const byRow = new Map<string, number>();
  for (const r of records) {
    const diff = m.replay(r);
    if (diff === null) continue;
    fails.push(diff);
    const key = `${r.row}  (${r.vector === 255 ? "completes" : `#${r.vector}`})`;
    byRow.set(key, (byRow.get(key) ?? 0) + 1);
  }
  if (fails.length) assert.fail(summary(group, records.length, fails, byRow));
}

for (const group of GROUPS) {
  Deno.test(`the CPU matches the host on the ${group} golden vectors`, () => {
    replayAll(group, "interpreter");
  });
  Deno.test(`the block compiler matches the host on the ${group} golden vectors`, () => {
    replayAll(group, "jit");
  });
}

/** A row's identity for coverage: encoding and mnemonics (attributes may be edited). */
function rowKey(text: string): string {
  return text.split("|").slice(0, 2).map((s) => s.trim()).join(" | ");
}

Deno.test("the golden vectors cover every recordable row of the opcode table", () => {
  const covered = new Set<string>();
  for (const g of GROUPS) for (const r of load(g)) covered.add(rowKey(r.row));
  const missing = OPCODES.filter((row) =>
    !row.attrs.has("priv") && !row.attrs.has("ud") && skipReason(row) === null &&
    !covered.has(rowKey(row.text))
  ).map((row) => "  " + row.text);
  assert.deepEqual(
    missing,
    [],
    "rows without vectors: rerun tests/machine/cpu/vectors/generate.ts",
  );
});
