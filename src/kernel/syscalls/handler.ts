/**
 * The shape every system-call handler has: `(k, p, a) => result`, where `a` holds the
 * six argument registers (ebx, ecx, edx, esi, edi, ebp) as int32 and the result is the
 * value for eax, a negative errno, BLOCK (the caller sleeps, the call reruns when woken)
 * or NO_RETURN (the handler set all registers itself: sigreturn, a killed caller).
 */
import type { Kernel } from "../kernel.ts";
import type { Process } from "../proc/process.ts";

export type Handler = (k: Kernel, p: Process, a: Int32Array) => number;

/** Leave eax alone. */
export const NO_RETURN = -0x10001;

/** Handlers keyed by syscall-table name. */
export type HandlerTable = Readonly<Record<string, Handler>>;

/** Reads a user struct into a DataView, or returns -EFAULT. */
export function readStruct(p: Process, va: number, size: number): DataView | number {
  const b = new Uint8Array(size);
  const e = p.um.copyIn(va, b);
  return e < 0 ? e : new DataView(b.buffer);
}

/** Allocates a zeroed struct buffer and its little-endian view. */
export function struct(size: number): [Uint8Array, DataView] {
  const b = new Uint8Array(size);
  return [b, new DataView(b.buffer)];
}

/** Writes a 64-bit value (two int32 halves) little-endian at `off`. */
export function put64(v: DataView, off: number, x: number): void {
  v.setUint32(off, x >>> 0, true);
  v.setUint32(off + 4, Math.floor(x / 0x1_0000_0000) >>> 0, true);
}
