/** In-place directory block edits keep the block valid for parseDirBlock. */
import assert from "node:assert/strict";
import {
  addDirEntry,
  emptyDirBlock,
  encodeDirBlocks,
  Ext2Error,
  Ext2Reader,
  FileType,
  memorySource,
  parseDirBlock,
  removeDirEntry,
} from "../../../src/formats/ext2/mod.ts";
import { ImageTree } from "../../../src/image/tree.ts";
import { buildImage } from "../../../src/image/build.ts";
import { assertFsckClean, e2fsTest, run, tempDir } from "../../image/_e2fs.ts";

const entry = (ino: number, name: string) => ({ ino, name, fileType: FileType.Regular });

Deno.test("addDirEntry() fills a block until no slot is left, keeping it parseable", () => {
  const block = encodeDirBlocks([
    { ino: 2, name: ".", fileType: FileType.Directory },
    { ino: 2, name: "..", fileType: FileType.Directory },
  ], 1024);
  let n = 0;
  while (addDirEntry(block, entry(100 + n, `name-${n}`))) n++;
  // 1024 bytes: "." 12 + ".." 12 + n * 16 (8 + 6..7 chars rounded) with the last one filling.
  assert.equal(n, Math.floor((1024 - 24) / 16));
  const names = parseDirBlock(block, 10_000).map((e) => e.name);
  assert.deepEqual(names.slice(2), Array.from({ length: n }, (_, i) => `name-${i}`));
});

Deno.test("removeDirEntry() merges into the predecessor and frees the first slot by inode 0", () => {
  const block = emptyDirBlock(1024);
  assert.ok(addDirEntry(block, entry(11, "first")));
  assert.ok(addDirEntry(block, entry(12, "second")));
  assert.ok(addDirEntry(block, entry(13, "third")));
  assert.equal(removeDirEntry(block, "second"), 12);
  assert.deepEqual(parseDirBlock(block, 100).map((e) => e.name), ["first", "third"]);
  assert.equal(removeDirEntry(block, "first"), 11);
  assert.deepEqual(parseDirBlock(block, 100).map((e) => e.name), ["third"]);
  assert.equal(removeDirEntry(block, "nope"), 0);
  assert.ok(addDirEntry(block, entry(14, "again")), "the cleared first slot is reused");
  assert.deepEqual(parseDirBlock(block, 100).map((e) => e.ino), [14, 13]);
  assert.equal(
    new DataView(block.buffer).getUint16(4, true),
    32,
    "reused slot keeps its merged rec_len",
  );
});

Deno.test("addDirEntry() refuses corrupt blocks and bad names with Ext2Error", () => {
  const block = new Uint8Array(1024); // rec_len 0 everywhere
  assert.throws(() => addDirEntry(block, entry(5, "x")), Ext2Error);
  assert.throws(() => removeDirEntry(block, "x"), Ext2Error);
  assert.throws(() => addDirEntry(emptyDirBlock(1024), entry(5, "")), Ext2Error);
  assert.throws(() => addDirEntry(emptyDirBlock(1024), entry(0, "zero")), Ext2Error);
});

e2fsTest("add/removeDirEntry() edits of a real image keep e2fsck clean", async () => {
  const tmp = await tempDir();
  try {
    const t = new ImageTree(1_700_000_000);
    t.addFile("/f", { kind: "bytes", bytes: new Uint8Array(10) });
    t.link("/f", "/g");
    for (let i = 0; i < 40; i++) t.mkfifo(`/p${i}`);
    const image = `${tmp.dir}/d.img`;
    await buildImage(t, image, { sizeBytes: 1 << 20, blockSize: 1024, inodeSize: 128 });
    const bytes = await Deno.readFile(image);
    const fs = Ext2Reader.open(memorySource(bytes));
    const ino = fs.lookup("/f");
    const rootBlock = bytes.subarray(
      fs.readInode(2).block[0] * 1024,
      fs.readInode(2).block[0] * 1024 + 1024,
    );
    const ipg = fs.sb.inodesPerGroup;
    const linksAt = fs.groups[Math.floor((ino - 1) / ipg)].inodeTable * 1024 +
      ((ino - 1) % ipg) * 128 + 26;
    const view = new DataView(bytes.buffer);
    assert.equal(removeDirEntry(rootBlock, "g"), ino);
    const p7 = removeDirEntry(rootBlock, "p7");
    assert.ok(p7 > 0);
    view.setUint16(linksAt, 1, true);
    await Deno.writeFile(image, bytes);
    const orphan = await run("e2fsck", ["-fn", image]); // p7's inode is now unreferenced
    assert.match(orphan.out, /Unattached inode/);
    assert.ok(
      addDirEntry(rootBlock, { ino: p7, name: "p7-again", fileType: FileType.Fifo }),
    );
    assert.ok(addDirEntry(rootBlock, { ino, name: "h", fileType: FileType.Regular }));
    view.setUint16(linksAt, 2, true);
    await Deno.writeFile(image, bytes);
    await assertFsckClean(image);
  } finally {
    await tmp.done();
  }
});
