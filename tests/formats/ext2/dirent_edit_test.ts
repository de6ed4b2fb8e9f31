/** In-place directory block edits keep the block valid for parseDirBlock. */
import assert from "node:assert/strict";
import {
  addDirEntry,
  emptyDirBlock,
  encodeDirBlocks,
  Ext2Error,
  FileType,
  parseDirBlock,
  removeDirEntry,
} from "../../../src/formats/ext2/mod.ts";

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
