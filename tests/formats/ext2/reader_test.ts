/**
 * The reader against mke2fs: images made by `mke2fs -t ext2 -d DIR` (default
 * features ext_attr, resize_inode, dir_index, which the reader ignores) read back
 * (also after `e2fsck -D` turned big directories into htrees)
 * as the same tree as DIR itself: names, kinds, modes, sizes, contents, symlink
 * targets, device numbers and hard links.
 */
import assert from "node:assert/strict";
import { Ext2Reader, memorySource } from "../../../src/formats/ext2/mod.ts";
import { ImageTree } from "../../../src/image/tree.ts";
import { addHostDir } from "../../../src/image/host_import.ts";
import { readImageTree } from "../../../src/image/from_image.ts";
import { describeTree, e2fsTest, run, tempDir } from "../../image/_e2fs.ts";

const pattern = (n: number, seed: number) =>
  new Uint8Array(n).map((_, i) => (i * 29 + seed) & 0xff);

/** Fills `dir` with a varied tree of host files. */
async function makeHostTree(dir: string): Promise<void> {
  await Deno.mkdir(`${dir}/etc/deep/er/still`, { recursive: true });
  await Deno.mkdir(`${dir}/many`);
  await Deno.writeTextFile(`${dir}/etc/passwd`, "root:x:0:0::/root:/bin/sh\n");
  await Deno.chmod(`${dir}/etc/passwd`, 0o640);
  await Deno.writeFile(`${dir}/etc/deep/er/still/blob`, pattern(300 * 1024 + 7, 3));
  await Deno.writeFile(`${dir}/empty`, new Uint8Array());
  await Deno.writeFile(`${dir}/twelve`, pattern(12 * 1024 + 1, 5));
  await Deno.link(`${dir}/twelve`, `${dir}/etc/twelve-again`);
  await Deno.symlink("etc/passwd", `${dir}/fast-link`);
  await Deno.symlink("/" + "x".repeat(80), `${dir}/slow-link`);
  for (let i = 0; i < 600; i++) await Deno.writeTextFile(`${dir}/many/entry-number-${i}`, `${i}\n`);
  await run("mkfifo", [`${dir}/fifo`]);
  const sparse = await Deno.open(`${dir}/sparse`, { write: true, create: true });
  await sparse.seek(2 << 20, Deno.SeekMode.Start); // a 2 MiB hole, then data
  await sparse.write(pattern(5000, 9));
  sparse.close();
}

async function checkParity(args: string[], size: string, htree = false): Promise<void> {
  const tmp = await tempDir();
  try {
    const src = `${tmp.dir}/src`;
    await Deno.mkdir(src);
    await makeHostTree(src);
    const image = `${tmp.dir}/mke2fs.img`;
    const mk = await run("mke2fs", ["-q", "-F", "-t", "ext2", ...args, "-d", src, image, size]);
    assert.equal(mk.code, 0, mk.out);
    if (htree) {
      await run("e2fsck", ["-fyD", image]); // rebuilds directories as dir_index htrees
      assert.match((await run("debugfs", ["-R", "htree /many", image])).out, /Root node dump/);
    }
    const fs = Ext2Reader.open(memorySource(await Deno.readFile(image)));
    const expected = new ImageTree();
    await addHostDir(expected, src);
    const opts = { skip: ["/lost+found"], noDirTimes: true, noOwners: true };
    assert.deepEqual(
      await describeTree(readImageTree(fs), opts),
      await describeTree(expected, opts),
    );
    assert.equal(fs.readLink(fs.lookup("/slow-link")), "/" + "x".repeat(80));
    assert.equal(fs.readDir(fs.lookup("/many")).length, 602);
    const sparse = fs.readInode(fs.lookup("/sparse"));
    assert.ok(sparse.blocks * 512 < 64 << 10, "mke2fs kept the hole, the reader read it as zeros");
  } finally {
    await tmp.done();
  }
}

e2fsTest(
  "Ext2Reader reads mke2fs -d images with 1 KiB blocks and 128-byte inodes",
  () => checkParity(["-b", "1024", "-I", "128"], "8M"),
);

e2fsTest(
  "Ext2Reader reads mke2fs -d images with 4 KiB blocks and 256-byte inodes",
  () => checkParity(["-b", "4096", "-I", "256"], "16M"),
);

e2fsTest(
  "Ext2Reader reads mke2fs -d images with several groups",
  () => checkParity(["-b", "1024", "-g", "1024"], "8M"),
);

e2fsTest(
  "Ext2Reader reads htree (dir_index) directories as linear directories",
  () => checkParity(["-b", "1024"], "8M", true),
);
