/**
 * The builder at its limits, checked by e2fsck and the reader: a size / block size /
 * inode size matrix, thousands of files, a 100-level tree, file sizes on block-map
 * boundaries, a file past the triple-indirect threshold of 1 KiB blocks, and trees
 * that do not fit.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ImageTree } from "../../src/image/tree.ts";
import { buildImage } from "../../src/image/build.ts";
import { readImageTree } from "../../src/image/from_image.ts";
import { openFileSource } from "../../src/image/file_source.ts";
import { Ext2Error, Ext2ErrorCode, Ext2Reader, planGeometry } from "../../src/formats/ext2/mod.ts";
import {
  assertFsckClean,
  debugfs,
  describeTree,
  e2fsTest,
  hasE2fsprogs,
  run,
  tempDir,
} from "./_e2fs.ts";

const pattern = (n: number, seed: number) =>
  new Uint8Array(n).map((_, i) => (i * 31 + seed) & 0xff);

/** Builds `tree`, checks e2fsck and that the reader returns the same tree. */
async function buildAndCheck(
  tree: ImageTree,
  options: { blockSize: number; inodeSize: number; sizeBytes: number },
): Promise<void> {
  const tmp = await tempDir();
  try {
    const image = `${tmp.dir}/disk.img`;
    await buildImage(tree, image, options);
    if (hasE2fsprogs) await assertFsckClean(image);
    const src = openFileSource(image);
    try {
      const back = readImageTree(Ext2Reader.open(src));
      assert.deepEqual(
        await describeTree(back, { skip: ["/lost+found"] }),
        await describeTree(tree),
      );
    } finally {
      src.close();
    }
  } finally {
    await tmp.done();
  }
}

function smallTree(): ImageTree {
  const t = new ImageTree(1_600_000_000);
  t.addFile("/a/b/c.txt", { kind: "bytes", bytes: pattern(5000, 1) });
  t.symlink("c.txt", "/a/b/link");
  t.mkdir("/x/y/z");
  return t;
}

e2fsTest("buildImage() makes clean images across sizes, block sizes and inode sizes", async () => {
  for (const size of [1 << 20, 16 << 20, 256 << 20]) {
    for (const blockSize of [1024, 2048, 4096]) {
      for (const inodeSize of [128, 256]) {
        await buildAndCheck(smallTree(), { sizeBytes: size, blockSize, inodeSize });
      }
    }
  }
});

e2fsTest("buildImage() stores thousands of files with sizes on block-map boundaries", async () => {
  const bs = 1024;
  const sizes = [0, 1, bs - 1, bs, bs + 1, 12 * bs, 12 * bs + 1, 268 * bs, 268 * bs + 1];
  const t = new ImageTree(1_650_000_000);
  for (let i = 0; i < 3000; i++) {
    t.addFile(`/flat/f${i}`, { kind: "bytes", bytes: pattern(i % 7, i) });
  }
  for (let d = 0; d < 40; d++) {
    for (let i = 0; i < 50; i++) {
      const size = sizes[(d + i) % sizes.length] % (d % 2 ? 4000 : Infinity);
      t.addFile(`/tree/d${d}/file-${i}`, { kind: "bytes", bytes: pattern(size, d * 50 + i) });
    }
  }
  await buildAndCheck(t, { sizeBytes: 128 << 20, blockSize: bs, inodeSize: 128 });
});

e2fsTest("buildImage() handles a directory tree 100 levels deep", async () => {
  const t = new ImageTree(1_650_000_000);
  const deep = "/d".repeat(100);
  t.addFile(`${deep}/leaf`, { kind: "bytes", bytes: new TextEncoder().encode("bottom\n") });
  const tmp = await tempDir();
  try {
    await buildImage(t, `${tmp.dir}/deep.img`, { sizeBytes: 2 << 20, blockSize: 1024 });
    await assertFsckClean(`${tmp.dir}/deep.img`);
    assert.equal(await debugfs(`${tmp.dir}/deep.img`, `cat ${deep}/leaf`), "bottom\n");
  } finally {
    await tmp.done();
  }
  await buildAndCheck(t, { sizeBytes: 2 << 20, blockSize: 4096, inodeSize: 256 });
});

