/**
 * The fixed address-space layout of a CPU vector and the deterministic filling of its
 * memory windows, shared by the generator (which runs instances on the host CPU) and
 * the replay test (which runs them on denix's CPU).
 *
 * Three regions are mapped user-writable on both sides:
 * - code: one page at CODE_BASE, filled with 0xCC (int3) except the instruction;
 * - data: two pages at DATA_BASE; memory operands land in the data window, which
 *   straddles the page boundary at DATA_BASE + 0x1000;
 * - stack: two pages at STACK_BASE; stack instructions use the stack window.
 * Everything outside the windows is zero and stays zero (the harness checks it).
 *
 * A window's initial bytes are `fillWindows(seed)` followed by the record's patches.
 */

/** Linear address of the code page. */
export const CODE_BASE = 0x1000_0000;
/** Linear address of the two data pages. */
export const DATA_BASE = 0x2000_0000;
/** Linear address of the two stack pages. */
export const STACK_BASE = 0x3000_0000;
/** Start of the data window (straddles the boundary between the two data pages). */
export const DATA_WIN = 0x2000_0f00;
/** Start of the stack window. */
export const STACK_WIN = 0x3000_0f00;
/** Size of each window in bytes. */
export const WIN_SIZE = 512;
/** Offset of the instruction in the code page when an instance does not choose one. */
export const CODE_OFFSET = 0x800;

/** True when `addr` (any int) lies inside the data or stack window. */
export function inWindow(addr: number, len = 1): boolean {
  const a = addr >>> 0;
  return (a >= DATA_WIN && a + len <= DATA_WIN + WIN_SIZE) ||
    (a >= STACK_WIN && a + len <= STACK_WIN + WIN_SIZE);
}

/** Index of window byte `addr` in the 2*WIN_SIZE byte image (data then stack), or -1. */
export function windowIndex(addr: number): number {
  const a = addr >>> 0;
  if (a >= DATA_WIN && a < DATA_WIN + WIN_SIZE) return a - DATA_WIN;
  if (a >= STACK_WIN && a < STACK_WIN + WIN_SIZE) return WIN_SIZE + a - STACK_WIN;
  return -1;
}

/** Address of window byte `i` of the 2*WIN_SIZE byte image. */
export function windowAddress(i: number): number {
  return i < WIN_SIZE ? DATA_WIN + i : STACK_WIN + i - WIN_SIZE;
}

/**
 * Fills `out` (2*WIN_SIZE bytes: data window then stack window) from `seed` with
 * xorshift32; seed 0 means all zero.
 */
export function fillWindows(seed: number, out: Uint8Array): void {
  if (seed === 0) {
    out.fill(0);
    return;
  }
  let x = seed | 0;
  for (let i = 0; i < out.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
    out[i + 1] = x >>> 8;
    out[i + 2] = x >>> 16;
    out[i + 3] = x >>> 24;
  }
}
