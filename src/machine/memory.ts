/**
 * Physical memory of the emulated PC: one flat, zero-filled byte array.
 *
 * Contract:
 * - Addresses are physical byte addresses in [0, size). `size` is a multiple of 4 KiB.
 * - The typed-array views share one ArrayBuffer; `u32`/`i32` index by (address >> 2) and
 *   are only valid for 4-byte aligned accesses. The `read*`/`write*` helpers accept any
 *   alignment and are little-endian like the i386.
 * - Accessing outside [0, size) is a caller bug: callers (the MMU, the kernel's frame
 *   allocator) only hand out addresses of frames that exist. The helpers do not check.
 */
export class PhysicalMemory {
  /** Size in bytes. */
  readonly size: number;
  readonly buffer: ArrayBuffer;
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;

  /** Allocates `size` bytes (rounded up to 4 KiB) of zeroed RAM. */
  constructor(size: number) {
    if (!Number.isInteger(size) || size <= 0 || size > 0xc000_0000) {
      throw new RangeError(`physical memory size out of range: ${size}`);
    }
    this.size = Math.ceil(size / 4096) * 4096;
    this.buffer = new ArrayBuffer(this.size);
    this.u8 = new Uint8Array(this.buffer);
    this.u16 = new Uint16Array(this.buffer);
    this.i32 = new Int32Array(this.buffer);
    this.u32 = new Uint32Array(this.buffer);
  }

  /** Number of 4 KiB frames. */
  get frames(): number {
    return this.size >>> 12;
  }

  read8(pa: number): number {
    return this.u8[pa];
  }

  read16(pa: number): number {
    return this.u8[pa] | (this.u8[pa + 1] << 8);
  }

  /** Returns the 32-bit value as a signed int32 (use `>>> 0` for unsigned). */
  read32(pa: number): number {
    if ((pa & 3) === 0) return this.i32[pa >> 2];
    const m = this.u8;
    return m[pa] | (m[pa + 1] << 8) | (m[pa + 2] << 16) | (m[pa + 3] << 24);
  }

  write8(pa: number, v: number): void {
    this.u8[pa] = v;
  }

  write16(pa: number, v: number): void {
    this.u8[pa] = v;
    this.u8[pa + 1] = v >> 8;
  }

  write32(pa: number, v: number): void {
    if ((pa & 3) === 0) {
      this.i32[pa >> 2] = v;
      return;
    }
    const m = this.u8;
    m[pa] = v;
    m[pa + 1] = v >> 8;
    m[pa + 2] = v >> 16;
    m[pa + 3] = v >> 24;
  }

  /** Copies bytes into RAM at `pa`. */
  load(pa: number, bytes: Uint8Array): void {
    this.u8.set(bytes, pa);
  }

  /** Returns a view (not a copy) of `length` bytes at `pa`. */
  view(pa: number, length: number): Uint8Array {
    return this.u8.subarray(pa, pa + length);
  }
}
