/**
 * Unit tests of the EXT2 layout module: struct codecs, inode helpers, directory
 * entry packing, sparse_super groups, geometry planning and block-map index math.
 */
import assert from "node:assert/strict";
import {
  blockPath,
  clearBit,
  countSetBits,
  decodeInode,
  decodeSuperblock,
  DIRENT_HEADER,
  direntSize,
  emptyInode,
  emptySuperblock,
  encodeDirBlocks,
  encodeInode,
  encodeSuperblock,
  Ext2Error,
  Ext2ErrorCode,
  FileType,
  findClearBit,
  groupHasSuper,
  indirectBlockCount,
  inodeDevice,
  inodeGid,
  inodeUid,
  maxFileBlocks,
  newIndirectDepths,
  parseDirBlock,
  planGeometry,
  setBits,
  setInodeDevice,
  setInodeOwner,
  testBit,
} from "../../../src/formats/ext2/mod.ts";

Deno.test("encodeSuperblock() round-trips fields and keeps bytes it does not know", () => {
  const bytes = new Uint8Array(1024).fill(0xaa);
  const view = new DataView(bytes.buffer);
  const sb = emptySuperblock();
  Object.assign(sb, { inodesCount: 2048, blocksCount: 8192, magic: 0xef53, inodeSize: 256 });
  sb.uuid = new Uint8Array(16).fill(7);
  encodeSuperblock(sb, view);
  const back = decodeSuperblock(view);
  assert.equal(back.blocksCount, 8192);
  assert.equal(back.magic, 0xef53);
  assert.deepEqual(back.uuid, new Uint8Array(16).fill(7));
  assert.equal(bytes[200], 0xaa, "s_algorithm_usage_bitmap untouched");
  assert.equal(view.getUint16(56, true), 0xef53);
});

Deno.test("encodeInode() splits 32-bit owners and round-trips 256-byte inodes", () => {
  const inode = emptyInode();
  inode.mode = 0o100644;
  setInodeOwner(inode, 70000, 65537);
  inode.block = Array.from({ length: 15 }, (_, i) => i * 1000);
  inode.extraIsize = 32;
  const bytes = new Uint8Array(256);
  encodeInode(inode, new DataView(bytes.buffer), 0, 256);
  const back = decodeInode(new DataView(bytes.buffer), 0, 256);
  assert.deepEqual(back, inode);
  assert.equal(inodeUid(back), 70000);
  assert.equal(inodeGid(back), 65537);
  assert.equal(new DataView(bytes.buffer).getUint16(120, true), 1, "l_i_uid_high");
});

Deno.test("setInodeDevice() uses the old encoding for small numbers and Linux's new one otherwise", () => {
  const inode = emptyInode();
  setInodeDevice(inode, 5, 1);
  assert.deepEqual(inode.block.slice(0, 2), [0x0501, 0]);
  assert.deepEqual(inodeDevice(inode), { major: 5, minor: 1 });
  setInodeDevice(inode, 259, 300);
  // new_encode_dev: (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12)
  assert.deepEqual(inode.block.slice(0, 2), [0, 0x2c | 259 << 8 | 0x100 << 12]);
  assert.deepEqual(inodeDevice(inode), { major: 259, minor: 300 });
});

Deno.test("encodeDirBlocks() packs entries 4-byte aligned with the last one filling the block", () => {
  const entries = [
    { ino: 2, name: ".", fileType: FileType.Directory },
    { ino: 2, name: "..", fileType: FileType.Directory },
    ...Array.from(
      { length: 100 },
      (_, i) => ({ ino: 12 + i, name: `file-${i}`, fileType: FileType.Regular }),
    ),
  ];
  const bytes = encodeDirBlocks(entries, 1024);
  assert.equal(bytes.length % 1024, 0);
  const back = [];
  for (let b = 0; b < bytes.length; b += 1024) {
    const block = bytes.subarray(b, b + 1024);
    back.push(...parseDirBlock(block, 1000));
    let off = 0, last = 0;
    while (off < 1024) {
      const rec = new DataView(block.buffer, b).getUint16(off + 4, true);
      assert.equal(rec % 4, 0);
      [last, off] = [off, off + rec];
    }
    assert.equal(off, 1024, "rec_lens sum to the block size");
    assert.ok(last > 0);
  }
  assert.deepEqual(back, entries);
  assert.equal(direntSize(1), 12);
  assert.equal(direntSize(4), 12);
  assert.equal(direntSize(5), 16);
  assert.equal(DIRENT_HEADER, 8);
});

