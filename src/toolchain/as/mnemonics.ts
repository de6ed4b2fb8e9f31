/**
 * Mnemonic lookup: AT&T spelling → (opcode rows, size suffix).
 *
 * Rows come from the shared opcode table (`src/machine/cpu/opcodes.ts`); rows marked
 * `alias` (decodable encodings the assembler never emits) are left out. A mnemonic may
 * be a row name as is (`movsb`, `cltd`, `setb`) or a row name plus a size suffix
 * b/w/l (`movl`, `movzbl` = movzb + l, `movsl` = movs + l); both readings are tried.
 * A small local table adds spellings GNU as accepts that the opcode table does not
 * list (Intel names such as `cwde`, `cdq`), and x87.ts adds the x87 rows the shared
 * table does not have yet.
 */

import { type OpcodeRow, OPCODES, parseRow } from "../../machine/cpu/opcodes.ts";
import { X87_ROWS } from "./x87.ts";

/** Operand size in bits. */
export type Size = 8 | 16 | 32;

/** Suffix letter → operand size. */
export const SUFFIX_SIZE: Readonly<Record<string, Size>> = { b: 8, w: 16, l: 32 };

/** AT&T/Intel spellings GNU as accepts for rows named differently in the table. */
const ALIASES: Readonly<Record<string, string>> = {
  cwde: "cwtl",
  cdq: "cltd",
  cbw: "cbtw",
  cwd: "cwtd",
  iretd: "iretl",
  pushad: "pushal",
  popad: "popal",
  pushfd: "pushfl",
  popfd: "popfl",
};

/** Prefix mnemonics and their bytes (written as separate statements or before an insn). */
export const PREFIXES: Readonly<Record<string, number>> = {
  lock: 0xf0,
  rep: 0xf3,
  repe: 0xf3,
  repz: 0xf3,
  repne: 0xf2,
  repnz: 0xf2,
  data16: 0x66,
  addr16: 0x67,
  data32: 0x66,
  addr32: 0x67,
};

const BY_NAME: ReadonlyMap<string, readonly OpcodeRow[]> = (() => {
  const m = new Map<string, OpcodeRow[]>();
  for (const row of [...OPCODES, ...X87_ROWS.map(parseRow)]) {
    if (row.attrs.has("alias")) continue;
    for (const n of row.names) {
      const list = m.get(n) ?? [];
      if (!list.includes(row)) list.push(row);
      m.set(n, list);
    }
  }
  return m;
})();

/** One reading of a mnemonic. */
export interface Reading {
  readonly name: string;
  readonly suffix: Size | null;
  readonly rows: readonly OpcodeRow[];
}

/** All readings of `mnemonic` (lower-cased), possibly empty. */
export function readings(mnemonic: string): Reading[] {
  const m = ALIASES[mnemonic] ?? mnemonic;
  const out: Reading[] = [];
  const whole = BY_NAME.get(m);
  if (whole) out.push({ name: m, suffix: null, rows: whole });
  const last = m[m.length - 1];
  const base = BY_NAME.get(m.slice(0, -1));
  if (base && last in SUFFIX_SIZE) {
    out.push({ name: m.slice(0, -1), suffix: SUFFIX_SIZE[last], rows: base });
  }
  return out;
}

/** True if some row is named `name` (after aliasing, without suffix). */
export function isKnown(mnemonic: string): boolean {
  return readings(mnemonic).length > 0;
}
