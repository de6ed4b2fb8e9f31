/**
 * Streams a planned image to a host file. The file is created (or truncated) and
 * extended to its full size first, so blocks nobody writes stay holes in a sparse
 * file; then the extents are written in block order through one staging buffer of
 * a few MiB, coalescing adjacent extents into single writes. Host file contents are
 * read at this point, chunk by chunk, so memory stays bounded whatever the size.
 *
 * Failure contract: host I/O errors propagate as Deno errors; a host file that got
 * shorter since it was scanned throws an Error naming it.
 */
import type { Extent, Source } from "./plan.ts";

/** Options of `writeImage`. */
export interface WriteOptions {
  /** Called after each write with bytes written so far and in total. */
  onProgress?: (done: number, total: number) => void;
  /** Staging buffer size in bytes (default 4 MiB). */
  bufferBytes?: number;
}

/** Reads host files, keeping the last one open (large files span many extents). */
class HostReader {
  private path = "";
  private file: Deno.FsFile | undefined;

  async readInto(path: string, offset: number, dst: Uint8Array): Promise<number> {
    if (path !== this.path || !this.file) {
      this.file?.close();
      this.file = await Deno.open(path, { read: true });
      this.path = path;
    }
    await this.file.seek(offset, Deno.SeekMode.Start);
    let got = 0;
    while (got < dst.length) {
      const n = await this.file.read(dst.subarray(got));
      if (n === null) break;
      got += n;
    }
    return got;
  }

  close(): void {
    this.file?.close();
    this.file = undefined;
  }
}

async function writeAll(file: Deno.FsFile, at: number, bytes: Uint8Array): Promise<void> {
  await file.seek(at, Deno.SeekMode.Start);
  for (let done = 0; done < bytes.length;) done += await file.write(bytes.subarray(done));
}

/** Fills `dst` from `source` at byte `offset`; short sources leave zeros. */
async function fill(
  source: Source,
  offset: number,
  dst: Uint8Array,
  host: HostReader,
  lazy: Map<Source, Uint8Array>,
): Promise<void> {
  if (source.kind === "host") {
    const want = Math.max(0, Math.min(dst.length, source.size - offset));
    const got = await host.readInto(source.path, offset, dst.subarray(0, want));
    if (got < want) throw new Error(`${source.path}: file shrank while the image was written`);
    return;
  }
  let bytes: Uint8Array;
  if (source.kind === "bytes") bytes = source.bytes;
  else {
    bytes = lazy.get(source) ?? source.make();
    lazy.clear();
    lazy.set(source, bytes);
  }
  dst.set(bytes.subarray(offset, Math.min(bytes.length, offset + dst.length)));
}

/** Writes `extents` into a `totalBytes`-byte image at `path` (blocks of `blockSize`). */
export async function writeImage(
  path: string,
  totalBytes: number,
  blockSize: number,
  extents: Extent[],
  options: WriteOptions = {},
): Promise<void> {
  const sorted = extents.slice().sort((a, b) => a.block - b.block);
  const total = sorted.reduce((n, e) => n + e.count * blockSize, 0);
  const bufBlocks = Math.max(1, Math.floor((options.bufferBytes ?? 4 << 20) / blockSize));
  const buf = new Uint8Array(bufBlocks * blockSize);
  const host = new HostReader();
  const lazy = new Map<Source, Uint8Array>();
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  let runStart = 0, runLen = 0, done = 0;
  const flush = async () => {
    if (runLen === 0) return;
    await writeAll(file, runStart * blockSize, buf.subarray(0, runLen * blockSize));
    buf.fill(0, 0, runLen * blockSize);
    done += runLen * blockSize;
    runLen = 0;
    options.onProgress?.(done, total);
  };
  try {
    await file.truncate(totalBytes);
    for (const e of sorted) {
      for (let i = 0; i < e.count;) {
        const block = e.block + i;
        if (runLen === bufBlocks || (runLen > 0 && block !== runStart + runLen)) await flush();
        if (runLen === 0) runStart = block;
        const n = Math.min(e.count - i, bufBlocks - runLen);
        const dst = buf.subarray(runLen * blockSize, (runLen + n) * blockSize);
        await fill(e.source, e.offset + i * blockSize, dst, host, lazy);
        runLen += n;
        i += n;
      }
    }
    await flush();
  } finally {
    host.close();
    file.close();
  }
}