e2fsTest(
  "buildImage() writes a host file past the triple-indirect threshold of 1 KiB blocks",
  async () => {
    const tmp = await tempDir();
    try {
      const size = (12 + 256 + 65536 + 300) * 1024 + 123; // ~64.6 MiB
      const host = `${tmp.dir}/big.bin`;
      const file = await Deno.open(host, { write: true, create: true });
      const hash = createHash("sha256");
      for (let off = 0, i = 0; off < size; i++) {
        const chunk = pattern(Math.min(1 << 20, size - off), i);
        hash.update(chunk);
        for (let w = 0; w < chunk.length;) w += await file.write(chunk.subarray(w));
        off += chunk.length;
      }
      file.close();
      const t = new ImageTree(1_650_000_000);
      t.addFile("/big", { kind: "host", path: host, size });
      const image = `${tmp.dir}/big.img`;
      await buildImage(t, image, { sizeBytes: 72 << 20, blockSize: 1024, inodeSize: 128 });
      await assertFsckClean(image);
      const stat = await debugfs(image, "stat /big");
      assert.match(stat, new RegExp(`Size: ${size}\\b`));
      assert.match(stat, /\(TIND\):/);
      const src = openFileSource(image);
      try {
        const fs = Ext2Reader.open(src);
        const data = fs.readFile(fs.lookup("/big"));
        assert.equal(createHash("sha256").update(data).digest("hex"), hash.digest("hex"));
      } finally {
        src.close();
      }
    } finally {
      await tmp.done();
    }
  },
);

Deno.test("buildImage() raises the inode count to fit many empty files", async () => {
  const t = new ImageTree(1_650_000_000);
  for (let i = 0; i < 2000; i++) t.addFile(`/e/${i}`, { kind: "bytes", bytes: new Uint8Array() });
  await buildAndCheck(t, { sizeBytes: 1 << 20, blockSize: 1024, inodeSize: 128 });
});

Deno.test("buildImage() refuses a tree that does not fit, suggesting a size", async () => {
  const t = new ImageTree();
  t.addFile("/big", { kind: "bytes", bytes: new Uint8Array(3 << 20) });
  const tmp = await tempDir();
  try {
    await assert.rejects(
      buildImage(t, `${tmp.dir}/x.img`, { sizeBytes: 2 << 20 }),
      (e) =>
        e instanceof Ext2Error && e.code === Ext2ErrorCode.NoSpace &&
        /try --size \d+M/.test(e.message),
    );
    await assert.rejects(Deno.stat(`${tmp.dir}/x.img`), Deno.errors.NotFound);
    const err = await buildImage(t, `${tmp.dir}/x.img`, { sizeBytes: 2 << 20 }).catch((e) => e);
    const suggested = Number(/try --size (\d+)M/.exec(err.message)![1]) << 20;
    await buildImage(t, `${tmp.dir}/x.img`, { sizeBytes: suggested }); // the suggestion fits
  } finally {
    await tmp.done();
  }
});

e2fsTest("assertFsckClean() notices a wrong free-block count (the oracle is live)", async () => {
  const tmp = await tempDir();
  try {
    const image = `${tmp.dir}/bad.img`;
    await buildImage(smallTree(), image, { sizeBytes: 1 << 20, blockSize: 1024 });
    const f = await Deno.open(image, { write: true, read: true });
    await f.seek(2048 + 12, Deno.SeekMode.Start); // group 0 bg_free_blocks_count
    await f.write(new Uint8Array([1, 0]));
    f.close();
    assert.notEqual((await run("e2fsck", ["-fn", image])).code, 0);
    await assert.rejects(assertFsckClean(image));
  } finally {
    await tmp.done();
  }
});

e2fsTest("backup superblocks and GDTs sit where dumpe2fs expects and pass e2fsck -b", async () => {
  const tmp = await tempDir();
  try {
    for (const [blockSize, sizeBytes] of [[1024, 64 << 20], [4096, 256 << 20]]) {
      const image = `${tmp.dir}/b${blockSize}.img`;
      await buildImage(smallTree(), image, { sizeBytes, blockSize, inodeSize: 128 });
      const dump = (await run("dumpe2fs", [image])).out;
      const found = [...dump.matchAll(/Backup superblock at (\d+)/g)].map((m) => Number(m[1]));
      const geo = planGeometry({ sizeBytes, blockSize, inodeSize: 128 });
      const expected = geo.groups.filter((g) => g.hasSuper && g.index > 0).map((g) => g.firstBlock);
      assert.deepEqual(found, expected);
      assert.ok(found.length >= 1);
      for (const backup of found) {
        const r = await run("e2fsck", [
          "-fn",
          "-b",
          String(backup),
          "-B",
          String(blockSize),
          image,
        ]);
        assert.equal(r.code, 0, r.out);
        assert.doesNotMatch(r.out, /wrong|differ|Fix\?/i, r.out);
      }
    }
  } finally {
    await tmp.done();
  }
});