Deno.test("parseDirBlock() rejects bad rec_len and name_len with a typed error", () => {
  const block = encodeDirBlocks([{ ino: 2, name: ".", fileType: FileType.Directory }], 1024);
  const view = new DataView(block.buffer);
  for (const rec of [0, 3, 6, 1028, 2048]) {
    view.setUint16(4, rec, true);
    assert.throws(
      () => parseDirBlock(block, 100),
      (e) => e instanceof Ext2Error && e.code === Ext2ErrorCode.BadDirEntry,
    );
  }
  view.setUint16(4, 12, true);
  view.setUint8(6, 255);
  assert.throws(() => parseDirBlock(block, 100), /name_len 255/);
});

Deno.test("groupHasSuper() picks groups 0, 1 and powers of 3, 5 and 7", () => {
  const groups = Array.from({ length: 400 }, (_, g) => g).filter((g) => groupHasSuper(g));
  assert.deepEqual(groups, [0, 1, 3, 5, 7, 9, 25, 27, 49, 81, 125, 243, 343]);
  assert.equal(groupHasSuper(4, false), true);
});

Deno.test("planGeometry() lays groups out without overlap and drops a too-short last group", () => {
  const geo = planGeometry({ sizeBytes: (8192 * 3 + 20) * 1024, blockSize: 1024, inodeSize: 128 });
  assert.equal(geo.groupCount, 3, "20-block tail group dropped");
  assert.equal(geo.blocksCount, 1 + 3 * 8192);
  for (const g of geo.groups) {
    assert.ok(g.firstDataBlock <= g.firstBlock + g.blockCount);
    assert.equal(g.inodeTable + geo.inodeTableBlocks, g.firstDataBlock);
  }
  assert.equal(geo.groups[2].hasSuper, false);
  assert.equal(geo.inodesPerGroup % 8, 0);
  assert.equal(geo.inodesPerGroup * 128 % 1024, 0, "inode table fills whole blocks");
  const four = planGeometry({
    sizeBytes: 1 << 20,
    blockSize: 4096,
    inodeSize: 256,
    minInodes: 500,
  });
  assert.equal(four.firstDataBlock, 0);
  assert.ok(four.inodesPerGroup >= 500);
  assert.throws(
    () => planGeometry({ sizeBytes: 32 << 10, blockSize: 1024, inodeSize: 128 }),
    /too small/,
  );
  assert.throws(
    () => planGeometry({ sizeBytes: 1 << 20, blockSize: 512, inodeSize: 128 }),
    /block size/,
  );
});

Deno.test("blockPath() maps the worked examples of 1 KiB blocks", () => {
  assert.deepEqual(blockPath(5, 1024), { slot: 5, path: [] });
  assert.deepEqual(blockPath(12, 1024), { slot: 12, path: [0] });
  assert.deepEqual(blockPath(267, 1024), { slot: 12, path: [255] });
  assert.deepEqual(blockPath(268, 1024), { slot: 13, path: [0, 0] });
  assert.deepEqual(blockPath(268 + 257, 1024), { slot: 13, path: [1, 1] });
  assert.deepEqual(blockPath(65804, 1024), { slot: 14, path: [0, 0, 0] });
  assert.deepEqual(blockPath(maxFileBlocks(1024) - 1, 1024), { slot: 14, path: [255, 255, 255] });
  assert.throws(() => blockPath(maxFileBlocks(1024), 1024), Ext2Error);
  assert.deepEqual(newIndirectDepths(blockPath(65804, 1024)), [1, 2, 3]);
  assert.deepEqual(newIndirectDepths(blockPath(65804 + 256, 1024)), [3]);
});

Deno.test("indirectBlockCount() agrees with counting new indirect blocks block by block", () => {
  const marks = new Set([0, 12, 13, 268, 269, 524, 525, 65804, 65805, 65804 + 65536 + 1, 140_000]);
  let count = 0;
  for (let n = 0; n <= 140_000; n++) {
    if (marks.has(n)) assert.equal(indirectBlockCount(n, 1024), count, `after ${n} blocks`);
    if (n < 140_000) count += newIndirectDepths(blockPath(n, 1024)).length;
  }
  assert.equal(indirectBlockCount(1024 + 12, 4096), 1);
  assert.equal(indirectBlockCount(1024 + 13, 4096), 3);
});

Deno.test("findClearBit() skips full bytes and respects the limit", () => {
  const map = new Uint8Array(4);
  setBits(map, 0, 19);
  assert.equal(findClearBit(map, 0, 32), 19);
  assert.equal(findClearBit(map, 0, 19), -1);
  clearBit(map, 3);
  assert.equal(findClearBit(map, 0, 32), 3);
  assert.equal(findClearBit(map, 4, 32), 19);
  assert.equal(testBit(map, 18), true);
  assert.equal(countSetBits(map, 32), 18);
});
