/**
 * A disk-image file on the host as the kernel's BlockDevice (src/kernel/fs/filesystem.ts).
 *
 * Contract:
 * - `openDiskImage(path, readOnly)` returns the device or an error message (a string)
 *   naming the path and the host's reason; it never throws.
 * - `read`/`write` transfer exactly the requested bytes at an absolute byte offset,
 *   looping on short host reads/writes; out-of-range or failing transfers give -EIO
 *   (-EROFS for writes to a read-only device). Nothing throws into the kernel.
 * - `flush()` is fdatasync of the image file; `close()` is idempotent.
 * - The size is the file's size when opened; the device never grows the file.
 */
import { Errno } from "../abi/errno.ts";
import type { BlockDevice } from "../kernel/fs/filesystem.ts";

/** Opens `path` as a block device; a string is the error message. */
export function openDiskImage(path: string, readOnly: boolean): BlockDevice | string {
  try {
    const file = Deno.openSync(path, { read: true, write: !readOnly });
    const size = file.statSync().size;
    return new FileDisk(file, size, readOnly);
  } catch (e) {
    return `${path}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

class FileDisk implements BlockDevice {
  #file: Deno.FsFile | null;
  readonly size: number;
  readonly readOnly: boolean;

  constructor(file: Deno.FsFile, size: number, readOnly: boolean) {
    this.#file = file;
    this.size = size;
    this.readOnly = readOnly;
  }

  read(pos: number, dst: Uint8Array): number {
    const file = this.#file;
    if (!file || !this.#inRange(pos, dst.length)) return -Errno.EIO;
    try {
      file.seekSync(pos, Deno.SeekMode.Start);
      let done = 0;
      while (done < dst.length) {
        const n = file.readSync(dst.subarray(done));
        if (n === null || n === 0) return -Errno.EIO;
        done += n;
      }
      return 0;
    } catch {
      return -Errno.EIO;
    }
  }

  write(pos: number, src: Uint8Array): number {
    const file = this.#file;
    if (this.readOnly) return -Errno.EROFS;
    if (!file || !this.#inRange(pos, src.length)) return -Errno.EIO;
    try {
      file.seekSync(pos, Deno.SeekMode.Start);
      let done = 0;
      while (done < src.length) {
        const n = file.writeSync(src.subarray(done));
        if (n <= 0) return -Errno.EIO;
        done += n;
      }
      return 0;
    } catch {
      return -Errno.EIO;
    }
  }

  flush(): number {
    if (!this.#file) return -Errno.EIO;
    if (this.readOnly) return 0;
    try {
      this.#file.syncDataSync();
      return 0;
    } catch {
      return -Errno.EIO;
    }
  }

  close(): void {
    try {
      this.#file?.close();
    } catch {
      // already closed by the host: nothing left to release
    }
    this.#file = null;
  }

  #inRange(pos: number, length: number): boolean {
    return Number.isSafeInteger(pos) && pos >= 0 && pos + length <= this.size;
  }
}
