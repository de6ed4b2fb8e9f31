/**
 * A ByteSource over a host image file, read synchronously with positional reads,
 * for `denix image` tools and tests that parse images too large to load whole.
 * Reads are copies; `close()` releases the file.
 */
import { type ByteSource, checkRange } from "../formats/ext2/mod.ts";

/** A ByteSource backed by an open host file. */
export interface FileSource extends ByteSource {
  /** Closes the host file. */
  close(): void;
}

/** Opens host file `path` read-only as a ByteSource. */
export function openFileSource(path: string): FileSource {
  const file = Deno.openSync(path, { read: true });
  const size = file.statSync().size;
  return {
    size,
    read(offset, length) {
      checkRange(size, offset, length);
      const out = new Uint8Array(length);
      file.seekSync(offset, Deno.SeekMode.Start);
      for (let got = 0; got < length;) {
        const n = file.readSync(out.subarray(got));
        if (n === null) throw new Error(`${path}: unexpected end of file`);
        got += n;
      }
      return out;
    },
    close: () => file.close(),
  };
}
