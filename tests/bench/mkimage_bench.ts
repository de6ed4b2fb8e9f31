/**
 * mkimage throughput: builds an image from a generated host tree (a few thousand
 * files of mixed sizes, ~270 MB of data) with the denix builder and with
 * `mke2fs -t ext2 -d` on the same tree, same block size, and reports MB/s of file
 * data for both (1 MB = 10^6 bytes). mke2fs figures are NaN when it is missing.
 * Run alone with `deno run -A tests/bench/mkimage_bench.ts`.
 */
import { ImageTree } from "../../src/image/tree.ts";
import { addHostDir } from "../../src/image/host_import.ts";
import { buildImage } from "../../src/image/build.ts";

const FILES = 3000;
const BLOCK = 4096;

async function generateTree(dir: string): Promise<number> {
  let total = 0;
  const chunk = new Uint8Array(1 << 20).map((_, i) => (i * 2654435761) >>> 24);
  for (let i = 0; i < FILES; i++) {
    const sub = `${dir}/d${i % 50}`;
    if (i < 50) await Deno.mkdir(sub);
    // Mostly small files plus one 8 MiB file in every 200.
    const size = i % 200 === 0 ? 8 << 20 : (i * 7919) % (96 << 10);
    const f = await Deno.open(`${sub}/f${i}`, { write: true, create: true });
    for (let off = 0; off < size;) {
      off += await f.write(chunk.subarray(0, Math.min(chunk.length, size - off)));
    }
    f.close();
    total += size;
  }
  return total;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function mke2fs(src: string, image: string, size: number): Promise<number> {
  try {
    return await timed(async () => {
      const args = [
        "-q",
        "-F",
        "-t",
        "ext2",
        "-b",
        String(BLOCK),
        "-d",
        src,
        image,
        `${size >> 10}k`,
      ];
      const r = await new Deno.Command("mke2fs", { args, stdout: "null", stderr: "null" }).output();
      if (r.code !== 0) throw new Error("mke2fs failed");
    });
  } catch {
    return NaN;
  }
}

/** Measures mkimage and mke2fs -d throughput in MB/s of file data. */
export async function benchMkimage(): Promise<Record<string, number>> {
  const dir = await Deno.makeTempDir({ prefix: "denix_mkimage_bench_" });
  try {
    await Deno.mkdir(`${dir}/src`);
    const bytes = await generateTree(`${dir}/src`);
    const size = Math.ceil(bytes * 1.3 / (1 << 20)) << 20;
    const ours = await timed(async () => {
      const tree = new ImageTree();
      await addHostDir(tree, `${dir}/src`);
      await buildImage(tree, `${dir}/denix.img`, { sizeBytes: size, blockSize: BLOCK });
    });
    await Deno.remove(`${dir}/denix.img`);
    const theirs = await mke2fs(`${dir}/src`, `${dir}/mke2fs.img`, size);
    const mb = bytes / 1e6;
    return {
      mkimage_files: FILES,
      mkimage_data_mb: mb,
      mkimage_mb_per_s: mb / ours,
      mke2fs_mb_per_s: mb / theirs,
      mkimage_vs_mke2fs: theirs / ours,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) console.log(await benchMkimage());
