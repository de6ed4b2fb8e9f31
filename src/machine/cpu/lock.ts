/**
 * The lock prefix: legal only on the instructions the opcode table marks `lock`, and
 * only with a memory destination; anything else is #UD (SDM vol. 2, LOCK).
 * Emulated memory is never shared between CPUs mid-instruction, so a legal lock prefix
 * has no further effect.
 */
import type { CpuCore } from "./cpu_core.ts";
import { raise } from "./fault.ts";
import { OPCODES } from "./opcodes.ts";
import { Vector } from "../trap.ts";

/** LOCKABLE[op * 8 + reg]: 1 when opcode `op` (0x000-0x1FF) with ModRM reg `reg` is lockable. */
const LOCKABLE: Uint8Array = (() => {
  const t = new Uint8Array(512 * 8);
  for (const row of OPCODES) {
    if (!row.attrs.has("lock")) continue;
    for (let reg = 0; reg < 8; reg++) {
      if (row.modrm < 0 || row.modrm === reg) t[row.opcode * 8 + reg] = 1;
    }
  }
  return t;
})();

/**
 * Validates a lock prefix before executing opcode byte `first` (already fetched; the
 * ModRM byte, and for 0F opcodes the second byte, are peeked without consuming them).
 */
export function checkLock(c: CpuCore, first: number): void {
  let op = first;
  let at = c.eip;
  if (first === 0x0f) {
    op = 0x100 | c.mmu.read8(at);
    at = (at + 1) | 0;
  }
  const modrm = c.mmu.read8(at);
  if (modrm >= 0xc0 || LOCKABLE[op * 8 + ((modrm >> 3) & 7)] === 0) raise(Vector.UD);
}
