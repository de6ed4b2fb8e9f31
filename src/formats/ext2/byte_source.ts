/**
 * The device a reader parses: anything that can hand out byte ranges
 * synchronously. `memorySource` wraps a Uint8Array; src/image/file_source.ts wraps
 * a host file; the kernel will wrap its buffer cache.
 *
 * Contract: `read(offset, length)` returns exactly `length` bytes (it may be a view
 * into shared memory: callers must not keep or modify it) or throws Ext2Error
 * (Truncated) if the range is outside [0, size).
 */
import { check, Ext2ErrorCode } from "./errors.ts";

/** A synchronous random-access byte device. */
export interface ByteSource {
  /** Device size in bytes. */
  readonly size: number;
  /** Reads `length` bytes at `offset`. */
  read(offset: number, length: number): Uint8Array;
}

/** Throws Ext2Error(Truncated) unless [offset, offset+length) lies inside [0, size). */
export function checkRange(size: number, offset: number, length: number): void {
  check(
    offset >= 0 && length >= 0 && offset + length <= size,
    Ext2ErrorCode.Truncated,
    () => `read of ${length} bytes at offset ${offset} is outside the ${size}-byte image`,
  );
}

/** A ByteSource over bytes in memory (reads are views, not copies). */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      checkRange(bytes.length, offset, length);
      return bytes.subarray(offset, offset + length);
    },
  };
}
