/**
 * Enumerates the instances to record: every row of the opcode table (OPCODES), with an
 * instance count per kind of row, and assigns each row to a fixture group. Rows whose
 * behaviour cannot be recorded on the host the same way denix defines it are skipped,
 * each with its reason (listed by the generator and in README.md).
 */
import type { OpcodeRow } from "../../../../src/machine/cpu/opcodes.ts";
import { OPCODES } from "../../../../src/machine/cpu/opcodes.ts";
import type { Instance } from "./builder.ts";
import { buildInstance } from "./generic.ts";
import type { Rng } from "./prng.ts";

const SEGMENT_OPERANDS = new Set(["Sw", "ES", "CS", "SS", "DS", "FS", "GS"]);

/** Why a row is not recorded, or null when it is. */
export function skipReason(row: OpcodeRow): string | null {
  if (row.opcode === 0x8c || row.opcode === 0x8e) return null; // only #UD forms: specials.ts
  if (row.operands.some((o) => SEGMENT_OPERANDS.has(o))) {
    return "segment selectors differ between the host (0x23/0x2b) and denix (0x73/0x7b)";
  }
  if (row.names[0] === "rdtsc") return "time stamp counter is not reproducible";
  if (row.names[0] === "cpuid") return "host-specific";
  if (row.names[0] === "fldcw") {
    return "x87 control word is not in the recorded state and would leak into later records";
  }
  return null;
}

const SHIFT_OPS = new Set([0xc0, 0xc1, 0xd0, 0xd1, 0xd2, 0xd3, 0x1a4, 0x1a5, 0x1ac, 0x1ad]);
const MULDIV = new Set(["mul", "imul", "div", "idiv", "aam", "aad", "daa", "das", "aaa", "aas"]);
const STACK = new Set(["push", "pop", "pusha", "popa", "pushf", "popf", "enter", "leave"]);
const BITS = new Set([
  "bt",
  "bts",
  "btr",
  "btc",
  "bsf",
  "bsr",
  "bswap",
  "cmpxchg",
  "cmpxchg8b",
  "xadd",
  "xchg",
  "movzb",
  "movzw",
]);
const STRINGS = new Set([0xa4, 0xa5, 0xa6, 0xa7, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf]);

function isControl(row: OpcodeRow): boolean {
  const n = row.names[0];
  return row.operands.some((o) => o === "Jb" || o === "Jz") || row.attrs.has("indirect") ||
    ["ret", "int3", "int", "into", "int1"].includes(n);
}

/** The fixture group (file name part) of a row. */
export function groupOf(row: OpcodeRow): string {
  const n = row.names[0];
  const sw = row.opcode === 0x8c || row.opcode === 0x8e;
  if (row.attrs.has("priv") || row.attrs.has("ud") || sw) return "faults";
  if (SHIFT_OPS.has(row.opcode)) return "shift";
  if (MULDIV.has(n)) return "muldiv";
  if (STRINGS.has(row.opcode)) return "string";
  if (isControl(row)) return "control";
  if (STACK.has(n)) return "stack";
  const cond = row.opcode >= 0x140 && row.opcode <= 0x14f ||
    row.opcode >= 0x190 && row.opcode <= 0x19f;
  if (BITS.has(n) || cond || (row.opcode >= 0x100 && (n === "movsb" || n === "movsw"))) {
    return "bits";
  }
  const alu = (row.opcode < 0x40 && (row.opcode & 7) < 6) ||
    (row.opcode >= 0x80 && row.opcode <= 0x85) ||
    (row.opcode >= 0x40 && row.opcode < 0x50) || ["not", "neg", "inc", "dec", "test"].includes(n);
  return alu ? "alu" : "misc";
}

function countFor(row: OpcodeRow): number {
  if (row.attrs.has("priv") || row.attrs.has("ud")) return 8;
  if (row.opcode === 0x8c || row.opcode === 0x8e) return 12;
  const g = groupOf(row);
  if (g === "muldiv") {
    return ["daa", "das", "aaa", "aas", "aam", "aad"].includes(row.names[0]) ? 250 : 450;
  }
  if (g === "string") return 400;
  if (g === "alu") return 210;
  if (g === "shift") return 180;
  if (row.opcode >= 0x70 && row.opcode < 0x80) return 90;
  if (row.opcode >= 0x140 && row.opcode <= 0x19f) return 90;
  return 160;
}

/** All instances for the table, deterministically from `rng`. */
export function buildAll(rng: Rng, seedBase: number): { instances: Instance[]; skipped: string[] } {
  const instances: Instance[] = [];
  const skipped: string[] = [];
  let seed = seedBase;
  for (const row of OPCODES) {
    const why = skipReason(row);
    if (why) {
      skipped.push(`${row.text}: ${why}`);
      continue;
    }
    const n = countFor(row);
    for (let made = 0, tries = 0; made < n && tries < 4 * n; tries++) {
      const b = buildInstance(row, rng);
      if (!b) continue;
      seed = (seed + 0x9e3779b9) | 0;
      instances.push(b.finish(seed || 1));
      made++;
    }
  }
  return { instances, skipped };
}
