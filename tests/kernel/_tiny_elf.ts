/**
 * Test helper: a minimal static ELF32 i386 executable built in memory (one PT_LOAD
 * segment at 0x08048000 holding `code` right after the headers), as an ExecFile.
 */
import type { ExecFile } from "../../src/kernel/proc/exec.ts";

const BASE = 0x0804_8000;
const HEADERS = 52 + 32;

/** Entry address of the code in a tinyElf image. */
export const TINY_ENTRY = BASE + HEADERS;

/** Builds the executable image bytes. */
export function tinyElf(code: number[]): Uint8Array {
  const b = new Uint8Array(HEADERS + code.length);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 3, true); // EM_386
  v.setUint32(20, 1, true);
  v.setUint32(24, TINY_ENTRY, true);
  v.setUint32(28, 52, true); // phoff
  v.setUint16(40, 52, true);
  v.setUint16(42, 32, true);
  v.setUint16(44, 1, true);
  v.setUint32(52, 1, true); // PT_LOAD
  v.setUint32(56, 0, true);
  v.setUint32(60, BASE, true);
  v.setUint32(64, BASE, true);
  v.setUint32(68, b.length, true);
  v.setUint32(72, b.length + 0x10000, true); // plus 64 KiB of bss
  v.setUint32(76, 7, true);
  v.setUint32(80, 0x1000, true);
  b.set(code, HEADERS);
  return b;
}

/** An in-memory ExecFile over `bytes`. */
export function memoryFile(bytes: Uint8Array): ExecFile {
  return {
    size: bytes.length,
    readAt(pos: number, dst: Uint8Array): number {
      const n = Math.max(0, Math.min(dst.length, bytes.length - pos));
      dst.set(bytes.subarray(pos, pos + n));
      return n;
    },
  };
}
